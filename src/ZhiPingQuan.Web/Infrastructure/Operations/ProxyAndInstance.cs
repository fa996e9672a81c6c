using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ZhiPingQuan.Web.Infrastructure.Operations;

/// <summary>
/// Running behind a reverse proxy, as one of several instances: which proxies' X-Forwarded-* headers are believed
/// (<c>Proxy:KnownProxies</c>, <c>Proxy:KnownNetworks</c>) and the <c>X-Portal-Instance</c> header naming the instance
/// that answered (<c>Portal:InstanceName</c>).
/// </summary>
public static class ProxyAndInstance
{
    public const string KnownProxiesKey = "Proxy:KnownProxies";
    public const string KnownNetworksKey = "Proxy:KnownNetworks";
    public const string InstanceNameKey = "Portal:InstanceName";
    public const string InstanceHeader = "X-Portal-Instance";

    /// <summary>
    /// Forwarded headers (client address and scheme) are taken only from the configured proxy addresses and networks;
    /// from any other peer they are ignored, so a client cannot claim another address. Without configuration only a
    /// proxy on the same machine (127.0.0.1, ::1) is believed — ASP.NET Core's own default. A value that is not an
    /// address (or network in CIDR form) stops the start.
    /// </summary>
    public static IServiceCollection AddPortalProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Values(configuration, KnownProxiesKey)
            .Select(v => IPAddress.TryParse(v, out var ip)
                ? ip
                : throw new InvalidOperationException($"{KnownProxiesKey} 中的“{v}”不是 IP 地址 / '{v}' in {KnownProxiesKey} is not an IP address"))
            .ToList();
        var networks = Values(configuration, KnownNetworksKey)
            .Select(v => System.Net.IPNetwork.TryParse(v, out var network)
                ? network
                : throw new InvalidOperationException($"{KnownNetworksKey} 中的“{v}”不是网段（如 10.0.0.0/24）/ '{v}' in {KnownNetworksKey} is not a network such as 10.0.0.0/24"))
            .ToList();

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count == 0 && networks.Count == 0)
            {
                return;
            }
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>Every answer (error pages too: the header is added as the response starts) names this instance.</summary>
    public static IApplicationBuilder UsePortalInstanceHeader(this IApplicationBuilder app)
    {
        var configured = app.ApplicationServices.GetRequiredService<IConfiguration>()[InstanceNameKey];
        var name = string.IsNullOrWhiteSpace(configured) ? Environment.MachineName : configured.Trim();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[InstanceHeader] = name;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>A list key given as one comma-separated value (environment variable) or as an array section (JSON).</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var single = configuration[key];
        var items = configuration.GetSection(key).GetChildren().Select(c => c.Value);
        return (single is null ? items : single.Split(',', ';'))
            .Select(v => v?.Trim())
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!);
    }
}
