using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>A unit's assessed enterprises in a programme year and how many of them followed up (docs/domain.md §4.7).</summary>
public sealed record UnitFollowUp(Guid UnitId, int Assessed, int WithFollowUp, int StartedWithinSixMonths);

/// <summary>
/// Upgrade follow-up per recommending unit and year, for pages beyond the tracking list (the district evaluation, home
/// pages): assessed = confirmed assessments; with follow-up = <see cref="UpgradeRules.HasFollowUp"/>; started within six
/// months = <see cref="UpgradeRules.StartedWithinSixMonths"/>. Unscoped: the caller decides who may see which unit.
/// </summary>
public sealed class UpgradeFollowUps(AppDbContext db)
{
    /// <summary>Every unit with at least one assessed enterprise in the year (or only <paramref name="unitId"/>).</summary>
    public async Task<IReadOnlyList<UnitFollowUp>> PerUnitAsync(Guid programmeYearId, Guid? unitId = null, CancellationToken ct = default)
    {
        var assessed = db.Assessments.AsNoTracking().Where(AssessmentRules.Confirmed).Where(a => a.ProgrammeYearId == programmeYearId);
        if (unitId is { } unit)
        {
            assessed = assessed.Where(a => a.RecommendingUnitId == unit);
        }
        var counts = await assessed.GroupBy(a => a.RecommendingUnitId).Select(g => new { UnitId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var records = db.UpgradeRecords.AsNoTracking().Where(u => assessed.Any(a => a.Id == u.AssessmentId));
        var followUp = await records.Where(UpgradeRules.HasFollowUp).GroupBy(u => u.RecommendingUnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);
        var within = await records.Where(UpgradeRules.StartedWithinSixMonths).GroupBy(u => u.RecommendingUnitId)
            .Select(g => new { UnitId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);
        return counts.Select(c => new UnitFollowUp(c.UnitId, c.Count, followUp.GetValueOrDefault(c.UnitId), within.GetValueOrDefault(c.UnitId)))
            .OrderBy(c => c.UnitId).ToList();
    }
}
