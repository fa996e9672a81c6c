using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
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
        RedemptionState.Declined => "不予兑付",
        _ => state.ToString(),
    };

    /// <summary>The states whose amounts count against the budget cap.</summary>
    public static bool CountsAgainstBudget(this RedemptionState state) => RedemptionRules.StateCountsAgainstBudget.IsSatisfiedBy(state);
}

/// <summary>The named states of a redemption, for lists (SQL) and pages alike (decision 0009).</summary>
public static class RedemptionRules
{
    public static readonly QueryRule<RedemptionState> StateCountsAgainstBudget =
        new(s => s == RedemptionState.Approved || s == RedemptionState.Paid);

    /// <summary>Waiting for the commission's approval.</summary>
    public static readonly QueryRule<Redemption> AwaitingApproval = new(r => r.State == RedemptionState.PendingApproval);

    /// <summary>Approved, payment not yet recorded.</summary>
    public static readonly QueryRule<Redemption> AwaitingPayment = new(r => r.State == RedemptionState.Approved);

    /// <summary>Approved or paid: counts against the year's budget, and is printed on the agency's notice.</summary>
    public static readonly QueryRule<Redemption> CountsAgainstBudget = QueryRule<Redemption>.Of(r => r.State, StateCountsAgainstBudget);

    public static readonly QueryRule<Redemption> Paid = new(r => r.State == RedemptionState.Paid);
}

/// <summary>
/// Whether the work of the agency that performed the confirmed assessment can be redeemed (docs/domain.md §4.2, §4.6): a
/// municipal agency (市级服务机构), valid on the assessment date. Null when it can; otherwise the reason, in Chinese.
/// </summary>
public static class RedemptionEligibility
{
    public static string? WhyNot(ServiceAgency? agency, DateOnly? assessmentDate)
    {
        if (agency is null)
        {
            return "找不到评估服务机构，不能兑付。";
        }
        if (assessmentDate is not { } date)
        {
            return "评估记录没有评估日期，无法判断服务机构当日是否有效，不能兑付。";
        }
        if (agency.Level != AgencyLevel.Municipal)
        {
            return $"评估服务机构“{agency.Name}”为{agency.Level.ToChinese()}，只有市级服务机构的评估才能兑付，本企业的评估费用由区级承担。";
        }
        if (!agency.IsValidOn(date))
        {
            return $"评估服务机构“{agency.Name}”在评估日期{ShanghaiTime.FormatDate(date)}不在有效期内，不能兑付。";
        }
        return null;
    }
}

/// <summary>
/// 额度兑换 (docs/domain.md §4.6): created from a passed application at the programme's standard amount, paid to the agency
/// that performed the confirmed assessment (申兑分离) — only a municipal agency valid on the assessment date. At most one per
/// enterprise per programme year and one per application — unique indexes in the database, not only this code. Approvals
/// stay within the year's budget cap: the code checks it (<see cref="BudgetGuard"/>) and the database enforces it on the
/// year's <see cref="RedemptionBudget"/> row in the approving transaction.
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
        Raise(new RedemptionCreated(Id, EnterpriseId, AgencyId, Amount));
    }

    /// <summary>
    /// A passed application becomes a redemption at the programme's standard amount (额定标准), payable to the assessing
    /// agency — refused (with <see cref="RedemptionEligibility.WhyNot"/>'s reason) unless it was municipal and valid on the
    /// assessment date.
    /// </summary>
    public static Redemption ForPassedApplication(QuotaApplication application, Money standardAmount, ServiceAgency? agency,
        DateOnly? assessmentDate, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.State != QuotaApplicationState.Passed)
        {
            throw new DomainException($"额度申请当前状态为“{application.State.ToChinese()}”，审核通过后才能兑付。");
        }
        if (RedemptionEligibility.WhyNot(agency, assessmentDate) is { } reason)
        {
            throw new DomainException(reason);
        }
        if (standardAmount <= Money.Zero)
        {
            throw new DomainException("本年度尚未设置额定标准，不能生成兑付。");
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
    /// PendingApproval → Approved, unless it would take approvals over the year's cap. <paramref name="alreadyApproved"/> is
    /// the sum of Approved and Paid redemptions of the year (a list approval adds each approved amount as it goes). The
    /// caller approves inside a transaction that holds the year's <see cref="RedemptionBudget"/> row and adds the amounts
    /// to it with a conditional UPDATE, so two people approving at once cannot both pass the cap.
    /// </summary>
    public void Approve(Money? budgetCap, Money alreadyApproved, string approvedBy, DateTime utcNow, bool inList = false)
    {
        EnsureState(RedemptionState.PendingApproval, "批准");
        var by = RequiredName(approvedBy, "批准人");
        BudgetGuard.EnsureWithinCap(budgetCap, alreadyApproved, Amount);
        State = RedemptionState.Approved;
        ApprovedAtUtc = utcNow;
        ApprovedBy = by;
        Raise(new RedemptionApproved(Id, EnterpriseId, AgencyId, Amount, inList));
    }

    /// <summary>PendingApproval → Declined, with a reason.</summary>
    public void Decline(string reason, string declinedBy, DateTime utcNow)
    {
        EnsureState(RedemptionState.PendingApproval, "不予兑付");
        var r = (reason ?? string.Empty).Trim();
        if (r.Length == 0)
        {
            throw new DomainException("不予兑付必须填写原因。", "reason");
        }
        if (r.Length > MaxReasonLength)
        {
            throw new DomainException($"原因过长（最多{MaxReasonLength}个字符）。", "reason");
        }
        DeclinedBy = RequiredName(declinedBy, "操作人");
        DeclineReason = r;
        DeclinedAtUtc = utcNow;
        State = RedemptionState.Declined;
        Raise(new RedemptionDeclined(Id, EnterpriseId, AgencyId, r));
    }

    /// <summary>Approved → Paid: the payment date (not in the future, not before the approval) and the bank reference.</summary>
    public void RecordPayment(DateOnly paidOn, string reference, string recordedBy, DateTime utcNow, bool fromList = false)
    {
        EnsureState(RedemptionState.Approved, "登记支付");
        var reference1 = (reference ?? string.Empty).Trim();
        if (reference1.Length == 0 || reference1.Length > MaxReferenceLength)
        {
            throw new DomainException($"请填写银行支付凭证号（最多{MaxReferenceLength}个字符）。", "reference");
        }
        var today = DateOnly.FromDateTime(ShanghaiTime.ToShanghai(utcNow));
        if (paidOn > today)
        {
            throw new DomainException("支付日期不能晚于今天。", "paidOn");
        }
        if (ApprovedAtUtc is { } approved && paidOn < DateOnly.FromDateTime(ShanghaiTime.ToShanghai(approved)))
        {
            throw new DomainException($"支付日期不能早于批准日期{ShanghaiTime.FormatDate(DateOnly.FromDateTime(ShanghaiTime.ToShanghai(approved)))}。", "paidOn");
        }
        PaymentRecordedBy = RequiredName(recordedBy, "登记人");
        PaidOn = paidOn;
        PaymentReference = reference1;
        PaymentRecordedAtUtc = utcNow;
        State = RedemptionState.Paid;
        Raise(new RedemptionPaid(Id, EnterpriseId, AgencyId, Amount, paidOn, reference1, fromList));
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
