using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Features.Redemptions;

/// <summary>
/// Who is told what about a redemption (docs/domain.md §4.6): the commission that one waits for approval; the agency (the
/// payee) that one was approved or paid; the enterprise and the agency that one was declined, with the reason. Approving or
/// declining settles the commission's notice.
/// </summary>
public sealed class RedemptionNotices(Notifier notify) :
    IDomainEventHandler<RedemptionCreated>,
    IDomainEventHandler<RedemptionApproved>,
    IDomainEventHandler<RedemptionDeclined>,
    IDomainEventHandler<RedemptionPaid>
{
    public async Task HandleAsync(RedemptionCreated e, CancellationToken ct)
    {
        var enterprise = await notify.OrganisationNameAsync(e.EnterpriseId, ct);
        await notify.ToEveryAsync(OrganisationKind.Commission, NotificationKind.RedemptionAwaitingApproval, $"额度兑付待批准：{enterprise}",
            $"{enterprise}的额度申请已审核通过，生成兑付{e.Amount}（兑付给{await notify.OrganisationNameAsync(e.AgencyId, ct)}），请批准或不予兑付。",
            NotificationTarget.Redemption(e.RedemptionId), ct);
    }

    public async Task HandleAsync(RedemptionApproved e, CancellationToken ct)
    {
        var target = NotificationTarget.Redemption(e.RedemptionId);
        await notify.SettleAsync(target, [NotificationKind.RedemptionAwaitingApproval], ct);
        var enterprise = await notify.OrganisationNameAsync(e.EnterpriseId, ct);
        await notify.ToOrganisationAsync(e.AgencyId, NotificationKind.RedemptionApproved, $"兑付已批准：{enterprise}",
            $"市经信委已批准为{enterprise}提供评估诊断服务的兑付{e.Amount}，付款后将登记支付信息；可下载兑付通知。", target, ct);
    }

    public async Task HandleAsync(RedemptionDeclined e, CancellationToken ct)
    {
        var target = NotificationTarget.Redemption(e.RedemptionId);
        await notify.SettleAsync(target, [NotificationKind.RedemptionAwaitingApproval], ct);
        var enterprise = await notify.OrganisationNameAsync(e.EnterpriseId, ct);
        await notify.ToOrganisationAsync(e.AgencyId, NotificationKind.RedemptionDeclined, $"不予兑付：{enterprise}",
            $"市经信委决定对{enterprise}的评估诊断服务不予兑付，原因：{e.Reason}", target, ct);
        await notify.ToOrganisationAsync(e.EnterpriseId, NotificationKind.RedemptionDeclined, "智评券额度不予兑付",
            $"市经信委决定本企业的智评券额度不予兑付，原因：{e.Reason}", target, ct);
    }

    public async Task HandleAsync(RedemptionPaid e, CancellationToken ct)
    {
        var enterprise = await notify.OrganisationNameAsync(e.EnterpriseId, ct);
        await notify.ToOrganisationAsync(e.AgencyId, NotificationKind.RedemptionPaid, $"兑付已支付：{enterprise}",
            $"市经信委已于{Display.LongDate(e.PaidOn)}支付{enterprise}的兑付{e.Amount}，银行凭证号{e.Reference}。",
            NotificationTarget.Redemption(e.RedemptionId), ct);
    }
}
