using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Organisations;

// The enterprise's own accounts (docs/domain.md §5 Accounts): requests, their decisions and the enterprise's own
// contact changes are lines of the enterprise's history. Contacts are the enterprise's registry data, not results.

/// <summary>The enterprise changed its own contact (name｜phone｜e-mail before and after).</summary>
public sealed record EnterpriseContactChangedByEnterprise(Guid EnterpriseId, string Before, string After) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EnterpriseContactChangedByEnterprise, nameof(Enterprise), EnterpriseId, Before, After);
}

/// <summary>Someone asked, on the public registration page, for an account of a registered enterprise.</summary>
public sealed record EnterpriseAccountRequested(Guid RequestId, Guid EnterpriseId, string Email, string ContactName) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EnterpriseAccountRequested, nameof(EnterpriseAccountRequest), RequestId, null,
        EnterpriseAccountRequestState.Pending.ToChinese(), $"{ContactName}，{Email}");
}

/// <summary>The district approved the request: an account waits for its activation.</summary>
public sealed record EnterpriseAccountRequestApproved(Guid RequestId, Guid EnterpriseId, string Email) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EnterpriseAccountRequestApproved, nameof(EnterpriseAccountRequest), RequestId,
        EnterpriseAccountRequestState.Pending.ToChinese(), EnterpriseAccountRequestState.Approved.ToChinese(), Email);
}

/// <summary>The district rejected the request, with its reason.</summary>
public sealed record EnterpriseAccountRequestRejected(Guid RequestId, Guid EnterpriseId, string Email, string Reason) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EnterpriseAccountRequestRejected, nameof(EnterpriseAccountRequest), RequestId,
        EnterpriseAccountRequestState.Pending.ToChinese(), EnterpriseAccountRequestState.Rejected.ToChinese(), $"{Email}：{Reason}");
}
