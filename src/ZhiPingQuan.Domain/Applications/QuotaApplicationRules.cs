using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>
/// The named states of a quota application (docs/domain.md §4.4–§4.5) that depend on its state alone, for a list row that
/// has only the state; <see cref="QuotaApplicationRules"/> asks the same of the record.
/// </summary>
public static class QuotaApplicationStateRules
{
    /// <summary>Counts as the enterprise's application for its year: everything but a withdrawn one.</summary>
    public static readonly QueryRule<QuotaApplicationState> Active = new(s => s != QuotaApplicationState.Withdrawn);

    /// <summary>
    /// The enterprise is still preparing it: not yet filed for the batch deadline, so its users are reminded (an enterprise
    /// without any application has not filed either; one that submitted, or withdrew, has acted).
    /// </summary>
    public static readonly QueryRule<QuotaApplicationState> Draft = new(s => s == QuotaApplicationState.Draft);

    /// <summary>
    /// Returned for supplement: the enterprise must fix the named items by the due date and resubmit (and is reminded before
    /// the open request's due date).
    /// </summary>
    public static readonly QueryRule<QuotaApplicationState> AwaitingSupplement = new(s => s == QuotaApplicationState.ReturnedForSupplement);

    /// <summary>The enterprise may change it: a draft, or the items a return names.</summary>
    public static readonly QueryRule<QuotaApplicationState> Editable =
        new(s => s == QuotaApplicationState.Draft || s == QuotaApplicationState.ReturnedForSupplement);

    /// <summary>Submitted or resubmitted, no reviewer has opened it yet.</summary>
    public static readonly QueryRule<QuotaApplicationState> AwaitingReview =
        new(s => s == QuotaApplicationState.Submitted || s == QuotaApplicationState.Resubmitted);

    /// <summary>A reviewer has it open: a decision is due.</summary>
    public static readonly QueryRule<QuotaApplicationState> UnderReview = new(s => s == QuotaApplicationState.UnderReview);

    /// <summary>Waiting for the third party: awaiting review or under review (its days waiting count from the last submission).</summary>
    public static readonly QueryRule<QuotaApplicationState> WithThirdParty = AwaitingReview.Or(UnderReview);

    /// <summary>Passed or rejected.</summary>
    public static readonly QueryRule<QuotaApplicationState> Decided =
        new(s => s == QuotaApplicationState.Passed || s == QuotaApplicationState.Rejected);

    /// <summary>Passed by the third party: the application leads to a redemption when its agency may be redeemed.</summary>
    public static readonly QueryRule<QuotaApplicationState> Passed = new(s => s == QuotaApplicationState.Passed);

    /// <summary>Ended: decided or withdrawn. Before that the enterprise may still withdraw.</summary>
    public static readonly QueryRule<QuotaApplicationState> Final = Decided.Or(Active.Not());
}

/// <summary>Named states of a quota application (docs/domain.md §4.4–§4.5), one definition for queries, pages and code.</summary>
public static class QuotaApplicationRules
{
    /// <summary>
    /// Counts as the enterprise's application for its year: everything but a withdrawn one. At most one per enterprise and
    /// programme year — a filtered unique index says so in the database too; after withdrawing the enterprise may apply again.
    /// </summary>
    public static readonly QueryRule<QuotaApplication> Active = StateIs(QuotaApplicationStateRules.Active);

    /// <summary>Has reached the third party (submitted at least once): what the reviewers, the commission and the district see.</summary>
    public static readonly QueryRule<QuotaApplication> EverSubmitted = new(a => a.SubmittedAtUtc != null);

    /// <inheritdoc cref="QuotaApplicationStateRules.Draft"/>
    public static readonly QueryRule<QuotaApplication> Draft = StateIs(QuotaApplicationStateRules.Draft);

    /// <inheritdoc cref="QuotaApplicationStateRules.AwaitingSupplement"/>
    public static readonly QueryRule<QuotaApplication> AwaitingSupplement = StateIs(QuotaApplicationStateRules.AwaitingSupplement);

    /// <inheritdoc cref="QuotaApplicationStateRules.AwaitingReview"/>
    public static readonly QueryRule<QuotaApplication> AwaitingReview = StateIs(QuotaApplicationStateRules.AwaitingReview);

    /// <inheritdoc cref="QuotaApplicationStateRules.UnderReview"/>
    public static readonly QueryRule<QuotaApplication> UnderReview = StateIs(QuotaApplicationStateRules.UnderReview);

    /// <inheritdoc cref="QuotaApplicationStateRules.WithThirdParty"/>
    public static readonly QueryRule<QuotaApplication> WithThirdParty = StateIs(QuotaApplicationStateRules.WithThirdParty);

    /// <inheritdoc cref="QuotaApplicationStateRules.Passed"/>
    public static readonly QueryRule<QuotaApplication> Passed = StateIs(QuotaApplicationStateRules.Passed);

    /// <inheritdoc cref="QuotaApplicationStateRules.Decided"/>
    public static readonly QueryRule<QuotaApplication> Decided = StateIs(QuotaApplicationStateRules.Decided);

    private static QueryRule<QuotaApplication> StateIs(QueryRule<QuotaApplicationState> rule) => QueryRule<QuotaApplication>.Of(a => a.State, rule);
}

/// <summary>Named states of a return for supplement.</summary>
public static class SupplementRequestRules
{
    /// <summary>Not yet answered by a resubmission: the open request of an application awaiting supplement.</summary>
    public static readonly QueryRule<SupplementRequest> Unanswered = new(r => r.ResubmittedAtUtc == null);
}
