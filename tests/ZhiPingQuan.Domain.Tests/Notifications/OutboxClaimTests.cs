using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Domain.Tests.Notifications;

/// <summary>The claim a sender instance puts on a mail before sending it (docs/decisions/0010-outbox-and-reminders.md).</summary>
public class OutboxClaimTests
{
    private static readonly DateTime Now = new(2023, 11, 14, 1, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static OutboxEmail Mail() => new("zhangsan@example.cn", "【智评券】汇总表报送提醒", "本单位的汇总表尚未报送。", Now);

    [Fact]
    public void A_claimed_mail_is_not_claimable_by_another_instance_until_the_lease_lapses()
    {
        var m = Mail();

        m.Claim("instance-a", Now, Lease);

        Assert.Equal(("instance-a", Now + Lease), (m.ClaimedBy, m.ClaimExpiresAtUtc!.Value));
        Assert.True(m.IsDue(Now));
        Assert.False(m.IsClaimable(Now.AddMinutes(9)));
        var refused = Assert.Throws<DomainException>(() => m.Claim("instance-b", Now.AddMinutes(9), Lease));
        Assert.Equal("该邮件正由其他发送实例处理。", refused.Message);
        Assert.Equal("instance-a", m.ClaimedBy);

        // The instance died mid-attempt: after the lease another one may take the mail.
        Assert.True(m.IsClaimable(Now + Lease));
        m.Claim("instance-b", Now + Lease, Lease);
        Assert.Equal("instance-b", m.ClaimedBy);
    }

    [Fact]
    public void Sending_or_failing_ends_the_claim_and_a_failure_waits_for_the_back_off()
    {
        var sent = Mail();
        sent.Claim("a", Now, Lease);
        sent.MarkSent(Now.AddSeconds(2));
        Assert.Equal((null, null), (sent.ClaimedBy, sent.ClaimExpiresAtUtc));
        Assert.False(sent.IsClaimable(Now.AddDays(1)));

        var failed = Mail();
        failed.Claim("a", Now, Lease);
        failed.RecordFailure(Now.AddSeconds(2), "554 Transaction failed");
        Assert.Equal((null, null), (failed.ClaimedBy, failed.ClaimExpiresAtUtc));
        Assert.False(failed.IsClaimable(Now.AddSeconds(61)));
        Assert.True(failed.IsClaimable(Now.AddSeconds(62)));
    }

    [Fact]
    public void A_mail_not_yet_due_cannot_be_claimed()
    {
        var m = Mail();
        m.RecordFailure(Now, "连接被拒绝");

        var refused = Assert.Throws<DomainException>(() => m.Claim("a", Now.AddSeconds(30), Lease));

        Assert.Equal("该邮件当前无需发送。", refused.Message);
        Assert.Null(m.ClaimedBy);
    }

    [Fact]
    public void The_rule_is_the_same_in_memory_and_for_queries()
    {
        var free = Mail();
        var held = Mail();
        held.Claim("a", Now, Lease);
        var later = Mail();
        later.RecordFailure(Now, "x");

        var claimable = new[] { free, held, later }.AsQueryable().Where(OutboxEmailRules.Claimable.For(Now.AddMinutes(1)).Expression).ToList();

        Assert.Equal(new[] { free, later }, claimable);
    }
}
