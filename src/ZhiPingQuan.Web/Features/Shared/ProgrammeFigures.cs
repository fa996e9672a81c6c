using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>How many enterprises of a batch reached each step of the programme (docs/domain.md §4.1–§4.6).</summary>
/// <param name="Recommended">Recommended to the municipal programme, not withdrawn.</param>
/// <param name="Assessed">With a confirmed assessment.</param>
/// <param name="Listed">Rows of the current revision of a submitted summary table.</param>
/// <param name="Applied">Whose standing application has been submitted (a withdrawn one does not count).</param>
/// <param name="Passed">Whose application the third party passed.</param>
/// <param name="Redeemed">Whose redemption the commission approved (or paid).</param>
/// <param name="Paid">Whose redemption is paid.</param>
public sealed record FunnelCounts(int Recommended, int Assessed, int Listed, int Applied, int Passed, int Redeemed, int Paid)
{
    public static FunnelCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The steps in order, with their Chinese names, as the chart and its table show them.</summary>
    public static IReadOnlyList<string> StepNames { get; } = ["推荐", "评估确认", "列入汇总表", "提交申请", "审核通过", "批准兑换", "已支付"];

    public IReadOnlyList<int> Values => [Recommended, Assessed, Listed, Applied, Passed, Redeemed, Paid];

    public FunnelCounts Plus(FunnelCounts o) =>
        new(Recommended + o.Recommended, Assessed + o.Assessed, Listed + o.Listed, Applied + o.Applied, Passed + o.Passed, Redeemed + o.Redeemed, Paid + o.Paid);
}

public sealed record BatchFunnel(Guid BatchId, string BatchName, FunnelCounts Counts);

/// <summary>
/// The year's redemption money. <paramref name="Committed"/> is approved plus paid: for the whole programme the year's budget
/// row (decision 0012), for one unit the sum of its own redemptions. <paramref name="Cap"/> is the programme's cap, given
/// only for the whole programme.
/// </summary>
public sealed record BudgetFigures(decimal? Cap, decimal Committed, decimal Paid, decimal Pending)
{
    /// <summary>Approved, payment not yet recorded.</summary>
    public decimal ApprovedUnpaid => Committed - Paid;

    /// <summary>What is left under the cap (never below zero: a lowered cap does not undo approvals).</summary>
    public decimal? Remaining => Cap is { } cap ? Math.Max(0m, cap - Committed) : null;

    public decimal? UsedPercent => Cap is { } cap && cap > 0 ? decimal.Round(100m * Committed / cap, 2, MidpointRounding.AwayFromZero) : null;
}

/// <param name="AboveSizeCount">The unit's 规上工业企业 count for the year; null when not entered.</param>
public sealed record UnitCoverage(Guid UnitId, string UnitName, int Recommended, int Assessed, int? AboveSizeCount)
{
    public decimal? CoveragePercent => AboveSizeCount is { } n ? EvaluationIndicators.Percent(Assessed, n) : null;
}

public sealed record LevelCount(MaturityLevel Level, int Count);

/// <summary>A programme year at a glance: the funnel per batch, the budget, coverage per unit, the maturity levels.</summary>
public sealed record ProgrammeYearFigures
{
    public required Guid YearId { get; init; }
    public required int Year { get; init; }

    /// <summary>The unit the figures are limited to; null for the whole programme.</summary>
    public required Guid? UnitId { get; init; }

    public required IReadOnlyList<BatchFunnel> Batches { get; init; }
    public required BudgetFigures Budget { get; init; }
    public required IReadOnlyList<UnitCoverage> Coverage { get; init; }

    /// <summary>Confirmed assessments by their stated maturity level, every level listed (zero included), lowest first.</summary>
    public required IReadOnlyList<LevelCount> Levels { get; init; }

    public FunnelCounts Total => Batches.Aggregate(FunnelCounts.Zero, (sum, b) => sum.Plus(b.Counts));

    /// <summary>When the figures were worked out (UTC); set by whoever keeps them for a while, null when just worked out.</summary>
    public DateTime? ComputedAtUtc { get; init; }
}

/// <summary>
/// The figures of a programme year for the home pages (and anyone else who needs them): one grouped query per step, each
/// filtered by the domain's named state rule, so a count here is the count of the list it summarises. Limited to one
/// recommending unit when asked — a district never sees another unit's numbers, not even in a total.
/// </summary>
public sealed class ProgrammeFigures(AppDbContext db)
{
    public async Task<ProgrammeYearFigures?> ForYearAsync(Guid yearId, Guid? unitId, CancellationToken ct)
    {
        var year = await db.ProgrammeYears.AsNoTracking().Where(y => y.Id == yearId).Select(y => new { y.Id, y.Year, y.BudgetCap }).FirstOrDefaultAsync(ct);
        if (year is null)
        {
            return null;
        }
        var batches = await db.Batches.AsNoTracking().Where(b => b.ProgrammeYearId == yearId).OrderBy(b => b.Sequence)
            .Select(b => new { b.Id, b.Name }).ToListAsync(ct);

        var recommendations = db.Recommendations.AsNoTracking().Where(r => r.ProgrammeYearId == yearId && (unitId == null || r.RecommendingUnitId == unitId))
            .Where(RecommendationRules.CountsForProgramme);
        var assessments = db.Assessments.AsNoTracking().Where(a => a.ProgrammeYearId == yearId && (unitId == null || a.RecommendingUnitId == unitId))
            .Where(AssessmentRules.Confirmed);
        var applications = db.QuotaApplications.AsNoTracking().Where(a => a.ProgrammeYearId == yearId && (unitId == null || a.RecommendingUnitId == unitId));
        var redemptions = db.Redemptions.AsNoTracking().Where(r => r.ProgrammeYearId == yearId && (unitId == null || r.RecommendingUnitId == unitId));
        var listed =
            from row in db.SummaryTableRows.AsNoTracking()
            join t in db.SummaryTables.AsNoTracking().Where(SummaryTableRules.CurrentAndSubmitted) on row.SummaryTableId equals t.Id
            join b in db.Batches.AsNoTracking() on t.BatchId equals b.Id
            where b.ProgrammeYearId == yearId && (unitId == null || t.RecommendingUnitId == unitId)
            select t.BatchId;

        // Recommended and assessed are counted once per batch and unit: the funnel sums them by batch, the coverage by unit.
        var recommendedCells = await recommendations.GroupBy(r => new { r.BatchId, r.RecommendingUnitId })
            .Select(g => new Cell(g.Key.BatchId, g.Key.RecommendingUnitId, g.Count())).ToListAsync(ct);
        var assessedCells = await assessments.GroupBy(a => new { a.BatchId, a.RecommendingUnitId })
            .Select(g => new Cell(g.Key.BatchId, g.Key.RecommendingUnitId, g.Count())).ToListAsync(ct);
        var recommended = Cell.SumBy(recommendedCells, c => c.BatchId);
        var assessed = Cell.SumBy(assessedCells, c => c.BatchId);
        var onTables = await ByBatchAsync(listed.GroupBy(b => b), ct);
        var applied = await ByBatchAsync(applications.Where(QuotaApplicationRules.Active).Where(QuotaApplicationRules.EverSubmitted).GroupBy(a => a.BatchId), ct);
        var passed = await ByBatchAsync(applications.Where(QuotaApplicationRules.Passed).GroupBy(a => a.BatchId), ct);
        var redeemed = await ByBatchAsync(redemptions.Where(RedemptionRules.CountsAgainstBudget).GroupBy(r => r.BatchId), ct);
        var paid = await ByBatchAsync(redemptions.Where(RedemptionRules.Paid).GroupBy(r => r.BatchId), ct);
        int Of(Dictionary<Guid, int> counts, Guid batch) => counts.GetValueOrDefault(batch);
        var funnel = batches.Select(b => new BatchFunnel(b.Id, b.Name, new FunnelCounts(
            Of(recommended, b.Id), Of(assessed, b.Id), Of(onTables, b.Id), Of(applied, b.Id), Of(passed, b.Id), Of(redeemed, b.Id), Of(paid, b.Id)))).ToList();

        return new ProgrammeYearFigures
        {
            YearId = year.Id,
            Year = year.Year,
            UnitId = unitId,
            Batches = funnel,
            Budget = await BudgetAsync(yearId, unitId, year.BudgetCap?.Yuan, redemptions, ct),
            Coverage = await CoverageAsync(yearId, unitId, Cell.SumBy(recommendedCells, c => c.UnitId), Cell.SumBy(assessedCells, c => c.UnitId), ct),
            Levels = await LevelsAsync(assessments, ct),
        };
    }

    private static Task<Dictionary<Guid, int>> ByBatchAsync<T>(IQueryable<IGrouping<Guid, T>> groups, CancellationToken ct) =>
        groups.Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    private async Task<BudgetFigures> BudgetAsync(Guid yearId, Guid? unitId, decimal? cap, IQueryable<Redemption> redemptions, CancellationToken ct)
    {
        // Amounts are grouped in SQL and summed here: a money column with a converter is not summed by every provider in SQL.
        var groups = await redemptions
            .SelectWithRules(r => new
            {
                Counted = RedemptionRules.CountsAgainstBudget.IsSatisfiedBy(r),
                Paid = RedemptionRules.Paid.IsSatisfiedBy(r),
                Pending = RedemptionRules.AwaitingApproval.IsSatisfiedBy(r),
                r.Amount,
            })
            .GroupBy(x => new { x.Counted, x.Paid, x.Pending, x.Amount })
            .Select(g => new { g.Key.Counted, g.Key.Paid, g.Key.Pending, g.Key.Amount, Count = g.Count() })
            .ToListAsync(ct);
        var committed = groups.Where(g => g.Counted).Sum(g => g.Amount.Yuan * g.Count);
        if (unitId is null)
        {
            // The budget row is what approvals are checked against (decision 0012); no row yet means nothing approved.
            var fen = await db.RedemptionBudgets.AsNoTracking().Where(b => b.ProgrammeYearId == yearId).Select(b => (long?)b.CommittedFen).FirstOrDefaultAsync(ct);
            committed = RedemptionBudget.FromFen(fen ?? 0).Yuan;
        }
        return new BudgetFigures(unitId is null ? cap : null, committed,
            groups.Where(g => g.Paid).Sum(g => g.Amount.Yuan * g.Count), groups.Where(g => g.Pending).Sum(g => g.Amount.Yuan * g.Count));
    }

    /// <summary>A count of one batch and one recommending unit.</summary>
    private sealed record Cell(Guid BatchId, Guid UnitId, int Count)
    {
        public static Dictionary<Guid, int> SumBy(IEnumerable<Cell> cells, Func<Cell, Guid> key) =>
            cells.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
    }

    private async Task<IReadOnlyList<UnitCoverage>> CoverageAsync(Guid yearId, Guid? unitId, Dictionary<Guid, int> recommended,
        Dictionary<Guid, int> assessed, CancellationToken ct)
    {
        var units = await db.RecommendingUnits.AsNoTracking().Where(u => unitId == null || u.Id == unitId).OrderBy(u => u.SortOrder).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var aboveSize = await db.UnitYearSettings.AsNoTracking().Where(s => s.ProgrammeYearId == yearId && (unitId == null || s.RecommendingUnitId == unitId))
            .Select(s => new { s.RecommendingUnitId, s.AboveSizeEnterpriseCount }).ToDictionaryAsync(s => s.RecommendingUnitId, s => s.AboveSizeEnterpriseCount, ct);
        return units.Select(u => new UnitCoverage(u.Id, u.Name, recommended.GetValueOrDefault(u.Id), assessed.GetValueOrDefault(u.Id),
            aboveSize.TryGetValue(u.Id, out var n) ? n : null)).ToList();
    }

    private static async Task<IReadOnlyList<LevelCount>> LevelsAsync(IQueryable<Assessment> assessments, CancellationToken ct)
    {
        var counts = await assessments.Where(a => a.StatedLevel != null).GroupBy(a => a.StatedLevel!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return Enum.GetValues<MaturityLevel>().Order().Select(l => new LevelCount(l, counts.GetValueOrDefault(l))).ToList();
    }
}
