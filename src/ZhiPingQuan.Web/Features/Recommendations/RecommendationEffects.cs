using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Recommendations;

/// <summary>What happens to a recommendation when another record moves (docs/domain.md §4.1 States).</summary>
public sealed class RecommendationEffects(AppDbContext db, IClock clock) : IDomainEventHandler<AssessmentConfirmed>
{
    /// <summary>A confirmed assessment makes its recommendation Assessed, in the same save.</summary>
    public async Task HandleAsync(AssessmentConfirmed e, CancellationToken ct)
    {
        var recommendation = db.Recommendations.Local.FirstOrDefault(r => r.Id == e.RecommendationId)
            ?? await db.Recommendations.FirstAsync(r => r.Id == e.RecommendationId, ct);
        recommendation.MarkAssessed(clock.UtcNow);
    }
}
