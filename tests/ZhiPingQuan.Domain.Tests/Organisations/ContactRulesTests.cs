using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Organisations;

/// <summary>
/// The field rules the registry forms, the batch-list import and the entities share: each answers its Chinese
/// message (or null), and the entity refuses exactly what the rule refuses.
/// </summary>
public class ContactRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("021-12345678")]
    [InlineData("+86 (21) 1234 5678")]
    [InlineData("（021）12345678")]
    [InlineData(" 13800000000 ")]
    public void Phones_of_digits_spaces_dashes_plus_and_brackets_are_accepted(string? phone)
    {
        Assert.Null(ContactRules.PhoneError(phone));
    }

    [Theory]
    [InlineData("021-12345678转8001")]
    [InlineData("138-0000-0000 / 021-1234")]
    [InlineData("tel:13800000000")]
    public void Other_characters_in_a_phone_are_refused_by_the_rule_and_the_entities(string phone)
    {
        Assert.Equal("联系电话只能包含数字、空格、“-”“+”和括号。", ContactRules.PhoneError(phone));
        var enterprise = Make.Enterprise(Make.Unit());
        var ex = Assert.Throws<DomainException>(() => enterprise.SetContact(null, "张三", phone, null));
        Assert.Equal(ContactRules.PhoneError(phone), ex.Message);
        Assert.Null(enterprise.ContactPhone);
    }

    [Fact]
    public void Lengths_are_counted_after_trimming()
    {
        Assert.Null(ContactRules.NameError(" " + new string('张', 50) + " "));
        Assert.Equal("联系人不能超过50个字符。", ContactRules.NameError(new string('张', 51)));
        Assert.Equal("联系电话不能超过50个字符。", ContactRules.PhoneError(new string('1', 51)));
        Assert.Equal("电子邮箱不能超过200个字符。", ContactRules.EmailError(new string('a', 190) + "@example.com"));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("张三 <zs@example.com>")]
    [InlineData("zs@@example.com")]
    public void A_malformed_email_is_named_in_the_message(string email)
    {
        Assert.Equal($"电子邮箱“{email}”格式不正确。", ContactRules.EmailError(email));
    }

    [Fact]
    public void An_agency_refuses_the_same_phone_as_an_enterprise()
    {
        var agency = Make.MunicipalAgency();
        Assert.Throws<DomainException>(() => agency.SetContact("李四", "021-1234 ext 5", null));
        agency.SetContact("李四", "021-12345678", "ls@example.com");
        Assert.Equal("021-12345678", agency.ContactPhone);
    }

    [Fact]
    public void An_enterprise_name_is_required_and_at_most_200_characters()
    {
        Assert.Equal("企业名称不能为空。", Enterprise.NameError("  "));
        Assert.Equal("企业名称不能超过200个字，当前为201个字。", Enterprise.NameError(new string('企', 201)));
        Assert.Null(Enterprise.NameError(new string('企', 200)));
        var ex = Assert.Throws<DomainException>(() =>
            new Enterprise(new string('企', 201), CreditCode.Parse(Make.EnterpriseCode), KeyIndustry.Automotive, 1m, Guid.NewGuid()));
        Assert.Equal(Enterprise.NameError(new string('企', 201)), ex.Message);
        var enterprise = Make.Enterprise(Make.Unit());
        Assert.Throws<DomainException>(() => enterprise.Rename(""));
        Assert.Equal("单位名称不能为空。", Organisation.NameError("", OrganisationKind.Agency));
    }

    [Theory]
    [InlineData("-1", "年产值不能为负数。")]
    [InlineData("100.123", "年产值（万元）最多保留两位小数，当前为100.123。")]
    [InlineData("10000000000", "年产值（万元）数值过大，请检查单位是否为万元。")]
    public void Output_values_the_registry_cannot_hold_are_refused_by_the_rule_and_the_entity(string value, string message)
    {
        var output = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(message, Enterprise.AnnualOutputError(output));
        Assert.Equal(message, Assert.Throws<DomainException>(() => Make.Enterprise(Make.Unit()).SetAnnualOutput(output)).Message);
    }

    [Theory]
    [InlineData("0", "改造合同金额必须大于0。")]
    [InlineData("30.555", "改造合同金额（万元）最多保留两位小数，当前为30.555。")]
    [InlineData("10000000000", "改造合同金额（万元）数值过大，请检查单位是否为万元。")]
    public void Contract_amounts_a_contract_cannot_hold_are_refused_by_the_rule_and_the_contract(string value, string message)
    {
        var amount = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(message, TransformationContract.AmountError(amount));
        Assert.Equal(message, Assert.Throws<DomainException>(() => new TransformationContract(amount, KeyLink.Production)).Message);
        Assert.Null(TransformationContract.AmountError(20m));
    }

    [Fact]
    public void A_basis_description_over_1000_characters_is_refused_by_the_rule_and_the_statement()
    {
        Assert.Null(RecommendationBasisStatement.DescriptionError(new string('述', 1000)));
        Assert.Equal("依据说明不能超过1000个字。", RecommendationBasisStatement.DescriptionError(new string('述', 1001)));
        Assert.Throws<DomainException>(() => new RecommendationBasisStatement(RecommendationBasis.Voluntary, new string('述', 1001)));
    }

    [Fact]
    public void The_eligibility_rules_answer_one_at_a_time_as_Check_answers_them_together()
    {
        var small = new TransformationContract(20m, KeyLink.Production);
        Assert.Equal(
            new[]
            {
                EligibilityRules.AnnualOutputError(9_000m)!,
                EligibilityRules.BasisError([RecommendationBasis.SmartTransformation], [small])!,
                EligibilityRules.IndustryError(null)!,
            },
            EligibilityRules.Check(9_000m, null, [RecommendationBasis.SmartTransformation], [small]));
        Assert.Contains("低于1亿元", EligibilityRules.AnnualOutputError(9_000m));
        Assert.Null(EligibilityRules.AnnualOutputError(10_000m));
        Assert.Equal("未填写年产值。", EligibilityRules.AnnualOutputError(null));
        Assert.Contains("所填合同均不符合", EligibilityRules.BasisError([RecommendationBasis.SmartTransformation], [small]));
        Assert.Null(EligibilityRules.BasisError([RecommendationBasis.Voluntary], []));
        Assert.Equal("未选择推荐依据，至少应符合一项。", EligibilityRules.BasisError([], []));
        Assert.Null(EligibilityRules.IndustryError(KeyIndustry.Automotive));
    }
}
