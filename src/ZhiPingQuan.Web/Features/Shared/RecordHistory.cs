using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>One line of a record's history as its page shows it.</summary>
public sealed record HistoryLine(DateTime AtUtc, string UserName, string OrganisationName, AuditAction Action, string? Before, string? After, string? Detail);

/// <summary>
/// A record's history, read from the audit trail (its lines carry no result values — docs/decisions/0009): the
/// enterprise's page shows its district what changed, the enterprise's own contact changes among it.
/// </summary>
public sealed class RecordHistory(AppDbContext db)
{
    public async Task<IReadOnlyList<HistoryLine>> ForAsync(string recordType, Guid recordId, int take = 50, CancellationToken ct = default) =>
        await db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == recordType && a.RecordId == recordId)
            .OrderByDescending(a => a.AtUtc).Take(take)
            .Select(a => new HistoryLine(a.AtUtc, a.UserName, a.OrganisationName, a.Action, a.Before, a.After, a.Detail))
            .ToListAsync(ct);
}
