using System.ComponentModel.DataAnnotations;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Assignments;

/// <summary>Where an assessment stands in the assignment steps, in words for every role.</summary>
public static class AssignmentStatus
{
    /// <summary>"待企业确认" / "待服务机构接受" / "服务机构声明存在利益冲突" / the state's own name.</summary>
    public static string Describe(AssessmentState state, DateTime? enterpriseConfirmedAtUtc, bool? conflictDeclared, bool enterpriseDeclined = false) => state switch
    {
        AssessmentState.Assigned when enterpriseDeclined => "企业拒绝该服务机构，待改派",
        AssessmentState.Assigned when conflictDeclared == true => "服务机构声明存在利益冲突，待改派",
        AssessmentState.Assigned when enterpriseConfirmedAtUtc is null => "已指派，待企业确认",
        AssessmentState.Assigned => "企业已确认，待服务机构接受",
        _ => state.ToChinese(),
    };

    public static string BadgeClass(AssessmentState state, bool? conflictDeclared, bool enterpriseDeclined = false) => state switch
    {
        AssessmentState.Assigned when enterpriseDeclined => "text-bg-danger",
        AssessmentState.Assigned when conflictDeclared == true => "text-bg-danger",
        AssessmentState.Assigned => "text-bg-warning",
        AssessmentState.Confirmed => "text-bg-success",
        AssessmentState.Returned => "text-bg-danger",
        _ => "text-bg-primary",
    };
}

/// <summary>Filters of the district's assignment list.</summary>
public sealed class AssignmentFilter : ListQuery
{
    /// <summary>Part of the enterprise's name.</summary>
    public string? Q { get; set; }

    public AssessmentState? State { get; set; }

    /// <summary>Only assessments whose agency declared a conflict of interest and still wait for reassignment.</summary>
    public bool Conflicts { get; set; }
}

public sealed record AssignmentRow(
    Guid Id,
    Guid EnterpriseId,
    string EnterpriseName,
    int Year,
    string BatchName,
    Guid AgencyId,
    string AgencyName,
    AgencyLevel AgencyLevel,
    bool AgencyRedeemableToday,
    AssessmentState State,
    DateTime AssignedAtUtc,
    DateTime? EnterpriseConfirmedAtUtc,
    bool? ConflictDeclared,
    int ReassignmentCount,
    bool CanBeReassigned,
    bool OpenToAgency,
    bool EnterpriseDeclined = false)
{
    public string Status => AssignmentStatus.Describe(State, EnterpriseConfirmedAtUtc, ConflictDeclared, EnterpriseDeclined);
}

public sealed class AssignmentListModel
{
    public required AssignmentFilter Filter { get; init; }
    public required PagedList<AssignmentRow> Assignments { get; init; }
    public required DateOnly Today { get; init; }
    public int UnassignedCount { get; init; }

    /// <summary>Unread notices to the district about its assignments (declared conflicts).</summary>
    public IReadOnlyList<Notification> Notices { get; init; } = [];
}

/// <summary>A recommended enterprise of the district's unit that has no agency yet.</summary>
public sealed record UnassignedRow(Guid RecommendationId, Guid EnterpriseId, string EnterpriseName, string CreditCode, int Year, string BatchName, DateTime? RecommendedAtUtc);

public sealed class UnassignedListModel
{
    public string? Q { get; init; }
    public Guid? BatchId { get; init; }
    public string? BatchTitle { get; init; }
    public required PagedList<UnassignedRow> Recommendations { get; init; }
}

/// <summary>The district's choice of agency for one recommendation.</summary>
public sealed class AssignForm
{
    public Guid RecommendationId { get; set; }

    [Display(Name = "服务机构")]
    public Guid? AgencyId { get; set; }
}

public sealed class AssignPageModel
{
    public required AssignForm Form { get; init; }
    public required Recommendation Recommendation { get; init; }
    public required IReadOnlyList<AgencyChoice> Agencies { get; init; }

    /// <summary>Whether the enterprise can agree to the agency in the portal (a warning and the invitation when not).</summary>
    public required EnterpriseAccountState EnterpriseAccount { get; init; }
}

/// <summary>The district changes the agency before the report is submitted, with a reason.</summary>
public sealed class ReassignForm
{
    public Guid Version { get; set; }

    [Display(Name = "新的服务机构")]
    public Guid? AgencyId { get; set; }

    [Display(Name = "改派原因")]
    public string? Reason { get; set; }
}

public sealed class ReassignPageModel
{
    public required ReassignForm Form { get; init; }
    public required Assessment Assessment { get; init; }
    public required IReadOnlyList<AgencyChoice> Agencies { get; init; }
}

/// <summary>A change of agency, with both agencies' names.</summary>
public sealed record AssignmentChangeView(string FromAgency, string ToAgency, string Reason, string ByUserName, DateTime AtUtc);

public sealed class AssignmentDetailsModel
{
    public required Assessment Assessment { get; init; }
    public required string UnitName { get; init; }
    public required int Year { get; init; }
    public required string BatchName { get; init; }
    public required DateOnly Today { get; init; }
    public required IReadOnlyList<AssignmentChangeView> Changes { get; init; }
    public required IReadOnlyList<AuditEntry> History { get; init; }

    /// <summary>The agency does not read the list of agency changes (it names earlier agencies and why they were replaced).</summary>
    public bool ShowsChanges { get; init; }
    public bool CanAgree { get; init; }
    public bool CanDeclare { get; init; }
    public bool CanReassign { get; init; }
    public bool AgencyQualifiesToday { get; init; }
}

/// <summary>One of the enterprise's recommendations with its assessment, if an agency has been assigned.</summary>
public sealed record EnterpriseProgressRow(
    Guid RecommendationId,
    int Year,
    string BatchName,
    string UnitName,
    RecommendationState RecommendationState,
    bool DistrictFundedOnly,
    Guid? AssessmentId,
    Guid? AssessmentVersion,
    string? AgencyName,
    AgencyLevel? AgencyLevel,
    AssessmentState? State,
    DateTime? AssignedAtUtc,
    DateTime? EnterpriseConfirmedAtUtc,
    bool? ConflictDeclared,
    decimal? Score,
    Domain.Reference.MaturityLevel? StatedLevel,
    string? SmartFactoryLevelName,
    DateTime? ConfirmedAtUtc,
    bool Confirmed,
    bool AwaitingAgreement,
    bool EnterpriseDeclined = false);

/// <summary>Filters of the agency's task list.</summary>
public sealed class TaskFilter
{
    /// <summary>Only tasks still waiting for the agency's declaration and acceptance.</summary>
    public bool PendingOnly { get; set; }

    public int Page { get; set; } = 1;
}

public sealed class TaskListModel
{
    public required TaskFilter Filter { get; init; }
    public required PagedList<AssignmentRow> Tasks { get; init; }
    public required int PendingCount { get; init; }
    public required DateOnly Today { get; init; }
}

/// <summary>The enterprise's progress page: its recommendations with their assessments, or only those waiting for its agreement.</summary>
public sealed class EnterpriseProgressModel
{
    public bool ToAgree { get; init; }
    public required IReadOnlyList<EnterpriseProgressRow> Rows { get; init; }
}

/// <summary>One enterprise of a bulk assignment and why it cannot be assigned (null: it can).</summary>
public sealed record BulkAssignRow(Guid RecommendationId, string EnterpriseName, string CreditCode, string Batch, string? Refusal);

/// <summary>
/// The bulk assignment's pages: choosing the agency for the enterprises ticked on the unassigned list, then the
/// confirmation that lists them with the agency (or names the rows that stop the whole set).
/// </summary>
public sealed class BulkAssignPageModel
{
    public required IReadOnlyList<Guid> Ids { get; init; }
    public required IReadOnlyList<BulkAssignRow> Rows { get; init; }
    public IReadOnlyList<AgencyChoice> Agencies { get; init; } = [];
    public Guid? AgencyId { get; init; }

    /// <summary>Set on the confirmation step: the chosen agency.</summary>
    public ServiceAgency? Agency { get; init; }
    public bool Refused => Rows.Any(r => r.Refusal is not null);
}

/// <summary>What a bulk assignment did, one row per enterprise.</summary>
public sealed class BulkAssignedModel
{
    public required IReadOnlyList<AssignmentRow> Rows { get; init; }
}
