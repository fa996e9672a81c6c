using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Features.Notifications;

/// <summary>When the reminders run (configuration section <c>Reminders</c>; README "Configuration").</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public bool Enabled { get; set; } = true;

    /// <summary>How often each instance looks; what is already sent is not sent again, so the day's reminders go on the first look.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>No reminders before this hour of the Shanghai day (nobody wants one at midnight).</summary>
    public int FromHour { get; set; } = 8;
}

/// <summary>
/// The daily reminder job: on every instance, every <c>Reminders:IntervalMinutes</c> from <c>Reminders:FromHour</c> on, runs
/// <see cref="DeadlineReminders"/>. Running it again, or on several instances at once, sends nothing twice.
/// </summary>
public sealed class DeadlineReminderService(IServiceScopeFactory scopes, ReminderOptions options, IClock clock, ILogger<DeadlineReminderService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            log.LogInformation("Reminders:Enabled 为 false：本实例不发送截止提醒。");
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.IntervalMinutes)));
        try
        {
            do
            {
                if (ShanghaiTime.ToShanghai(clock.UtcNow).Hour < options.FromHour)
                {
                    continue;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var pass = await scope.ServiceProvider.GetRequiredService<DeadlineReminders>().RunAsync(stoppingToken);
                    if (pass.Sent > 0)
                    {
                        log.LogInformation("已发送截止提醒 {Sent} 条。", pass.Sent);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogError(e, "截止提醒出错，将在下次运行时重试。");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
