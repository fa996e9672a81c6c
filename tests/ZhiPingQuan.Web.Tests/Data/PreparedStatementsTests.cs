using Microsoft.EntityFrameworkCore;
using Npgsql;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Data;

/// <summary>
/// The portal's Npgsql settings (DatabaseSetup.ForPortal): statements prepared automatically and pooled connections
/// handed out without a reset, each unless the connection string decides.
/// </summary>
public sealed class PreparedStatementsTests(PostgresPortal portal) : IClassFixture<PostgresPortal>
{
    [Fact]
    public void The_portal_turns_automatic_preparation_on_and_the_reset_off_unless_the_connection_string_sets_them()
    {
        var on = new NpgsqlConnectionStringBuilder(DatabaseSetup.ForPortal("Host=db.example;Username=zpq;Password=p w;Database=zhipingquan"));
        Assert.Equal(64, on.MaxAutoPrepare);
        Assert.Equal(2, on.AutoPrepareMinUsages);
        Assert.True(on.NoResetOnClose);
        Assert.Equal("p w", on.Password);
        Assert.Equal("zhipingquan", on.Database);

        var off = new NpgsqlConnectionStringBuilder(DatabaseSetup.ForPortal("Host=db.example;Username=zpq;Database=zhipingquan;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, off.MaxAutoPrepare);
        Assert.False(off.NoResetOnClose);
    }

    [Fact]
    public async Task A_statement_the_portal_runs_again_is_prepared_on_the_server()
    {
        var prepared = await portal.WithDbAsync(async db =>
        {
            // One connection of the portal's own configuration, kept open: the same query three times, then what the
            // server holds prepared for that connection.
            await db.Database.OpenConnectionAsync();
            var id = Guid.NewGuid();
            for (var i = 0; i < 3; i++)
            {
                await db.UserSessions.AsNoTracking().Where(s => s.Id == id).Select(s => s.RevokedAtUtc).FirstOrDefaultAsync();
            }
            return await db.Database
                .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%FROM \"UserSessions\"%'")
                .SingleAsync();
        });
        Assert.Equal(1, prepared);
    }
}
