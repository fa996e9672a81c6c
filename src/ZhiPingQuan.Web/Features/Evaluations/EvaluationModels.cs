using ZhiPingQuan.Domain.Evaluations;

namespace ZhiPingQuan.Web.Features.Evaluations;

public sealed record YearChoice(Guid Id, int Year);

/// <summary>One unit's line for a year: its evaluation when there is one (the snapshot), else the indicators computed now.</summary>
public sealed class UnitEvaluationRow
{
    public required Guid UnitId { get; init; }
    public required string UnitName { get; init; }
    public required int Year { get; init; }
    public required Guid YearId { get; init; }
    public Guid? EvaluationId { get; init; }
    public Guid? Version { get; init; }
    public DistrictEvaluationState? State { get; init; }
    public required EvaluationIndicators Indicators { get; init; }

    /// <summary>The indicators were computed for this page (no evaluation yet), not a stored snapshot.</summary>
    public bool IsLive => EvaluationId is null;
    public DateTime? ComputedAtUtc { get; init; }
    public decimal? Score { get; init; }
    public string? Remarks { get; init; }
    public DateTime? PublishedAtUtc { get; init; }
    public string? PublishedBy { get; init; }

    public string StateName => State?.ToChinese() ?? "未生成";

    /// <summary>Summary tables delivered on time of those due, as a percentage ("—" when none was due).</summary>
    public decimal? OnTimePercent => EvaluationIndicators.Percent(Indicators.TablesSubmittedOnTime, Indicators.TablesExpected);
}

public sealed class EvaluationIndexModel
{
    public required bool IsCommission { get; init; }
    public Guid? YearId { get; init; }
    public int? Year { get; init; }
    public required IReadOnlyList<YearChoice> Years { get; init; }
    public required IReadOnlyList<UnitEvaluationRow> Rows { get; init; }
    public int DraftCount => Rows.Count(r => r.State == DistrictEvaluationState.Draft);
    public int PublishedCount => Rows.Count(r => r.State == DistrictEvaluationState.Published);
    public int MissingCount => Rows.Count(r => r.IsLive);
}

public sealed class EvaluationDetailsModel
{
    public required UnitEvaluationRow Row { get; init; }
    public required bool IsCommission { get; init; }

    /// <summary>A draft whose snapshot differs from the records as they are now (the commission may recompute).</summary>
    public EvaluationIndicators? Current { get; init; }
    public bool IsStale => Current is not null && Current != Row.Indicators;
    public string? PostedScore { get; init; }
    public string? PostedRemarks { get; init; }
}
