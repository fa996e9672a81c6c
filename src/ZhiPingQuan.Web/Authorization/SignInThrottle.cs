using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// Guessing passwords is slowed twice (docs/decisions/0013-sessions-and-separation-of-duties.md): per address by ASP.NET Core's rate
/// limiter on the sign-in and account-link forms (<see cref="AddressPolicy"/>, 429), and per account by the same
/// library's limiter keyed by the address typed — known or not, so the answer tells nothing about the account.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string AddressPolicy = "sign-in";
    public const string PerAddressKey = "Security:SignInAttemptsPerAddressPerMinute";
    public const string PerAccountKey = "Security:SignInAttemptsPerAccountPerMinute";
    public const string TooManyForAccount = "该账户的登录尝试过于频繁，请1分钟后再试。";

    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IConfiguration configuration)
    {
        var limit = Math.Max(1, configuration.GetValue(PerAccountKey, 5));
        _perAccount = PartitionedRateLimiter.Create<string, string>(account =>
            RateLimitPartition.GetSlidingWindowLimiter(account, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));
    }

    /// <summary>Whether another attempt for this account (the address as typed, case ignored) may be tried now.</summary>
    public bool TryAttempt(string account)
    {
        using var lease = _perAccount.AttemptAcquire(account.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _perAccount.Dispose();

    /// <summary>The per-address policy, and the throttle itself.</summary>
    public static IServiceCollection AddSignInThrottling(IServiceCollection services, IConfiguration configuration)
    {
        var perAddress = Math.Max(1, configuration.GetValue(PerAddressKey, 20));
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AddressPolicy, context =>
                RateLimitPartition.GetSlidingWindowLimiter(context.ClientAddressKey(),
                    _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = perAddress,
                        Window = TimeSpan.FromMinutes(1),
                        SegmentsPerWindow = 6,
                        QueueLimit = 0,
                    }));
        });
        return services;
    }
}
