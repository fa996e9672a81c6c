using System.Globalization;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Reference;

/// <summary>An amount in yuan with two decimals. Never negative; never floating point.</summary>
public readonly record struct Money : IComparable<Money>
{
    public Money(decimal yuan)
    {
        if (yuan < 0)
        {
            throw new DomainException("金额不能为负数。");
        }
        if (decimal.Round(yuan, 2) != yuan)
        {
            throw new DomainException("金额最多保留两位小数。");
        }
        Yuan = yuan;
    }

    public decimal Yuan { get; }

    public static Money Zero => new(0m);

    public static Money operator +(Money a, Money b) => new(a.Yuan + b.Yuan);

    public static Money operator -(Money a, Money b) => new(a.Yuan - b.Yuan);

    public static bool operator >(Money a, Money b) => a.Yuan > b.Yuan;

    public static bool operator <(Money a, Money b) => a.Yuan < b.Yuan;

    public static bool operator >=(Money a, Money b) => a.Yuan >= b.Yuan;

    public static bool operator <=(Money a, Money b) => a.Yuan <= b.Yuan;

    public int CompareTo(Money other) => Yuan.CompareTo(other.Yuan);

    /// <summary>¥100,000.00 style, as the commission's documents print amounts.</summary>
    public override string ToString() => "¥" + Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
