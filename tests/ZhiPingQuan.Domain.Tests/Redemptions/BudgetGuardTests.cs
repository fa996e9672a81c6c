using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Redemptions;

public class BudgetGuardTests
{
    private static readonly Money Cap = new(1_000_000.00m);
    private static readonly Money Standard = new(100_000.00m);

    [Fact]
    public void Approving_up_to_exactly_the_cap_is_allowed()
    {
        Assert.True(BudgetGuard.Fits(Cap, new Money(900_000.00m), Standard));
        BudgetGuard.EnsureWithinCap(Cap, new Money(900_000.00m), Standard);
    }

    [Fact]
    public void One_fen_over_the_cap_is_refused_with_the_numbers()
    {
        var already = new Money(900_000.01m);

        Assert.False(BudgetGuard.Fits(Cap, already, Standard));
        var e = Assert.Throws<DomainException>(() => BudgetGuard.EnsureWithinCap(Cap, already, Standard));

        Assert.Contains("上限¥1,000,000.00", e.Message);
        Assert.Contains("已批准¥900,000.01", e.Message);
        Assert.Contains("本次¥100,000.00", e.Message);
        Assert.Contains("合计¥1,000,000.01", e.Message);
        Assert.Contains("超出¥0.01", e.Message);
    }

    [Fact]
    public void Without_a_cap_any_amount_fits()
    {
        Assert.True(BudgetGuard.Fits(null, new Money(999_999_999.99m), Standard));
        BudgetGuard.EnsureWithinCap(null, new Money(999_999_999.99m), Standard);
    }

    [Fact]
    public void A_zero_cap_refuses_any_approval()
    {
        Assert.False(BudgetGuard.Fits(Money.Zero, Money.Zero, new Money(0.01m)));
    }
}
