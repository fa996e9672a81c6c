using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Infrastructure.Notifications;

/// <summary>What one pass over the outbox did.</summary>
public sealed record OutboxPass(int Sent, int Failed, int TakenByOthers);

/// <summary>
/// Sends the due mails of the outbox through SMTP (MailKit), one at a time, each claimed in the database first: a
/// conditional UPDATE sets this instance and a lease expiry on the row only while the row is still claimable, and only the
/// instance whose UPDATE changed the row sends it — so several instances on one database never send a mail twice
/// (docs/decisions/0010-outbox-and-reminders.md). The outcome (<see cref="OutboxEmail.MarkSent"/> or
/// <see cref="OutboxEmail.RecordFailure"/>, which sets the next attempt by the back-off) ends the claim.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IClock clock, MailOptions options, ILogger<OutboxSender> log)
{
    /// <summary>Who holds a claim: this process and this sender (two senders in one process are two instances).</summary>
    public string InstanceId { get; } = Shorten($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    public async Task<OutboxPass> SendDueAsync(CancellationToken ct)
    {
        if (!options.Enabled || options.Problem() is not null)
        {
            throw new InvalidOperationException("邮件发送未配置：" + (options.Problem() ?? "未设置 Mail:Host"));
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var candidates = await db.OutboxEmails.AsNoTracking()
            .Where(OutboxEmailRules.Claimable.For(clock.UtcNow))
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Math.Max(1, options.BatchSize))
            .ToListAsync(ct);
        int sent = 0, failed = 0, others = 0;
        using var smtp = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)).TotalMilliseconds };
        try
        {
            foreach (var id in candidates)
            {
                if (!await ClaimAsync(db, id, ct))
                {
                    others++;
                    continue;
                }
                db.ChangeTracker.Clear();
                var mail = await db.OutboxEmails.FirstAsync(m => m.Id == id, ct);
                var outcome = await AttemptAsync(smtp, mail, ct);
                if (outcome.Error is null)
                {
                    mail.MarkSent(clock.UtcNow);
                    sent++;
                }
                else
                {
                    mail.RecordFailure(clock.UtcNow, outcome.Error);
                    failed++;
                    log.LogWarning("邮件 {MailId} 发送失败（第 {Attempts} 次）：{Error}；下次尝试 {Next}", mail.Id, mail.Attempts, outcome.Error,
                        mail.NextAttemptAtUtc is { } next ? ShanghaiTime.FormatDateTime(next) : "不再重试");
                }
                await RecordAsync(db, mail);
                if (outcome.ServerUnreachable)
                {
                    // The other due mails would fail the same way: they wait for the next pass rather than each taking a failure.
                    break;
                }
            }
        }
        finally
        {
            if (smtp.IsConnected)
            {
                try
                {
                    await smtp.DisconnectAsync(quit: true, CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or SocketException or ProtocolException or SmtpCommandException)
                {
                    // Sent or failed is already recorded; a lost QUIT changes nothing.
                }
            }
        }
        return new OutboxPass(sent, failed, others);
    }

    /// <summary>
    /// The claim: one UPDATE whose condition is <see cref="OutboxEmailRules.Claimable"/>. Of two instances racing for the row the
    /// database lets one change it; the other's UPDATE finds the claim in place and changes no row. The version is renewed, so a
    /// copy of the row loaded before the claim can no longer be saved over it.
    /// </summary>
    private async Task<bool> ClaimAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var expires = now + options.ClaimLease;
        var changed = await db.OutboxEmails
            .Where(m => m.Id == id)
            .Where(OutboxEmailRules.Claimable.For(now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, InstanceId)
                .SetProperty(m => m.ClaimExpiresAtUtc, expires)
                .SetProperty(m => m.Version, Guid.NewGuid()), ct);
        return changed == 1;
    }

    private sealed record Outcome(string? Error, bool ServerUnreachable);

    private async Task<Outcome> AttemptAsync(SmtpClient smtp, OutboxEmail mail, CancellationToken ct)
    {
        try
        {
            if (!smtp.IsConnected)
            {
                await smtp.ConnectAsync(options.Host!, options.Port, Security(), ct);
                if (!string.IsNullOrEmpty(options.UserName))
                {
                    await smtp.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, ct);
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ProtocolException or SmtpCommandException or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            await DropAsync(smtp);
            return new Outcome($"无法连接邮件服务器 {options.Host}:{options.Port}：{Describe(e)}", ServerUnreachable: true);
        }
        try
        {
            await smtp.SendAsync(Message(mail), ct);
            return new Outcome(null, false);
        }
        catch (ParseException e)
        {
            return new Outcome($"收件人地址无效：{e.Message}", ServerUnreachable: false);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or SocketException or TimeoutException)
        {
            // A refused message may leave the session mid-transaction: the next mail starts on a fresh connection.
            await DropAsync(smtp);
            return new Outcome($"邮件服务器拒收：{Describe(e)}", ServerUnreachable: e is not SmtpCommandException);
        }
    }

    /// <summary>
    /// Saves the attempt's outcome even when the host is stopping: the mail has been handed over (or refused), and leaving the
    /// claim to lapse would send it again.
    /// </summary>
    private async Task RecordAsync(AppDbContext db, OutboxEmail mail)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Only possible when the claim lapsed during the attempt and another instance took the mail: the lease is too short.
            log.LogError("邮件 {MailId} 的发送认领在发送过程中已过期并被其他实例接手，可能重复发送：请加大 Mail:ClaimMinutes。", mail.Id);
        }
        db.ChangeTracker.Clear();
    }

    private MimeMessage Message(OutboxEmail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From!));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        // One outbox row, one Message-Id: a receiving server (and a test) can tell a repeat from a new mail.
        message.MessageId = $"{mail.Id:N}@zhipingquan.outbox";
        message.Date = new DateTimeOffset(mail.CreatedAtUtc, TimeSpan.Zero);
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Body };
        return message;
    }

    private SecureSocketOptions Security() =>
        !options.UseTls ? SecureSocketOptions.None
        : options.Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;

    private static async Task DropAsync(SmtpClient smtp)
    {
        if (!smtp.IsConnected)
        {
            return;
        }
        try
        {
            await smtp.DisconnectAsync(quit: false, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException)
        {
            // Already broken.
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        SocketException s => $"{s.SocketErrorCode}：{s.Message}",
        _ => e.Message,
    };

    private static string Shorten(string id) => id.Length <= OutboxEmail.MaxClaimLength ? id : id[^OutboxEmail.MaxClaimLength..];
}
