namespace ZhiPingQuan.Web.Infrastructure.Operations;

/// <summary>
/// A request whose client went away while the portal worked on it (a closed tab, a proxy's timeout, a load test
/// stopping) ends with the database call it was in being cancelled. That is not a fault of the portal: without this,
/// each one was logged as "responded 500" at error level with its stack trace, which buries real errors and would
/// page whoever watches the error log. Such a request is logged as 499 (client closed request) at information level.
/// Nothing is saved by it: a save cancelled part-way rolls its transaction back.
/// </summary>
public static class ClientDisconnects
{
    /// <summary>Inside the request log, so the log line says 499; outside everything that talks to the database.</summary>
    public static IApplicationBuilder UseClientDisconnects(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            // Only when the client is really gone: a cancellation of the portal's own (a timeout) stays an error.
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                if (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
                }
            }
        });
}
