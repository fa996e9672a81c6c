namespace ZhiPingQuan.Domain.Reference;

/// <summary>六大重点产业 — the summary table's 所属行业 column takes one of these.</summary>
public enum KeyIndustry
{
    ElectronicInformation,
    LifeHealth,
    Automotive,
    HighEndEquipment,
    AdvancedMaterials,
    FashionConsumerGoods,
}

public static class KeyIndustries
{
    private static readonly (KeyIndustry Industry, string Name)[] Names =
    [
        (KeyIndustry.ElectronicInformation, "电子信息"),
        (KeyIndustry.LifeHealth, "生命健康"),
        (KeyIndustry.Automotive, "汽车"),
        (KeyIndustry.HighEndEquipment, "高端装备"),
        (KeyIndustry.AdvancedMaterials, "先进材料"),
        (KeyIndustry.FashionConsumerGoods, "时尚消费品"),
    ];

    public static IReadOnlyList<KeyIndustry> All { get; } = Names.Select(n => n.Industry).ToArray();

    public static string ToChinese(this KeyIndustry industry) => Names.First(n => n.Industry == industry).Name;

    /// <summary>Matches a name as people type it (stray spaces, 产业/行业 suffix tolerated).</summary>
    public static bool TryParse(string? text, out KeyIndustry industry)
    {
        var t = (text ?? string.Empty).Trim().Replace(" ", string.Empty).Replace("\u3000", string.Empty);
        foreach (var (i, name) in Names)
        {
            if (t == name || t == name + "产业" || t == name + "行业")
            {
                industry = i;
                return true;
            }
        }
        industry = default;
        return false;
    }
}
