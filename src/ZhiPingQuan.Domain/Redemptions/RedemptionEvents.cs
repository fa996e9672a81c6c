using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Redemptions;

// The steps of a redemption (docs/domain.md §4.6): each is an audit line of the redemption; the feature's handlers tell the
// commission (a new one waits for approval), the agency (approved, paid) and the enterprise (declined).

/// <summary>A passed application became a redemption waiting for the commission's approval.</summary>
public sealed record RedemptionCreated(Guid RedemptionId, Guid EnterpriseId, Guid AgencyId, Money Amount) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RedemptionCreated, nameof(Redemption), RedemptionId, null,
        RedemptionState.PendingApproval.ToChinese(), $"额度申请审核通过，按额定标准{Amount}生成兑付，兑付给评估服务机构");
}

/// <summary>PendingApproval → Approved (one by one, or in a list).</summary>
public sealed record RedemptionApproved(Guid RedemptionId, Guid EnterpriseId, Guid AgencyId, Money Amount, bool InList) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RedemptionApproved, nameof(Redemption), RedemptionId,
        RedemptionState.PendingApproval.ToChinese(), RedemptionState.Approved.ToChinese(), InList ? $"批量批准，金额{Amount}" : $"金额{Amount}");
}

/// <summary>PendingApproval → Declined, with the reason.</summary>
public sealed record RedemptionDeclined(Guid RedemptionId, Guid EnterpriseId, Guid AgencyId, string Reason) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RedemptionDeclined, nameof(Redemption), RedemptionId,
        RedemptionState.PendingApproval.ToChinese(), RedemptionState.Declined.ToChinese(), $"原因：{Reason}");
}

/// <summary>Approved → Paid: the payment date and the bank reference (typed in, or from the payment list).</summary>
public sealed record RedemptionPaid(Guid RedemptionId, Guid EnterpriseId, Guid AgencyId, Money Amount, DateOnly PaidOn, string Reference, bool FromList)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.RedemptionPaid, nameof(Redemption), RedemptionId,
        RedemptionState.Approved.ToChinese(), RedemptionState.Paid.ToChinese(),
        $"支付日期{ShanghaiTime.FormatDate(PaidOn)}，凭证号{Reference}" + (FromList ? "（导入支付清单）" : string.Empty));
}
