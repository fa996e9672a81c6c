using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Upgrades;

/// <summary>Named follow-up predicates (docs/domain.md §4.7), one definition for lists, counts and the evaluation.</summary>
public static class UpgradeRules
{
    /// <summary>At least one project that is not cancelled.</summary>
    public static readonly QueryRule<UpgradeRecord> HasFollowUp = new(r => r.Status != FollowUpStatus.NotTracked);

    /// <summary>A project started within six months of the assessment (<see cref="UpgradeRecord.StartedWithin"/>).</summary>
    public static readonly QueryRule<UpgradeRecord> StartedWithinSixMonths = new(r => r.StartedWithinSixMonths);
}
