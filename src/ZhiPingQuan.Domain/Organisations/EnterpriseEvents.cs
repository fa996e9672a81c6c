using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Organisations;

// The enterprise registry's transitions (docs/domain.md §2 Credit code, §4.1): each is an audit line, with the record
// described as one line (Enterprise.Describe) before and after.

/// <summary>A district registered an enterprise of its unit.</summary>
public sealed record EnterpriseRegistered(Guid EnterpriseId, string Details) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EnterpriseRegistered, nameof(Enterprise), EnterpriseId, null, Details);
}

/// <summary>A district changed the registry's details of its enterprise.</summary>
public sealed record EnterpriseChanged(Guid EnterpriseId, string DetailsBefore, string Details) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EnterpriseChanged, nameof(Enterprise), EnterpriseId, DetailsBefore, Details);
}

/// <summary>Admin corrected the credit code of an enterprise its district may no longer change.</summary>
public sealed record EnterpriseCreditCodeCorrected(Guid EnterpriseId, string Name, string CreditCodeBefore, string CreditCode, string Reason)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EnterpriseCreditCodeCorrected, nameof(Enterprise), EnterpriseId,
        CreditCodeBefore, CreditCode, $"{Name}；原因：{Reason}");
}

/// <summary>Admin registered the enterprise in another unit (it moved districts).</summary>
public sealed record EnterpriseUnitChanged(Guid EnterpriseId, string Name, string CreditCode, string? UnitBefore, string Unit, string Reason)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.EnterpriseUnitChanged, nameof(Enterprise), EnterpriseId,
        UnitBefore, Unit, $"{Name}（{CreditCode}）；原因：{Reason}");
}
