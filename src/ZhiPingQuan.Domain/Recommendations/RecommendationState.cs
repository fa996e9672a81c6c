namespace ZhiPingQuan.Domain.Recommendations;

/// <summary>
/// Draft → Recommended → Withdrawn (→ Recommended again); Recommended → Assessed when the assessment
/// is confirmed; Assessed → Listed when the unit's summary table is submitted.
/// </summary>
public enum RecommendationState
{
    Draft,
    Recommended,
    Withdrawn,
    Assessed,
    Listed,
}

public static class RecommendationStateNames
{
    public static string ToChinese(this RecommendationState state) => state switch
    {
        RecommendationState.Draft => "草稿",
        RecommendationState.Recommended => "已推荐",
        RecommendationState.Withdrawn => "已撤回",
        RecommendationState.Assessed => "已完成评估",
        RecommendationState.Listed => "已列入汇总表",
        _ => state.ToString(),
    };
}
