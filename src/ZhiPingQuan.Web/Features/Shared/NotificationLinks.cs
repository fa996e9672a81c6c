using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>
/// Where a notice leads: worked out from its kind and target when it is shown, so a notice stored today still
/// leads to the right page after the pages move. Null when there is no page to open (for example the task an
/// agency lost).
/// </summary>
public static class NotificationLinks
{
    public static string? For(Notification notice) => (notice.Kind, notice.TargetId) switch
    {
        (NotificationKind.AgencyToAgree, { } id) => $"/Assignments/Details/{id}",
        (NotificationKind.AssessmentTaskAssigned or NotificationKind.EnterpriseAgreed or NotificationKind.ConflictDeclared
            or NotificationKind.AgencyDeclinedByEnterprise, { } id) =>
            $"/Assignments/Details/{id}",
        (NotificationKind.ReportReturned, { } id) => $"/Assessments/Record/{id}",
        (NotificationKind.ReportAwaitingCheck or NotificationKind.ComplianceConfirmed or NotificationKind.AssessmentConfirmed, { } id) =>
            $"/Assessments/Details/{id}",
        (NotificationKind.SummaryTableAwaitingThirdPartySeal or NotificationKind.SummaryTableSealedByThirdParty or NotificationKind.SummaryTableSealRefused
            or NotificationKind.SummaryTableSubmitted or NotificationKind.SummaryTableReopened, { } id) => $"/SummaryTables/Details/{id}",
        (NotificationKind.ApplicationAwaitingReview, { } id) => $"/Reviews/Details/{id}",
        (NotificationKind.ApplicationReturned or NotificationKind.ApplicationPassed or NotificationKind.ApplicationRejected, { } id) =>
            $"/Applications/Details/{id}",
        (NotificationKind.SummaryTableDeadlineReminder, { } batchId) => $"/SummaryTables?batchId={batchId}",
        (NotificationKind.ApplicationDeadlineReminder, not null) => "/Applications",
        (NotificationKind.SupplementDueReminder, { } id) => $"/Applications/Details/{id}",
        (NotificationKind.RedemptionAwaitingApproval or NotificationKind.RedemptionApproved or NotificationKind.RedemptionPaid, { } id) =>
            $"/Redemptions/Details/{id}",
        _ => null,
    };
}
