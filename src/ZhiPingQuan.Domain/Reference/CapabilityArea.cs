namespace ZhiPingQuan.Domain.Reference;

/// <summary>
/// The 12 capability domains (能力域) of GB/T 39116-2020 (docs/domain.md §2 Capability structure), under their four
/// elements (能力要素). An assessment's findings are filed under them.
/// </summary>
public enum CapabilityArea
{
    OrganisationStrategy,
    PersonnelSkills,
    Data,
    Integration,
    InformationSecurity,
    Equipment,
    Network,
    Design,
    Production,
    Logistics,
    Sales,
    Service,
}

public static class CapabilityAreas
{
    private static readonly (CapabilityArea Area, string Element, string Name)[] Names =
    [
        (CapabilityArea.OrganisationStrategy, "人员", "组织战略"),
        (CapabilityArea.PersonnelSkills, "人员", "人员技能"),
        (CapabilityArea.Data, "技术", "数据"),
        (CapabilityArea.Integration, "技术", "集成"),
        (CapabilityArea.InformationSecurity, "技术", "信息安全"),
        (CapabilityArea.Equipment, "资源", "装备"),
        (CapabilityArea.Network, "资源", "网络"),
        (CapabilityArea.Design, "制造", "设计"),
        (CapabilityArea.Production, "制造", "生产"),
        (CapabilityArea.Logistics, "制造", "物流"),
        (CapabilityArea.Sales, "制造", "销售"),
        (CapabilityArea.Service, "制造", "服务"),
    ];

    /// <summary>In the standard's order.</summary>
    public static IReadOnlyList<CapabilityArea> All { get; } = Names.Select(n => n.Area).ToArray();

    public static string ToChinese(this CapabilityArea area) => Names.FirstOrDefault(n => n.Area == area).Name ?? area.ToString();

    /// <summary>The element (能力要素) the domain belongs to: 人员, 技术, 资源 or 制造.</summary>
    public static string Element(this CapabilityArea area) => Names.FirstOrDefault(n => n.Area == area).Element ?? string.Empty;

    public static bool IsDefined(CapabilityArea area) => Names.Any(n => n.Area == area);
}
