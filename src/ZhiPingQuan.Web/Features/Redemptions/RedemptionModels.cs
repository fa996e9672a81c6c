using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Redemptions;

/// <summary>The commission's (and the agency's) filters on the redemption list.</summary>
public sealed class RedemptionFilter : ListQuery
{
    public Guid? YearId { get; set; }
    public Guid? BatchId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid? AgencyId { get; set; }
    public RedemptionState? State { get; set; }
    public string? Q { get; set; }
}

public sealed class RedemptionRow
{
    public required Guid Id { get; init; }
    public required Guid Version { get; init; }
    public required string EnterpriseName { get; init; }
    public required string CreditCode { get; init; }
    public required string UnitName { get; init; }
    public required string AgencyName { get; init; }
    public required string AgencyCreditCode { get; init; }
    public required Guid AgencyId { get; init; }
    public required int Year { get; init; }
    public required Guid YearId { get; init; }
    public required string BatchName { get; init; }
    public required decimal Amount { get; init; }
    public required RedemptionState State { get; init; }
    public required DateTime CreatedAtUtc { get; init; }
    public DateTime? ApprovedAtUtc { get; init; }
    public DateOnly? PaidOn { get; init; }
    public string? PaymentReference { get; init; }
    public string? DeclineReason { get; init; }
}

/// <summary>Counts and amounts of the filtered redemptions, and the year's budget.</summary>
public sealed record RedemptionTotals(
    int PendingCount, decimal PendingAmount,
    int ApprovedCount, decimal ApprovedAmount,
    int PaidCount, decimal PaidAmount,
    int DeclinedCount,
    int Year, decimal? BudgetCap, decimal Committed)
{
    /// <summary>Approved (awaiting payment) and paid: what counts against the budget.</summary>
    public int CommittedCount => ApprovedCount + PaidCount;
    public decimal? Remaining => BudgetCap is { } cap ? cap - Committed : null;
}

/// <summary>A passed application that could not become a redemption, with the reason.</summary>
public sealed record NotRedeemable(Guid ApplicationId, string EnterpriseName, string AgencyName, string Reason);

public sealed class RedemptionIndexModel
{
    public required RedemptionFilter Filter { get; init; }
    public required PagedList<RedemptionRow> Rows { get; init; }
    public required RedemptionTotals Totals { get; init; }
    public required IReadOnlyList<Choice> Years { get; init; }
    public required IReadOnlyList<Choice> Batches { get; init; }
    public required IReadOnlyList<Choice> Units { get; init; }
    public required IReadOnlyList<Choice> Agencies { get; init; }
    public required IReadOnlyList<NotRedeemable> NotRedeemable { get; init; }
    public required bool IsCommission { get; init; }
    public IReadOnlyList<IssuedNoticeRow> Notices { get; init; } = [];
}

public sealed class ApproveConfirmModel
{
    public required IReadOnlyList<RedemptionRow> Rows { get; init; }
    public required IReadOnlyList<RedemptionRow> NotPending { get; init; }
    public required RedemptionTotals? Totals { get; init; }
    public decimal Total => Rows.Sum(r => r.Amount);
}

public sealed class RedemptionDetailsModel
{
    public required RedemptionRow Row { get; init; }
    public required bool IsCommission { get; init; }
    public required DateOnly Today { get; init; }
    public string? PostedReason { get; init; }
    public DateOnly? PostedPaidOn { get; init; }
    public string? PostedReference { get; init; }
}

/// <summary>The outcome of approving a list: who was approved now, and who had already been approved, declined or paid.</summary>
public sealed record ApprovalOutcome(IReadOnlyList<string> Approved, decimal ApprovedAmount, IReadOnlyList<string> AlreadyDone);

/// <summary>An agency's notice for a year, as offered for download.</summary>
public sealed record IssuedNoticeRow(Guid AgencyId, string AgencyName, Guid YearId, int Year, int Count, decimal Total);

// --------------------------------------------------------------------------------------------- payment list

/// <summary>One row of an uploaded payment list, as checked.</summary>
public sealed class PaymentListRow
{
    public required int RowNumber { get; init; }
    public required string CreditCode { get; init; }
    public required string EnterpriseName { get; init; }
    public DateOnly? PaidOn { get; init; }
    public string? Reference { get; init; }
    public Guid? RedemptionId { get; set; }
    public List<string> Errors { get; } = [];

    /// <summary>Why a row without errors is left as it is (no payment filled in, or recorded already with this reference).</summary>
    public string? Note { get; set; }
    public bool IsValid => Errors.Count == 0 && Note is null && RedemptionId is not null;
}

public sealed class PaymentPreviewModel
{
    public required Guid YearId { get; init; }
    public required int Year { get; init; }
    public required string FileName { get; init; }
    public required IReadOnlyList<PaymentListRow> Rows { get; init; }
    public int ValidCount => Rows.Count(r => r.IsValid);
    public int ErrorCount => Rows.Count(r => r.Errors.Count > 0);
}

/// <summary>A row confirmed from the preview: the server checks it again.</summary>
public sealed class PaymentConfirmItem
{
    public string? CreditCode { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? Reference { get; set; }
}

public sealed class PaymentUploadModel
{
    public Guid? YearId { get; init; }
    public required IReadOnlyList<Choice> Years { get; init; }
}

public sealed class NoticeVerificationModel
{
    public required string Code { get; init; }
    public RedemptionNotice? Notice { get; init; }

    /// <summary>Set when the address tried too many wrong codes: the page says so and looks nothing up.</summary>
    public string? Blocked { get; init; }
}
