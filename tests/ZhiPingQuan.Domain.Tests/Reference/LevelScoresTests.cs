using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Reference;

public class LevelScoresTests
{
    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.01")]
    public void Level_scores_outside_0_to_1_are_refused(string value)
    {
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var ex = Assert.Throws<DomainException>(() => new LevelScores(null, null, v, null, null));
        Assert.Contains("三级得分应在0至1之间", ex.Message);
    }

    [Fact]
    public void Level_scores_with_three_decimals_are_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new LevelScores(0.805m, null, null, null, null));
        Assert.Equal("一级得分最多保留两位小数。", ex.Message);
    }

    [Fact]
    public void None_has_no_scores_and_no_implied_total()
    {
        Assert.True(LevelScores.None.IsEmpty);
        Assert.Null(LevelScores.None.ImpliedTotal());
        Assert.Equal(0, LevelScores.None.HighestLevelMet);
    }

    [Theory]
    [InlineData(0.79, 0, 0, 0)] // 一级 not met: S = S_1
    [InlineData(0.80, 0.5, 0, 1)]
    [InlineData(1.00, 0.79, 0.9, 1)] // 二级 not met, so 三级 does not count
    [InlineData(1.00, 0.90, 0.45, 2)]
    [InlineData(1.00, 0.90, 0.80, 3)]
    public void Highest_level_met_needs_every_lower_level_met(double one, double two, double three, int expected)
    {
        var scores = new LevelScores((decimal)one, (decimal)two, (decimal)three, null, null);
        Assert.Equal(expected, scores.HighestLevelMet);
    }

    [Theory]
    [InlineData("1.00,0.90,0.45,,", "2.35")] // n = 2: 1 + 0.90 + 0.45
    [InlineData("0.50,,,,", "0.50")] // n = 0: S = S_1
    [InlineData("1.00,0.70,0.90,,", "1.70")] // n = 1: 0 + 1 + 0.70
    [InlineData("1.00,0.85,,,", "1.85")] // missing 三级 counts 0
    [InlineData("1.00,1.00,1.00,1.00,1.00", "5.00")] // n = 5: S_6 = 0
    [InlineData("1.00,1.00,1.00,0.90,0.30", "4.20")] // n = 4: 3 + 0.90 + 0.30
    public void Implied_total_follows_the_formula(string levels, string expected)
    {
        var v = levels.Split(',').Select(s => s.Length == 0 ? (decimal?)null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var scores = new LevelScores(v[0], v[1], v[2], v[3], v[4]);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), scores.ImpliedTotal());
    }

    [Fact]
    public void Level_scores_compare_by_value()
    {
        Assert.Equal(new LevelScores(1m, 0.9m, null, null, null), new LevelScores(1.00m, 0.90m, null, null, null));
    }
}
