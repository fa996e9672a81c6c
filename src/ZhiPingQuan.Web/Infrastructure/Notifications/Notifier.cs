using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Infrastructure.Notifications;

/// <summary>
/// Tells an organisation about something it must act on (docs/domain.md §5 Notifications): an in-app notice
/// and, for each of its active users with an e-mail address, an e-mail in the outbox — both added to the
/// save that commits the change, so a notice is never sent for a change that did not happen. Called from
/// domain-event handlers only.
/// </summary>
public sealed class Notifier(AppDbContext db, IClock clock)
{
    public async Task ToOrganisationAsync(Guid organisationId, NotificationKind kind, string title, string body,
        NotificationTarget? target, CancellationToken ct)
    {
        var notice = Notification.ToOrganisation(organisationId, kind, title, body, target, clock.UtcNow);
        db.Notifications.Add(notice);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == organisationId && u.Email != null)
            .Select(u => new { u.Email, u.LockoutEnd })
            .ToListAsync(ct);
        // Locked accounts get no mail (SQLite cannot compare DateTimeOffset in a query: filtered here).
        var now = new DateTimeOffset(clock.UtcNow, TimeSpan.Zero);
        foreach (var address in users.Where(u => u.LockoutEnd is null || u.LockoutEnd < now).Select(u => u.Email!))
        {
            db.OutboxEmails.Add(new OutboxEmail(address, $"【智评券】{notice.Title}",
                $"{notice.Body}\n\n请登录智评券服务平台查看。本邮件由系统自动发送，请勿回复。", clock.UtcNow));
        }
    }

    /// <summary>
    /// The name of an organisation for a notice's text — also one added in the same save (seeding and imports add
    /// an enterprise and its records together).
    /// </summary>
    public async Task<string> OrganisationNameAsync(Guid id, CancellationToken ct) =>
        db.Organisations.Local.FirstOrDefault(o => o.Id == id)?.Name
        ?? await db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct)
        ?? "—";

    /// <summary>The same notice to every organisation of a kind (e.g. the third party).</summary>
    public async Task ToEveryAsync(OrganisationKind organisationKind, NotificationKind kind, string title, string body,
        NotificationTarget? target, CancellationToken ct)
    {
        var ids = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == organisationKind && o.IsActive).Select(o => o.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            await ToOrganisationAsync(id, kind, title, body, target, ct);
        }
    }

    /// <summary>Notices of these kinds about this record that the organisation has not read are settled (someone acted on them).</summary>
    public async Task SettleAsync(Guid organisationId, NotificationTarget target, NotificationKind[] kinds, CancellationToken ct)
    {
        var open = await db.Notifications
            .Where(n => n.RecipientOrganisationId == organisationId && n.ReadAtUtc == null
                && n.TargetKind == target.Kind && n.TargetId == target.Id && kinds.Contains(n.Kind))
            .ToListAsync(ct);
        foreach (var notice in open)
        {
            notice.MarkRead(clock.UtcNow);
        }
    }
}
