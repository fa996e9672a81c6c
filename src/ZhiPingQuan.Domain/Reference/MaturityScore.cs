using System.Globalization;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Reference;

/// <summary>Total maturity score S, 0–5 with two decimals (GB/T 39117-2020).</summary>
public readonly record struct MaturityScore
{
    public MaturityScore(decimal value)
    {
        if (value < 0m || value > 5m)
        {
            throw new DomainException($"成熟度分数应在0至5之间，当前为{value.ToString(CultureInfo.InvariantCulture)}。");
        }
        if (decimal.Round(value, 2) != value)
        {
            throw new DomainException("成熟度分数最多保留两位小数。");
        }
        Value = value;
    }

    public decimal Value { get; }

    /// <summary>The level the score falls in, by the intervals of docs/domain.md §2.</summary>
    public MaturityLevel Level => Value switch
    {
        < 0.8m => MaturityLevel.BelowOne,
        < 1.8m => MaturityLevel.One,
        < 2.8m => MaturityLevel.Two,
        < 3.8m => MaturityLevel.Three,
        < 4.8m => MaturityLevel.Four,
        _ => MaturityLevel.Five,
    };

    public override string ToString() => Value.ToString("0.00", CultureInfo.InvariantCulture);
}
