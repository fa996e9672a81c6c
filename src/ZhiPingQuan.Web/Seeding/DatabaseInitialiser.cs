using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// Applies the provider's migrations and seeds reference (and, when asked, demo) data before the
/// server takes requests — in the "starting" phase, so it also runs under test hosts.
/// </summary>
public sealed class DatabaseInitialiser(
    IServiceProvider services,
    IConfiguration config,
    IHostEnvironment env,
    ILogger<DatabaseInitialiser> log) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);

        if (config.GetValue<bool>(ConfigKeys.DemoSeed))
        {
            if (env.IsProduction())
            {
                log.LogWarning("Demo:Seed 在生产环境中被忽略：生产环境从不写入演示数据。");
                return;
            }
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
            if (config.GetValue<bool>(ConfigKeys.DemoTables))
            {
                await scope.ServiceProvider.GetRequiredService<DemoLifecycleSeeder>().SeedAsync(cancellationToken);
            }
            log.LogInformation("已写入演示数据（演示账户密码见 README）。");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
