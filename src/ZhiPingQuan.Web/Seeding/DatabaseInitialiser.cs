using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// Applies the provider's migrations and seeds reference (and, when asked, demo) data before the
/// server takes requests — in the "starting" phase, so it also runs under test hosts. Demo data is
/// written only in the Demo and Development environments, and a Production start is refused while a
/// demo account exists (docs/decisions/0013-sessions-and-separation-of-duties.md).
/// </summary>
public sealed class DatabaseInitialiser(
    IServiceProvider services,
    IConfiguration config,
    IHostEnvironment env,
    ILogger<DatabaseInitialiser> log) : IHostedLifecycleService
{
    public const string DemoEnvironment = "Demo";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await MigrateWhenPendingAsync(db, cancellationToken);
        var demoAllowed = env.IsEnvironment(DemoEnvironment) || env.IsDevelopment();
        var seedDemo = config.GetValue<bool>(ConfigKeys.DemoSeed);
        await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken, demoFollows: seedDemo && demoAllowed);

        if (env.IsProduction())
        {
            await RefuseDemoAccountsAsync(scope.ServiceProvider, cancellationToken);
        }
        if (seedDemo)
        {
            if (!demoAllowed)
            {
                log.LogWarning("Demo:Seed 在 {Environment} 环境中被忽略：演示数据只写入 Demo 和 Development 环境。", env.EnvironmentName);
                return;
            }
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
            if (config.GetValue<bool>(ConfigKeys.DemoTables))
            {
                await scope.ServiceProvider.GetRequiredService<DemoLifecycleSeeder>().SeedAsync(cancellationToken);
                await scope.ServiceProvider.GetRequiredService<DemoUpgradeSeeder>().SeedAsync(cancellationToken);
                // Last: the evaluations are computed from every other demo record.
                await scope.ServiceProvider.GetRequiredService<DemoEvaluationSeeder>().SeedAsync(cancellationToken);
            }
            log.LogInformation("已写入演示数据（演示账户密码见 README）。");
        }
    }

    /// <summary>
    /// Applies the migrations not yet applied — and touches nothing when there are none: in production the portal
    /// connects with a role that may write rows but not change the schema (README: database roles), and EF's
    /// <c>MigrateAsync</c> would try to create its history table even when it exists, which that role may not.
    /// </summary>
    private async Task MigrateWhenPendingAsync(AppDbContext db, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (DbException e) when (e.SqlState == "42501")
        {
            log.LogCritical("数据库有 {Count} 个迁移待应用（{First} …），但当前连接的数据库角色无权修改表结构：请先用所有者角色的连接字符串启动一次门户以应用迁移（README：数据库角色）。",
                pending.Count, pending[0]);
            throw;
        }
    }

    /// <summary>
    /// A demo account is one the demo seeder made, or one at a demo address that still takes the published demo
    /// password (a database seeded before accounts were marked). Either in Production stops the start.
    /// </summary>
    private static async Task RefuseDemoAccountsAsync(IServiceProvider provider, CancellationToken ct)
    {
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var flagged = await users.Users.Where(u => u.IsDemoAccount).Select(u => u.Email).ToListAsync(ct);
        var normalized = DemoDataSeeder.AccountEmails.Select(e => e.ToUpperInvariant()).ToList();
        foreach (var candidate in await users.Users.Where(u => normalized.Contains(u.NormalizedEmail!) && !u.IsDemoAccount).ToListAsync(ct))
        {
            if (await users.CheckPasswordAsync(candidate, DemoDataSeeder.Password))
            {
                flagged.Add(candidate.Email);
            }
        }
        if (flagged.Count > 0)
        {
            throw new InvalidOperationException(
                $"生产环境中存在演示账户（{string.Join("、", flagged)}），平台拒绝启动：演示账户的密码是公开的。请删除这些账户（或改用 Demo 环境）后再启动。");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
