using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Evaluations;

namespace ZhiPingQuan.Domain.Tests.Evaluations;

public class EvaluationTests
{
    private static readonly DateTime Now = new(2024, 1, 31, 2, 0, 0, DateTimeKind.Utc);

    private static EvaluationIndicators Typical() =>
        EvaluationIndicators.Compute(new EvaluationCounts(
            Recommended: 40, Assessed: 30, AboveSizeCount: 120, TablesExpected: 2, TablesSubmittedOnTime: 2,
            Applications: 27, FirstPass: 20, Returns: 9, Redemptions: 25, EnterprisesWithFollowUp: 12));

    [Fact]
    public void Indicators_are_computed_from_the_counts()
    {
        var i = Typical();

        Assert.Equal(25.00m, i.CoveragePercent);
        Assert.Equal(74.07m, i.FirstPassRatePercent);
        Assert.Equal(40.00m, i.UpgradeFollowUpRatePercent);
        Assert.Equal((40, 30, 120), (i.RecommendedCount, i.AssessedCount, i.AboveSizeCount));
        Assert.Equal((2, 2, 27, 20, 9, 25, 12), (i.TablesExpected, i.TablesSubmittedOnTime, i.ApplicationCount, i.FirstPassCount, i.ReturnCount, i.RedemptionCount, i.FollowUpCount));
    }

    [Fact]
    public void Rates_with_a_zero_denominator_are_null_not_an_error()
    {
        var i = EvaluationIndicators.Compute(new EvaluationCounts(5, 0, 0, 1, 0, 0, 0, 0, 0, 0));

        Assert.Null(i.CoveragePercent);
        Assert.Null(i.FirstPassRatePercent);
        Assert.Null(i.UpgradeFollowUpRatePercent);
    }

    [Fact]
    public void Percentages_round_half_away_from_zero_to_two_decimals()
    {
        Assert.Equal(33.33m, EvaluationIndicators.Percent(1, 3));
        Assert.Equal(66.67m, EvaluationIndicators.Percent(2, 3));
        Assert.Equal(0.01m, EvaluationIndicators.Percent(1, 8000));
        Assert.Equal(125.00m, EvaluationIndicators.Percent(5, 4));
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<DomainException>(() => EvaluationIndicators.Compute(new EvaluationCounts(1, -1, 10, 0, 0, 0, 0, 0, 0, 0)));
    }

    [Fact]
    public void A_new_evaluation_is_a_draft_holding_the_snapshot()
    {
        var e = new DistrictEvaluation(Guid.NewGuid(), Guid.NewGuid(), Typical(), Now);

        Assert.Equal(DistrictEvaluationState.Draft, e.State);
        Assert.Equal(25.00m, e.Indicators.CoveragePercent);
        Assert.Null(e.CommissionScore);
    }

    [Fact]
    public void Publish_needs_a_score()
    {
        var e = new DistrictEvaluation(Guid.NewGuid(), Guid.NewGuid(), Typical(), Now);

        Assert.Throws<DomainException>(() => e.Publish("市经信委", Now));
        Assert.Equal(DistrictEvaluationState.Draft, e.State);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    [InlineData("88.555")]
    public void A_score_outside_0_to_100_or_with_three_decimals_is_refused(string score)
    {
        var e = new DistrictEvaluation(Guid.NewGuid(), Guid.NewGuid(), Typical(), Now);

        Assert.Throws<DomainException>(() => e.Score(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), null));
        Assert.Null(e.CommissionScore);
    }

    [Fact]
    public void Scored_then_published_moves_draft_to_published_and_freezes_it()
    {
        var e = new DistrictEvaluation(Guid.NewGuid(), Guid.NewGuid(), Typical(), Now);
        e.Score(100m, "覆盖率高，按时报送");

        e.Publish("市经信委 郑一", Now);

        Assert.Equal(DistrictEvaluationState.Published, e.State);
        Assert.Equal(100m, e.CommissionScore);
        Assert.Equal("覆盖率高，按时报送", e.Remarks);
        Assert.Throws<InvalidTransitionException>(() => e.Score(90m, null));
        Assert.Throws<InvalidTransitionException>(() => e.RefreshIndicators(EvaluationIndicators.Empty, Now));
        Assert.Equal("该评价已经发布。", Assert.Throws<DomainException>(() => e.Publish("市经信委", Now)).Message);
        Assert.Equal(25.00m, e.Indicators.CoveragePercent);
    }

    [Fact]
    public void A_draft_can_refresh_its_indicators()
    {
        var e = new DistrictEvaluation(Guid.NewGuid(), Guid.NewGuid(), EvaluationIndicators.Empty, Now);

        e.RefreshIndicators(Typical(), Now.AddDays(1));

        Assert.Equal(25.00m, e.Indicators.CoveragePercent);
        Assert.Equal(Now.AddDays(1), e.IndicatorsComputedAtUtc);
        Assert.Equal("已发布", DistrictEvaluationState.Published.ToChinese());
    }

    [Fact]
    public void Each_step_is_an_audit_line_without_the_score_and_a_refused_step_raises_none()
    {
        var e = new DistrictEvaluation(Guid.NewGuid(), Guid.NewGuid(), Typical(), Now, "2023年度浦东新区");
        Assert.Throws<DomainException>(() => e.Score(101m, null));
        Assert.Throws<DomainException>(() => e.Publish("市经信委", Now));
        e.RefreshIndicators(Typical(), Now);
        e.Score(87.5m, "意见");
        e.Score(88m, "意见");
        e.Publish("市经信委 郑一", Now);

        var lines = e.TakeEvents().OfType<IAuditedEvent>().Select(x => x.Audit).ToList();
        Assert.Equal(
            [AuditAction.EvaluationDrafted, AuditAction.EvaluationIndicatorsRefreshed, AuditAction.EvaluationScored, AuditAction.EvaluationScored, AuditAction.EvaluationPublished],
            lines.Select(l => l.Action).ToArray());
        Assert.All(lines, l => Assert.Equal((nameof(DistrictEvaluation), (Guid?)e.Id), (l.RecordType, l.RecordId)));
        Assert.Contains("2023年度浦东新区", lines[0].Detail);
        Assert.Equal(("评分并填写评价意见", "修改评分和评价意见"), (lines[2].Detail, lines[3].Detail));
        Assert.Equal(("草稿", "已发布"), (lines[4].Before, lines[4].After));
        Assert.DoesNotContain(lines, l => (l.Detail ?? string.Empty).Contains("87.5") || (l.Detail ?? string.Empty).Contains("88"));
    }

    [Fact]
    public void Only_published_evaluations_satisfy_the_published_rule()
    {
        var e = new DistrictEvaluation(Guid.NewGuid(), Guid.NewGuid(), Typical(), Now);
        Assert.True(DistrictEvaluationRules.Draft.IsSatisfiedBy(e));
        Assert.False(DistrictEvaluationRules.Published.IsSatisfiedBy(e));
        e.Score(60m, null);
        e.Publish("市经信委", Now);
        Assert.True(DistrictEvaluationRules.Published.IsSatisfiedBy(e));
        Assert.False(DistrictEvaluationRules.Draft.IsSatisfiedBy(e));
    }
}
