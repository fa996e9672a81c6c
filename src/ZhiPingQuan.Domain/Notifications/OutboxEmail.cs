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
/// gives up after <see cref="MaxAttempts"/> failures.
/// </summary>
public sealed class OutboxEmail : Entity
{
    public const int MaxAttempts = 8;
    public const int MaxToLength = 256;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20000;
    public const int MaxErrorLength = 2000;
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

    public bool IsDue(DateTime utcNow) => State == OutboxEmailState.Pending && NextAttemptAtUtc <= utcNow;

    /// <summary>Pending → Sent.</summary>
    public void MarkSent(DateTime utcNow)
    {
        EnsurePending("标记已发送");
        State = OutboxEmailState.Sent;
        SentAtUtc = utcNow;
        NextAttemptAtUtc = null;
    }

    /// <summary>A failed attempt: retry later with back-off, or Pending → Dead after the last attempt.</summary>
    public void RecordFailure(DateTime utcNow, string error)
    {
        EnsurePending("记录发送失败");
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

    private void EnsurePending(string action)
    {
        if (State != OutboxEmailState.Pending)
        {
            throw new InvalidTransitionException("邮件", State.ToChinese(), action);
        }
    }
}
