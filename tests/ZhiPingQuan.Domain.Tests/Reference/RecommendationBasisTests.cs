using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Reference;

public class RecommendationBasisTests
{
    [Theory]
    [InlineData("1,3", new[] { 1, 3 })]
    [InlineData("1，智能化改造、4", new[] { 1, 4 })]
    [InlineData("3、1", new[] { 1, 3 })]
    [InlineData("１，２", new[] { 1, 2 })]
    [InlineData(" 2  4 ", new[] { 2, 4 })]
    [InlineData("自愿评估", new[] { 4 })]
    [InlineData("重大产业项目；智能工厂或示范场景", new[] { 2, 3 })]
    [InlineData("1.智能化改造、2", new[] { 1, 2 })]
    [InlineData("1智能化改造", new[] { 1 })]
    [InlineData("1,1,1", new[] { 1 })]
    public void Digits_and_short_names_are_read_whatever_the_separator(string text, int[] expected)
    {
        var result = RecommendationBases.Parse(text);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected.Select(i => (RecommendationBasis)i), result.Bases);
        Assert.Empty(result.UnknownParts);
    }

    [Fact]
    public void An_unknown_number_is_reported_precisely()
    {
        var result = RecommendationBases.Parse("1,5");
        Assert.False(result.Succeeded);
        Assert.Equal(["5"], result.UnknownParts);
        Assert.StartsWith("推荐依据中无法识别：“5”，应为1–4的数字或简称", result.Error);
    }

    [Fact]
    public void Every_unknown_part_is_listed()
    {
        var result = RecommendationBases.Parse("1、智能改造，0, 2");
        Assert.Equal(["智能改造", "0"], result.UnknownParts);
        Assert.Contains("“智能改造”、“0”", result.Error);
        Assert.Equal([RecommendationBasis.SmartTransformation, RecommendationBasis.MajorProject], result.Bases);
    }

    [Fact]
    public void A_digit_with_another_basis_name_is_not_guessed()
    {
        var result = RecommendationBases.Parse("1重大产业项目");
        Assert.Equal(["1重大产业项目"], result.UnknownParts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ，、 ")]
    public void Empty_text_is_refused(string? text)
    {
        var result = RecommendationBases.Parse(text);
        Assert.False(result.Succeeded);
        Assert.StartsWith("推荐依据不能为空", result.Error);
        Assert.Empty(result.Bases);
    }

    [Theory]
    [InlineData(RecommendationBasis.SmartTransformation, "智能化改造", "1 智能化改造")]
    [InlineData(RecommendationBasis.MajorProject, "重大产业项目", "2 重大产业项目")]
    [InlineData(RecommendationBasis.SmartFactoryOrScenario, "智能工厂或示范场景", "3 智能工厂或示范场景")]
    [InlineData(RecommendationBasis.Voluntary, "自愿评估", "4 自愿评估")]
    public void Bases_have_their_numbers_and_short_names(RecommendationBasis basis, string name, string numbered)
    {
        Assert.Equal(name, basis.ToChinese());
        Assert.Equal(numbered, basis.ToNumbered());
        Assert.NotEqual(basis.ToString(), basis.Describe());
    }
}
