using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Features.SummaryTables;

/// <summary>
/// Who is told what as a summary table is sealed, refused, submitted and reopened (docs/domain.md §4.3): the other
/// party — in-app and by e-mail through the outbox (<see cref="Notifier"/>). A notice leads to the revision it is about.
/// </summary>
public sealed class SummaryTableNotices(Notifier notify) :
    IDomainEventHandler<SummaryTableSealed>,
    IDomainEventHandler<SummaryTableSealRefused>,
    IDomainEventHandler<SummaryTableSubmitted>,
    IDomainEventHandler<SummaryTableReopened>
{
    public async Task HandleAsync(SummaryTableSealed e, CancellationToken ct)
    {
        var target = NotificationTarget.SummaryTable(e.TableId);
        var unit = await notify.OrganisationNameAsync(e.UnitId, ct);
        if (e.Party == SealParty.District)
        {
            await notify.SettleAsync(e.UnitId, target, [NotificationKind.SummaryTableSealRefused, NotificationKind.SummaryTableReopened], ct);
            await notify.ToEveryAsync(OrganisationKind.ThirdParty, NotificationKind.SummaryTableAwaitingThirdPartySeal, $"汇总表待盖章：{unit}",
                $"{unit}已对《{e.Title}》（第{e.Revision}版）电子盖章，请核对内容后盖章，或填写原因拒绝盖章。", target, ct);
            return;
        }
        await notify.SettleAsync(e.OrganisationId, target, [NotificationKind.SummaryTableAwaitingThirdPartySeal, NotificationKind.SummaryTableReopened], ct);
        await notify.ToOrganisationAsync(e.UnitId, NotificationKind.SummaryTableSealedByThirdParty, "第三方机构已盖章，请报送汇总表",
            $"第三方机构已对《{e.Title}》（第{e.Revision}版）电子盖章。请在截止日期前报送市经信委。", target, ct);
    }

    public async Task HandleAsync(SummaryTableSealRefused e, CancellationToken ct)
    {
        var target = NotificationTarget.SummaryTable(e.TableId);
        await notify.SettleAsync(e.OrganisationId, target, [NotificationKind.SummaryTableAwaitingThirdPartySeal], ct);
        await notify.ToOrganisationAsync(e.UnitId, NotificationKind.SummaryTableSealRefused, "第三方机构拒绝盖章",
            $"第三方机构未对《{e.Title}》（第{e.Revision}版）盖章，原因：{e.Reason}。本单位的盖章已失效，请修改后重新盖章。", target, ct);
    }

    public async Task HandleAsync(SummaryTableSubmitted e, CancellationToken ct)
    {
        var target = NotificationTarget.SummaryTable(e.TableId);
        await notify.SettleAsync(e.UnitId, target, [NotificationKind.SummaryTableSealedByThirdParty], ct);
        var unit = await notify.OrganisationNameAsync(e.UnitId, ct);
        var body = $"{unit}已报送《{e.Title}》（第{e.Revision}版，{e.EnterpriseIds.Count}家企业{(e.Late ? "，截止日期延长后报送" : string.Empty)}），验证码{SummaryTable.FormatVerificationCode(e.VerificationCode)}。";
        await notify.ToEveryAsync(OrganisationKind.Commission, NotificationKind.SummaryTableSubmitted, $"汇总表已报送：{unit}", body, target, ct);
        await notify.ToEveryAsync(OrganisationKind.ThirdParty, NotificationKind.SummaryTableSubmitted, $"汇总表已报送：{unit}", body, target, ct);
    }

    public async Task HandleAsync(SummaryTableReopened e, CancellationToken ct)
    {
        var target = NotificationTarget.SummaryTable(e.NewRevisionId);
        var title = $"汇总表被退回重报：{e.Title}";
        var body = $"市经信委退回了《{e.Title}》第{e.Revision}版，原因：{e.Reason}。第{e.Revision + 1}版已生成，请推荐单位修改后重新盖章并报送，第三方机构重新盖章。";
        await notify.ToOrganisationAsync(e.UnitId, NotificationKind.SummaryTableReopened, title, body, target, ct);
        await notify.ToEveryAsync(OrganisationKind.ThirdParty, NotificationKind.SummaryTableReopened, title, body, target, ct);
    }
}
