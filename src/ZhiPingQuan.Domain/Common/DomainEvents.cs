using ZhiPingQuan.Domain.Auditing;

namespace ZhiPingQuan.Domain.Common;

/// <summary>
/// Something that happened to a record (a transition). Raised by the entity's own method, dispatched
/// by the data layer before the save that commits the change, to handlers that run in the same
/// transaction: the audit line, the notices and e-mails, and effects on other records all follow
/// from the event, so no service has to remember them.
/// </summary>
public interface IDomainEvent;

/// <summary>An event that is a line of the audit trail (docs/domain.md §5): every state change is one.</summary>
public interface IAuditedEvent : IDomainEvent
{
    AuditLine Audit { get; }
}

/// <summary>
/// What the audit trail keeps of an event: the action from the closed catalogue, the record, the state (or
/// value) before and after, and a detail for the reader. Who, which organisation, when and from where are
/// added by the trail itself. Result values (scores, levels) are never copied into the detail: each record
/// shows its own history to people who may not yet see its result (docs/domain.md §5).
/// </summary>
public sealed record AuditLine(AuditAction Action, string RecordType, Guid? RecordId, string? Before = null, string? After = null, string? Detail = null);
