using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Evaluations;

/// <summary>The plain counts a unit's year is measured by, gathered by the caller.</summary>
/// <param name="Recommended">Enterprises the unit recommended in the year (withdrawn ones excluded).</param>
/// <param name="Assessed">Of those, enterprises with a confirmed assessment.</param>
/// <param name="AboveSizeCount">The unit's 规上工业企业 count for the year (coverage denominator).</param>
/// <param name="TablesExpected">Batches of the year for which the unit owes a summary table.</param>
/// <param name="TablesSubmittedOnTime">Of those, tables submitted by the batch deadline.</param>
/// <param name="Applications">Quota applications submitted (drafts excluded).</param>
/// <param name="FirstPass">Applications passed without any return for supplement.</param>
/// <param name="Returns">Returns for supplement, counting each return.</param>
/// <param name="Redemptions">Redemptions approved or paid.</param>
/// <param name="EnterprisesWithFollowUp">Assessed enterprises with at least one follow-up project not cancelled.</param>
public sealed record EvaluationCounts(
    int Recommended,
    int Assessed,
    int AboveSizeCount,
    int TablesExpected,
    int TablesSubmittedOnTime,
    int Applications,
    int FirstPass,
    int Returns,
    int Redemptions,
    int EnterprisesWithFollowUp);

/// <summary>
/// 绩效评价 indicators of a unit for a year (docs/domain.md §4.7). Rates are percentages with two decimals,
/// or null when their denominator is zero (shown as "—", never as a division error or a fake 0%).
/// </summary>
public sealed record EvaluationIndicators(
    int RecommendedCount,
    int AssessedCount,
    int AboveSizeCount,
    decimal? CoveragePercent,
    int TablesExpected,
    int TablesSubmittedOnTime,
    int ApplicationCount,
    int FirstPassCount,
    decimal? FirstPassRatePercent,
    int ReturnCount,
    int RedemptionCount,
    int FollowUpCount,
    decimal? UpgradeFollowUpRatePercent)
{
    public static EvaluationIndicators Empty { get; } = Compute(new EvaluationCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

    /// <summary>
    /// coverage = assessed / 规上 count; first-pass rate = first-pass / applications;
    /// follow-up rate = enterprises with follow-up / assessed.
    /// </summary>
    public static EvaluationIndicators Compute(EvaluationCounts c)
    {
        if (new[] { c.Recommended, c.Assessed, c.AboveSizeCount, c.TablesExpected, c.TablesSubmittedOnTime, c.Applications, c.FirstPass, c.Returns, c.Redemptions, c.EnterprisesWithFollowUp }.Any(n => n < 0))
        {
            throw new DomainException("评价指标的计数不能为负数。");
        }
        return new EvaluationIndicators(
            c.Recommended,
            c.Assessed,
            c.AboveSizeCount,
            Percent(c.Assessed, c.AboveSizeCount),
            c.TablesExpected,
            c.TablesSubmittedOnTime,
            c.Applications,
            c.FirstPass,
            Percent(c.FirstPass, c.Applications),
            c.Returns,
            c.Redemptions,
            c.EnterprisesWithFollowUp,
            Percent(c.EnterprisesWithFollowUp, c.Assessed));
    }

    public static decimal? Percent(int numerator, int denominator) =>
        denominator == 0 ? null : decimal.Round(100m * numerator / denominator, 2, MidpointRounding.AwayFromZero);
}
