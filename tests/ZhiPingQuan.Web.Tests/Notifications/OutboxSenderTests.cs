using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using SmtpServer.Protocol;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Web.Infrastructure.Notifications;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Notifications;

/// <summary>
/// The outbox sender against a real SMTP server in the test process, on each real database: two instances at once send every
/// mail exactly once (the claim in the database); a refused connection or a 5xx reply leaves the mail queued with its error and
/// the back-off, and the next attempt after the back-off sends it. The clock is the test's (Moq).
/// </summary>
public abstract class OutboxSenderTests(PortalFactory portal)
{
    private DateTime _now = new(2023, 11, 14, 1, 0, 0, DateTimeKind.Utc);

    private IClock Clock()
    {
        var clock = new Mock<IClock>();
        clock.SetupGet(c => c.UtcNow).Returns(() => _now);
        return clock.Object;
    }

    private OutboxSender Sender(int port, IClock clock) =>
        new(portal.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            new MailOptions { Host = "127.0.0.1", Port = port, UseTls = false, From = "noreply@zpq.test", TimeoutSeconds = 10 },
            NullLogger<OutboxSender>.Instance);

    private Task<List<Guid>> QueueAsync(string tag, int count) =>
        portal.WithDbAsync(async db =>
        {
            var mails = Enumerable.Range(1, count)
                .Select(i => new OutboxEmail($"user{i}.{tag.ToLowerInvariant()}@test.local", $"【智评券】{tag} 第{i}封", $"第{i}封邮件的正文", _now))
                .ToList();
            db.OutboxEmails.AddRange(mails);
            await db.SaveChangesAsync();
            return mails.Select(m => m.Id).ToList();
        });

    private Task<List<OutboxEmail>> LoadAsync(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        return portal.WithDbAsync(db => db.OutboxEmails.AsNoTracking().Where(m => list.Contains(m.Id)).ToListAsync());
    }

    private static List<string> MessageIds(TestSmtpServer smtp, string tag) =>
        smtp.Received.Where(m => m.Subject?.Contains(tag) == true).Select(m => m.MessageId ?? "").Order(StringComparer.Ordinal).ToList();

    private static List<string> Expected(IEnumerable<Guid> ids) => ids.Select(id => $"{id:N}@zhipingquan.outbox").Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Two_senders_running_at_once_send_each_mail_exactly_once()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var tag = TestData.Tag();
        var ids = await QueueAsync(tag, 40);
        var clock = Clock();
        var (a, b) = (Sender(smtp.Port, clock), Sender(smtp.Port, clock));

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Task.Run(() => a.SendDueAsync(CancellationToken.None)), Task.Run(() => b.SendDueAsync(CancellationToken.None)));
        }

        Assert.Equal(Expected(ids), MessageIds(smtp, tag));
        var rows = await LoadAsync(ids);
        Assert.All(rows, m => Assert.Equal((OutboxEmailState.Sent, 0, (string?)null, (DateTime?)null), (m.State, m.Attempts, m.ClaimedBy, m.ClaimExpiresAtUtc)));
        var received = smtp.Received.Single(m => m.Subject == $"【智评券】{tag} 第7封");
        Assert.Equal($"user7.{tag.ToLowerInvariant()}@test.local", received.To.Mailboxes.Single().Address);
        Assert.Equal("第7封邮件的正文", received.TextBody?.Trim());
        Assert.Equal("noreply@zpq.test", received.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_mail_claimed_by_one_sender_is_left_alone_by_the_other_while_it_is_being_sent()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.HoldFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tag = TestData.Tag();
        var ids = await QueueAsync(tag, 5);
        var clock = Clock();
        var (a, b) = (Sender(smtp.Port, clock), Sender(smtp.Port, clock));

        // A claims the first mail and is inside DATA when B looks.
        var first = Task.Run(() => a.SendDueAsync(CancellationToken.None));
        await smtp.FirstArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var held = (await LoadAsync(ids)).Where(m => m.ClaimedBy is not null).ToList();
        var claimed = Assert.Single(held);
        Assert.Equal((a.InstanceId, _now.AddMinutes(10)), (claimed.ClaimedBy, claimed.ClaimExpiresAtUtc!.Value));

        var byB = await b.SendDueAsync(CancellationToken.None);
        smtp.HoldFirst.SetResult();
        var byA = await first;

        Assert.Equal(4, byB.Sent);
        Assert.Equal((1, 4), (byA.Sent, byA.TakenByOthers));
        Assert.Equal(Expected(ids), MessageIds(smtp, tag));
        Assert.All(await LoadAsync(ids), m => Assert.Equal(OutboxEmailState.Sent, m.State));
    }

    [Fact]
    public async Task A_refused_connection_leaves_the_mail_queued_with_the_error_and_the_back_off_and_the_next_attempt_sends_it()
    {
        var port = TestSmtpServer.FreePort();
        var tag = TestData.Tag();
        var ids = await QueueAsync(tag, 1);
        var start = _now;
        var sender = Sender(port, Clock());

        var pass = await sender.SendDueAsync(CancellationToken.None);

        Assert.Equal(1, pass.Failed);
        var failed = Assert.Single(await LoadAsync(ids));
        Assert.Equal((OutboxEmailState.Pending, 1, start.AddMinutes(1), (string?)null), (failed.State, failed.Attempts, failed.NextAttemptAtUtc!.Value, failed.ClaimedBy));
        Assert.Contains($"无法连接邮件服务器 127.0.0.1:{port}", failed.LastError);

        await using var smtp = await TestSmtpServer.StartAsync(port);
        _now = start.AddSeconds(59);
        await sender.SendDueAsync(CancellationToken.None);
        Assert.Empty(MessageIds(smtp, tag));
        Assert.Equal(1, Assert.Single(await LoadAsync(ids)).Attempts);

        _now = start.AddMinutes(1);
        await sender.SendDueAsync(CancellationToken.None);

        Assert.Equal(Expected(ids), MessageIds(smtp, tag));
        var sent = Assert.Single(await LoadAsync(ids));
        Assert.Equal((OutboxEmailState.Sent, start.AddMinutes(1), 1), (sent.State, sent.SentAtUtc!.Value, sent.Attempts));
    }

    [Fact]
    public async Task A_5xx_reply_leaves_the_mail_queued_with_the_reply_and_the_back_off_and_the_next_attempt_sends_it()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.Refuse = new SmtpResponse(SmtpReplyCode.TransactionFailed, "mailbox unavailable for now");
        var tag = TestData.Tag();
        var ids = await QueueAsync(tag, 1);
        var start = _now;
        var sender = Sender(smtp.Port, Clock());

        var pass = await sender.SendDueAsync(CancellationToken.None);

        Assert.Equal(1, pass.Failed);
        Assert.Equal(1, smtp.Offered);
        Assert.Empty(MessageIds(smtp, tag));
        var failed = Assert.Single(await LoadAsync(ids));
        Assert.Equal((OutboxEmailState.Pending, 1, start.AddMinutes(1)), (failed.State, failed.Attempts, failed.NextAttemptAtUtc!.Value));
        Assert.Contains("554", failed.LastError);
        Assert.Contains("mailbox unavailable for now", failed.LastError);

        smtp.Refuse = null;
        _now = start.AddMinutes(1);
        await sender.SendDueAsync(CancellationToken.None);

        Assert.Equal(Expected(ids), MessageIds(smtp, tag));
        Assert.Equal(OutboxEmailState.Sent, Assert.Single(await LoadAsync(ids)).State);
    }
}

[Collection("sqlite")]
public sealed class OutboxSenderTests_Sqlite(SqlitePortal portal) : OutboxSenderTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class OutboxSenderTests_Postgres(PostgresPortal portal) : OutboxSenderTests(portal), IClassFixture<PostgresPortal>;
