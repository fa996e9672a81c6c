using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Upgrades;

/// <summary>Named states of a follow-up project (docs/domain.md §4.7), one definition for queries, pages and code.</summary>
public static class FollowUpProjectRules
{
    /// <summary>
    /// Counts as follow-up of the assessment: planned, in progress or completed — anything but cancelled. An enterprise has
    /// follow-up when one of its projects does (the evaluation's upgrade follow-up rate).
    /// </summary>
    public static readonly QueryRule<FollowUpProject> CountsAsFollowUp = new(p => p.Status != FollowUpProjectStatus.Cancelled);
}
