namespace ZhiPingQuan.Domain.Recommendations;

/// <summary>
/// The link (环节) a transformation contract is for. The first seven are the key links of basis 1;
/// finance, OA and other links never count towards eligibility.
/// </summary>
public enum KeyLink
{
    Design,
    Production,
    ResearchAndDevelopment,
    Manufacturing,
    Testing,
    Warehousing,
    EnergySavingEnvironmental,
    Finance,
    OfficeAutomation,
    Other,
}

public static class KeyLinks
{
    private static readonly (KeyLink Link, string Name)[] Names =
    [
        (KeyLink.Design, "设计"),
        (KeyLink.Production, "生产"),
        (KeyLink.ResearchAndDevelopment, "研发"),
        (KeyLink.Manufacturing, "制造"),
        (KeyLink.Testing, "检测"),
        (KeyLink.Warehousing, "仓储"),
        (KeyLink.EnergySavingEnvironmental, "节能环保"),
        (KeyLink.Finance, "财务"),
        (KeyLink.OfficeAutomation, "OA"),
        (KeyLink.Other, "其他"),
    ];

    public static IReadOnlyList<KeyLink> All { get; } = Names.Select(n => n.Link).ToArray();

    /// <summary>设计, 生产, 研发, 制造, 检测, 仓储, 节能环保.</summary>
    public static bool IsKeyLink(this KeyLink link) => link is >= KeyLink.Design and <= KeyLink.EnergySavingEnvironmental;

    public static string ToChinese(this KeyLink link) => Names.FirstOrDefault(n => n.Link == link).Name ?? link.ToString();

    /// <summary>Matches the Chinese name (stray spaces and a trailing 环节 tolerated; "oa"/"办公" for OA).</summary>
    public static bool TryParse(string? text, out KeyLink link)
    {
        var t = (text ?? string.Empty).Replace(" ", string.Empty).Replace("\u3000", string.Empty).Trim();
        if (t.EndsWith("环节", StringComparison.Ordinal))
        {
            t = t[..^2];
        }
        foreach (var (l, name) in Names)
        {
            if (string.Equals(t, name, StringComparison.OrdinalIgnoreCase))
            {
                link = l;
                return true;
            }
        }
        if (t is "办公" or "办公自动化" or "ＯＡ")
        {
            link = KeyLink.OfficeAutomation;
            return true;
        }
        link = default;
        return false;
    }
}
