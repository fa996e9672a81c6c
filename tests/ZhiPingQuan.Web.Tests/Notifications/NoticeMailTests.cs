using Microsoft.Extensions.Logging;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Web.Features.Notifications;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Tests.Notifications;

/// <summary>What a notice's e-mail says, and the sender's start without a mail server.</summary>
public class NoticeMailTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    private static Notification Assigned(Guid assessmentId) =>
        Notification.ToOrganisation(Guid.NewGuid(), NotificationKind.AssessmentTaskAssigned, "新的评估任务：上海浦江精密装备有限公司",
            "推荐单位指派本机构对上海浦江精密装备有限公司进行评估诊断。", NotificationTarget.Assessment(assessmentId), Now);

    [Fact]
    public void The_mail_says_what_happened_and_links_to_the_page_at_the_public_address()
    {
        var id = Guid.NewGuid();
        var mail = new NoticeMail(new NotificationPageLinks(), new NoticeMailOptions("https://zpq.example.cn/portal/")).For(Assigned(id), "a@example.cn", Now);

        Assert.Equal("【智评券】新的评估任务：上海浦江精密装备有限公司", mail.Subject);
        Assert.Contains("推荐单位指派本机构对上海浦江精密装备有限公司进行评估诊断。", mail.Body);
        Assert.Contains($"查看详情：https://zpq.example.cn/portal/Assignments/Details/{id}", mail.Body);
        Assert.Equal(("a@example.cn", Now), (mail.To, mail.NextAttemptAtUtc!.Value));
    }

    [Fact]
    public void Without_a_public_address_or_a_page_the_mail_asks_to_sign_in()
    {
        var noAddress = new NoticeMail(new NotificationPageLinks(), new NoticeMailOptions(null)).For(Assigned(Guid.NewGuid()), "a@example.cn", Now);
        var withdrawn = Notification.ToOrganisation(Guid.NewGuid(), NotificationKind.AssessmentTaskWithdrawn, "评估任务已改派", "原因：人员调整", null, Now);
        var noPage = new NoticeMail(new NotificationPageLinks(), new NoticeMailOptions("https://zpq.example.cn")).For(withdrawn, "a@example.cn", Now);

        foreach (var mail in new[] { noAddress, noPage })
        {
            Assert.Contains("请登录智评券服务平台查看。", mail.Body);
            Assert.DoesNotContain("http", mail.Body);
        }
    }

    [Theory]
    [InlineData("zpq.example.cn")]
    [InlineData("ftp://zpq.example.cn")]
    public void A_malformed_public_address_is_refused_at_start(string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => new NoticeMailOptions(value));
        Assert.Contains("Portal:PublicBaseUrl", e.Message);
    }

    [Fact]
    public async Task Without_a_host_the_sender_says_so_once_and_sends_nothing()
    {
        var log = new ListLogger<OutboxSenderService>();
        var options = new MailOptions();
        var service = new OutboxSenderService(null!, options, log);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("未设置 Mail:Host", entry.Message);
        Assert.True(service.ExecuteTask.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_host_without_a_sender_address_is_reported_and_disabled()
    {
        var log = new ListLogger<OutboxSenderService>();
        var service = new OutboxSenderService(null!, new MailOptions { Host = "smtp.example.cn" }, log);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("Mail:From", entry.Message);
    }
}

/// <summary>A logger that keeps what it is told.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
