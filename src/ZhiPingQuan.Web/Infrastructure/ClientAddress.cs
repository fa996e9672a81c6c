namespace ZhiPingQuan.Web.Infrastructure;

public static class ClientAddress
{
    /// <summary>
    /// The client's address as a key for per-address limits, after the forwarded-headers middleware has put the real
    /// client's address in place of a trusted proxy's. Requests without one (a test host, a Unix socket) share one key,
    /// so they are limited together rather than not at all.
    /// </summary>
    public static string ClientAddressKey(this HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
