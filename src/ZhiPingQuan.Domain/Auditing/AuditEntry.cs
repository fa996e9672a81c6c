using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Auditing;

/// <summary>
/// One line of the append-only audit trail: every state change and every sensitive read
/// (file downloads). Never updated or deleted by the application.
/// </summary>
public sealed class AuditEntry : Entity
{
    private AuditEntry() { }

    public AuditEntry(
        DateTime atUtc,
        Guid? userId,
        string userName,
        Guid? organisationId,
        string organisationName,
        AuditAction action,
        string recordType,
        Guid? recordId,
        string? before,
        string? after,
        string? detail,
        string? remoteAddress)
    {
        AtUtc = atUtc;
        UserId = userId;
        UserName = userName;
        OrganisationId = organisationId;
        OrganisationName = organisationName;
        Action = action;
        RecordType = recordType;
        RecordId = recordId;
        Before = before;
        After = after;
        Detail = detail;
        RemoteAddress = remoteAddress;
    }

    public DateTime AtUtc { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; } = string.Empty;
    public Guid? OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = string.Empty;

    /// <summary>What happened, from the closed catalogue (shown by its Chinese name).</summary>
    public AuditAction Action { get; private set; }

    /// <summary>The kind of record (CLR type name, e.g. "QuotaApplication").</summary>
    public string RecordType { get; private set; } = string.Empty;
    public Guid? RecordId { get; private set; }

    /// <summary>State before the change (e.g. "Draft"), or null for creations and reads.</summary>
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Detail { get; private set; }
    public string? RemoteAddress { get; private set; }
}
