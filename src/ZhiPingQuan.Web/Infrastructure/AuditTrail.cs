using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>
/// Writes the append-only audit trail (docs/domain.md §5). Entries are added to the same DbContext as the
/// change they describe, so they are saved — or rolled back — in the same transaction. Transitions are
/// audited through their domain events (<see cref="AuditedEventHandler"/>); this interface is for what is
/// not a transition of a domain record: sign-ins, downloads, exports, account administration.
/// </summary>
public interface IAuditTrail
{
    void Record(AuditAction action, string recordType, Guid? recordId, string? before = null, string? after = null, string? detail = null);

    /// <summary>
    /// The same entry, not added to the context: for changes written in bulk (the batch-list import), whose
    /// caller inserts the entries itself in the same transaction as the records they describe.
    /// </summary>
    AuditEntry Describe(AuditAction action, string recordType, Guid? recordId, string? before = null, string? after = null, string? detail = null);

    /// <summary>For events with no signed-in user yet (sign-in attempts): name the account explicitly.</summary>
    void RecordFor(Guid? userId, string userName, Guid? organisationId, string organisationName,
        AuditAction action, string recordType, Guid? recordId, string? detail = null);
}

public sealed class AuditTrail(AppDbContext db, ICurrentUser user, IClock clock, HistoryReplay replay) : IAuditTrail
{
    public void Record(AuditAction action, string recordType, Guid? recordId, string? before = null, string? after = null, string? detail = null) =>
        db.AuditEntries.Add(Describe(action, recordType, recordId, before, after, detail));

    public AuditEntry Describe(AuditAction action, string recordType, Guid? recordId, string? before = null, string? after = null, string? detail = null) =>
        replay.Current is { } step
            ? new(step.AtUtc, null, step.UserName, step.OrganisationId, step.OrganisationName,
                action, recordType, recordId, before, after, detail, null)
            : new(clock.UtcNow, user.UserId, user.UserName, user.OrganisationId, user.OrganisationName,
                action, recordType, recordId, before, after, detail, user.RemoteAddress);

    public void RecordFor(Guid? userId, string userName, Guid? organisationId, string organisationName,
        AuditAction action, string recordType, Guid? recordId, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry(clock.UtcNow, userId, userName, organisationId, organisationName,
            action, recordType, recordId, null, null, detail, user.RemoteAddress));
}

/// <summary>Every transition that is an audit line (<see cref="IAuditedEvent"/>) gets it here, and nowhere else.</summary>
public sealed class AuditedEventHandler(IAuditTrail audit) : IDomainEventHandler<IAuditedEvent>
{
    public Task HandleAsync(IAuditedEvent domainEvent, CancellationToken ct)
    {
        var line = domainEvent.Audit;
        audit.Record(line.Action, line.RecordType, line.RecordId, line.Before, line.After, line.Detail);
        return Task.CompletedTask;
    }
}

/// <summary>A record id outside the user's scope (or unknown) is answered 404 and written to the trail, in its own save.</summary>
public sealed class RefusedRecordLog(AppDbContext db, IAuditTrail audit) : Authorization.IRefusedRecordLog
{
    public async Task RecordAsync(string recordType, IReadOnlyList<Guid> ids, string path, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            audit.Record(AuditAction.RecordOutOfScope, recordType, id, detail: path.Length > 400 ? path[..400] : path);
        }
        await db.SaveChangesAsync(ct);
    }
}
