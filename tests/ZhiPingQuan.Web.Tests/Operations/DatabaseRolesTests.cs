using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ZhiPingQuan.Web.Infrastructure.Auditing;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Operations;

/// <summary>
/// The production set-up of the README ("The audit trail and the database roles") on a real PostgreSQL: an owner role
/// applies the migrations, the README's grants are run as written, and the portal then starts and works with the
/// application role — which may write audit lines but can neither change nor delete them, nor switch off or drop the
/// triggers that refuse it.
/// </summary>
[Collection("postgres")]
public sealed partial class DatabaseRolesTests
{
    [Fact]
    public async Task The_portal_runs_as_the_application_role_which_cannot_rewrite_the_audit_trail()
    {
        var admin = Environment.GetEnvironmentVariable(TestDatabase.PostgresEnvironmentVariable)
            ?? throw new InvalidOperationException("ZPQ_TEST_POSTGRES not set: run ./test.sh");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (owner, app) = ($"zpq_owner_{tag}", $"zpq_app_{tag}");
        var (ownerPassword, appPassword) = ($"Owner#{tag}", $"App#{tag}");
        await ExecuteAsync(admin, $"CREATE ROLE {owner} LOGIN PASSWORD '{ownerPassword}'; CREATE ROLE {app} LOGIN PASSWORD '{appPassword}'");
        try
        {
            await using var database = await TestDatabase.CreateAsync(DbProvider.Postgres);
            await ExecuteAsync(admin, $"ALTER DATABASE \"{database.DatabaseName}\" OWNER TO {owner}");
            var asOwner = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = owner, Password = ownerPassword }.ConnectionString;
            var asApp = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = app, Password = appPassword }.ConnectionString;

            // First start with the owner's connection: the migrations make the schema (and the triggers), the seed runs.
            await using (var first = new PortalFactory(database, asOwner))
            {
                await first.InitializeAsync();
                Assert.Equal(HttpStatusCode.Redirect, (await first.Browser().SignInAsync("admin@zpq.local", PortalFactory.DemoPassword)).StatusCode);
            }
            var grants = ReadmeGrants().Replace("zpq_app", app, StringComparison.Ordinal);
            await ExecuteAsync(asOwner, grants);

            // Every later start with the application role's: nothing to migrate, and the portal works.
            const string SignIns = "SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'SignedIn'";
            var signInsBefore = await ScalarAsync<long>(asOwner, SignIns);
            long lines;
            await using (var portal = new PortalFactory(database, asApp))
            {
                await portal.InitializeAsync();
                var commission = await portal.SignedInAsync("commission@zpq.local");
                Assert.Equal(HttpStatusCode.OK, (await commission.GetAsync("/RecommendationOverview")).StatusCode);
                lines = await CountAuditLinesAsync(asApp);
                Assert.Equal(signInsBefore + 1, await ScalarAsync<long>(asApp, SignIns));
                // Linking new lines into the hash chain is the one update the triggers let the role make.
                await portal.Services.GetRequiredService<AuditChain>().LinkPendingAsync(CancellationToken.None);
                Assert.Equal(0, await ScalarAsync<long>(asApp, "SELECT count(*) FROM \"AuditEntries\" WHERE \"Hash\" IS NULL"));
            }

            // As the application role, directly: the trail cannot be changed, emptied, or unprotected — refused by the
            // triggers (P0001) or for want of the right (42501: TRUNCATE is not granted; only the owner alters or drops).
            var refusals = new Dictionary<string, string>
            {
                ["DELETE FROM \"AuditEntries\""] = "P0001",
                ["UPDATE \"AuditEntries\" SET \"Detail\" = 'changed'"] = "P0001",
                ["TRUNCATE \"AuditEntries\""] = "42501",
                ["ALTER TABLE \"AuditEntries\" DISABLE TRIGGER ALL"] = "42501",
                ["DROP TRIGGER audit_entries_append_only ON \"AuditEntries\""] = "42501",
                ["DROP FUNCTION audit_entries_append_only() CASCADE"] = "42501",
                ["ALTER TABLE \"AuditEntries\" RENAME TO \"AuditEntriesOld\""] = "42501",
            };
            foreach (var (sql, state) in refusals)
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(asApp, sql));
                Assert.True(refused.SqlState == state, $"{sql}: {refused.SqlState} {refused.MessageText}");
            }
            Assert.Equal(lines, await CountAuditLinesAsync(asApp));
            Assert.Equal(0, await ScalarAsync<long>(asApp, "SELECT count(*) FROM \"AuditEntries\" WHERE \"Detail\" = 'changed'"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP ROLE IF EXISTS {app}; DROP ROLE IF EXISTS {owner}");
        }
    }

    /// <summary>The GRANT statements of the README's SQL block on database roles, as an operator copies them.</summary>
    private static string ReadmeGrants()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var section = readme[readme.IndexOf("### The audit trail and the database roles", StringComparison.Ordinal)..];
        var block = SqlBlock().Match(section);
        Assert.True(block.Success, "the README's database-roles section has no SQL block");
        var grants = block.Groups[1].Value.Split('\n').Where(l => l.TrimStart().StartsWith("GRANT ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(grants);
        return string.Join('\n', grants);
    }

    [GeneratedRegex("```sql\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();

    private static Task<long> CountAuditLinesAsync(string connectionString) =>
        ScalarAsync<long>(connectionString, "SELECT count(*) FROM \"AuditEntries\"");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
