using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Evaluations;

public enum DistrictEvaluationState
{
    Draft,
    Published,
}

public static class DistrictEvaluationStateNames
{
    public static string ToChinese(this DistrictEvaluationState state) => state switch
    {
        DistrictEvaluationState.Draft => "草稿",
        DistrictEvaluationState.Published => "已发布",
        _ => state.ToString(),
    };
}

/// <summary>
/// 绩效评价 of one recommending unit for one programme year: the computed indicators, kept as a
/// snapshot so a published evaluation does not move when data changes later, plus the commission's
/// score (0–100) and remarks.
/// </summary>
public sealed class DistrictEvaluation : Entity
{
    public const string RecordName = "绩效评价";
    public const int MaxRemarksLength = 4000;
    public const int MaxNameLength = 100;

    private DistrictEvaluation() { }

    /// <param name="subject">How the audit line names the evaluation ("2023年度浦东新区").</param>
    public DistrictEvaluation(Guid recommendingUnitId, Guid programmeYearId, EvaluationIndicators indicators, DateTime utcNow, string? subject = null)
    {
        if (recommendingUnitId == Guid.Empty || programmeYearId == Guid.Empty)
        {
            throw new DomainException("绩效评价须对应推荐单位和年度。");
        }
        RecommendingUnitId = recommendingUnitId;
        ProgrammeYearId = programmeYearId;
        Indicators = indicators;
        IndicatorsComputedAtUtc = utcNow;
        State = DistrictEvaluationState.Draft;
        Raise(new DistrictEvaluationDrafted(Id, recommendingUnitId, programmeYearId, subject));
    }

    public Guid RecommendingUnitId { get; private set; }
    public Guid ProgrammeYearId { get; private set; }
    public DistrictEvaluationState State { get; private set; }
    public EvaluationIndicators Indicators { get; private set; } = EvaluationIndicators.Empty;
    public DateTime IndicatorsComputedAtUtc { get; private set; }

    /// <summary>The commission's score, 0–100 with up to two decimals.</summary>
    public decimal? CommissionScore { get; private set; }
    public string? Remarks { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    public string? PublishedBy { get; private set; }

    /// <summary>Draft only: replaces the snapshot with freshly computed indicators.</summary>
    public void RefreshIndicators(EvaluationIndicators indicators, DateTime utcNow)
    {
        EnsureDraft("重新计算指标");
        Indicators = indicators;
        IndicatorsComputedAtUtc = utcNow;
        Raise(new DistrictEvaluationRefreshed(Id));
    }

    /// <summary>Draft only: the commission's own score and remarks.</summary>
    public void Score(decimal score, string? remarks)
    {
        EnsureDraft("评分");
        if (score < 0m || score > 100m)
        {
            throw new DomainException("评分应在0至100之间。", "score");
        }
        if (decimal.Round(score, 2) != score)
        {
            throw new DomainException("评分最多保留两位小数。", "score");
        }
        var r = string.IsNullOrWhiteSpace(remarks) ? null : remarks.Trim();
        if (r is { Length: > MaxRemarksLength })
        {
            throw new DomainException($"评价意见过长（最多{MaxRemarksLength}个字符）。", "remarks");
        }
        var changed = CommissionScore is not null;
        CommissionScore = score;
        Remarks = r;
        Raise(new DistrictEvaluationScored(Id, changed));
    }

    /// <summary>
    /// Why an evaluation in this state, with this score, cannot be published yet — or null when it can. The publish page
    /// asks it before its confirmation step; <see cref="Publish"/> refuses with it.
    /// </summary>
    public static string? PublishRefusal(DistrictEvaluationState state, decimal? commissionScore) =>
        state != DistrictEvaluationState.Draft ? "该评价已经发布。"
        : commissionScore is null ? "请先评分再发布。"
        : null;

    /// <summary>Draft → Published, once scored.</summary>
    public void Publish(string publishedBy, DateTime utcNow)
    {
        if (PublishRefusal(State, CommissionScore) is { } refusal)
        {
            throw new DomainException(refusal);
        }
        var by = (publishedBy ?? string.Empty).Trim();
        if (by.Length == 0 || by.Length > MaxNameLength)
        {
            throw new DomainException("发布人不能为空。");
        }
        State = DistrictEvaluationState.Published;
        PublishedAtUtc = utcNow;
        PublishedBy = by;
        Raise(new DistrictEvaluationPublished(Id, RecommendingUnitId));
    }

    private void EnsureDraft(string action)
    {
        if (State != DistrictEvaluationState.Draft)
        {
            throw new InvalidTransitionException(RecordName, State.ToChinese(), action);
        }
    }
}
