using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ZhiPingQuan.Web.Infrastructure.Operations;

/// <summary>
/// Admission control (docs/decisions/0015-request-admission.md): an instance works on at most
/// <see cref="ConcurrentKey"/> requests at once and lets the others wait their turn, oldest first. Without it, every
/// request that arrives starts at once and they share the cores: under a burst each one takes as long as all of them,
/// and a request with a lot of work (a sign-in's deliberately slow password hash, a home page's figures) takes many
/// times the average. In turn, each request runs at close to full speed once admitted, so the slowest answers stay close
/// to the typical one. The sign-ins (the password's and the second factor's posts) wait in a line of their own
/// (<see cref="SignInKey"/>): their hashing is all computation, and in the pages' line each one held a place that a
/// dozen page views could have used, while behind a single line a morning's burst of sign-ins would keep every page
/// waiting. A full queue answers 503 (系统繁忙) at once rather than letting the wait grow without bound. The health
/// check is never queued, so a monitor sees a busy instance as alive, nor are the error pages (a refused request is
/// answered with one, through the pipeline again).
/// </summary>
public static class RequestAdmission
{
    public const string ConcurrentKey = "Performance:ConcurrentRequests";
    public const string QueueKey = "Performance:QueuedRequests";
    public const string SignInKey = "Performance:ConcurrentSignIns";

    /// <summary>
    /// Three for every two cores: a request also waits for the database and the network, and while it waits another may
    /// use the core; more at once only share the cores more thinly (measured in docs/benchmarks.md).
    /// </summary>
    public static int DefaultConcurrent => Math.Max(1, Environment.ProcessorCount * 3 / 2);

    public const int DefaultQueued = 1000;

    /// <summary>
    /// Three per core, twice the pages: a sign-in mostly computes, so more of them at once make each slower but none
    /// wait in line (measured in docs/benchmarks.md).
    /// </summary>
    public static int DefaultSignIns => Environment.ProcessorCount * 3;

    public static IServiceCollection AddRequestAdmission(this IServiceCollection services, IConfiguration configuration)
    {
        var concurrent = configuration.GetValue(ConcurrentKey, DefaultConcurrent);
        var queued = Math.Max(0, configuration.GetValue(QueueKey, DefaultQueued));
        var signIns = Math.Max(1, configuration.GetValue(SignInKey, DefaultSignIns));
        services.Configure<RateLimiterOptions>(o =>
        {
            // 0 (or less) turns admission off: every request starts at once, as ASP.NET Core does by default.
            PartitionedRateLimiter<HttpContext>? admission = null;
            if (concurrent > 0)
            {
                // Both lines: so many at once, the rest waiting oldest first, up to the same queue length.
                ConcurrencyLimiterOptions Line(int permits) =>
                    new() { PermitLimit = permits, QueueLimit = queued, QueueProcessingOrder = QueueProcessingOrder.OldestFirst };
                admission = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/Errors")
                        ? RateLimitPartition.GetNoLimiter("exempt")
                        : IsSignIn(context.Request)
                            ? RateLimitPartition.GetConcurrencyLimiter("sign-ins", _ => Line(signIns))
                            : RateLimitPartition.GetConcurrencyLimiter("requests", _ => Line(concurrent)));
                o.GlobalLimiter = admission;
            }
            // A full queue is a busy instance (503, come back in a few seconds); any other refusal is a form's own
            // limit, the sign-in limits per address (429, come back in a minute).
            o.OnRejected = (context, _) =>
            {
                var response = context.HttpContext.Response;
                var busy = admission?.GetStatistics(context.HttpContext) is { } queue
                    && queue.CurrentAvailablePermits == 0 && queue.CurrentQueuedCount >= queued;
                response.StatusCode = busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = busy ? "5" : "60";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>The password's and the second factor's posts: the hashing requests.</summary>
    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/Account/LoginWithCode", StringComparison.OrdinalIgnoreCase));
}
