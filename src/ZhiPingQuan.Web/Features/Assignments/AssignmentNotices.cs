using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Features.Assignments;

/// <summary>
/// Who is told what when an assessment is assigned, agreed to, declined for a conflict or reassigned
/// (docs/domain.md §4.2): the party that must act next.
/// </summary>
public sealed class AssignmentNotices(Notifier notify) :
    IDomainEventHandler<AgencyAssigned>,
    IDomainEventHandler<AgencyAgreedByEnterprise>,
    IDomainEventHandler<AgencyDeclinedByEnterprise>,
    IDomainEventHandler<AssessmentAccepted>,
    IDomainEventHandler<ConflictOfInterestDeclared>,
    IDomainEventHandler<AgencyReassigned>
{
    /// <summary>What the agency is asked to do about a task; settled once it accepts or declines it.</summary>
    private static readonly NotificationKind[] AgencyToDo = [NotificationKind.AssessmentTaskAssigned, NotificationKind.EnterpriseAgreed];

    public async Task HandleAsync(AgencyAssigned e, CancellationToken ct) =>
        await NotifyAssignedAsync(e.AssessmentId, e.EnterpriseId, e.AgencyId, e.AgencyName, ct);

    public async Task HandleAsync(AgencyAgreedByEnterprise e, CancellationToken ct)
    {
        var target = NotificationTarget.Assessment(e.AssessmentId);
        await notify.SettleAsync(e.EnterpriseId, target, [NotificationKind.AgencyToAgree], ct);
        await notify.ToOrganisationAsync(e.AgencyId, NotificationKind.EnterpriseAgreed, "企业已确认评估任务",
            $"{await EnterpriseNameAsync(e.EnterpriseId, ct)}已同意由本机构进行评估诊断，请声明无利益冲突后接受任务。", target, ct);
    }

    public async Task HandleAsync(AgencyDeclinedByEnterprise e, CancellationToken ct)
    {
        var target = NotificationTarget.Assessment(e.AssessmentId);
        await notify.SettleAsync(e.EnterpriseId, target, [NotificationKind.AgencyToAgree], ct);
        var enterprise = await EnterpriseNameAsync(e.EnterpriseId, ct);
        var agency = await AgencyNameAsync(e.AgencyId, ct);
        await notify.ToOrganisationAsync(e.RecommendingUnitId, NotificationKind.AgencyDeclinedByEnterprise,
            $"企业拒绝所指派的服务机构：{enterprise}",
            $"{enterprise}不同意由{agency}进行评估诊断（原因：{e.Reason}）。请改派其他服务机构。", target, ct);
    }

    public Task HandleAsync(AssessmentAccepted e, CancellationToken ct) =>
        notify.SettleAsync(e.AgencyId, NotificationTarget.Assessment(e.AssessmentId), AgencyToDo, ct);

    public async Task HandleAsync(ConflictOfInterestDeclared e, CancellationToken ct)
    {
        await notify.SettleAsync(e.AgencyId, NotificationTarget.Assessment(e.AssessmentId), AgencyToDo, ct);
        var enterprise = await EnterpriseNameAsync(e.EnterpriseId, ct);
        var agency = await AgencyNameAsync(e.AgencyId, ct);
        await notify.ToOrganisationAsync(e.RecommendingUnitId, NotificationKind.ConflictDeclared,
            $"服务机构声明存在利益冲突：{enterprise}",
            $"{agency}声明与{enterprise}存在利益冲突（{e.Statement}），未接受评估任务。请改派其他服务机构。",
            NotificationTarget.Assessment(e.AssessmentId), ct);
    }

    public async Task HandleAsync(AgencyReassigned e, CancellationToken ct)
    {
        var target = NotificationTarget.Assessment(e.AssessmentId);
        // A declared conflict or the enterprise's refusal of the agency has been dealt with.
        await notify.SettleAsync(e.RecommendingUnitId, target, [NotificationKind.ConflictDeclared, NotificationKind.AgencyDeclinedByEnterprise], ct);
        var enterprise = await EnterpriseNameAsync(e.EnterpriseId, ct);
        // The previous agency loses the record: the notice names no page it could no longer open.
        await notify.ToOrganisationAsync(e.PreviousAgencyId, NotificationKind.AssessmentTaskWithdrawn, $"评估任务已改派：{enterprise}",
            $"推荐单位已将{enterprise}的评估诊断改派给其他服务机构。原因：{e.Reason}", null, ct);
        await NotifyAssignedAsync(e.AssessmentId, e.EnterpriseId, e.AgencyId, e.AgencyName, ct);
    }

    private async Task NotifyAssignedAsync(Guid assessmentId, Guid enterpriseId, Guid agencyId, string agencyName, CancellationToken ct)
    {
        var target = NotificationTarget.Assessment(assessmentId);
        var enterprise = await EnterpriseNameAsync(enterpriseId, ct);
        await notify.ToOrganisationAsync(enterpriseId, NotificationKind.AgencyToAgree, "请确认评估服务机构",
            $"推荐单位已为本企业指派评估诊断服务机构：{agencyName}。请在“评估进展”中确认。", target, ct);
        await notify.ToOrganisationAsync(agencyId, NotificationKind.AssessmentTaskAssigned, $"新的评估任务：{enterprise}",
            $"推荐单位指派本机构对{enterprise}进行评估诊断。企业确认后，请声明无利益冲突并接受任务。", target, ct);
    }

    private Task<string> EnterpriseNameAsync(Guid id, CancellationToken ct) => notify.OrganisationNameAsync(id, ct);

    private Task<string> AgencyNameAsync(Guid id, CancellationToken ct) => notify.OrganisationNameAsync(id, ct);
}
