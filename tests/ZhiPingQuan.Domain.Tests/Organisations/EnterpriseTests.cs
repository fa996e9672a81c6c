using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Organisations;

public class EnterpriseTests
{
    private static readonly RecommendingUnit Unit = Make.Unit();

    [Fact]
    public void A_new_enterprise_is_an_enterprise_organisation_of_its_unit()
    {
        var e = Make.Enterprise(Unit, 12_000.50m, KeyIndustry.LifeHealth);
        Assert.Equal(OrganisationKind.Enterprise, e.Kind);
        Assert.Equal(Unit.Id, e.RecommendingUnitId);
        Assert.Equal(12_000.50m, e.AnnualOutputWanYuan);
        Assert.Equal(KeyIndustry.LifeHealth, e.Industry);
        Assert.Equal(Make.EnterpriseCode, e.CreditCode.Value);
    }

    [Fact]
    public void Negative_output_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Make.Enterprise(Unit, -1m));
        Assert.Equal("年产值不能为负数。", ex.Message);
    }

    [Fact]
    public void Output_with_three_decimals_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Make.Enterprise(Unit, 10_000.001m));
        Assert.Contains("最多保留两位小数", ex.Message);
    }

    [Fact]
    public void An_enterprise_must_belong_to_a_unit()
    {
        var ex = Assert.Throws<DomainException>(() =>
            new Enterprise("企业", CreditCode.Parse(Make.EnterpriseCode), KeyIndustry.Automotive, 1m, Guid.Empty));
        Assert.Equal("企业必须属于一个推荐单位。", ex.Message);
    }

    [Fact]
    public void An_industry_outside_the_six_is_refused()
    {
        Assert.Throws<DomainException>(() => Make.Enterprise(Unit, 1m, (KeyIndustry)42));
    }

    [Fact]
    public void An_enterprise_needs_a_credit_code()
    {
        Assert.Throws<DomainException>(() => new Enterprise("企业", null!, KeyIndustry.Automotive, 1m, Unit.Id));
    }

    [Fact]
    public void A_malformed_email_is_refused()
    {
        var e = Make.Enterprise(Unit);
        var ex = Assert.Throws<DomainException>(() => e.SetContact(null, "张三", "021-1", "zhangsan.example.com"));
        Assert.Contains("电子邮箱", ex.Message);
        Assert.Null(e.ContactName);
    }

    [Fact]
    public void Contact_is_trimmed_and_printed_as_name_and_phone()
    {
        var e = Make.Enterprise(Unit);
        e.SetContact(" 浦东大道1号 ", " 张三 ", "021-12345678", " zs@example.cn ");
        Assert.Equal("浦东大道1号", e.Address);
        Assert.Equal("zs@example.cn", e.ContactEmail);
        Assert.Equal("张三 021-12345678", e.ContactLine);
    }

    [Fact]
    public void Moving_to_another_unit_changes_the_owner()
    {
        var e = Make.Enterprise(Unit);
        var other = Make.Unit("闵行区", "310112");
        e.MoveToUnit(other.Id);
        Assert.Equal(other.Id, e.RecommendingUnitId);
    }
}
