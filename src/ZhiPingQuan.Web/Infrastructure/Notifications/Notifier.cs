using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Infrastructure.Notifications;

/// <summary>A person a notice and its e-mail go to: an active account with an e-mail address.</summary>
public sealed record NoticeRecipient(Guid UserId, string Email);

/// <summary>
/// Tells an organisation — or one person — about something to act on (docs/domain.md §5 Notifications): an in-app notice
/// and an e-mail in the outbox for each active user it reaches (<see cref="NoticeMail"/> writes it) — both added to the save
/// that commits the change, so a notice is never sent for a change that did not happen. Called from domain-event handlers and
/// the deadline reminders only.
/// </summary>
public sealed class Notifier(AppDbContext db, IClock clock, NoticeMail mail, HistoryReplay replay)
{
    /// <summary>
    /// When the notice was given (and an earlier one settled): now, or — as the demo replays a past step — the step's moment,
    /// so an inbox reads in the order the programme ran. Its e-mail is written now either way: the outbox sends what is due now.
    /// </summary>
    private DateTime NoticeTime => replay.Current?.AtUtc ?? clock.UtcNow;

    public async Task ToOrganisationAsync(Guid organisationId, NotificationKind kind, string title, string body,
        NotificationTarget? target, CancellationToken ct)
    {
        var notice = Notification.ToOrganisation(organisationId, kind, title, body, target, NoticeTime);
        db.Notifications.Add(notice);
        foreach (var recipient in await ActiveUsersAsync(organisationId, ct))
        {
            db.OutboxEmails.Add(mail.For(notice, recipient.Email, clock.UtcNow));
        }
    }

    /// <summary>A notice to one person (a reminder of what that person has still to do), and its e-mail.</summary>
    public Notification ToUser(NoticeRecipient recipient, NotificationKind kind, string title, string body, NotificationTarget? target)
    {
        var notice = Notification.ToUser(recipient.UserId, kind, title, body, target, NoticeTime);
        db.Notifications.Add(notice);
        db.OutboxEmails.Add(mail.For(notice, recipient.Email, clock.UtcNow));
        return notice;
    }

    /// <summary>The organisation's accounts that get e-mail: with an address, and not locked.</summary>
    public async Task<IReadOnlyList<NoticeRecipient>> ActiveUsersAsync(Guid organisationId, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganisationId == organisationId && u.Email != null)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.LockoutEnd })
            .ToListAsync(ct);
        // Locked accounts get no mail (SQLite cannot compare DateTimeOffset in a query: filtered here).
        var now = new DateTimeOffset(clock.UtcNow, TimeSpan.Zero);
        return users.Where(u => u.LockoutEnd is null || u.LockoutEnd < now).Select(u => new NoticeRecipient(u.Id, u.Email!)).ToList();
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
    public Task SettleAsync(Guid organisationId, NotificationTarget target, NotificationKind[] kinds, CancellationToken ct) =>
        SettleAsync((Guid?)organisationId, target, kinds, ct);

    /// <summary>
    /// Notices of these kinds about this record are settled, whoever they went to — for kinds that only ever go to the party that
    /// has now acted (the third party's "report awaiting check" once one of them checked it).
    /// </summary>
    public Task SettleAsync(NotificationTarget target, NotificationKind[] kinds, CancellationToken ct) =>
        SettleAsync(null, target, kinds, ct);

    private async Task SettleAsync(Guid? organisationId, NotificationTarget target, NotificationKind[] kinds, CancellationToken ct)
    {
        var query = db.Notifications.Where(NotificationRules.Unread)
            .Where(n => n.TargetKind == target.Kind && n.TargetId == target.Id && kinds.Contains(n.Kind));
        // The organisation's notices are those to it and those to its people (a deadline reminder goes to each person).
        var people = organisationId is { } org
            ? await db.Users.AsNoTracking().Where(u => u.OrganisationId == org).Select(u => (Guid?)u.Id).ToListAsync(ct)
            : [];
        if (organisationId is not null)
        {
            query = query.Where(n => n.RecipientOrganisationId == organisationId || people.Contains(n.RecipientUserId));
        }
        var stored = await query.ToListAsync(ct);
        // A notice added earlier in this same save (seeding or an import that runs several steps at once) is not stored yet.
        var added = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .Where(n => !n.IsRead && n.Target == target && kinds.Contains(n.Kind)
                && (organisationId is null || n.RecipientOrganisationId == organisationId || people.Contains(n.RecipientUserId)));
        foreach (var notice in stored.Concat(added).Distinct().ToList())
        {
            notice.MarkRead(NoticeTime);
        }
    }
}
