using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Domain.Tests.Notifications;

public class NotificationTests
{
    private static readonly DateTime Now = new(2023, 11, 14, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_notification_goes_to_a_user_or_to_an_organisation()
    {
        var user = Guid.NewGuid();
        var org = Guid.NewGuid();

        var toUser = Notification.ToUser(user, "申请被退回补正", "请在2023年11月20日前补正。", "/Applications/Details/1", Now);
        var toOrg = Notification.ToOrganisation(org, "汇总表待盖章", "", null, Now);

        Assert.Equal((user, (Guid?)null), (toUser.RecipientUserId!.Value, toUser.RecipientOrganisationId));
        Assert.Equal(((Guid?)null, org), (toOrg.RecipientUserId, toOrg.RecipientOrganisationId!.Value));
        Assert.False(toUser.IsRead);
    }

    [Fact]
    public void Mark_read_keeps_the_first_reading_time()
    {
        var n = Notification.ToUser(Guid.NewGuid(), "标题", "内容", null, Now);

        n.MarkRead(Now.AddMinutes(5));
        n.MarkRead(Now.AddMinutes(9));

        Assert.True(n.IsRead);
        Assert.Equal(Now.AddMinutes(5), n.ReadAtUtc);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public void Links_outside_the_portal_are_refused(string link)
    {
        Assert.Throws<DomainException>(() => Notification.ToUser(Guid.NewGuid(), "标题", "内容", link, Now));
    }

    [Fact]
    public void A_notification_needs_a_title_and_a_recipient()
    {
        Assert.Throws<DomainException>(() => Notification.ToUser(Guid.NewGuid(), " ", "内容", null, Now));
        Assert.Throws<DomainException>(() => Notification.ToUser(Guid.Empty, "标题", "内容", null, Now));
        Assert.Throws<DomainException>(() => Notification.ToOrganisation(Guid.Empty, "标题", "内容", null, Now));
    }
}
