using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Notifications;

public enum OutboxEmailState
{
    Pending,
    Sent,

    /// <summary>Gave up after <see cref="OutboxEmail.MaxAttempts"/> failures; kept for the administrator.</summary>
    Dead,
}

public static class OutboxEmailStateNames
{
    public static string ToChinese(this OutboxEmailState state) => state switch
    {
        OutboxEmailState.Pending => "待发送",
        OutboxEmailState.Sent => "已发送",
        OutboxEmailState.Dead => "发送失败",
        _ => state.ToString(),
    };
}

/// <summary>
/// An e-mail written in the same transaction as the change it reports, sent later by a background
/// sender that retries with exponential back-off (1, 2, 4, … minutes, at most 1 hour apart) and
/// gives up after <see cref="MaxAttempts"/> failures. A sender claims a mail (its instance and a lease
/// expiry) before it sends it, so several instances of the portal never send the same mail twice; the
/// claim ends with the attempt's outcome, or lapses at its expiry if the sender died meanwhile
/// (docs/decisions/0010-outbox-and-reminders.md).
/// </summary>
public sealed class OutboxEmail : Entity
{
    public const int MaxAttempts = 8;
    public const int MaxToLength = 256;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20000;
    public const int MaxErrorLength = 2000;
    public const int MaxClaimLength = 100;
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private OutboxEmail() { }

    public OutboxEmail(string to, string subject, string body, DateTime utcNow)
    {
        var t = (to ?? string.Empty).Trim();
        if (t.Length == 0 || t.Length > MaxToLength || t.IndexOf('@') is <= 0 || t.EndsWith('@') || t.Any(char.IsWhiteSpace))
        {
            throw new DomainException("收件人邮箱格式不正确。");
        }
        var s = (subject ?? string.Empty).Trim();
        if (s.Length == 0 || s.Length > MaxSubjectLength)
        {
            throw new DomainException($"邮件主题不能为空（最多{MaxSubjectLength}个字符）。");
        }
        if ((body ?? string.Empty).Length > MaxBodyLength)
        {
            throw new DomainException("邮件正文过长。");
        }
        To = t;
        Subject = s;
        Body = body ?? string.Empty;
        CreatedAtUtc = utcNow;
        NextAttemptAtUtc = utcNow;
        State = OutboxEmailState.Pending;
    }

    public string To { get; private set; } = string.Empty;
    public string Subject { get; private set; } = string.Empty;
    public string Body { get; private set; } = string.Empty;
    public OutboxEmailState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the sender may try next; null once sent or dead.</summary>
    public DateTime? NextAttemptAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The sender instance attempting the mail now, or null.</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>When the claim lapses (a sender that died mid-attempt leaves the mail to others after this).</summary>
    public DateTime? ClaimExpiresAtUtc { get; private set; }

    public bool IsDue(DateTime utcNow) => OutboxEmailRules.Due.IsSatisfiedBy(this, utcNow);

    /// <summary>Due and not held by a live claim: a sender may claim it (<see cref="OutboxEmailRules.Claimable"/>).</summary>
    public bool IsClaimable(DateTime utcNow) => OutboxEmailRules.Claimable.IsSatisfiedBy(this, utcNow);

    /// <summary>
    /// Claims the mail for one attempt by <paramref name="sender"/> until <paramref name="utcNow"/> + <paramref name="lease"/>.
    /// The portal makes the same change with one conditional UPDATE (the database decides between instances); this method
    /// is the rule in memory.
    /// </summary>
    public void Claim(string sender, DateTime utcNow, TimeSpan lease)
    {
        var s = (sender ?? string.Empty).Trim();
        if (s.Length == 0 || s.Length > MaxClaimLength)
        {
            throw new ArgumentException($"发送实例标识应为1至{MaxClaimLength}个字符。", nameof(sender));
        }
        if (lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease));
        }
        if (!IsClaimable(utcNow))
        {
            throw new DomainException(State == OutboxEmailState.Pending && IsDue(utcNow)
                ? "该邮件正由其他发送实例处理。"
                : "该邮件当前无需发送。");
        }
        ClaimedBy = s;
        ClaimExpiresAtUtc = utcNow + lease;
    }

    /// <summary>Pending → Sent (the claim ends).</summary>
    public void MarkSent(DateTime utcNow)
    {
        EnsurePending("标记已发送");
        State = OutboxEmailState.Sent;
        SentAtUtc = utcNow;
        NextAttemptAtUtc = null;
        ReleaseClaim();
    }

    /// <summary>A failed attempt: retry later with back-off, or Pending → Dead after the last attempt (the claim ends).</summary>
    public void RecordFailure(DateTime utcNow, string error)
    {
        EnsurePending("记录发送失败");
        ReleaseClaim();
        Attempts++;
        var e = string.IsNullOrWhiteSpace(error) ? "未知错误" : error.Trim();
        LastError = e.Length > MaxErrorLength ? e[..MaxErrorLength] : e;
        if (Attempts >= MaxAttempts)
        {
            State = OutboxEmailState.Dead;
            NextAttemptAtUtc = null;
            return;
        }
        NextAttemptAtUtc = utcNow + RetryDelay(Attempts);
    }

    /// <summary>The wait after the n-th failure: 1 min × 2^(n−1), at most 1 hour.</summary>
    public static TimeSpan RetryDelay(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var delay = FirstRetryDelay * Math.Pow(2, exponent);
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }

    private void ReleaseClaim()
    {
        ClaimedBy = null;
        ClaimExpiresAtUtc = null;
    }

    private void EnsurePending(string action)
    {
        if (State != OutboxEmailState.Pending)
        {
            throw new InvalidTransitionException("邮件", State.ToChinese(), action);
        }
    }
}

/// <summary>Named states of an outbox mail, one definition for the sender's queries and for code.</summary>
public static class OutboxEmailRules
{
    /// <summary>Pending and its next attempt is due at the given instant.</summary>
    public static readonly QueryRule<OutboxEmail, DateTime> Due =
        new((m, utcNow) => m.State == OutboxEmailState.Pending && m.NextAttemptAtUtc <= utcNow);

    /// <summary>
    /// Due, and no sender holds a live claim on it: the condition of the claiming UPDATE, so of two instances racing for the
    /// same mail the database lets exactly one change the row.
    /// </summary>
    public static readonly QueryRule<OutboxEmail, DateTime> Claimable =
        new((m, utcNow) => m.State == OutboxEmailState.Pending && m.NextAttemptAtUtc <= utcNow
            && (m.ClaimExpiresAtUtc == null || m.ClaimExpiresAtUtc <= utcNow));
}
