using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Evaluations;

// The steps of a district evaluation (docs/domain.md §4.7), each an audit line of the evaluation. The lines carry no score:
// the trail is also the record's history, which the district reads before the evaluation is published.

/// <summary>The commission created the draft with the indicators computed from the records.</summary>
public sealed record DistrictEvaluationDrafted(Guid EvaluationId, Guid RecommendingUnitId, Guid ProgrammeYearId, string? Subject) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EvaluationDrafted, nameof(DistrictEvaluation), EvaluationId, null,
        DistrictEvaluationState.Draft.ToChinese(), Subject is null ? "按记录计算指标，生成草稿" : $"{Subject}：按记录计算指标，生成草稿");
}

/// <summary>Draft: the indicators computed again from the records.</summary>
public sealed record DistrictEvaluationRefreshed(Guid EvaluationId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EvaluationIndicatorsRefreshed, nameof(DistrictEvaluation), EvaluationId,
        DistrictEvaluationState.Draft.ToChinese(), DistrictEvaluationState.Draft.ToChinese(), "按最新记录重新计算指标");
}

/// <summary>Draft: the commission's score and remarks entered or changed.</summary>
public sealed record DistrictEvaluationScored(Guid EvaluationId, bool Changed) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EvaluationScored, nameof(DistrictEvaluation), EvaluationId,
        DistrictEvaluationState.Draft.ToChinese(), DistrictEvaluationState.Draft.ToChinese(), Changed ? "修改评分和评价意见" : "评分并填写评价意见");
}

/// <summary>Draft → Published: the district sees its evaluation from now on; it no longer changes.</summary>
public sealed record DistrictEvaluationPublished(Guid EvaluationId, Guid RecommendingUnitId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EvaluationPublished, nameof(DistrictEvaluation), EvaluationId,
        DistrictEvaluationState.Draft.ToChinese(), DistrictEvaluationState.Published.ToChinese(), "发布，推荐单位可查看");
}

/// <summary>Named states of a district evaluation, one definition for queries, pages and code.</summary>
public static class DistrictEvaluationRules
{
    /// <summary>Published: frozen, and shown to its unit.</summary>
    public static readonly QueryRule<DistrictEvaluation> Published = new(e => e.State == DistrictEvaluationState.Published);

    /// <summary>A draft: the indicators may be recomputed, the commission scores it.</summary>
    public static readonly QueryRule<DistrictEvaluation> Draft = new(e => e.State == DistrictEvaluationState.Draft);
}
