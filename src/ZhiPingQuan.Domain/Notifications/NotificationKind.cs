namespace ZhiPingQuan.Domain.Notifications;

/// <summary>
/// What a notice is about. Pages pick notices by kind (never by parsing a link), and the portal works out
/// where a notice leads from its kind and <see cref="NotificationTarget"/>.
/// </summary>
public enum NotificationKind
{
    /// <summary>To the enterprise: its district assigned an agency; agree to it.</summary>
    AgencyToAgree,

    /// <summary>To the agency: a new assessment task.</summary>
    AssessmentTaskAssigned,

    /// <summary>To the agency: the enterprise agreed; declare on conflict of interest and accept.</summary>
    EnterpriseAgreed,

    /// <summary>To the district: the agency declared a conflict of interest; reassign.</summary>
    ConflictDeclared,

    /// <summary>To the district: the enterprise declined the assigned agency, with a reason; reassign.</summary>
    AgencyDeclinedByEnterprise,

    /// <summary>To the previous agency: the task went to another agency.</summary>
    AssessmentTaskWithdrawn,

    /// <summary>To the third party: a report (or a resubmitted one) waits for the compliance check.</summary>
    ReportAwaitingCheck,

    /// <summary>To the agency: the third party returned the report with reasons.</summary>
    ReportReturned,

    /// <summary>To the district: compliance confirmed; confirm completion.</summary>
    ComplianceConfirmed,

    /// <summary>To the enterprise and the agency: the district confirmed the assessment.</summary>
    AssessmentConfirmed,

    /// <summary>To the third party: a district sealed its summary table; review and seal (or refuse).</summary>
    SummaryTableAwaitingThirdPartySeal,

    /// <summary>To the district: the third party sealed; submit the table.</summary>
    SummaryTableSealedByThirdParty,

    /// <summary>To the district: the third party refused to seal, with a reason; correct and seal again.</summary>
    SummaryTableSealRefused,

    /// <summary>To the third party and the commission: a district submitted its table.</summary>
    SummaryTableSubmitted,

    /// <summary>To the district and the third party: the commission reopened a submitted table; a new revision is to be sealed and submitted.</summary>
    SummaryTableReopened,

    /// <summary>To the third party: an enterprise submitted its quota application, or resubmitted it after a return (已补正).</summary>
    ApplicationAwaitingReview,

    /// <summary>To the enterprise: the third party returned the application; fix the named items by the due date.</summary>
    ApplicationReturned,

    /// <summary>To the enterprise: the application passed the review.</summary>
    ApplicationPassed,

    /// <summary>To the enterprise: the application did not pass, with the reason.</summary>
    ApplicationRejected,

    /// <summary>To each user of a district whose summary table for a batch is not submitted: the batch deadline is near.</summary>
    SummaryTableDeadlineReminder,

    /// <summary>To each user of an enterprise listed in a submitted table that has not submitted its quota application: the batch deadline is near.</summary>
    ApplicationDeadlineReminder,

    /// <summary>To each user of an enterprise whose application was returned for supplement and not resubmitted: the due date is near.</summary>
    SupplementDueReminder,

    /// <summary>To the commission: a passed application became a redemption waiting for approval.</summary>
    RedemptionAwaitingApproval,

    /// <summary>To the agency: a redemption payable to it was approved.</summary>
    RedemptionApproved,

    /// <summary>To the agency: the payment of a redemption was recorded.</summary>
    RedemptionPaid,

    /// <summary>To the enterprise and the agency: the commission declined the redemption, with the reason.</summary>
    RedemptionDeclined,
}

/// <summary>The kinds of record a notice can point at.</summary>
public enum NotificationTargetKind
{
    Assessment,
    Recommendation,
    Enterprise,
    SummaryTable,
    Batch,
    QuotaApplication,
    Redemption,
}

/// <summary>The record a notice is about: its kind and id (the web layer turns it into a page).</summary>
public readonly record struct NotificationTarget(NotificationTargetKind Kind, Guid Id)
{
    public static NotificationTarget Assessment(Guid id) => new(NotificationTargetKind.Assessment, id);

    public static NotificationTarget SummaryTable(Guid id) => new(NotificationTargetKind.SummaryTable, id);

    public static NotificationTarget Batch(Guid id) => new(NotificationTargetKind.Batch, id);

    public static NotificationTarget QuotaApplication(Guid id) => new(NotificationTargetKind.QuotaApplication, id);

    public static NotificationTarget Redemption(Guid id) => new(NotificationTargetKind.Redemption, id);
}
