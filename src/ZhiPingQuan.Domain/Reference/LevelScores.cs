using System.Globalization;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Reference;

/// <summary>
/// The per-level scores of GB/T 39117-2020 (一级…五级), each 0–1 with two decimals, all optional: a
/// report may give none or only some. A level is met when its score is ≥ 0.8.
/// </summary>
public sealed record LevelScores
{
    public const decimal MetThreshold = 0.8m;

    public static LevelScores None { get; } = new(null, null, null, null, null);

    public LevelScores(decimal? one, decimal? two, decimal? three, decimal? four, decimal? five)
    {
        One = Check(one, "一级");
        Two = Check(two, "二级");
        Three = Check(three, "三级");
        Four = Check(four, "四级");
        Five = Check(five, "五级");
    }

    public decimal? One { get; }
    public decimal? Two { get; }
    public decimal? Three { get; }
    public decimal? Four { get; }
    public decimal? Five { get; }

    public bool IsEmpty => One is null && Two is null && Three is null && Four is null && Five is null;

    /// <summary>The score of level 1–5.</summary>
    public decimal? this[int level] => level switch
    {
        1 => One,
        2 => Two,
        3 => Three,
        4 => Four,
        5 => Five,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "等级应为1至5。"),
    };

    /// <summary>n: the highest level met with every lower level met (0 when 一级 is not met or not given).</summary>
    public int HighestLevelMet
    {
        get
        {
            var n = 0;
            while (n < 5 && this[n + 1] is { } s && s >= MetThreshold)
            {
                n++;
            }
            return n;
        }
    }

    /// <summary>
    /// The total that matches the level intervals (docs/domain.md §2): S = (n − 1) + S_n + S_(n+1), S_6 = 0; with no
    /// level met, S = S_1. A level without a score counts 0. Null when no level score was given.
    /// </summary>
    public decimal? ImpliedTotal()
    {
        if (IsEmpty)
        {
            return null;
        }
        var n = HighestLevelMet;
        if (n == 0)
        {
            return One ?? 0m;
        }
        var next = n == 5 ? 0m : this[n + 1] ?? 0m;
        return n - 1 + this[n]!.Value + next;
    }

    private static decimal? Check(decimal? value, string level)
    {
        if (value is null)
        {
            return null;
        }
        var v = value.Value;
        if (v < 0m || v > 1m)
        {
            throw new DomainException($"{level}得分应在0至1之间，当前为{v.ToString(CultureInfo.InvariantCulture)}。");
        }
        if (decimal.Round(v, 2) != v)
        {
            throw new DomainException($"{level}得分最多保留两位小数。");
        }
        return v;
    }
}
