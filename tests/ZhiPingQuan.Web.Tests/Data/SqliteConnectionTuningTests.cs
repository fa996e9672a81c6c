using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Data;

/// <summary>
/// The portal's SQLite connections read the file through a memory map (SqliteConnectionTuning): set once for each of the
/// pool's connections, kept while the pool hands the connection out again.
/// </summary>
public sealed class SqliteConnectionTuningTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task Every_connection_the_portal_opens_maps_the_file_and_a_pooled_one_keeps_the_map()
    {
        for (var i = 0; i < 3; i++)
        {
            var mapped = await portal.WithDbAsync(async db =>
            {
                // A query of the portal's own, then the setting of the connection it ran on (EF keeps it open between the two).
                await db.Database.OpenConnectionAsync();
                await db.ProgrammeYears.AsNoTracking().CountAsync();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA mmap_size";
                return (long)(await command.ExecuteScalarAsync())!;
            });
            Assert.Equal(SqliteConnectionTuning.MemoryMapBytes, mapped);
        }
    }

    [Fact]
    public async Task A_connection_opened_outside_the_portal_has_no_map_so_the_setting_is_the_portals_doing()
    {
        var file = portal.Database.SqliteFile ?? throw new InvalidOperationException("SQLite portal without a file.");
        await using var plain = new SqliteConnection($"Data Source={file};Pooling=False");
        await plain.OpenAsync();
        await using var command = plain.CreateCommand();
        command.CommandText = "PRAGMA mmap_size";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}
