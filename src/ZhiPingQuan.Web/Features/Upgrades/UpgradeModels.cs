using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Upgrades;

/// <summary>The filters of the list of assessed enterprises.</summary>
public sealed class UpgradeFilter : ListQuery
{
    public Guid? YearId { get; set; }
    public Guid? BatchId { get; set; }

    /// <summary>The commission's unit filter; ignored for a district or an enterprise (their scope decides).</summary>
    public Guid? UnitId { get; set; }
    public FollowUpStatus? Status { get; set; }

    /// <summary>true: started a project within six months; false: did not (yet).</summary>
    public bool? Within { get; set; }
    public string? Q { get; set; }
}

/// <summary>One assessed enterprise of the list (a confirmed assessment and its upgrade record, if any).</summary>
public sealed class UpgradeRow
{
    public required Guid AssessmentId { get; init; }
    public required string EnterpriseName { get; init; }
    public required string CreditCode { get; init; }
    public required string UnitName { get; init; }
    public required string BatchName { get; init; }
    public required DateTime? ConfirmedAtUtc { get; init; }
    public required MaturityLevel? Level { get; init; }
    public required MaturityScore? Score { get; init; }
    public required int Problems { get; init; }
    public required int Projects { get; init; }
    public required FollowUpStatus Status { get; init; }
    public required bool StartedWithinSixMonths { get; init; }
}

/// <summary>Assessed enterprises of the filter's year, batch and unit, with follow-up and prompt starts.</summary>
public sealed record UpgradeShare(int Assessed, int WithFollowUp, int StartedWithinSixMonths)
{
    public string FollowUpPercent => Percent(WithFollowUp);
    public string WithinPercent => Percent(StartedWithinSixMonths);

    private string Percent(int part) => Assessed == 0 ? "—" : $"{Math.Round(100m * part / Assessed, 1):0.0}%";
}

public sealed class UpgradeIndexModel
{
    public required UpgradeFilter Filter { get; init; }
    public required PagedList<UpgradeRow> Rows { get; init; }
    public required UpgradeShare Share { get; init; }
    public required IReadOnlyList<Choice> Years { get; init; }
    public required IReadOnlyList<Choice> Batches { get; init; }
    public required IReadOnlyList<Choice> Units { get; init; }
    public required bool IsCommission { get; init; }
    public required bool IsDistrict { get; init; }
}

public sealed record ProblemView(Guid Id, CapabilityArea Area, string Description, DateTime RecordedAtUtc);

public sealed record ProjectView(Guid Id, string Name, KeyLink Link, decimal? ContractAmountWan, FollowUpProjectStatus Status,
    DateOnly? StartDate, DateOnly? EndDate, bool StartedWithinSixMonths);

/// <summary>The record page: the assessment it follows, the problems by capability domain, the projects, the history.</summary>
public sealed class UpgradeRecordModel
{
    public required Guid AssessmentId { get; init; }
    public required Guid? RecordId { get; init; }
    public required Guid? Version { get; init; }
    public required string EnterpriseName { get; init; }
    public required string CreditCode { get; init; }
    public required string UnitName { get; init; }
    public required int Year { get; init; }
    public required string BatchName { get; init; }
    public required string AgencyName { get; init; }
    public required DateOnly AssessedOn { get; init; }
    public required DateOnly FollowUpDeadline { get; init; }
    public required MaturityLevel? Level { get; init; }
    public required MaturityScore? Score { get; init; }
    public required FollowUpStatus Status { get; init; }
    public required bool StartedWithinSixMonths { get; init; }
    public required IReadOnlyList<ProblemView> Problems { get; init; }
    public required IReadOnlyList<ProjectView> Projects { get; init; }
    public required IReadOnlyList<HistoryLine> History { get; init; }
    public required bool CanEdit { get; init; }
    public required DateOnly Today { get; init; }

    /// <summary>What the district typed in a refused form, shown again.</summary>
    public ProblemForm NewProblem { get; set; } = new();
    public ProjectForm NewProject { get; set; } = new();

    public IEnumerable<IGrouping<CapabilityArea, ProblemView>> ProblemsByArea =>
        Problems.OrderBy(p => p.Area).ThenBy(p => p.RecordedAtUtc).GroupBy(p => p.Area);
}

public sealed class ProblemForm
{
    public CapabilityArea? Area { get; set; }
    public string? Description { get; set; }
}

public sealed class ProjectForm
{
    public string? Name { get; set; }
    public KeyLink? Link { get; set; }
    public decimal? ContractAmountWan { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
}

public sealed class EditProblemModel
{
    public required Guid AssessmentId { get; init; }
    public required Guid ProblemId { get; init; }
    public required Guid Version { get; init; }
    public required string EnterpriseName { get; init; }
    public required ProblemForm Form { get; init; }
}

public sealed class EditProjectModel
{
    public required Guid AssessmentId { get; init; }
    public required Guid ProjectId { get; init; }
    public required Guid Version { get; init; }
    public required string EnterpriseName { get; init; }
    public required FollowUpProjectStatus Status { get; init; }
    public required ProjectForm Form { get; init; }
}
