using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Redemptions;

public enum RedemptionState
{
    PendingApproval,
    Approved,
    Paid,
    Declined,
}

public static class RedemptionStateNames
{
    public static string ToChinese(this RedemptionState state) => state switch
    {
        RedemptionState.PendingApproval => "待审批",
        RedemptionState.Approved => "已批准",
        RedemptionState.Paid => "已支付",
        RedemptionState.Declined => "不予兑换",
        _ => state.ToString(),
    };

    /// <summary>The states whose amounts count against the budget cap.</summary>
    public static bool CountsAgainstBudget(this RedemptionState state) =>
        state is RedemptionState.Approved or RedemptionState.Paid;
}

/// <summary>
/// 额度兑换 (docs/domain.md §4.6): created from a passed application at the programme's standard amount,
/// paid to the assessing agency (申兑分离). At most one per enterprise per programme year — a unique
/// index in the database, not only this code.
/// </summary>
public sealed class Redemption : Entity
{
    public const string RecordName = "额度兑换";
    public const int MaxReasonLength = 1000;
    public const int MaxReferenceLength = 100;
    public const int MaxNameLength = 100;

    private Redemption() { }

    private Redemption(QuotaApplication application, Money amount, DateTime utcNow)
    {
        ApplicationId = application.Id;
        EnterpriseId = application.EnterpriseId;
        ProgrammeYearId = application.ProgrammeYearId;
        BatchId = application.BatchId;
        RecommendingUnitId = application.RecommendingUnitId;
        AgencyId = application.AgencyId;
        Amount = amount;
        CreatedAtUtc = utcNow;
        State = RedemptionState.PendingApproval;
    }

    /// <summary>A passed application becomes a redemption at the programme's standard amount (额定标准).</summary>
    public static Redemption ForPassedApplication(QuotaApplication application, Money standardAmount, DateTime utcNow)
    {
        if (application.State != QuotaApplicationState.Passed)
        {
            throw new DomainException($"额度申请当前状态为“{application.State.ToChinese()}”，审核通过后才能兑换。");
        }
        if (standardAmount <= Money.Zero)
        {
            throw new DomainException("本年度尚未设置额定标准，不能生成兑换。");
        }
        return new Redemption(application, standardAmount, utcNow);
    }

    public Guid ApplicationId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid ProgrammeYearId { get; private set; }
    public Guid BatchId { get; private set; }
    public Guid RecommendingUnitId { get; private set; }

    /// <summary>The payee: the agency that assessed the enterprise.</summary>
    public Guid AgencyId { get; private set; }
    public Money Amount { get; private set; }
    public RedemptionState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ApprovedAtUtc { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTime? DeclinedAtUtc { get; private set; }
    public string? DeclinedBy { get; private set; }
    public string? DeclineReason { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public string? PaymentReference { get; private set; }
    public DateTime? PaymentRecordedAtUtc { get; private set; }
    public string? PaymentRecordedBy { get; private set; }

    /// <summary>
    /// PendingApproval → Approved, unless it would take approvals over the year's cap.
    /// <paramref name="alreadyApproved"/> is the sum of Approved and Paid redemptions of the year
    /// (a batch approval adds each approved amount as it goes). Two people approving at once could
    /// each see the same total: the caller should save the approval together with a change to the
    /// programme year's row (its Version token), so the second save fails as a concurrency conflict.
    /// </summary>
    public void Approve(Money? budgetCap, Money alreadyApproved, string approvedBy, DateTime utcNow)
    {
        EnsureState(RedemptionState.PendingApproval, "批准");
        var by = RequiredName(approvedBy, "批准人");
        BudgetGuard.EnsureWithinCap(budgetCap, alreadyApproved, Amount);
        State = RedemptionState.Approved;
        ApprovedAtUtc = utcNow;
        ApprovedBy = by;
    }

    /// <summary>PendingApproval → Declined, with a reason.</summary>
    public void Decline(string reason, string declinedBy, DateTime utcNow)
    {
        EnsureState(RedemptionState.PendingApproval, "不予兑换");
        var r = (reason ?? string.Empty).Trim();
        if (r.Length == 0)
        {
            throw new DomainException("不予兑换必须填写原因。");
        }
        if (r.Length > MaxReasonLength)
        {
            throw new DomainException($"原因过长（最多{MaxReasonLength}个字符）。");
        }
        DeclinedBy = RequiredName(declinedBy, "操作人");
        DeclineReason = r;
        DeclinedAtUtc = utcNow;
        State = RedemptionState.Declined;
    }

    /// <summary>Approved → Paid: the payment date (not in the future) and the bank/voucher reference.</summary>
    public void RecordPayment(DateOnly paidOn, string reference, string recordedBy, DateTime utcNow)
    {
        EnsureState(RedemptionState.Approved, "登记支付");
        var reference1 = (reference ?? string.Empty).Trim();
        if (reference1.Length == 0 || reference1.Length > MaxReferenceLength)
        {
            throw new DomainException($"请填写支付凭证号（最多{MaxReferenceLength}个字符）。");
        }
        var today = DateOnly.FromDateTime(ShanghaiTime.ToShanghai(utcNow));
        if (paidOn > today)
        {
            throw new DomainException("支付日期不能晚于今天。");
        }
        if (ApprovedAtUtc is { } approved && paidOn < DateOnly.FromDateTime(ShanghaiTime.ToShanghai(approved)))
        {
            throw new DomainException("支付日期不能早于批准日期。");
        }
        PaymentRecordedBy = RequiredName(recordedBy, "登记人");
        PaidOn = paidOn;
        PaymentReference = reference1;
        PaymentRecordedAtUtc = utcNow;
        State = RedemptionState.Paid;
    }

    private void EnsureState(RedemptionState expected, string action)
    {
        if (State != expected)
        {
            throw new InvalidTransitionException(RecordName, State.ToChinese(), action);
        }
    }

    private static string RequiredName(string? value, string field)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length == 0 || v.Length > MaxNameLength)
        {
            throw new DomainException($"{field}不能为空。");
        }
        return v;
    }
}
