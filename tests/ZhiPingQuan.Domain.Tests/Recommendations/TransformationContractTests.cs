using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Domain.Tests.Recommendations;

public class TransformationContractTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_contract_amount_must_be_positive(int amount)
    {
        var ex = Assert.Throws<DomainException>(() => new TransformationContract(amount, KeyLink.Design));
        Assert.Equal("改造合同金额必须大于0。", ex.Message);
    }

    [Fact]
    public void A_contract_amount_has_at_most_two_decimals()
    {
        Assert.Throws<DomainException>(() => new TransformationContract(20.001m, KeyLink.Design));
    }

    [Fact]
    public void Counting_needs_a_key_link_and_more_than_20_wan_yuan()
    {
        Assert.True(new TransformationContract(20.01m, KeyLink.Testing).CountsForEligibility);
        Assert.False(new TransformationContract(20.00m, KeyLink.Testing).CountsForEligibility);
        Assert.False(new TransformationContract(99m, KeyLink.OfficeAutomation).CountsForEligibility);
    }

    [Theory]
    [InlineData("设计", KeyLink.Design)]
    [InlineData(" 节能环保 ", KeyLink.EnergySavingEnvironmental)]
    [InlineData("仓储环节", KeyLink.Warehousing)]
    [InlineData("oa", KeyLink.OfficeAutomation)]
    [InlineData("财务", KeyLink.Finance)]
    public void Links_are_read_from_their_Chinese_names(string text, KeyLink expected)
    {
        Assert.True(KeyLinks.TryParse(text, out var link));
        Assert.Equal(expected, link);
        Assert.False(KeyLinks.TryParse("销售", out _));
    }

    [Fact]
    public void Exactly_the_seven_key_links_are_key_links()
    {
        Assert.Equal(7, KeyLinks.All.Count(l => l.IsKeyLink()));
        Assert.All(KeyLinks.All, l => Assert.NotEqual(l.ToString(), l.ToChinese()));
    }
}
