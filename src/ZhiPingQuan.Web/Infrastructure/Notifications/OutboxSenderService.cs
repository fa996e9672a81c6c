namespace ZhiPingQuan.Web.Infrastructure.Notifications;

/// <summary>
/// Runs <see cref="OutboxSender"/> every <c>Mail:PollSeconds</c> on each instance of the portal. Without <c>Mail:Host</c> it says
/// so once in the log and sends nothing: the mails wait in the outbox until a server is configured.
/// </summary>
public sealed class OutboxSenderService(OutboxSender sender, MailOptions options, ILogger<OutboxSenderService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            log.LogWarning("未设置 Mail:Host：邮件发送已停用，邮件保留在发件箱中，设置邮件服务器后发出。");
            return;
        }
        if (options.Problem() is { } problem)
        {
            log.LogError("邮件发送已停用：{Problem}。", problem);
            return;
        }
        log.LogInformation("邮件发送已启用：{Host}:{Port}，实例 {Instance}", options.Host, options.Port, sender.InstanceId);
        using var timer = new PeriodicTimer(options.PollInterval);
        try
        {
            do
            {
                try
                {
                    await sender.SendDueAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // A database hiccup must not stop the sender for good: the next tick tries again.
                    log.LogError(e, "发件箱发送出错，将在下次轮询时重试。");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
