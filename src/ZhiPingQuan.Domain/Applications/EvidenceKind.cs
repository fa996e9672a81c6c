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

    /// <summary>其他佐证材料 — any basis; never required.</summary>
    Other,
}

public static class EvidenceKindNames
{
    public static string ToChinese(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.UpgradeContract => "改造升级/购置合同",
        EvidenceKind.MajorProjectApproval => "重大项目立项合同或批文",
        EvidenceKind.SmartFactoryApproval => "各级智能工厂或示范应用场景批文",
        EvidenceKind.Other => "其他佐证材料",
        _ => kind.ToString(),
    };
}
