using ZhiPingQuan.Domain.Auditing;
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

    private static AuditLine Line(Enterprise e) => Assert.IsAssignableFrom<IAuditedEvent>(Assert.Single(e.TakeEvents())).Audit;

    private static EnterpriseDetails Details(string name = "上海浦江精密装备有限公司", string? phone = "021-12345678") =>
        new(name, CreditCode.Parse(Make.EnterpriseCode), KeyIndustry.Automotive, "人工智能", 12_000m, "浦东大道1号", "张三", phone, null);

    [Fact]
    public void Moving_to_another_unit_changes_the_owner_and_is_recorded_with_both_units_and_the_reason()
    {
        var e = Make.Enterprise(Unit);
        var other = Make.Unit("闵行区", "310112");
        e.MoveToUnit(other, "浦东新区", " 注册地迁至闵行 ");
        Assert.Equal(other.Id, e.RecommendingUnitId);
        Assert.Equal(new AuditLine(AuditAction.EnterpriseUnitChanged, nameof(Enterprise), e.Id, "浦东新区", "闵行区",
            $"{e.Name}（{Make.EnterpriseCode}）；原因：注册地迁至闵行"), Line(e));
    }

    [Fact]
    public void Moving_to_the_same_or_an_inactive_unit_or_without_a_reason_is_refused_and_changes_nothing()
    {
        var e = Make.Enterprise(Unit);
        var inactive = Make.Unit("闵行区", "310112");
        inactive.Deactivate();
        Assert.Equal("该企业已登记在浦东新区，无需变更。", Assert.Throws<DomainException>(() => e.MoveToUnit(Unit, "浦东新区", "迁址")).Message);
        Assert.Equal("请选择一个在用的推荐单位。", Assert.Throws<DomainException>(() => e.MoveToUnit(inactive, "浦东新区", "迁址")).Message);
        Assert.Equal("reason", Assert.Throws<DomainException>(() => e.MoveToUnit(Make.Unit("徐汇区", "310104"), "浦东新区", " ")).Field);
        Assert.Equal(Unit.Id, e.RecommendingUnitId);
        Assert.Empty(e.PendingEvents());
    }

    [Fact]
    public void Registering_records_the_whole_record_as_one_line()
    {
        var e = Enterprise.Register(Details(), Unit.Id);
        Assert.Equal(new AuditLine(AuditAction.EnterpriseRegistered, nameof(Enterprise), e.Id, null,
            $"上海浦江精密装备有限公司｜{Make.EnterpriseCode}｜汽车（人工智能）｜12000.00万元｜浦东大道1号｜张三 021-12345678"), Line(e));
    }

    [Fact]
    public void Changing_details_is_recorded_before_and_after_only_when_something_changed()
    {
        var e = Enterprise.Register(Details(), Unit.Id);
        e.TakeEvents();
        Assert.False(e.ChangeDetails(Details()));
        Assert.Empty(e.PendingEvents());

        Assert.True(e.ChangeDetails(Details(phone: "021-87654321")));
        var line = Line(e);
        Assert.Equal((AuditAction.EnterpriseChanged, true, true), (line.Action, line.Before!.EndsWith("张三 021-12345678"), line.After!.EndsWith("张三 021-87654321")));
    }

    [Fact]
    public void A_refused_detail_changes_nothing_and_records_nothing()
    {
        var e = Enterprise.Register(Details(), Unit.Id);
        e.TakeEvents();
        Assert.Throws<DomainException>(() => e.ChangeDetails(Details(name: "新名称", phone: "电话号码")));
        Assert.Equal("上海浦江精密装备有限公司", e.Name);
        Assert.Empty(e.PendingEvents());
    }

    [Fact]
    public void Admin_corrects_the_credit_code_with_a_reason_on_record()
    {
        var e = Make.Enterprise(Unit);
        var corrected = Make.Code("91310115MA1H7A2BX");
        Assert.Equal("新的统一社会信用代码与现有代码相同，无需更正。",
            Assert.Throws<DomainException>(() => e.CorrectCreditCode(CreditCode.Parse(Make.EnterpriseCode), "核对营业执照")).Message);
        e.CorrectCreditCode(corrected, "推荐单位录入错误");
        Assert.Equal(new AuditLine(AuditAction.EnterpriseCreditCodeCorrected, nameof(Enterprise), e.Id, Make.EnterpriseCode, corrected.Value,
            $"{e.Name}；原因：推荐单位录入错误"), Line(e));
    }
}
