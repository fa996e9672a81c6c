using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ZhiPingQuan.Web.Data;

/// <summary>
/// Reads SQLite's file through a memory map (docs/decisions/0007-list-pages-of-a-large-district.md). Without it each
/// pooled connection reads its pages with a <c>read</c> call into its own 2 MB cache, and a district's list of
/// 10 000 enterprises does not fit: the same pages were read from the operating system again and again. The setting
/// belongs to the connection, so it is given once to each of the pool's connections when EF first opens it (a pooled
/// connection keeps its native handle, and the handle is what is remembered), not on every open. SQLite's documented
/// price: a read error on a mapped page (a failing disk, the file cut short by another program) ends the process with a
/// signal instead of an error; the portal's file is on a local disk and nothing but SQLite writes it. Writes still go
/// through SQLite's journal as before.
/// </summary>
public sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    /// <summary>The most of the file mapped: address space, not memory; pages are loaded as they are read.</summary>
    public const long MemoryMapBytes = 1L << 30;

    private static readonly ConditionalWeakTable<object, object> Tuned = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Tune(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Tune(connection);
        return Task.CompletedTask;
    }

    private static void Tune(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || sqlite.Handle is not { } handle || Tuned.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size = {MemoryMapBytes};";
        command.ExecuteNonQuery();
        Tuned.AddOrUpdate(handle, handle);
    }
}
