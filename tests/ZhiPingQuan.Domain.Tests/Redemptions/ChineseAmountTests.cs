using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Redemptions;

public class ChineseAmountTests
{
    [Theory]
    [InlineData("0.01", "壹分")]
    [InlineData("100000.00", "壹拾万元整")]
    [InlineData("1000000.10", "壹佰万元零壹角")]
    [InlineData("20000000.00", "贰仟万元整")]
    [InlineData("0.00", "零元整")]
    [InlineData("10001.00", "壹万零壹元整")]
    [InlineData("100010000.00", "壹亿零壹万元整")]
    [InlineData("1409.50", "壹仟肆佰零玖元伍角")]
    [InlineData("6007.14", "陆仟零柒元壹角肆分")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("1680.32", "壹仟陆佰捌拾元零叁角贰分")]
    [InlineData("107000.53", "壹拾万柒仟元零伍角叁分")]
    public void Amounts_are_written_as_payment_documents_write_them(string yuan, string expected)
    {
        Assert.Equal(expected, ChineseAmount.Of(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_third_decimal_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseAmount.Of(1.005m));
    }
}
