using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Domain.Tests.Organisations;

public class RecommendingUnitTests
{
    [Fact]
    public void Seed_has_the_19_units_three_of_them_without_a_code()
    {
        var seed = RecommendingUnit.CreateSeed();
        Assert.Equal(19, seed.Count);
        Assert.Equal(["临港新片区", "上海化学工业区", "长兴岛"], seed.Where(u => u.Code is null).Select(u => u.Name));
        Assert.Equal("310115", seed.Single(u => u.Name == "浦东新区").Code);
        Assert.Equal(Enumerable.Range(1, 19), seed.Select(u => u.SortOrder));
        Assert.All(seed, u => Assert.Equal(OrganisationKind.RecommendingUnit, u.Kind));
    }

    [Theory]
    [InlineData("31011")]
    [InlineData("3101150")]
    [InlineData("31O115")]
    public void A_code_must_be_six_digits(string code)
    {
        var ex = Assert.Throws<DomainException>(() => new RecommendingUnit("浦东新区", code, 1));
        Assert.Contains("6位数字", ex.Message);
    }

    [Fact]
    public void A_blank_code_means_no_code()
    {
        Assert.Null(new RecommendingUnit("长兴岛", "  ", 19).Code);
    }

    [Fact]
    public void A_unit_needs_a_name()
    {
        Assert.Throws<DomainException>(() => new RecommendingUnit(" ", "310115", 1));
    }
}
