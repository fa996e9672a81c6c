using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Recommendations;

/// <summary>What happens to a recommendation when another record moves (docs/domain.md §4.1 States).</summary>
public sealed class RecommendationEffects(AppDbContext db, IClock clock) :
    IDomainEventHandler<AssessmentConfirmed>,
    IDomainEventHandler<SummaryTableSubmitted>,
    IDomainEventHandler<SummaryTableReopened>
{
    /// <summary>A confirmed assessment makes its recommendation Assessed, in the same save.</summary>
    public async Task HandleAsync(AssessmentConfirmed e, CancellationToken ct)
    {
        var recommendation = db.Recommendations.Local.FirstOrDefault(r => r.Id == e.RecommendationId)
            ?? await db.Recommendations.FirstAsync(r => r.Id == e.RecommendationId, ct);
        recommendation.MarkAssessed(clock.UtcNow);
    }

    /// <summary>A submitted summary table lists the recommendations of its rows, in the same save (§4.3).</summary>
    public async Task HandleAsync(SummaryTableSubmitted e, CancellationToken ct)
    {
        foreach (var recommendation in await OfRowsAsync(e.BatchId, e.EnterpriseIds, ct))
        {
            recommendation.MarkListed(e.TableId, e.Revision, clock.UtcNow);
        }
    }

    /// <summary>A reopened table unlists them until its next revision is submitted (§4.3).</summary>
    public async Task HandleAsync(SummaryTableReopened e, CancellationToken ct)
    {
        foreach (var recommendation in await OfRowsAsync(e.BatchId, e.EnterpriseIds, ct))
        {
            if (recommendation.State == RecommendationState.Listed && recommendation.ListedInSummaryTableId == e.TableId)
            {
                recommendation.Unlist();
            }
        }
    }

    // One recommendation per enterprise and programme year, so per enterprise and batch.
    private async Task<List<Recommendation>> OfRowsAsync(Guid batchId, IReadOnlyList<Guid> enterpriseIds, CancellationToken ct)
    {
        var ids = enterpriseIds.ToList();
        return await db.Recommendations.Where(r => r.BatchId == batchId && ids.Contains(r.EnterpriseId)).ToListAsync(ct);
    }
}
