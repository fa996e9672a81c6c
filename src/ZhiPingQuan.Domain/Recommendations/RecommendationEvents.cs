using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Recommendations;

// The transitions of a recommendation (docs/domain.md §4.1), each an audit line.

/// <summary>The enterprise's assessment was confirmed (Recommended → Assessed).</summary>
public sealed record RecommendationAssessed(Guid RecommendationId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RecommendationAssessed, nameof(Recommendation), RecommendationId,
        RecommendationState.Recommended.ToChinese(), RecommendationState.Assessed.ToChinese(), "评估诊断已确认完成");
}
