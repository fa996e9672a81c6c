using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Assessments;

public class AssessmentConsistencyTests
{
    private static readonly LevelScores Matching235 = new(1.00m, 0.90m, 0.45m, null, null);

    private static IReadOnlyList<ConsistencyWarning> Check(decimal? score, MaturityLevel? stated, LevelScores? levels = null, string? tier = null) =>
        AssessmentConsistency.Check(score is null ? null : new MaturityScore(score.Value), stated, levels, tier is null ? null : Make.Tier(tier));

    [Fact]
    public void A_consistent_record_has_no_warning()
    {
        Assert.Empty(Check(2.35m, MaturityLevel.Two, Matching235, "先进级"));
    }

    [Fact]
    public void The_level_is_derived_from_the_score()
    {
        Assert.Equal(MaturityLevel.Three, AssessmentConsistency.DerivedLevel(new MaturityScore(2.80m)));
        Assert.Null(AssessmentConsistency.DerivedLevel(null));
    }

    [Fact]
    public void A_stated_level_other_than_the_score_level_is_a_warning()
    {
        var w = Assert.Single(Check(2.79m, MaturityLevel.Three));
        Assert.Equal(ConsistencyWarningKind.StatedLevelDiffersFromScore, w.Kind);
        Assert.Equal("填报的成熟度等级为三级（集成级），但分数2.79对应二级（规范级）。", w.Message);
    }

    [Fact]
    public void Level_scores_that_disagree_with_the_score_are_a_warning()
    {
        var w = Assert.Single(Check(2.50m, MaturityLevel.Two, Matching235));
        Assert.Equal(ConsistencyWarningKind.LevelScoresDisagreeWithScore, w.Kind);
        Assert.Contains("按各级得分计算的总分为2.35（满足至二级（规范级）），与填报的成熟度分数2.50不一致", w.Message);
    }

    [Theory]
    [InlineData("2.36", false)]
    [InlineData("2.34", false)]
    [InlineData("2.37", true)]
    [InlineData("2.33", true)]
    public void Level_scores_agree_within_a_tolerance_of_0_01(string score, bool warned)
    {
        var s = decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture);
        var warnings = Check(s, MaturityLevel.Two, Matching235);
        Assert.Equal(warned, warnings.Any(w => w.Kind == ConsistencyWarningKind.LevelScoresDisagreeWithScore));
    }

    [Fact]
    public void Without_level_scores_there_is_nothing_to_cross_check()
    {
        Assert.Empty(Check(2.50m, MaturityLevel.Two, LevelScores.None));
        Assert.Empty(Check(2.50m, MaturityLevel.Two, null));
    }

    [Theory]
    [InlineData("卓越级", "2.79", true)]
    [InlineData("卓越级", "2.80", false)]
    [InlineData("领航级", "3.79", true)]
    [InlineData("领航级", "3.80", false)]
    [InlineData("基础级", "1.79", true)]
    [InlineData("先进级", "1.80", false)]
    [InlineData("未评定", "0.50", false)]
    public void A_smart_factory_level_above_the_maturity_level_is_a_warning(string tier, string score, bool warned)
    {
        var s = new MaturityScore(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture));
        var warnings = Check(s.Value, s.Level, null, tier);
        Assert.Equal(warned, warnings.Any(w => w.Kind == ConsistencyWarningKind.SmartFactoryLevelAboveMaturity));
    }

    [Fact]
    public void The_tier_warning_names_tier_and_levels()
    {
        var w = Assert.Single(Check(2.50m, MaturityLevel.Two, null, "卓越级"));
        Assert.Equal("智能工厂等级“卓越级”要求成熟度三级（集成级）及以上，而评估结果为二级（规范级）。", w.Message);
    }

    [Fact]
    public void Without_a_score_the_stated_level_is_checked_against_the_tier()
    {
        var w = Assert.Single(Check(null, MaturityLevel.Two, null, "领航级"));
        Assert.Equal(ConsistencyWarningKind.SmartFactoryLevelAboveMaturity, w.Kind);
    }

    [Fact]
    public void Several_disagreements_give_several_warnings()
    {
        var warnings = Check(2.50m, MaturityLevel.Four, Matching235, "领航级");
        Assert.Equal(
            [ConsistencyWarningKind.StatedLevelDiffersFromScore, ConsistencyWarningKind.LevelScoresDisagreeWithScore, ConsistencyWarningKind.SmartFactoryLevelAboveMaturity],
            warnings.Select(w => w.Kind));
    }

    [Fact]
    public void Warnings_never_block_submission()
    {
        var a = Make.InProgress().Assessment;
        Make.FillRecord(a, score: 2.50m, level: MaturityLevel.Four, tier: "领航级");
        a.SubmitReport(Guid.NewGuid(), "周评估师", Make.Before);
        Assert.Equal(AssessmentState.ReportSubmitted, a.State);
        Assert.Equal(3, AssessmentConsistency.Check(a, Make.Tier("领航级")).Count);
    }
}
