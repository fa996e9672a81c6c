using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Data;

/// <summary>
/// The one optimistic-concurrency check of the portal. Every form that changes a record posts the version
/// it was read at; the change is refused when that version is missing (a form that cannot prove what it
/// saw is never silently accepted) or stale (someone changed the record since), and the save itself checks
/// the version again in the database, so two people acting at once cannot both win. Both refusals end on
/// the Chinese 409 page.
/// </summary>
public static class VersionCheck
{
    public static void ExpectVersion<T>(this DbContext db, T record, Guid? postedVersion) where T : Entity
    {
        if (postedVersion is not { } version || version == Guid.Empty || record.Version != version)
        {
            throw new DbUpdateConcurrencyException($"{typeof(T).Name} {record.Id}: posted version {postedVersion} is not the current one.");
        }
        var entry = db.Entry(record);
        entry.Property(r => r.Version).OriginalValue = version;
        // A change only to owned or child rows still checks and renews the record's own version.
        entry.Property(r => r.Version).IsModified = true;
    }
}
