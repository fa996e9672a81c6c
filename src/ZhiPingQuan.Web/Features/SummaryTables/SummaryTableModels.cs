using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.SummaryTables;


/// <summary>The lists a table can be waiting in (the home pages link to them).</summary>
public enum SummaryTableQueue
{
    AwaitingDistrictSeal,
    AwaitingThirdPartySeal,
    AwaitingSubmission,
    Submitted,
}

public static class SummaryTableQueueNames
{
    public static string ToChinese(this SummaryTableQueue queue) => queue switch
    {
        SummaryTableQueue.AwaitingDistrictSeal => "待推荐单位盖章",
        SummaryTableQueue.AwaitingThirdPartySeal => "待第三方机构盖章",
        SummaryTableQueue.AwaitingSubmission => "待报送",
        SummaryTableQueue.Submitted => "已报送",
        _ => queue.ToString(),
    };

    public static QueryRule<SummaryTable> Rule(this SummaryTableQueue queue) => queue switch
    {
        SummaryTableQueue.AwaitingDistrictSeal => SummaryTableRules.AwaitingDistrictSeal,
        SummaryTableQueue.AwaitingThirdPartySeal => SummaryTableRules.AwaitingThirdPartySeal,
        SummaryTableQueue.AwaitingSubmission => SummaryTableRules.AwaitingSubmission,
        _ => SummaryTableRules.CurrentAndSubmitted,
    };
}

/// <summary>One current table in a list.</summary>
public sealed record SummaryTableListItem(
    Guid Id, string UnitName, Guid BatchId, int Year, string BatchName, DateOnly Deadline, int DaysLeft,
    int Revision, SummaryTableState State, SummaryTableProgress Progress, int RowCount, DateTime? SubmittedAtUtc);

/// <summary>A district's batch with its table, if any, and how many confirmed enterprises the records give.</summary>
public sealed record DistrictBatchRow(BatchChoice Batch, SummaryTableListItem? Table, int EligibleCount);

public sealed class SummaryTableListFilter : ZhiPingQuan.Web.Infrastructure.ListQuery
{
    public SummaryTableQueue? Queue { get; set; }
    public Guid? BatchId { get; set; }
}

public sealed class SummaryTableIndexModel
{
    public required SummaryTableListFilter Filter { get; init; }
    public required IReadOnlyList<BatchChoice> Batches { get; init; }

    /// <summary>District: every batch with its table.</summary>
    public IReadOnlyList<DistrictBatchRow> DistrictRows { get; init; } = [];

    /// <summary>Third party: the current tables of every unit.</summary>
    public IReadOnlyList<SummaryTableListItem> Tables { get; init; } = [];

    public IReadOnlyDictionary<SummaryTableQueue, int> QueueCounts { get; init; } = new Dictionary<SummaryTableQueue, int>();

    public IReadOnlyList<Notification> Notices { get; init; } = [];
}

/// <summary>The rows the records give for a unit and batch, before the district drafts its table.</summary>
public sealed class SummaryTableProposalModel
{
    public required BatchChoice Batch { get; init; }
    public required string UnitName { get; init; }
    public required string ThirdPartyName { get; init; }
    public required IReadOnlyList<SummaryTableRowData> Rows { get; init; }
    public string Title => SummaryTable.TitleFor(Batch.Year, Batch.Name);
}

/// <summary>Another revision of the same unit and batch.</summary>
public sealed record RevisionItem(
    Guid Id, int Revision, SummaryTableState State, bool IsCurrent, DateTime CreatedAtUtc, DateTime? SubmittedAtUtc,
    DateTime? ReopenedAtUtc, string? ReopenedBy, string? ReopenReason, string? VerificationCode, int RowCount);

public sealed class SummaryTableDetailsModel
{
    public required SummaryTable Table { get; init; }
    public required string ThirdPartyName { get; init; }
    public required DateOnly Deadline { get; init; }
    public required int DaysLeft { get; init; }

    /// <summary>Revision 1 can no longer be sealed or submitted (a reopened revision is not held to the deadline).</summary>
    public required bool DeadlinePassed { get; init; }

    public required IReadOnlyList<RevisionItem> Revisions { get; init; }

    /// <summary>What changed from the revision before (null for revision 1).</summary>
    public IReadOnlyList<RowChange>? ChangesFromPrevious { get; init; }

    /// <summary>The draft compared with the records now (the district's and third party's view of a table not yet submitted).</summary>
    public SummaryTableReconciliation? Reconciliation { get; init; }

    public required IReadOnlyList<AuditEntry> History { get; init; }
    public required SignatureCheck Signature { get; init; }

    public bool CanEditRows { get; init; }
    public bool CanSealDistrict { get; init; }
    public bool CanSealThirdParty { get; init; }
    public bool CanSubmit { get; init; }
    public bool CanReopen { get; init; }

    /// <summary>The refusal reason posted back with an error (kept in the box).</summary>
    public string? PostedReason { get; init; }

    /// <summary>The row whose contact correction was refused, and what was typed: the row's form is shown open again.</summary>
    public Guid? PostedContactEnterpriseId { get; init; }

    public string? PostedContact { get; init; }
}

public sealed record InboxRow(
    Guid UnitId, string UnitName, SummaryTableProgress Progress, Guid? TableId, int Revision, int RowCount, DateTime? SubmittedAtUtc, int EarlierRevisions);

/// <summary>The commission's inbox for one batch: every recommending unit and its table.</summary>
public sealed class SummaryTableInboxModel
{
    public required IReadOnlyList<BatchChoice> Batches { get; init; }
    public required BatchChoice? Batch { get; init; }
    public required bool PendingOnly { get; init; }
    public required IReadOnlyList<InboxRow> Rows { get; init; }
    public required IReadOnlyDictionary<SummaryTableProgress, int> Counts { get; init; }
    public required int UnitCount { get; init; }

    public static bool IsSubmitted(SummaryTableProgress p) => p is SummaryTableProgress.SubmittedOnTime or SummaryTableProgress.SubmittedLate;
}

/// <summary>What the public verification page shows of a code: never an enterprise.</summary>
/// <summary>The code form of the public verification page.</summary>
public sealed class VerificationFormModel
{
    /// <summary>Why this address may not look up codes for now (too many wrong codes), or null.</summary>
    public string? Blocked { get; init; }
}

public sealed class VerificationModel
{
    public string? Code { get; init; }
    public bool Found { get; init; }
    public string UnitName { get; init; } = string.Empty;
    public int Year { get; init; }
    public string BatchName { get; init; } = string.Empty;
    public int Revision { get; init; }
    public int RowCount { get; init; }
    public DateTime? SubmittedAtUtc { get; init; }
    public IReadOnlyList<(string Party, string Organisation, DateTime AtUtc)> Seals { get; init; } = [];
    public string ContentHash { get; init; } = string.Empty;
    public SignatureCheck Signature { get; init; }
    public string? KeyFingerprint { get; init; }
    public bool IsCurrent { get; init; }
    public int? LatestRevision { get; init; }
    public DateTime? ReopenedAtUtc { get; init; }
}
