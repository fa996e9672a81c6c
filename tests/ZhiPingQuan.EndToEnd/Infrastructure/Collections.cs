namespace ZhiPingQuan.EndToEnd.Infrastructure;

/// <summary>The browser tests that share one portal (and its demo data).</summary>
[CollectionDefinition("portal")]
public sealed class PortalCollection : ICollectionFixture<PortalServer>;

/// <summary>
/// Tests that leave the portal's data in a state others must not see (a locked-out account) get a
/// portal of their own: this collection's fixture is a second, separate server and database.
/// </summary>
[CollectionDefinition("portal-isolated")]
public sealed class IsolatedPortalCollection : ICollectionFixture<PortalServer>;
