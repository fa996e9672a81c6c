using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Data.Migrations.Shared;
using ZhiPingQuan.Web.Infrastructure.Auditing;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Audit;

/// <summary>
/// The audit trail cannot be rewritten through the application's connection (the database refuses UPDATE and DELETE),
/// and every line is linked into a hash chain whose check names the first broken link.
/// </summary>
public abstract class AuditChainTests(PortalFactory portal)
{
    private AuditChain Chain => portal.Services.GetRequiredService<AuditChain>();

    private async Task<Guid> NewLineAsync(string detail) => await portal.WithDbAsync(async db =>
    {
        var line = new AuditEntry(DateTime.UtcNow, null, "测试", null, "测试单位", AuditAction.FileDownloaded, "StoredFile", Guid.NewGuid(),
            null, null, detail, "127.0.0.1");
        db.AuditEntries.Add(line);
        await db.SaveChangesAsync();
        return line.Id;
    });

    [Fact]
    public async Task New_lines_are_linked_in_order_and_the_chain_holds()
    {
        var first = await NewLineAsync("第一条 " + TestData.Tag());
        var second = await NewLineAsync("第二条 " + TestData.Tag());

        await Chain.LinkPendingAsync(CancellationToken.None);
        var report = await Chain.VerifyAsync(CancellationToken.None);

        Assert.True(report.Holds);
        Assert.Equal(0, report.Waiting);
        var lines = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Id == first || a.Id == second)
            .OrderBy(a => a.ChainIndex).ToListAsync());
        Assert.Equal(2, lines.Count);
        Assert.Equal(lines[0].ChainIndex + 1, lines[1].ChainIndex);
        Assert.Equal(lines[0].Hash, lines[1].PreviousHash);
        Assert.Equal(lines[1].ComputeHash(lines[1].ChainIndex!.Value, lines[1].PreviousHash!), lines[1].Hash);
        Assert.Equal(await portal.WithDbAsync(db => db.AuditEntries.LongCountAsync()), report.Linked);
        var genesis = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.ChainIndex == 0));
        Assert.Equal(AuditEntry.GenesisHash, genesis.PreviousHash);
    }

    [Fact]
    public async Task The_database_refuses_to_delete_or_change_a_line_and_nothing_changes()
    {
        var unlinked = await NewLineAsync("未链接 " + TestData.Tag());
        var linked = await NewLineAsync("已链接 " + TestData.Tag());
        await Chain.LinkPendingAsync(CancellationToken.None);
        var before = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == linked));
        var count = await portal.WithDbAsync(db => db.AuditEntries.LongCountAsync());

        await Assert.ThrowsAnyAsync<Exception>(() => portal.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", linked)));
        await Assert.ThrowsAnyAsync<Exception>(() => portal.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Detail\" = 'changed' WHERE \"Id\" = {0}", linked)));
        await Assert.ThrowsAnyAsync<Exception>(() => portal.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Hash\" = NULL, \"ChainIndex\" = NULL WHERE \"Id\" = {0}", linked)));
        // Even a line not yet linked keeps its content: only the linking columns may be set on it.
        var another = await NewLineAsync("未链接 " + TestData.Tag());
        await Assert.ThrowsAnyAsync<Exception>(() => portal.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'someone' WHERE \"Id\" = {0} AND \"Hash\" IS NULL", another)));

        Assert.Equal(count + 1, await portal.WithDbAsync(db => db.AuditEntries.LongCountAsync()));
        var after = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == linked));
        Assert.Equal((before.Detail, before.Hash, before.ChainIndex), (after.Detail, after.Hash, after.ChainIndex));
        Assert.Contains(unlinked, await portal.WithDbAsync(db => db.AuditEntries.Select(a => a.Id).ToListAsync()));
        Assert.True((await Chain.VerifyAsync(CancellationToken.None)).Holds);
    }

    [Fact]
    public async Task The_commission_checks_the_chain_on_its_page_and_the_check_is_itself_audited()
    {
        await NewLineAsync("页面核验 " + TestData.Tag());
        var client = await portal.SignedInAsync("commission@zpq.local");

        var html = await client.GetStringAsync("/Audit/Chain");

        Assert.Contains("哈希链完整", html);
        Assert.Equal(0, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ChainIndex == null && a.Action != AuditAction.AuditChainVerified)));
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.AuditChainVerified && a.Detail!.StartsWith("完整"))));
    }

    [Theory]
    [InlineData("district.pudong@zpq.local")]
    [InlineData("agency.a@zpq.local")]
    [InlineData("enterprise.a@zpq.local")]
    public async Task Other_roles_cannot_open_the_check(string email)
    {
        var client = await portal.SignedInAsync(email);
        var response = await client.GetAsync("/Audit/Chain");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_record_id_outside_the_users_scope_answers_404_and_is_audited()
    {
        var someone = Guid.NewGuid();
        var client = await portal.SignedInAsync("district.pudong@zpq.local");

        var response = await client.GetAsync($"/Enterprises/Details/{someone}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == someone));
        Assert.Equal((AuditAction.RecordOutOfScope, $"/Enterprises/Details/{someone}"), (line.Action, line.Detail));
    }
}

/// <summary>
/// Someone with the table owner's rights (who can drop the triggers) rewrites a line: the check names that line, and a
/// removed line is named as missing. In its own database, as the chain stays broken.
/// </summary>
public abstract class AuditChainTamperTests(PortalFactory portal)
{
    private AuditChain Chain => portal.Services.GetRequiredService<AuditChain>();

    private Task WithoutTriggersAsync(string sql, long chainIndex) => portal.WithDbAsync(async db =>
    {
        var sqlite = portal.Database.Provider == DbProvider.Sqlite;
        await db.Database.ExecuteSqlRawAsync(sqlite ? AuditAppendOnly.SqliteDown : AuditAppendOnly.PostgresDown);
        await db.Database.ExecuteSqlRawAsync(sql, chainIndex);
        return await db.Database.ExecuteSqlRawAsync(sqlite ? AuditAppendOnly.SqliteUp : AuditAppendOnly.PostgresUp);
    });

    [Fact]
    public async Task A_changed_line_and_then_a_removed_line_are_named_by_the_check()
    {
        await Chain.LinkPendingAsync(CancellationToken.None);
        Assert.True((await Chain.VerifyAsync(CancellationToken.None)).Holds);
        var lines = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.ChainIndex).Select(a => new { a.Id, a.ChainIndex }).ToListAsync());
        Assert.True(lines.Count >= 5, "the seeded portal has written lines");
        var victim = lines[3];

        await WithoutTriggersAsync("UPDATE \"AuditEntries\" SET \"Detail\" = 'rewritten' WHERE \"ChainIndex\" = {0}", victim.ChainIndex!.Value);
        var changed = await Chain.VerifyAsync(CancellationToken.None);

        Assert.False(changed.Holds);
        Assert.Equal((victim.ChainIndex!.Value, victim.Id), (changed.FirstBroken!.Index, changed.FirstBroken.EntryId));
        Assert.Contains("被改动", changed.FirstBroken.Reason);
        Assert.Equal(3, changed.Linked);

        await WithoutTriggersAsync("DELETE FROM \"AuditEntries\" WHERE \"ChainIndex\" = {0}", 1L);
        var removed = await Chain.VerifyAsync(CancellationToken.None);

        Assert.Equal((1L, (Guid?)null), (removed.FirstBroken!.Index, removed.FirstBroken.EntryId));
        Assert.Contains("缺少第 1 条", removed.FirstBroken.Reason);

        var html = await (await portal.SignedInAsync("commission@zpq.local")).GetStringAsync("/Audit/Chain");
        Assert.Contains("哈希链自第 <span data-testid=\"chain-broken-index\">1</span> 条起断开", html);
    }
}

[Collection("sqlite")]
public sealed class AuditChainTests_Sqlite(SqlitePortal portal) : AuditChainTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class AuditChainTests_Postgres(PostgresPortal portal) : AuditChainTests(portal), IClassFixture<PostgresPortal>;

[Collection("sqlite")]
public sealed class AuditChainTamperTests_Sqlite(SqlitePortal portal) : AuditChainTamperTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class AuditChainTamperTests_Postgres(PostgresPortal portal) : AuditChainTamperTests(portal), IClassFixture<PostgresPortal>;
