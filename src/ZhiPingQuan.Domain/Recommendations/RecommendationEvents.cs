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

/// <summary>Its unit's summary table was submitted with it (Assessed → Listed).</summary>
public sealed record RecommendationListed(Guid RecommendationId, Guid SummaryTableId, int Revision) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RecommendationListed, nameof(Recommendation), RecommendationId,
        RecommendationState.Assessed.ToChinese(), RecommendationState.Listed.ToChinese(), $"随汇总表第{Revision}版报送");
}

/// <summary>The commission reopened the table that listed it (Listed → Assessed until the new revision is submitted).</summary>
public sealed record RecommendationUnlisted(Guid RecommendationId, Guid SummaryTableId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RecommendationUnlisted, nameof(Recommendation), RecommendationId,
        RecommendationState.Listed.ToChinese(), RecommendationState.Assessed.ToChinese(), "汇总表被市经信委退回重报，待新版本报送后重新列入");
}
