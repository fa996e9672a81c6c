using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>
/// Who still has to act before a deadline of §4.4 (docs/domain.md), for the reminders: one definition for the reminder job's
/// queries and for code.
/// </summary>
public static class ApplicationDeadlineRules
{
    /// <summary>
    /// Not yet filed for the batch deadline: still a draft. (An enterprise without any application has not filed either; one
    /// that submitted, or withdrew, has acted.)
    /// </summary>
    public static readonly QueryRule<QuotaApplication> NotYetFiled = new(a => a.State == QuotaApplicationState.Draft);

    /// <summary>Returned for supplement and not yet resubmitted: the enterprise answers by the request's due date.</summary>
    public static readonly QueryRule<QuotaApplication> AwaitingSupplement = new(a => a.State == QuotaApplicationState.ReturnedForSupplement);

    /// <summary>A return not yet answered (the open request of an application awaiting supplement).</summary>
    public static readonly QueryRule<SupplementRequest> Unanswered = new(r => r.ResubmittedAtUtc == null);
}
