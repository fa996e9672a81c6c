using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>Named states of a quota application (docs/domain.md §4.4–§4.5), one definition for queries, pages and code.</summary>
public static class QuotaApplicationRules
{
    /// <summary>
    /// Counts as the enterprise's application for its year: everything but a withdrawn one. At most one per enterprise and
    /// programme year — a filtered unique index says so in the database too; after withdrawing the enterprise may apply again.
    /// </summary>
    public static readonly QueryRule<QuotaApplication> Active = new(a => a.State != QuotaApplicationState.Withdrawn);

    /// <summary>Has reached the third party (submitted at least once): what the reviewers, the commission and the district see.</summary>
    public static readonly QueryRule<QuotaApplication> EverSubmitted = new(a => a.SubmittedAtUtc != null);

    /// <summary>
    /// The enterprise is still preparing it: not yet filed for the batch deadline, so its users are reminded (an enterprise
    /// without any application has not filed either; one that submitted, or withdrew, has acted).
    /// </summary>
    public static readonly QueryRule<QuotaApplication> Draft = new(a => a.State == QuotaApplicationState.Draft);

    /// <summary>
    /// Returned for supplement: the enterprise must fix the named items by the due date and resubmit (and is reminded before
    /// the open request's due date).
    /// </summary>
    public static readonly QueryRule<QuotaApplication> AwaitingSupplement = new(a => a.State == QuotaApplicationState.ReturnedForSupplement);

    /// <summary>Submitted or resubmitted, no reviewer has opened it yet.</summary>
    public static readonly QueryRule<QuotaApplication> AwaitingReview =
        new(a => a.State == QuotaApplicationState.Submitted || a.State == QuotaApplicationState.Resubmitted);

    /// <summary>A reviewer has it open: a decision is due.</summary>
    public static readonly QueryRule<QuotaApplication> UnderReview = new(a => a.State == QuotaApplicationState.UnderReview);

    /// <summary>Waiting for the third party: awaiting review or under review (its days waiting count from the last submission).</summary>
    public static readonly QueryRule<QuotaApplication> WithThirdParty = AwaitingReview.Or(UnderReview);

    /// <summary>Passed or rejected.</summary>
    public static readonly QueryRule<QuotaApplication> Decided =
        new(a => a.State == QuotaApplicationState.Passed || a.State == QuotaApplicationState.Rejected);
}

/// <summary>Named states of a return for supplement.</summary>
public static class SupplementRequestRules
{
    /// <summary>Not yet answered by a resubmission: the open request of an application awaiting supplement.</summary>
    public static readonly QueryRule<SupplementRequest> Unanswered = new(r => r.ResubmittedAtUtc == null);
}
