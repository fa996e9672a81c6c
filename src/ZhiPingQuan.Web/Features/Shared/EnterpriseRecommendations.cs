using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>A recommendation as the enterprise and its district read it: by whom, to which batch, on what bases.</summary>
public sealed record RecommendationSummary(
    Guid Id,
    int Year,
    string BatchName,
    DateOnly Deadline,
    RecommendationState State,
    string UnitName,
    bool DistrictFundedOnly,
    IReadOnlyList<RecommendationBasisStatement> Bases,
    IReadOnlyList<TransformationContract> Contracts,
    DateTime? RecommendedAtUtc,
    string? RecommendedBy);

/// <summary>An enterprise's recommendations, as its own home page, its district and the registry show them.</summary>
public sealed class EnterpriseRecommendations(AppDbContext db)
{
    /// <summary>The recommendations of one enterprise, newest year first (drafts only for its own district).</summary>
    public async Task<IReadOnlyList<RecommendationSummary>> ForEnterpriseAsync(Guid enterpriseId, bool includeDrafts, CancellationToken ct = default)
    {
        var query = db.Recommendations.AsNoTracking()
            .Include(r => r.Batch!).ThenInclude(b => b.ProgrammeYear)
            .Include(r => r.RecommendingUnit)
            .Where(r => r.EnterpriseId == enterpriseId);
        if (!includeDrafts)
        {
            query = query.Where(RecommendationRules.VisibleToEnterprise);
        }
        var list = await query.ToListAsync(ct);
        return list
            .OrderByDescending(r => r.Batch!.ProgrammeYear!.Year)
            .Select(r => new RecommendationSummary(
                r.Id, r.Batch!.ProgrammeYear!.Year, r.Batch.Name, r.Batch.Deadline, r.State, r.RecommendingUnit?.Name ?? "",
                r.DistrictFundedOnly, r.Bases.OrderBy(b => b.Basis).ToList(), r.Contracts, r.RecommendedAtUtc, r.RecommendedBy))
            .ToList();
    }
}
