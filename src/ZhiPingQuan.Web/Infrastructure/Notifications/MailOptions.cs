namespace ZhiPingQuan.Web.Infrastructure.Notifications;

/// <summary>The SMTP server the outbox sends through (configuration section <c>Mail</c>; README "Configuration").</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>SMTP server; empty disables sending (mails stay queued in the outbox).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>Account for SMTP AUTH; empty sends without authenticating (an internal relay).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address (required when <see cref="Host"/> is set).</summary>
    public string? From { get; set; }

    public string FromName { get; set; } = "智评券服务平台";

    /// <summary>Encrypt the connection: TLS from the start on port 465, STARTTLS (required) on any other port. False: plain.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>How often each instance looks for due mails.</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>At most this many mails per look.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>SMTP timeout of one command.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>How long a claim holds a mail for its sender (must outlast one attempt: several times the timeout).</summary>
    public int ClaimMinutes { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public TimeSpan PollInterval => TimeSpan.FromSeconds(Math.Max(1, PollSeconds));

    public TimeSpan ClaimLease => TimeSpan.FromMinutes(Math.Max(1, ClaimMinutes));

    /// <summary>What is wrong with a configuration that has a host, in Chinese; null when it can send.</summary>
    public string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(From) || !From.Contains('@'))
        {
            return "已设置 Mail:Host，但 Mail:From（发件人地址）为空或格式不正确";
        }
        if (Port is < 1 or > 65535)
        {
            return $"Mail:Port 应为 1–65535，当前为 {Port}";
        }
        if (ClaimLease <= TimeSpan.FromSeconds(TimeoutSeconds * 3))
        {
            return "Mail:ClaimMinutes 应远长于 Mail:TimeoutSeconds（一次发送可能耗时数个超时），否则另一实例可能在发送中接手同一封邮件";
        }
        return null;
    }
}
