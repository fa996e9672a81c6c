using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Recommendations;

public class EligibilityRulesTests
{
    private static readonly RecommendationBasis[] Voluntary = [RecommendationBasis.Voluntary];
    private static readonly RecommendationBasis[] Transformation = [RecommendationBasis.SmartTransformation];

    private static IReadOnlyList<string> Check(
        decimal? output = 12_000m,
        KeyIndustry? industry = KeyIndustry.Automotive,
        RecommendationBasis[]? bases = null,
        params TransformationContract[] contracts) =>
        EligibilityRules.Check(output, industry, bases ?? Voluntary, contracts);

    [Fact]
    public void An_enterprise_meeting_every_rule_is_eligible()
    {
        Assert.Empty(Check());
    }

    [Fact]
    public void Output_of_9999_99_wan_yuan_is_below_one_yi()
    {
        var reason = Assert.Single(Check(output: 9_999.99m));
        Assert.Equal("年产值为9,999.99万元，低于1亿元（10,000.00万元）。", reason);
    }

    [Fact]
    public void Output_of_exactly_10000_wan_yuan_is_enough()
    {
        Assert.Empty(Check(output: 10_000.00m));
    }

    [Fact]
    public void Missing_output_is_reported()
    {
        Assert.Equal(["未填写年产值。"], Check(output: null));
    }

    [Fact]
    public void At_least_one_basis_is_needed()
    {
        var reason = Assert.Single(Check(bases: []));
        Assert.Equal("未选择推荐依据，至少应符合一项。", reason);
    }

    [Fact]
    public void Basis_1_without_any_contract_is_not_enough()
    {
        var reason = Assert.Single(Check(bases: Transformation));
        Assert.Contains("推荐依据1（智能化改造）", reason);
        Assert.Contains("未填写改造合同", reason);
    }

    [Fact]
    public void A_contract_of_exactly_20_wan_yuan_does_not_count()
    {
        var reason = Assert.Single(Check(bases: Transformation, contracts: new TransformationContract(20.00m, KeyLink.Production)));
        Assert.Contains("所填合同均不符合", reason);
    }

    [Fact]
    public void A_contract_of_20_01_wan_yuan_counts()
    {
        Assert.Empty(Check(bases: Transformation, contracts: new TransformationContract(20.01m, KeyLink.Production)));
    }

    [Theory]
    [InlineData(KeyLink.Finance)]
    [InlineData(KeyLink.OfficeAutomation)]
    [InlineData(KeyLink.Other)]
    public void Contracts_in_non_key_links_do_not_count(KeyLink link)
    {
        Assert.Single(Check(bases: Transformation, contracts: new TransformationContract(500m, link)));
    }

    [Theory]
    [InlineData(KeyLink.Design)]
    [InlineData(KeyLink.Production)]
    [InlineData(KeyLink.ResearchAndDevelopment)]
    [InlineData(KeyLink.Manufacturing)]
    [InlineData(KeyLink.Testing)]
    [InlineData(KeyLink.Warehousing)]
    [InlineData(KeyLink.EnergySavingEnvironmental)]
    public void Contracts_in_every_key_link_count(KeyLink link)
    {
        Assert.Empty(Check(bases: Transformation, contracts: new TransformationContract(20.01m, link)));
    }

    [Fact]
    public void One_qualifying_contract_among_others_is_enough()
    {
        Assert.Empty(Check(bases: Transformation, contracts:
        [
            new TransformationContract(800m, KeyLink.Finance),
            new TransformationContract(10m, KeyLink.Design),
            new TransformationContract(25m, KeyLink.Warehousing),
        ]));
    }

    [Fact]
    public void Bases_other_than_1_need_no_contract()
    {
        Assert.Empty(Check(bases: [RecommendationBasis.MajorProject, RecommendationBasis.SmartFactoryOrScenario]));
    }

    [Fact]
    public void A_claimed_basis_1_without_a_contract_fails_even_beside_another_basis()
    {
        Assert.Single(Check(bases: [RecommendationBasis.SmartTransformation, RecommendationBasis.Voluntary]));
    }

    [Fact]
    public void A_missing_industry_is_reported()
    {
        var reason = Assert.Single(Check(industry: null));
        Assert.StartsWith("所属行业不是六大重点产业", reason);
    }

    [Fact]
    public void An_undefined_industry_is_reported()
    {
        Assert.Single(Check(industry: (KeyIndustry)99));
    }

    [Fact]
    public void Several_failures_are_all_listed_in_order()
    {
        var reasons = Check(output: 5_000m, industry: null, bases: []);
        Assert.Equal(3, reasons.Count);
        Assert.StartsWith("年产值为5,000.00万元", reasons[0]);
        Assert.StartsWith("未选择推荐依据", reasons[1]);
        Assert.StartsWith("所属行业", reasons[2]);
    }
}
