namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>Configuration keys the portal reads (see README "Configuration").</summary>
public static class ConfigKeys
{
    public const string Provider = "Database:Provider";
    public const string ConnectionString = "Default";
    public const string StorageRoot = "Storage:Root";
    public const string DemoSeed = "Demo:Seed";

    /// <summary>With <see cref="DemoSeed"/>: also the demo's assessed enterprises and summary tables (on in the Demo and Development environments).</summary>
    public const string DemoTables = "Demo:Tables";
    public const string SeedPassword = "Demo:Password";

    /// <summary>The portal's public address (https://zpq.example.cn): links printed on tables and sent in e-mails.</summary>
    public const string PublicBaseUrl = "Portal:PublicBaseUrl";
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>Where the portal keeps files. Resolved once at start-up.</summary>
public sealed class StorageOptions
{
    public required string Root { get; init; }
}
