namespace ZhiPingQuan.Domain.Applications;

/// <summary>The kinds of evidence an application carries, matching the recommendation bases.</summary>
public enum EvidenceKind
{
    /// <summary>改造升级/购置合同 — basis 1; carries amount, link type and date.</summary>
    UpgradeContract,

    /// <summary>重大项目立项合同或批文 — basis 2.</summary>
    MajorProjectApproval,

    /// <summary>各级智能工厂或示范应用场景批文 — basis 3.</summary>
    SmartFactoryApproval,

    Other,
}

/// <summary>
/// The link (环节) a contract serves. Only the key links count for basis 1 (DESIGN §4.1):
/// 设计, 生产, 研发, 制造, 检测, 仓储, 节能环保; 财务, OA and 其他 do not.
/// </summary>
public enum ContractLinkType
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

public static class EvidenceKindNames
{
    public static string ToChinese(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.UpgradeContract => "改造升级/购置合同",
        EvidenceKind.MajorProjectApproval => "重大项目立项合同或批文",
        EvidenceKind.SmartFactoryApproval => "各级智能工厂或示范应用场景批文",
        EvidenceKind.Other => "其他材料",
        _ => kind.ToString(),
    };

    public static string ToChinese(this ContractLinkType link) => link switch
    {
        ContractLinkType.Design => "设计",
        ContractLinkType.Production => "生产",
        ContractLinkType.ResearchAndDevelopment => "研发",
        ContractLinkType.Manufacturing => "制造",
        ContractLinkType.Testing => "检测",
        ContractLinkType.Warehousing => "仓储",
        ContractLinkType.EnergySavingEnvironmental => "节能环保",
        ContractLinkType.Finance => "财务",
        ContractLinkType.OfficeAutomation => "OA",
        ContractLinkType.Other => "其他",
        _ => link.ToString(),
    };

    public static bool IsKeyLink(this ContractLinkType link) =>
        link is not (ContractLinkType.Finance or ContractLinkType.OfficeAutomation or ContractLinkType.Other);
}
