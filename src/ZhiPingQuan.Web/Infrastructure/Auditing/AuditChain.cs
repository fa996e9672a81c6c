using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Infrastructure.Auditing;

/// <summary>What a check of the chain found.</summary>
/// <param name="Linked">Lines checked (all linked lines, in chain order).</param>
/// <param name="Waiting">Lines written but not yet linked (the linker takes them within seconds).</param>
/// <param name="FirstBroken">The first line whose link does not hold, or null when the whole chain holds.</param>
public sealed record AuditChainReport(long Linked, long Waiting, BrokenLink? FirstBroken, DateTime CheckedAtUtc)
{
    public bool Holds => FirstBroken is null;
}

/// <summary>The first link that does not hold: where, which line, and why (in Chinese).</summary>
public sealed record BrokenLink(long Index, Guid? EntryId, DateTime? AtUtc, string Reason);

/// <summary>
/// Links new audit lines into one hash chain, and checks it (docs/domain.md §5). Lines are written by every request
/// without waiting for each other; linking runs afterwards, in the order the lines were written (time, then id), so
/// writers never contend for the chain's head. The unique chain position makes two linkers at once safe: the second one's
/// save fails and it tries again on its next pass.
/// </summary>
public sealed class AuditChain(IServiceScopeFactory scopes, IClock clock, ILogger<AuditChain> log)
{
    private const int BatchSize = 500;

    /// <summary>Links every line not yet linked; returns how many it linked.</summary>
    public async Task<int> LinkPendingAsync(CancellationToken ct)
    {
        var linked = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var head = await db.AuditEntries.AsNoTracking().Where(a => a.ChainIndex != null)
                .OrderByDescending(a => a.ChainIndex).Select(a => new { a.ChainIndex, a.Hash }).FirstOrDefaultAsync(ct);
            var pending = await db.AuditEntries.Where(a => a.ChainIndex == null)
                .OrderBy(a => a.AtUtc).ThenBy(a => a.Id).Take(BatchSize).ToListAsync(ct);
            if (pending.Count == 0)
            {
                return linked;
            }
            var index = head is null ? 0 : head.ChainIndex!.Value + 1;
            var previous = head?.Hash ?? AuditEntry.GenesisHash;
            foreach (var entry in pending)
            {
                entry.LinkInto(index++, previous);
                previous = entry.Hash!;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                // Another instance linked the same positions first: nothing was saved here; its links stand.
                log.LogInformation("审计哈希链：另一实例已写入相同位置，本次跳过（{Message}）。", e.InnerException?.Message ?? e.Message);
                return linked;
            }
            linked += pending.Count;
            if (pending.Count < BatchSize)
            {
                return linked;
            }
        }
    }

    /// <summary>Walks the whole chain from the first line and reports the first link that does not hold.</summary>
    public async Task<AuditChainReport> VerifyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var waiting = await db.AuditEntries.LongCountAsync(a => a.ChainIndex == null, ct);
        long expected = 0;
        var previous = AuditEntry.GenesisHash;
        long? after = null;
        while (true)
        {
            var query = db.AuditEntries.AsNoTracking().Where(a => a.ChainIndex != null);
            if (after is { } last)
            {
                query = query.Where(a => a.ChainIndex > last);
            }
            var page = await query.OrderBy(a => a.ChainIndex).Take(2000).ToListAsync(ct);
            if (page.Count == 0)
            {
                return new AuditChainReport(expected, waiting, null, clock.UtcNow);
            }
            foreach (var entry in page)
            {
                var index = entry.ChainIndex!.Value;
                if (index != expected)
                {
                    return Broken(expected, waiting, new BrokenLink(expected, null, null,
                        $"缺少第 {expected} 条（下一条是第 {index} 条）：记录被删除或链被截断。"));
                }
                if (entry.PreviousHash != previous)
                {
                    return Broken(expected, waiting, new BrokenLink(index, entry.Id, entry.AtUtc,
                        "所记的前一条哈希与前一条记录的哈希不符：前一条记录被改动、删除或替换。"));
                }
                if (entry.ComputeHash(index, previous) != entry.Hash)
                {
                    return Broken(expected, waiting, new BrokenLink(index, entry.Id, entry.AtUtc,
                        "本条内容与其哈希不符：本条记录写入后被改动。"));
                }
                previous = entry.Hash!;
                expected++;
            }
            after = page[^1].ChainIndex;
        }
    }

    private AuditChainReport Broken(long checkedCount, long waiting, BrokenLink link) =>
        new(checkedCount, waiting, link, clock.UtcNow);
}

/// <summary>Links new audit lines every few seconds on each instance (<c>Audit:LinkSeconds</c>, default 5).</summary>
public sealed class AuditChainService(AuditChain chain, IConfiguration configuration, ILogger<AuditChainService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Math.Max(1, configuration.GetValue("Audit:LinkSeconds", 5));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        try
        {
            do
            {
                try
                {
                    await chain.LinkPendingAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogError(e, "审计哈希链写入出错，将在下次轮询时重试。");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class AuditChainRegistration
{
    public static IServiceCollection AddAuditChain(this IServiceCollection services)
    {
        services.AddSingleton<AuditChain>();
        services.AddHostedService<AuditChainService>();
        return services;
    }
}
