using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>Named states of a summary table (docs/domain.md §4.3), one definition for queries, pages and code.</summary>
public static class SummaryTableRules
{
    /// <summary>The revision that counts for its unit and batch (earlier ones were reopened and superseded).</summary>
    public static readonly QueryRule<SummaryTable> Current = new(t => t.IsCurrent);

    /// <summary>A current draft: the district builds, corrects and seals it.</summary>
    public static readonly QueryRule<SummaryTable> AwaitingDistrictSeal =
        new(t => t.IsCurrent && t.State == SummaryTableState.Draft);

    /// <summary>Sealed by the district: the third party reviews the same content and seals (or refuses).</summary>
    public static readonly QueryRule<SummaryTable> AwaitingThirdPartySeal =
        new(t => t.IsCurrent && t.State == SummaryTableState.DistrictSealed);

    /// <summary>Both seals on: the district submits.</summary>
    public static readonly QueryRule<SummaryTable> AwaitingSubmission =
        new(t => t.IsCurrent && t.State == SummaryTableState.ThirdPartySealed);

    /// <summary>Submitted to the commission (current or superseded): it has a verification code.</summary>
    public static readonly QueryRule<SummaryTable> Submitted = new(t => t.State == SummaryTableState.Submitted);

    /// <summary>What the commission has in hand: the current revision, submitted.</summary>
    public static readonly QueryRule<SummaryTable> CurrentAndSubmitted = Current.And(Submitted);
}
