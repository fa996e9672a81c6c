using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Features.Assessments;

/// <summary>
/// Who is told what as a report goes through the third party's check and the district's confirmation
/// (docs/domain.md §4.2): the party that must act next, and the enterprise and agency once it is final.
/// No notice carries the result values: the notice to the enterprise comes only once the result is confirmed
/// and points at the page that shows it.
/// </summary>
public sealed class AssessmentNotices(Notifier notify) :
    IDomainEventHandler<ReportSubmitted>,
    IDomainEventHandler<ComplianceConfirmed>,
    IDomainEventHandler<ReportReturned>,
    IDomainEventHandler<AssessmentConfirmed>
{
    public async Task HandleAsync(ReportSubmitted e, CancellationToken ct)
    {
        // A resubmission answers the return.
        await notify.SettleAsync(e.AgencyId, NotificationTarget.Assessment(e.AssessmentId), [NotificationKind.ReportReturned], ct);
        var enterprise = await notify.OrganisationNameAsync(e.EnterpriseId, ct);
        var verb = e.IsResubmission ? "重新提交" : "提交";
        await notify.ToEveryAsync(OrganisationKind.ThirdParty, NotificationKind.ReportAwaitingCheck, $"评估报告待核查：{enterprise}",
            $"服务机构已{verb}{enterprise}的评估报告（第{e.ReportVersion}次提交），请核查合规性。",
            NotificationTarget.Assessment(e.AssessmentId), ct);
    }

    public async Task HandleAsync(ComplianceConfirmed e, CancellationToken ct)
    {
        var target = NotificationTarget.Assessment(e.AssessmentId);
        await notify.SettleAsync(target, [NotificationKind.ReportAwaitingCheck], ct);
        await notify.ToOrganisationAsync(e.RecommendingUnitId, NotificationKind.ComplianceConfirmed, "评估已通过合规核查，请确认完成",
            $"{await notify.OrganisationNameAsync(e.EnterpriseId, ct)}的评估诊断已由第三方机构确认合规，请推荐单位确认评估完成。", target, ct);
    }

    public async Task HandleAsync(ReportReturned e, CancellationToken ct)
    {
        var target = NotificationTarget.Assessment(e.AssessmentId);
        await notify.SettleAsync(target, [NotificationKind.ReportAwaitingCheck], ct);
        await notify.ToOrganisationAsync(e.AgencyId, NotificationKind.ReportReturned, "评估报告被退回",
            $"{await notify.OrganisationNameAsync(e.EnterpriseId, ct)}的评估报告被第三方机构退回：{e.Reasons}", target, ct);
    }

    public async Task HandleAsync(AssessmentConfirmed e, CancellationToken ct)
    {
        var target = NotificationTarget.Assessment(e.AssessmentId);
        await notify.SettleAsync(target, [NotificationKind.ComplianceConfirmed], ct);
        await notify.ToOrganisationAsync(e.EnterpriseId, NotificationKind.AssessmentConfirmed, "评估诊断结果已确认",
            "本企业的评估诊断已由推荐单位确认完成，可在“评估进展”中查看评估结果和报告。", target, ct);
        await notify.ToOrganisationAsync(e.AgencyId, NotificationKind.AssessmentConfirmed, "评估诊断已确认完成",
            $"{await notify.OrganisationNameAsync(e.EnterpriseId, ct)}的评估诊断已由推荐单位确认完成。", target, ct);
    }
}
