using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Assessments;

/// <summary>Named states of an assessment (docs/domain.md §4.2), one definition for queries, pages and code.</summary>
public static class AssessmentRules
{
    /// <summary>Assigned, the enterprise has neither agreed nor declined yet.</summary>
    public static readonly QueryRule<Assessment> AwaitingEnterpriseAgreement =
        new(a => a.State == AssessmentState.Assigned && a.EnterpriseConfirmedAtUtc == null && a.EnterpriseDeclinedAtUtc == null);

    /// <summary>Assigned and agreed to by the enterprise: the agency must now declare on conflict of interest and accept.</summary>
    public static readonly QueryRule<Assessment> AwaitingAgencyAcceptance =
        new(a => a.State == AssessmentState.Assigned && a.EnterpriseConfirmedAtUtc != null && a.ConflictDeclared == null);

    /// <summary>
    /// Assigned and neither refused by the enterprise nor blocked by a declared conflict: the agency's task is open — it may
    /// declare, and accept once the enterprise agreed.
    /// </summary>
    public static readonly QueryRule<Assessment> OpenToAgency =
        new(a => a.State == AssessmentState.Assigned && a.ConflictDeclared != true && a.EnterpriseDeclinedAtUtc == null);

    /// <summary>Assigned, the agency declared a conflict of interest or the enterprise declined the agency: the district must reassign.</summary>
    public static readonly QueryRule<Assessment> AwaitingReassignment =
        new(a => a.State == AssessmentState.Assigned && (a.ConflictDeclared == true || a.EnterpriseDeclinedAtUtc != null));

    /// <summary>Report submitted, the third party has not checked it yet.</summary>
    public static readonly QueryRule<Assessment> AwaitingComplianceCheck =
        new(a => a.State == AssessmentState.ReportSubmitted && a.ComplianceConfirmedAtUtc == null);

    /// <summary>Report submitted and compliance confirmed: the district may confirm completion.</summary>
    public static readonly QueryRule<Assessment> AwaitingDistrictConfirmation =
        new(a => a.State == AssessmentState.ReportSubmitted && a.ComplianceConfirmedAtUtc != null);

    /// <summary>Confirmed by the district: the result is final and may be shown to the enterprise.</summary>
    public static readonly QueryRule<Assessment> Confirmed = new(a => a.State == AssessmentState.Confirmed);

    /// <summary>The agency keeps its record and may submit its report: in progress, or returned by the third party.</summary>
    public static readonly QueryRule<Assessment> OpenForRecording =
        new(a => a.State == AssessmentState.InProgress || a.State == AssessmentState.Returned);

    /// <summary>The agency can be changed until the report is submitted.</summary>
    public static readonly QueryRule<Assessment> Reassignable =
        new(a => a.State == AssessmentState.Assigned || a.State == AssessmentState.InProgress);
}
