using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Organisations;

// Admin's register of organisations (docs/domain.md §1): each change is an audit line. The kind is written by its
// Chinese name: the trail is read by people, not by code.

/// <summary>Admin entered a new organisation in the register.</summary>
public sealed record OrganisationCreated(Guid OrganisationId, OrganisationKind Kind, string Name) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.OrganisationCreated, nameof(Organisation), OrganisationId, null, Kind.ToChinese(), Name);
}

/// <summary>Admin renamed an organisation.</summary>
public sealed record OrganisationRenamed(Guid OrganisationId, OrganisationKind Kind, string NameBefore, string Name) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.OrganisationRenamed, nameof(Organisation), OrganisationId, NameBefore, Name);
}

/// <summary>Admin activated an organisation again: its accounts may sign in.</summary>
public sealed record OrganisationActivated(Guid OrganisationId, OrganisationKind Kind, string Name) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.OrganisationActivated, nameof(Organisation), OrganisationId, "停用", "启用", Name);
}

/// <summary>Admin deactivated an organisation: its accounts can no longer sign in.</summary>
public sealed record OrganisationDeactivated(Guid OrganisationId, OrganisationKind Kind, string Name) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.OrganisationDeactivated, nameof(Organisation), OrganisationId, "启用", "停用", Name);
}
