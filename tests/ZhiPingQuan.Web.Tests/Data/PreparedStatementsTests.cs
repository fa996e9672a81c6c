using Microsoft.EntityFrameworkCore;
using Npgsql;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Data;

/// <summary>PostgreSQL's automatic statement preparation (DatabaseSetup.WithPreparedStatements): on unless the connection string decides.</summary>
public sealed class PreparedStatementsTests(PostgresPortal portal) : IClassFixture<PostgresPortal>
{
    [Fact]
    public void The_portal_turns_automatic_preparation_on_unless_the_connection_string_sets_it()
    {
        var on = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPreparedStatements("Host=db.example;Username=zpq;Password=p w;Database=zhipingquan"));
        Assert.Equal(64, on.MaxAutoPrepare);
        Assert.Equal(2, on.AutoPrepareMinUsages);
        Assert.Equal("p w", on.Password);
        Assert.Equal("zhipingquan", on.Database);

        const string off = "Host=db.example;Username=zpq;Database=zhipingquan;Max Auto Prepare=0";
        Assert.Equal(off, DatabaseSetup.WithPreparedStatements(off));
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
