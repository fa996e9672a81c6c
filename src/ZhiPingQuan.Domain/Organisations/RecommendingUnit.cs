using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Organisations;

/// <summary>
/// 推荐单位: a district's 经委/商务委/科经委, or the management committee of 临港新片区, 上海化学工业区 or
/// 长兴岛 (which have no administrative-division code).
/// </summary>
public sealed class RecommendingUnit : Organisation
{
    private RecommendingUnit() { }

    public RecommendingUnit(string name, string? code, int sortOrder)
        : base(name, OrganisationKind.RecommendingUnit)
    {
        Update(name, code, sortOrder);
    }

    /// <summary>行政区划代码 like "310115"; null for 临港新片区, 上海化学工业区 and 长兴岛.</summary>
    public string? Code { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>The 19 units of docs/domain.md §2, in the order the commission lists them.</summary>
    public static IReadOnlyList<(string Name, string? Code)> Standard { get; } =
    [
        ("黄浦区", "310101"), ("徐汇区", "310104"), ("长宁区", "310105"), ("静安区", "310106"),
        ("普陀区", "310107"), ("虹口区", "310109"), ("杨浦区", "310110"), ("闵行区", "310112"),
        ("宝山区", "310113"), ("嘉定区", "310114"), ("浦东新区", "310115"), ("金山区", "310116"),
        ("松江区", "310117"), ("青浦区", "310118"), ("奉贤区", "310120"), ("崇明区", "310151"),
        ("临港新片区", null), ("上海化学工业区", null), ("长兴岛", null),
    ];

    /// <summary>New instances of the 19 standard units, SortOrder 1–19.</summary>
    public static IReadOnlyList<RecommendingUnit> CreateSeed() =>
        Standard.Select((u, i) => new RecommendingUnit(u.Name, u.Code, i + 1)).ToArray();

    public void Update(string name, string? code, int sortOrder)
    {
        var c = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        if (c is not null && (c.Length != 6 || !c.All(char.IsAsciiDigit)))
        {
            throw new DomainException($"行政区划代码应为6位数字，当前为“{c}”。");
        }
        if (sortOrder < 0)
        {
            throw new DomainException("排序号不能为负数。");
        }
        Rename(name);
        Code = c;
        SortOrder = sortOrder;
    }
}
