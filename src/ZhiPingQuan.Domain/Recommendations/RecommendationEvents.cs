using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Recommendations;

// The transitions of a recommendation (docs/domain.md §4.1), each an audit line. The district's own changes describe
// the record (RecommendationDescription) as it is after the change.

/// <summary>The record as the district's audit lines describe it: enterprise, batch, bases, contracts, district-funded.</summary>
public sealed record RecommendationDescription(
    string EnterpriseName, string CreditCode, int? Year, string BatchName, IReadOnlyList<RecommendationBasis> Bases, int ContractCount,
    bool DistrictFundedOnly)
{
    public override string ToString() =>
        $"{EnterpriseName}（{CreditCode}）｜{Year}年度{BatchName}｜依据："
        + (Bases.Count == 0 ? "无" : string.Join("、", Bases.Select(b => b.ToNumbered())))
        + (ContractCount == 0 ? "" : $"｜改造合同{ContractCount}份")
        + (DistrictFundedOnly ? "｜区级叠加支持" : "");
}

/// <summary>The district created the recommendation as a draft (not yet recommended).</summary>
public sealed record RecommendationDrafted(Guid RecommendationId, RecommendationDescription Description) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RecommendationDrafted, nameof(Recommendation), RecommendationId,
        null, RecommendationState.Draft.ToChinese(), Description.ToString());
}

/// <summary>The district saved its draft again without recommending it.</summary>
public sealed record RecommendationDraftChanged(Guid RecommendationId, RecommendationDescription Description) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RecommendationDraftChanged, nameof(Recommendation), RecommendationId,
        RecommendationState.Draft.ToChinese(), RecommendationState.Draft.ToChinese(), Description.ToString());
}

/// <summary>
/// The enterprise was recommended: a new record (<see cref="Before"/> null), a draft, or — recommended again — a withdrawn
/// recommendation (Draft/Withdrawn → Recommended).
/// </summary>
public sealed record EnterpriseRecommended(Guid RecommendationId, RecommendationState? Before, RecommendationDescription Description) : IAuditedEvent
{
    public bool IsAgain => Before == RecommendationState.Withdrawn;

    public AuditLine Audit => new(IsAgain ? AuditAction.EnterpriseRecommendedAgain : AuditAction.EnterpriseRecommended, nameof(Recommendation),
        RecommendationId, Before?.ToChinese(), RecommendationState.Recommended.ToChinese(), Description.ToString());
}

/// <summary>The district changed the content (bases, contracts, district-funded) of a recommended or withdrawn record.</summary>
public sealed record RecommendationChanged(Guid RecommendationId, RecommendationState State, RecommendationDescription Description) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RecommendationChanged, nameof(Recommendation), RecommendationId,
        State.ToChinese(), State.ToChinese(), Description.ToString());
}

/// <summary>The district withdrew its recommendation, with a reason (Recommended → Withdrawn).</summary>
public sealed record RecommendationWithdrawn(Guid RecommendationId, string Reason) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RecommendationWithdrawn, nameof(Recommendation), RecommendationId,
        RecommendationState.Recommended.ToChinese(), RecommendationState.Withdrawn.ToChinese(), $"原因：{Reason}");
}

/// <summary>The district deleted a draft that was never recommended.</summary>
public sealed record RecommendationDraftDeleted(Guid RecommendationId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RecommendationDraftDeleted, nameof(Recommendation), RecommendationId,
        RecommendationState.Draft.ToChinese(), null);
}

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
