namespace ZhiPingQuan.Domain.Reference;

/// <summary>GB/T 39116-2020 智能制造能力成熟度等级. <see cref="BelowOne"/> is "未达一级".</summary>
public enum MaturityLevel
{
    BelowOne = 0,
    One = 1,
    Two = 2,
    Three = 3,
    Four = 4,
    Five = 5,
}

public static class MaturityLevelNames
{
    public static string ToChinese(this MaturityLevel level) => level switch
    {
        MaturityLevel.BelowOne => "未达一级",
        MaturityLevel.One => "一级（规划级）",
        MaturityLevel.Two => "二级（规范级）",
        MaturityLevel.Three => "三级（集成级）",
        MaturityLevel.Four => "四级（优化级）",
        MaturityLevel.Five => "五级（引领级）",
        _ => level.ToString(),
    };
}
