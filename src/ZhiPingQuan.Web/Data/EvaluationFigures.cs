using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Web.Data;

/// <summary>
/// The one place the district evaluation's counts are gathered from the records (docs/domain.md §4.7), for every unit of a programme
/// year at once: one grouped query per count, never a loop over enterprises. Each state is asked through the domain's named
/// rule, so "recommended", "confirmed", "submitted", "approved or paid" mean here what they mean on every other page.
/// </summary>
public sealed class EvaluationFigures(AppDbContext db, IClock clock)
{
    /// <summary>The counts of every unit that has any record in the year (a unit without any has all zeros: <see cref="Zero"/>).</summary>
    public async Task<IReadOnlyDictionary<Guid, EvaluationCounts>> CountsAsync(Guid yearId, CancellationToken ct)
    {
        // Recommended: not withdrawn (nor a draft), on the municipal track — what the programme counts as recommended.
        var counting = db.Recommendations.AsNoTracking().Where(r => r.ProgrammeYearId == yearId).Where(RecommendationRules.CountsForProgramme);
        var recommended = await counting.GroupBy(r => r.RecommendingUnitId)
            .Select(g => new { Unit = g.Key, Count = g.Select(r => r.EnterpriseId).Distinct().Count() }).ToDictionaryAsync(x => x.Unit, x => x.Count, ct);

        // Assessed: of those, the enterprises with a confirmed assessment (of that recommendation).
        var assessedPairs =
            from a in db.Assessments.AsNoTracking().Where(AssessmentRules.Confirmed)
            join r in counting on a.RecommendationId equals r.Id
            select new { r.RecommendingUnitId, a.EnterpriseId };
        var assessed = await assessedPairs.GroupBy(x => x.RecommendingUnitId)
            .Select(g => new { Unit = g.Key, Count = g.Select(x => x.EnterpriseId).Distinct().Count() }).ToDictionaryAsync(x => x.Unit, x => x.Count, ct);

        // Follow-up: of the assessed, those whose upgrade record of the year has follow-up (a project not cancelled) —
        // the same rule the upgrade-tracking list counts by.
        var followedUp = db.UpgradeRecords.AsNoTracking().Where(u => u.ProgrammeYearId == yearId).Where(UpgradeRules.HasFollowUp);
        var followUp = await assessedPairs
            .Where(x => followedUp.Any(u => u.EnterpriseId == x.EnterpriseId))
            .GroupBy(x => x.RecommendingUnitId)
            .Select(g => new { Unit = g.Key, Count = g.Select(x => x.EnterpriseId).Distinct().Count() }).ToDictionaryAsync(x => x.Unit, x => x.Count, ct);

        var aboveSize = await db.UnitYearSettings.AsNoTracking().Where(s => s.ProgrammeYearId == yearId)
            .ToDictionaryAsync(s => s.RecommendingUnitId, s => s.AboveSizeEnterpriseCount, ct);

        var tables = await TablesAsync(yearId, counting, ct);

        // Applications: filed (submitted at least once) and not withdrawn — the enterprise's one application of the year.
        var filed = db.QuotaApplications.AsNoTracking().Where(a => a.ProgrammeYearId == yearId)
            .Where(QuotaApplicationRules.EverSubmitted).Where(QuotaApplicationRules.Active);
        var applications = await filed.GroupBy(a => a.RecommendingUnitId)
            .Select(g => new { Unit = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Unit, x => x.Count, ct);
        var returns = db.SupplementRequests.AsNoTracking();
        var firstPass = await filed.Where(QuotaApplicationRules.Passed).Where(a => !returns.Any(s => s.QuotaApplicationId == a.Id))
            .GroupBy(a => a.RecommendingUnitId)
            .Select(g => new { Unit = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Unit, x => x.Count, ct);
        // Every return counts, a second return of the same application too.
        var returnCounts = await (
                from s in returns
                join a in filed on s.QuotaApplicationId equals a.Id
                group s by a.RecommendingUnitId into g
                select new { Unit = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Unit, x => x.Count, ct);

        var redemptions = await db.Redemptions.AsNoTracking().Where(r => r.ProgrammeYearId == yearId).Where(RedemptionRules.CountsAgainstBudget)
            .GroupBy(r => r.RecommendingUnitId)
            .Select(g => new { Unit = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Unit, x => x.Count, ct);

        var units = recommended.Keys.Concat(aboveSize.Keys).Concat(tables.Keys).Concat(applications.Keys).Concat(redemptions.Keys).Distinct();
        return units.ToDictionary(u => u, u => new EvaluationCounts(
            recommended.GetValueOrDefault(u),
            assessed.GetValueOrDefault(u),
            aboveSize.GetValueOrDefault(u),
            tables.GetValueOrDefault(u).Expected,
            tables.GetValueOrDefault(u).OnTime,
            applications.GetValueOrDefault(u),
            firstPass.GetValueOrDefault(u),
            returnCounts.GetValueOrDefault(u),
            redemptions.GetValueOrDefault(u),
            followUp.GetValueOrDefault(u)));
    }

    public static EvaluationCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The indicators of one unit, computed now.</summary>
    public async Task<EvaluationIndicators> IndicatorsAsync(Guid yearId, Guid unitId, CancellationToken ct) =>
        EvaluationIndicators.Compute((await CountsAsync(yearId, ct)).GetValueOrDefault(unitId, Zero));

    /// <summary>
    /// Per unit: the batches it owed a table for and, of those, the ones it delivered on time. A unit owes a table for a
    /// batch when it has a recommendation counting for the batch or a table of it (as the deadline reminders say); the table
    /// is due once the batch has closed (its deadline as extended has passed) or the unit has submitted it. On time: the
    /// unit's first submission of the batch came by the batch's deadline, extensions included (a revision the commission
    /// reopened and got back later does not make it late).
    /// </summary>
    private async Task<Dictionary<Guid, (int Expected, int OnTime)>> TablesAsync(Guid yearId, IQueryable<Recommendation> counting, CancellationToken ct)
    {
        var batches = await db.Batches.AsNoTracking().Where(b => b.ProgrammeYearId == yearId).ToDictionaryAsync(b => b.Id, ct);
        var batchIds = batches.Keys.ToList();
        var owedByRecommendation = await counting.Select(r => new { r.RecommendingUnitId, r.BatchId }).Distinct().ToListAsync(ct);
        var owedByTable = await db.SummaryTables.AsNoTracking().Where(t => batchIds.Contains(t.BatchId))
            .Select(t => new { t.RecommendingUnitId, t.BatchId }).Distinct().ToListAsync(ct);
        var firstSubmission = await db.SummaryTables.AsNoTracking().Where(t => batchIds.Contains(t.BatchId)).Where(SummaryTableRules.Submitted)
            .GroupBy(t => new { t.RecommendingUnitId, t.BatchId })
            .Select(g => new { g.Key.RecommendingUnitId, g.Key.BatchId, First = g.Min(t => t.SubmittedAtUtc) })
            .ToListAsync(ct);
        var today = ShanghaiTime.Today(clock);
        var submitted = firstSubmission.ToDictionary(s => (s.RecommendingUnitId, s.BatchId), s => s.First);
        return owedByRecommendation.Select(o => (Unit: o.RecommendingUnitId, Batch: o.BatchId))
            .Concat(owedByTable.Select(o => (Unit: o.RecommendingUnitId, Batch: o.BatchId)))
            .Distinct()
            .Where(o => batches.ContainsKey(o.Batch))
            .Select(o => new
            {
                o.Unit,
                Due = submitted.ContainsKey(o) || !BatchRules.OpenOn.IsSatisfiedBy(batches[o.Batch], today),
                OnTime = submitted.TryGetValue(o, out var at) && at is { } first && ShanghaiTime.IsOnOrBefore(first, batches[o.Batch].Deadline),
            })
            .Where(o => o.Due)
            .GroupBy(o => o.Unit)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(o => o.OnTime)));
    }
}
