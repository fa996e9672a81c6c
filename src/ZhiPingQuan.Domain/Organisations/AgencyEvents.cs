using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Organisations;

// The register of service agencies (docs/domain.md §4.2 Agencies): each change is an audit line, with the agency
// described as one line (ServiceAgency.Describe) before and after.

/// <summary>An agency was entered in the register.</summary>
public sealed record AgencyRegistered(Guid AgencyId, string Details) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AgencyRegistered, nameof(ServiceAgency), AgencyId, null, Details);
}

/// <summary>An agency's details in the register changed.</summary>
public sealed record AgencyChanged(Guid AgencyId, string DetailsBefore, string Details) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AgencyChanged, nameof(ServiceAgency), AgencyId, DetailsBefore, Details);
}
