using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Redemptions;

/// <summary>Approvals never exceed the programme year's budget cap (docs/domain.md §4.6). No cap, no limit.</summary>
public static class BudgetGuard
{
    public static bool Fits(Money? cap, Money alreadyApproved, Money amount) =>
        cap is not { } c || alreadyApproved.Yuan + amount.Yuan <= c.Yuan;

    public static void EnsureWithinCap(Money? cap, Money alreadyApproved, Money amount)
    {
        if (Fits(cap, alreadyApproved, amount))
        {
            return;
        }
        var total = alreadyApproved + amount;
        var over = new Money(total.Yuan - cap!.Value.Yuan);
        throw new DomainException(
            $"超出预算上限：上限{cap.Value}，已批准{alreadyApproved}，本次{amount}，合计{total}，超出{over}。");
    }
}
