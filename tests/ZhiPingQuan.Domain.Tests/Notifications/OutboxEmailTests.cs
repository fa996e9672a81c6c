using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Domain.Tests.Notifications;

public class OutboxEmailTests
{
    private static readonly DateTime Now = new(2023, 11, 14, 1, 0, 0, DateTimeKind.Utc);

    private static OutboxEmail Mail() => new("zhangsan@example.cn", "【智评券】申请截止提醒", "您的额度申请尚未提交。", Now);

    [Fact]
    public void A_new_mail_is_pending_and_due_at_once()
    {
        var m = Mail();

        Assert.Equal(OutboxEmailState.Pending, m.State);
        Assert.Equal(0, m.Attempts);
        Assert.True(m.IsDue(Now));
    }

    [Fact]
    public void Failures_back_off_exponentially()
    {
        var m = Mail();

        m.RecordFailure(Now, "连接超时");
        Assert.Equal(Now.AddMinutes(1), m.NextAttemptAtUtc);
        Assert.False(m.IsDue(Now.AddSeconds(59)));
        Assert.True(m.IsDue(Now.AddMinutes(1)));

        m.RecordFailure(Now, "连接超时");
        Assert.Equal(Now.AddMinutes(2), m.NextAttemptAtUtc);
        m.RecordFailure(Now, "连接超时");
        Assert.Equal(Now.AddMinutes(4), m.NextAttemptAtUtc);
        Assert.Equal(3, m.Attempts);
        Assert.Equal("连接超时", m.LastError);
        Assert.Equal(OutboxEmailState.Pending, m.State);
    }

    [Fact]
    public void The_back_off_is_capped_at_one_hour()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), OutboxEmail.RetryDelay(1));
        Assert.Equal(TimeSpan.FromMinutes(32), OutboxEmail.RetryDelay(6));
        Assert.Equal(TimeSpan.FromHours(1), OutboxEmail.RetryDelay(7));
        Assert.Equal(TimeSpan.FromHours(1), OutboxEmail.RetryDelay(50));
    }

    [Fact]
    public void After_the_last_attempt_the_mail_is_dead_and_no_longer_due()
    {
        var m = Mail();

        for (var i = 0; i < OutboxEmail.MaxAttempts; i++)
        {
            Assert.Equal(OutboxEmailState.Pending, m.State);
            m.RecordFailure(Now, "550 mailbox unavailable");
        }

        Assert.Equal(OutboxEmailState.Dead, m.State);
        Assert.Equal(OutboxEmail.MaxAttempts, m.Attempts);
        Assert.Null(m.NextAttemptAtUtc);
        Assert.False(m.IsDue(Now.AddDays(1)));
        Assert.Throws<InvalidTransitionException>(() => m.RecordFailure(Now, "again"));
        Assert.Throws<InvalidTransitionException>(() => m.MarkSent(Now));
    }

    [Fact]
    public void Mark_sent_moves_pending_to_sent_once()
    {
        var m = Mail();
        m.RecordFailure(Now, "超时");

        m.MarkSent(Now.AddMinutes(1));

        Assert.Equal(OutboxEmailState.Sent, m.State);
        Assert.Equal(Now.AddMinutes(1), m.SentAtUtc);
        Assert.Null(m.NextAttemptAtUtc);
        Assert.False(m.IsDue(Now.AddDays(1)));
        Assert.Throws<InvalidTransitionException>(() => m.MarkSent(Now));
        Assert.Throws<InvalidTransitionException>(() => m.RecordFailure(Now, "x"));
    }

    [Fact]
    public void A_long_error_is_truncated()
    {
        var m = Mail();

        m.RecordFailure(Now, new string('x', 5000));

        Assert.Equal(OutboxEmail.MaxErrorLength, m.LastError!.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@example.cn")]
    [InlineData("a b@example.cn")]
    public void An_invalid_recipient_is_refused(string to)
    {
        Assert.Throws<DomainException>(() => new OutboxEmail(to, "主题", "正文", Now));
    }

    [Fact]
    public void An_empty_subject_is_refused()
    {
        Assert.Throws<DomainException>(() => new OutboxEmail("a@example.cn", " ", "正文", Now));
        Assert.Equal("发送失败", OutboxEmailState.Dead.ToChinese());
    }
}
