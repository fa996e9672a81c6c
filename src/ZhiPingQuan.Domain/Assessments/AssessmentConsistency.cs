using System.Globalization;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Assessments;

public enum ConsistencyWarningKind
{
    /// <summary>The stated maturity level is not the level the score falls in.</summary>
    StatedLevelDiffersFromScore,

    /// <summary>The level scores give a total different from the stated score.</summary>
    LevelScoresDisagreeWithScore,

    /// <summary>The smart-factory tier needs a higher maturity level than the assessment shows.</summary>
    SmartFactoryLevelAboveMaturity,
}

public sealed record ConsistencyWarning(ConsistencyWarningKind Kind, string Message);

/// <summary>
/// Cross-checks of score, level, level scores and smart-factory tier (docs/domain.md §2). Only ever warnings
/// for the reviewer — never a reason to block a submission.
/// </summary>
public static class AssessmentConsistency
{
    /// <summary>Level-score totals within this distance of the stated score agree.</summary>
    public const decimal Tolerance = 0.01m;

    public static MaturityLevel? DerivedLevel(MaturityScore? score) => score?.Level;

    public static IReadOnlyList<ConsistencyWarning> Check(
        MaturityScore? score,
        MaturityLevel? statedLevel,
        LevelScores? levelScores,
        SmartFactoryLevel? smartFactoryLevel)
    {
        var warnings = new List<ConsistencyWarning>();
        var derived = score?.Level;

        if (score is { } s && statedLevel is { } stated && stated != s.Level)
        {
            warnings.Add(new(ConsistencyWarningKind.StatedLevelDiffersFromScore,
                $"填报的成熟度等级为{stated.ToChinese()}，但分数{s}对应{s.Level.ToChinese()}。"));
        }

        if (score is { } total && levelScores?.ImpliedTotal() is { } implied && Math.Abs(implied - total.Value) > Tolerance)
        {
            warnings.Add(new(ConsistencyWarningKind.LevelScoresDisagreeWithScore,
                $"按各级得分计算的总分为{implied.ToString("0.00", CultureInfo.InvariantCulture)}" +
                $"（{(levelScores.HighestLevelMet == 0 ? "未满足一级" : "满足至" + LevelName(levelScores.HighestLevelMet))}），与填报的成熟度分数{total}不一致。"));
        }

        var level = derived ?? statedLevel;
        if (smartFactoryLevel?.MinimumMaturityLevel is { } minimum && level is { } l && l < minimum)
        {
            warnings.Add(new(ConsistencyWarningKind.SmartFactoryLevelAboveMaturity,
                $"智能工厂等级“{smartFactoryLevel.Name}”要求成熟度{minimum.ToChinese()}及以上，而评估结果为{l.ToChinese()}。"));
        }

        return warnings;
    }

    /// <summary>The assessment's own record; pass the tier it refers to (load it by SmartFactoryLevelId).</summary>
    public static IReadOnlyList<ConsistencyWarning> Check(Assessment assessment, SmartFactoryLevel? smartFactoryLevel) =>
        Check(assessment.Score, assessment.StatedLevel, assessment.LevelScores, smartFactoryLevel);

    private static string LevelName(int n) => ((MaturityLevel)n).ToChinese();
}
