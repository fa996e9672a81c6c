using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Evaluations;

/// <summary>
/// 绩效评价 (docs/domain.md §4.7). The commission sees every unit of a year — the evaluation's snapshot when there is one,
/// otherwise the indicators computed now from the records (<see cref="EvaluationFigures"/>) — creates a draft, recomputes a
/// draft's indicators, scores it (0–100, remarks) and publishes it. A district reads its own published evaluations only.
/// </summary>
public sealed class EvaluationService(AppDbContext db, IClock clock, IAuditTrail audit, EvaluationFigures figures)
{
    public async Task<IReadOnlyList<YearChoice>> YearChoicesAsync(CancellationToken ct) =>
        (await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => new { y.Id, y.Year }).ToListAsync(ct))
        .Select(y => new YearChoice(y.Id, y.Year)).ToList();

    /// <summary>Every recommending unit of the year, in the units' order.</summary>
    public async Task<IReadOnlyList<UnitEvaluationRow>> YearAsync(Guid yearId, CancellationToken ct)
    {
        var year = await db.ProgrammeYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == yearId, ct)
            ?? throw new DomainException("没有该项目年度。");
        var units = await db.RecommendingUnits.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var evaluations = await db.DistrictEvaluations.AsNoTracking().Where(e => e.ProgrammeYearId == yearId).ToDictionaryAsync(e => e.RecommendingUnitId, ct);
        // Computed once for the year, and only when a unit has no snapshot to show.
        var live = units.Any(u => !evaluations.ContainsKey(u.Id)) ? await figures.CountsAsync(yearId, ct) : new Dictionary<Guid, EvaluationCounts>();
        return units.Select(u => evaluations.TryGetValue(u.Id, out var e)
                ? Row(e, u.Name, year.Year)
                : new UnitEvaluationRow
                {
                    UnitId = u.Id, UnitName = u.Name, Year = year.Year, YearId = yearId,
                    Indicators = EvaluationIndicators.Compute(live.GetValueOrDefault(u.Id, EvaluationFigures.Zero)),
                })
            .ToList();
    }

    /// <summary>The evaluations the user may read (the district: its own published ones), newest year first.</summary>
    public async Task<IReadOnlyList<UnitEvaluationRow>> VisibleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var rows = await (
            from e in db.DistrictEvaluations.AsNoTracking().VisibleTo(user)
            join u in db.RecommendingUnits on e.RecommendingUnitId equals u.Id
            join y in db.ProgrammeYears on e.ProgrammeYearId equals y.Id
            orderby y.Year descending, u.SortOrder
            select new { e, u.Name, y.Year }).ToListAsync(ct);
        return rows.Select(r => Row(r.e, r.Name, r.Year)).ToList();
    }

    public async Task<UnitEvaluationRow?> RowAsync(Guid id, CancellationToken ct)
    {
        var found = await (
            from e in db.DistrictEvaluations.AsNoTracking().Where(e => e.Id == id)
            join u in db.RecommendingUnits on e.RecommendingUnitId equals u.Id
            join y in db.ProgrammeYears on e.ProgrammeYearId equals y.Id
            select new { e, u.Name, y.Year }).FirstOrDefaultAsync(ct);
        return found is null ? null : Row(found.e, found.Name, found.Year);
    }

    /// <summary>What the records give now, for a draft (to say whether its snapshot is behind).</summary>
    public Task<EvaluationIndicators> CurrentAsync(UnitEvaluationRow row, CancellationToken ct) => figures.IndicatorsAsync(row.YearId, row.UnitId, ct);

    public Task<DistrictEvaluation?> FindAsync(Guid id, CancellationToken ct) => db.DistrictEvaluations.FirstOrDefaultAsync(e => e.Id == id, ct);

    // ----------------------------------------------------------------------------------------------
    // The commission's steps
    // ----------------------------------------------------------------------------------------------

    /// <summary>Creates the unit's draft with the indicators computed from the records now.</summary>
    public async Task<Guid> CreateAsync(Guid yearId, Guid unitId, CancellationToken ct)
    {
        var (year, unit) = await YearAndUnitAsync(yearId, unitId, ct);
        if (await db.DistrictEvaluations.AnyAsync(e => e.ProgrammeYearId == yearId && e.RecommendingUnitId == unitId, ct))
        {
            throw new DomainException($"{unit}的{year}年度绩效评价已经生成，请在评价页面重新计算指标。");
        }
        var evaluation = new DistrictEvaluation(unitId, yearId, await figures.IndicatorsAsync(yearId, unitId, ct), clock.UtcNow, $"{year}年度{unit}");
        db.DistrictEvaluations.Add(evaluation);
        await SaveNewAsync(year, unit, ct);
        return evaluation.Id;
    }

    /// <summary>Creates the drafts of every unit that has none yet; returns how many.</summary>
    public async Task<int> CreateMissingAsync(Guid yearId, CancellationToken ct)
    {
        var year = await db.ProgrammeYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == yearId, ct) ?? throw new DomainException("没有该项目年度。");
        var existing = await db.DistrictEvaluations.Where(e => e.ProgrammeYearId == yearId).Select(e => e.RecommendingUnitId).ToListAsync(ct);
        var units = await db.RecommendingUnits.AsNoTracking().Where(u => !existing.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        if (units.Count == 0)
        {
            throw new DomainException($"{year.Year}年度所有推荐单位的绩效评价都已生成。");
        }
        var counts = await figures.CountsAsync(yearId, ct);
        var now = clock.UtcNow;
        foreach (var u in units)
        {
            db.DistrictEvaluations.Add(new DistrictEvaluation(u.Id, yearId,
                EvaluationIndicators.Compute(counts.GetValueOrDefault(u.Id, EvaluationFigures.Zero)), now, $"{year.Year}年度{u.Name}"));
        }
        await SaveNewAsync(year.Year, "部分推荐单位", ct);
        return units.Count;
    }

    public async Task RefreshAsync(DistrictEvaluation evaluation, Guid? version, CancellationToken ct)
    {
        db.ExpectVersion(evaluation, version);
        evaluation.RefreshIndicators(await figures.IndicatorsAsync(evaluation.ProgrammeYearId, evaluation.RecommendingUnitId, ct), clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The score as typed ("85", "92.5"); a Chinese message beside the field for anything else.</summary>
    public async Task ScoreAsync(DistrictEvaluation evaluation, Guid? version, string? score, string? remarks, CancellationToken ct)
    {
        db.ExpectVersion(evaluation, version);
        if (string.IsNullOrWhiteSpace(score)
            || !decimal.TryParse(score.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new DomainException("请填写评分：0至100之间的数字，最多两位小数。", "score");
        }
        evaluation.Score(value, remarks);
        await db.SaveChangesAsync(ct);
    }

    public async Task PublishAsync(DistrictEvaluation evaluation, Guid? version, string publishedBy, CancellationToken ct)
    {
        db.ExpectVersion(evaluation, version);
        evaluation.Publish(publishedBy, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task RecordExportAsync(Guid? id, string detail, CancellationToken ct)
    {
        audit.Record(AuditAction.EvaluationExported, nameof(DistrictEvaluation), id, null, null, detail);
        await db.SaveChangesAsync(ct);
    }

    public async Task<string> CommissionNameAsync(CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Kind == Domain.Organisations.OrganisationKind.Commission).Select(o => o.Name).FirstOrDefaultAsync(ct)
        ?? "上海市经济和信息化委员会";

    private async Task<(int Year, string Unit)> YearAndUnitAsync(Guid yearId, Guid unitId, CancellationToken ct)
    {
        var year = await db.ProgrammeYears.AsNoTracking().Where(y => y.Id == yearId).Select(y => (int?)y.Year).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("没有该项目年度。");
        var unit = await db.RecommendingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("没有该推荐单位。");
        return (year, unit);
    }

    /// <summary>Two commission users creating the same draft at once: the unique index lets one win, the other is told.</summary>
    private async Task SaveNewAsync(int year, string unit, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException($"{unit}的{year}年度绩效评价刚由他人生成，请刷新页面后查看。");
        }
    }

    private static UnitEvaluationRow Row(DistrictEvaluation e, string unitName, int year) => new()
    {
        UnitId = e.RecommendingUnitId, UnitName = unitName, Year = year, YearId = e.ProgrammeYearId,
        EvaluationId = e.Id, Version = e.Version, State = e.State, Indicators = e.Indicators, ComputedAtUtc = e.IndicatorsComputedAtUtc,
        Score = e.CommissionScore, Remarks = e.Remarks, PublishedAtUtc = e.PublishedAtUtc, PublishedBy = e.PublishedBy,
    };
}
