using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Reference;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91310110666007217T")]
    [InlineData("91310115591693856A")]
    public void Valid_examples_are_accepted(string input)
    {
        Assert.True(CreditCode.TryParse(input, out var code, out var error));
        Assert.Null(error);
        Assert.Equal(input, code!.Value);
    }

    [Theory]
    [InlineData("91310110666007217", 'T')]
    [InlineData("91310115591693856", 'A')]
    public void Check_character_follows_GB_32100(string first17, char expected)
    {
        Assert.Equal(expected, CreditCode.CheckCharacter(first17));
    }

    [Theory]
    [InlineData("９１３１０１１０６６６００７２１７Ｔ")]
    [InlineData("91310110666007217t")]
    [InlineData("  91310110666007217T \t")]
    [InlineData("9131 0110 6660 0721 7T")]
    [InlineData("９１３１０１１０６６６００７２１７ｔ\u3000")]
    public void Full_width_lower_case_and_spaces_are_normalised(string input)
    {
        var code = CreditCode.Parse(input);
        Assert.Equal("91310110666007217T", code.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_code_is_refused(string? input)
    {
        Assert.False(CreditCode.TryParse(input, out var code, out var error));
        Assert.Null(code);
        Assert.Equal("统一社会信用代码不能为空。", error);
    }

    [Theory]
    [InlineData("9131011066600721", 16)]
    [InlineData("91310110666007217", 17)]
    [InlineData("91310110666007217TT", 19)]
    public void Wrong_length_is_refused_with_the_length(string input, int length)
    {
        Assert.False(CreditCode.TryParse(input, out _, out var error));
        Assert.Equal($"统一社会信用代码应为18位，当前为{length}位。", error);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void Letters_outside_the_alphabet_are_refused_naming_position_and_character(char bad)
    {
        var input = "9131011066600" + bad + "217T";
        Assert.False(CreditCode.TryParse(input, out _, out var error));
        Assert.Contains($"第14位“{bad}”不是有效字符", error);
    }

    [Fact]
    public void Wrong_check_character_is_refused_naming_the_expected_one()
    {
        Assert.False(CreditCode.TryParse("91310110666007217A", out _, out var error));
        Assert.Equal("统一社会信用代码校验位错误：第18位应为“T”，实为“A”。", error);
    }

    [Fact]
    public void Parse_throws_the_same_message_as_a_domain_error()
    {
        var ex = Assert.Throws<DomainException>(() => CreditCode.Parse("91310110666007217A"));
        Assert.Contains("应为“T”", ex.Message);
    }

    [Fact]
    public void Codes_with_equal_values_are_equal()
    {
        Assert.Equal(CreditCode.Parse("91310110666007217T"), CreditCode.Parse("91310110666007217t"));
    }

    [Fact]
    public void A_registered_exception_may_fail_the_check_but_must_still_be_18_valid_characters()
    {
        Assert.Equal("91310110666007217A", CreditCode.FromRegisteredException("91310110666007217a").Value);
        Assert.Throws<DomainException>(() => CreditCode.FromRegisteredException("9131011066600721"));
        Assert.Throws<DomainException>(() => CreditCode.FromRegisteredException("9131011066600I217A"));
    }
}
