using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Organisations;

public class EnterpriseSearchTests
{
    private static readonly Enterprise Abb = new("上海ABB工程（中国）有限公司", CreditCode.Parse("91310110666007217T"), KeyIndustry.HighEndEquipment, 12_000m, Guid.NewGuid());
    private static readonly Enterprise Pujiang = new("上海浦江精密装备有限公司", CreditCode.Parse("91310115591693856A"), KeyIndustry.Automotive, 12_000m, Guid.NewGuid());

    /// <summary>The rule run in memory exactly as a query would run it.</summary>
    private static IReadOnlyList<string> Found(string? typed) =>
        new[] { Abb, Pujiang }.Where(EnterpriseSearch.Matches(typed).Compile()).Select(e => e.Name).ToList();

    [Theory]
    [InlineData("浦江精密")]
    [InlineData("  浦江精密 ")]
    [InlineData("有限公司")]
    public void Finds_by_any_part_of_the_name(string typed)
    {
        Assert.Contains(Pujiang.Name, Found(typed));
    }

    [Theory]
    [InlineData("abb")]
    [InlineData("ABB")]
    [InlineData("aBb工程")]
    public void Latin_letters_in_a_name_are_compared_without_case(string typed)
    {
        Assert.Equal([Abb.Name], Found(typed));
    }

    [Fact]
    public void A_name_is_searched_as_typed_so_full_width_brackets_find_full_width_brackets()
    {
        Assert.Equal([Abb.Name], Found("（中国）"));
        Assert.Empty(Found("(中国)"));
    }

    [Theory]
    [InlineData("91310115591693856A")]
    [InlineData("59169385")]
    [InlineData("3856a")]
    [InlineData("５９１６９３８５")]
    [InlineData(" 5916 9385 ")]
    [InlineData("856A")]
    public void Finds_by_the_whole_credit_code_or_any_part_of_it_typed_loosely(string typed)
    {
        Assert.Equal([Pujiang.Name], Found(typed));
    }

    [Fact]
    public void A_part_shared_by_two_codes_finds_both()
    {
        Assert.Equal([Abb.Name, Pujiang.Name], Found("913101"));
    }

    [Theory]
    [InlineData("浦江O")]
    [InlineData("不存在的企业")]
    [InlineData("913101159")]
    public void Text_that_is_in_no_name_or_code_finds_nothing(string typed)
    {
        Assert.Empty(Found(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Blank_text_finds_every_enterprise_and_parses_to_nothing(string? typed)
    {
        Assert.Null(EnterpriseSearch.Parse(typed));
        Assert.Equal(2, Found(typed).Count);
    }

    [Theory]
    [InlineData("９１３１ｍａ", "9131MA")]
    [InlineData(" 91310115 ", "91310115")]
    [InlineData("856a", "856A")]
    public void Text_that_can_be_part_of_a_code_is_read_as_a_code(string typed, string expected)
    {
        Assert.Equal(expected, EnterpriseSearch.Parse(typed)!.CodePart);
    }

    [Theory]
    [InlineData("浦江")]
    [InlineData("ABC-1")]
    [InlineData("9131O")]
    [InlineData("SV")]
    public void Text_that_cannot_be_part_of_a_code_is_matched_against_names_only(string typed)
    {
        var search = EnterpriseSearch.Parse(typed)!;
        Assert.Null(search.CodePart);
        Assert.Equal(typed.Trim(), search.Name);
    }

    [Fact]
    public void The_in_memory_form_agrees_with_the_query_form()
    {
        foreach (var typed in new[] { "abb", "59169385", "3856a", "913101", "浦江", "不存在" })
        {
            var search = EnterpriseSearch.Parse(typed)!;
            var byQuery = Found(typed);
            var byMemory = new[] { Abb, Pujiang }.Where(e => search.IsMatch(e.Name, e.CreditCode.Value)).Select(e => e.Name).ToList();
            Assert.Equal(byQuery, byMemory);
        }
    }
}
