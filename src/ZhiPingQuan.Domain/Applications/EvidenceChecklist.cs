using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>One line of an application's evidence checklist: a kind of material, whether it is required, how many are uploaded.</summary>
public sealed record ChecklistItem(EvidenceKind Kind, RecommendationBasis? Basis, bool Required, int Count)
{
    public bool IsMissing => Required && Count == 0;

    /// <summary>"改造升级/购置合同（推荐依据1 智能化改造）" — the kind and the basis that requires it.</summary>
    public string Label => Basis is { } basis ? $"{Kind.ToChinese()}（推荐依据{basis.ToNumbered()}）" : Kind.ToChinese();
}

/// <summary>
/// Which evidence an application needs (docs/domain.md §4.4): the recommendation's bases decide. Basis 1 needs one or more
/// upgrade contracts, basis 2 the major project's approval, basis 3 the smart-factory or scenario approval; basis 4 needs
/// nothing. 其他佐证材料 is always welcome and never required.
/// </summary>
public static class EvidenceChecklist
{
    /// <summary>The kinds in the order the checklist shows them.</summary>
    public static IReadOnlyList<EvidenceKind> Order { get; } =
        [EvidenceKind.UpgradeContract, EvidenceKind.MajorProjectApproval, EvidenceKind.SmartFactoryApproval, EvidenceKind.Other];

    /// <summary>The basis that makes <paramref name="kind"/> required, or null (其他佐证材料).</summary>
    public static RecommendationBasis? BasisOf(EvidenceKind kind) => kind switch
    {
        EvidenceKind.UpgradeContract => RecommendationBasis.SmartTransformation,
        EvidenceKind.MajorProjectApproval => RecommendationBasis.MajorProject,
        EvidenceKind.SmartFactoryApproval => RecommendationBasis.SmartFactoryOrScenario,
        _ => null,
    };

    /// <summary>The kinds the application may hold: those its bases require, and 其他佐证材料.</summary>
    public static IReadOnlyList<EvidenceKind> AllowedFor(IEnumerable<RecommendationBasis> bases)
    {
        var set = bases.ToHashSet();
        return Order.Where(k => BasisOf(k) is not { } basis || set.Contains(basis)).ToList();
    }

    public static IReadOnlyList<ChecklistItem> For(IEnumerable<RecommendationBasis> bases, IEnumerable<EvidenceItem> evidence)
    {
        var items = evidence.ToList();
        return AllowedFor(bases)
            .Select(k => new ChecklistItem(k, BasisOf(k), BasisOf(k) is not null, items.Count(e => e.Kind == k)))
            .ToList();
    }

    /// <summary>"1,3" — how the bases are kept with the application.</summary>
    public static string Encode(IEnumerable<RecommendationBasis> bases) =>
        string.Join(',', bases.Distinct().Order().Select(b => ((int)b).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static IReadOnlyList<RecommendationBasis> Decode(string? code) =>
        (code ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => (RecommendationBasis)int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
            .Where(Enum.IsDefined)
            .ToList();
}
