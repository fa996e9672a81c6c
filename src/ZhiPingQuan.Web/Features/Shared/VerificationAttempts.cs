using System.Threading.RateLimiting;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>How many wrong or malformed codes one address may try in a window (configuration section <c>Verification</c>).</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    public int FailedLookupsPerWindow { get; set; } = 10;

    public int WindowSeconds { get; set; } = 600;
}

/// <summary>
/// The public verification pages' brake on guessing (summary tables and redemption notices share one budget per address): wrong or malformed codes are counted per address in a fixed window
/// by the shared framework's rate limiter (System.Threading.RateLimiting, what ASP.NET Core's rate-limiting middleware is
/// built on). The middleware itself is not used because it counts every request: a clerk checking a stack of genuine
/// printouts must not be slowed down, only someone trying codes.
/// </summary>
public sealed class VerificationAttempts : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public VerificationAttempts(VerificationOptions options)
    {
        Options = options;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, options.FailedLookupsPerWindow),
                Window = TimeSpan.FromSeconds(Math.Max(1, options.WindowSeconds)),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public VerificationOptions Options { get; }

    /// <summary>What a blocked address is told, on every verification page alike.</summary>
    public string BlockedMessage =>
        $"查询过于频繁：本地址输入错误的验证码已达{Options.FailedLookupsPerWindow}次，请{Math.Max(1, Options.WindowSeconds / 60)}分钟后再试。";

    /// <summary>True once the address has used up its wrong tries for this window (asking costs nothing).</summary>
    public bool IsBlocked(string address)
    {
        using var lease = _failures.AttemptAcquire(address, 0);
        return !lease.IsAcquired;
    }

    public void RecordFailure(string address)
    {
        using var _ = _failures.AttemptAcquire(address, 1);
    }

    public void Dispose() => _failures.Dispose();
}
