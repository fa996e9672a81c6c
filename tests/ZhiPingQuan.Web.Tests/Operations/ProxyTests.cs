using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Operations;

/// <summary>
/// Forwarded headers behind a proxy, seen through what depends on the client's address: /verify counts wrong codes per
/// address (2 per window here). The test server has no network peer, so a test middleware sets the peer's address from
/// <c>X-Test-Peer</c> before the portal's pipeline runs. Not a database matter: SQLite only.
/// </summary>
public sealed class ProxyTests
{
    private sealed class ProxiedPortal(string? knownProxies) : PortalFactory(DbProvider.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Verification:FailedLookupsPerWindow", "2");
            builder.UseSetting("Portal:InstanceName", "portal-test-1");
            if (knownProxies is not null)
            {
                builder.UseSetting("Proxy:KnownProxies", knownProxies);
            }
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, PeerFromHeader>());
        }
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Peer", out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Three wrong codes from <paramref name="peer"/>, each claiming another client address; the status of the third.</summary>
    private static async Task<HttpStatusCode> ThirdWrongCodeAsync(PortalFactory portal, string peer)
    {
        var client = portal.Browser();
        HttpStatusCode last = default;
        for (var i = 1; i <= 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/verify/WRONGCODE{i}");
            request.Headers.Add("X-Test-Peer", peer);
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            last = (await client.SendAsync(request)).StatusCode;
        }
        return last;
    }

    [Fact]
    public async Task Forwarded_client_addresses_are_believed_only_from_a_configured_proxy()
    {
        var portal = new ProxiedPortal("10.0.0.5");
        await ((IAsyncLifetime)portal).InitializeAsync();
        try
        {
            // From the configured proxy each request counts for the client it names: never blocked.
            Assert.Equal(HttpStatusCode.NotFound, await ThirdWrongCodeAsync(portal, "10.0.0.5"));
            // From anyone else (a loopback peer too, once proxies are configured) the header is ignored: all three count for the peer.
            Assert.Equal(HttpStatusCode.TooManyRequests, await ThirdWrongCodeAsync(portal, "127.0.0.1"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await ThirdWrongCodeAsync(portal, "203.0.113.7"));
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_configuration_only_a_proxy_on_the_same_machine_is_believed_and_every_answer_names_the_instance()
    {
        var portal = new ProxiedPortal(null);
        await ((IAsyncLifetime)portal).InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, await ThirdWrongCodeAsync(portal, "127.0.0.1"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await ThirdWrongCodeAsync(portal, "203.0.113.8"));

            var client = portal.Browser();
            foreach (var path in new[] { "/Account/Login", "/healthz", "/no-such-page" })
            {
                var response = await client.GetAsync(path);
                Assert.Equal("portal-test-1", Assert.Single(response.Headers.GetValues("X-Portal-Instance")));
            }
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }
    }
}
