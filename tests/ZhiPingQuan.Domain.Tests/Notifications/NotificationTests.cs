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

        var toUser = Notification.ToUser(user, NotificationKind.ReportReturned, "评估报告被退回", "请修改后重新提交。", NotificationTarget.Assessment(Guid.Empty), Now);
        var toOrg = Notification.ToOrganisation(org, NotificationKind.ConflictDeclared, "服务机构声明存在利益冲突", "", null, Now);

        Assert.Equal((user, (Guid?)null), (toUser.RecipientUserId!.Value, toUser.RecipientOrganisationId));
        Assert.Equal(((Guid?)null, org), (toOrg.RecipientUserId, toOrg.RecipientOrganisationId!.Value));
        Assert.False(toUser.IsRead);
    }

    [Fact]
    public void Mark_read_keeps_the_first_reading_time()
    {
        var n = Notification.ToUser(Guid.NewGuid(), NotificationKind.AgencyToAgree, "标题", "内容", null, Now);

        n.MarkRead(Now.AddMinutes(5));
        n.MarkRead(Now.AddMinutes(9));

        Assert.True(n.IsRead);
        Assert.Equal(Now.AddMinutes(5), n.ReadAtUtc);
    }

    [Fact]
    public void A_notification_names_its_kind_and_target_and_no_link()
    {
        var id = Guid.NewGuid();
        var n = Notification.ToOrganisation(Guid.NewGuid(), NotificationKind.ReportReturned, "评估报告被退回", "原因", NotificationTarget.Assessment(id), Now);
        Assert.Equal(NotificationKind.ReportReturned, n.Kind);
        Assert.Equal(new NotificationTarget(NotificationTargetKind.Assessment, id), n.Target);
    }

    [Fact]
    public void A_long_title_or_body_is_shortened_not_refused()
    {
        var n = Notification.ToUser(Guid.NewGuid(), NotificationKind.ReportReturned, new string('标', 300), new string('内', 3000), null, Now);
        Assert.Equal(Notification.MaxTitleLength, n.Title.Length);
        Assert.EndsWith("…", n.Title);
        Assert.Equal(Notification.MaxBodyLength, n.Body.Length);
    }

    [Fact]
    public void A_notification_needs_a_title_and_a_recipient()
    {
        Assert.Throws<DomainException>(() => Notification.ToUser(Guid.NewGuid(), NotificationKind.AgencyToAgree, " ", "内容", null, Now));
        Assert.Throws<DomainException>(() => Notification.ToUser(Guid.Empty, NotificationKind.AgencyToAgree, "标题", "内容", null, Now));
        Assert.Throws<DomainException>(() => Notification.ToOrganisation(Guid.Empty, NotificationKind.AgencyToAgree, "标题", "内容", null, Now));
    }
}
