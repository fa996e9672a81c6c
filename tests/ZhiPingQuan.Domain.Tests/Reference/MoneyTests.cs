using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Reference;

public class MoneyTests
{
    [Fact]
    public void Negative_amounts_are_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new Money(-0.01m));
        Assert.Equal("金额不能为负数。", ex.Message);
    }

    [Fact]
    public void Amounts_with_more_than_two_decimals_are_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new Money(1.005m));
        Assert.Equal("金额最多保留两位小数。", ex.Message);
    }

    [Fact]
    public void Trailing_zero_decimals_are_fine()
    {
        Assert.Equal(100_000m, new Money(100_000.000m).Yuan);
    }

    [Fact]
    public void Amounts_add_and_subtract_exactly()
    {
        var sum = new Money(0.10m) + new Money(0.20m);
        Assert.Equal(0.30m, sum.Yuan);
        Assert.Equal(0.10m, (sum - new Money(0.20m)).Yuan);
    }

    [Fact]
    public void Subtracting_below_zero_is_refused()
    {
        Assert.Throws<DomainException>(() => new Money(1m) - new Money(2m));
    }

    [Fact]
    public void Amounts_compare_by_value()
    {
        Assert.True(new Money(2m) > new Money(1m));
        Assert.True(new Money(1m) <= new Money(1.00m));
        Assert.Equal(new Money(1m), new Money(1.00m));
        Assert.Equal(0m, Money.Zero.Yuan);
    }

    [Fact]
    public void Money_prints_as_yuan_with_thousands_separators()
    {
        Assert.Equal("¥100,000.00", new Money(100_000m).ToString());
    }
}
