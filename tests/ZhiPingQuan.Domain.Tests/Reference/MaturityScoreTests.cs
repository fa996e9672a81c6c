using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Reference;

public class MaturityScoreTests
{
    [Theory]
    [InlineData("0", MaturityLevel.BelowOne)]
    [InlineData("0.79", MaturityLevel.BelowOne)]
    [InlineData("0.8", MaturityLevel.One)]
    [InlineData("1.79", MaturityLevel.One)]
    [InlineData("1.8", MaturityLevel.Two)]
    [InlineData("2.79", MaturityLevel.Two)]
    [InlineData("2.8", MaturityLevel.Three)]
    [InlineData("3.79", MaturityLevel.Three)]
    [InlineData("3.8", MaturityLevel.Four)]
    [InlineData("4.79", MaturityLevel.Four)]
    [InlineData("4.8", MaturityLevel.Five)]
    [InlineData("5.0", MaturityLevel.Five)]
    public void Score_falls_in_the_level_of_its_interval(string score, MaturityLevel expected)
    {
        Assert.Equal(expected, new MaturityScore(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)).Level);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("5.01")]
    [InlineData("6")]
    public void Scores_outside_0_to_5_are_refused(string score)
    {
        var ex = Assert.Throws<DomainException>(() => new MaturityScore(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("0至5之间", ex.Message);
    }

    [Fact]
    public void Scores_with_three_decimals_are_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new MaturityScore(2.345m));
        Assert.Equal("成熟度分数最多保留两位小数。", ex.Message);
    }

    [Fact]
    public void Score_prints_with_two_decimals()
    {
        Assert.Equal("2.50", new MaturityScore(2.5m).ToString());
    }

    [Theory]
    [InlineData(MaturityLevel.BelowOne, "未达一级")]
    [InlineData(MaturityLevel.Three, "三级（集成级）")]
    [InlineData(MaturityLevel.Five, "五级（引领级）")]
    public void Levels_have_Chinese_names(MaturityLevel level, string name)
    {
        Assert.Equal(name, level.ToChinese());
    }
}
