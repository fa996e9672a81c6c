using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Notifications;

/// <summary>
/// A signed-in person's notices (docs/domain.md §5 Notifications): those to the person's organisation and those to the person,
/// through <c>NotificationScope</c>, newest first. A notice to an organisation is one notice for all its users: when one of
/// them reads it, it is read for the organisation (the same as when someone acts on it and the portal settles it).
/// </summary>
public sealed class NotificationInbox(AppDbContext db, IClock clock)
{
    public const int PageSize = 20;

    /// <summary>The bell's number: one COUNT over the indexes on recipient and reading time.</summary>
    public Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken ct) =>
        db.Notifications.AsNoTracking().VisibleTo(user).Where(NotificationRules.Unread).CountAsync(ct);

    public async Task<InboxPage> PageAsync(ClaimsPrincipal user, bool unreadOnly, int page, CancellationToken ct)
    {
        var query = db.Notifications.AsNoTracking().VisibleTo(user);
        if (unreadOnly)
        {
            query = query.Where(NotificationRules.Unread);
        }
        var notices = await PagedList.CreateAsync(query.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id), page, PageSize, ct);
        return new InboxPage
        {
            UnreadOnly = unreadOnly,
            UnreadCount = await UnreadCountAsync(user, ct),
            Notices = notices.Map(n => new InboxItem(n.Id, n.Title, n.Body, n.CreatedAtUtc, n.ReadAtUtc, n.RecipientUserId is not null,
                NotificationLinks.For(n) is not null)),
        };
    }

    /// <summary>Marks one notice read (the action's scope check has made sure it is the user's); already read stays as it was.</summary>
    public Task MarkReadAsync(ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        MarkAsync(db.Notifications.EditableBy(user).Where(n => n.Id == id), ct);

    /// <summary>Marks every unread notice of the user read; how many.</summary>
    public Task<int> MarkAllReadAsync(ClaimsPrincipal user, CancellationToken ct) =>
        MarkAsync(db.Notifications.EditableBy(user), ct);

    /// <summary>The page of the notice's record, marking the notice read on the way; null when it leads to no page.</summary>
    public async Task<string?> OpenAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var notice = await db.Notifications.AsNoTracking().EditableBy(user).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
        {
            return null;
        }
        await MarkReadAsync(user, id, ct);
        return NotificationLinks.For(notice);
    }

    /// <summary>
    /// The rule of <see cref="Notification.MarkRead"/> — only unread notices change, so the first reading time is kept — in one
    /// UPDATE: colleagues reading their organisation's notices at the same moment never meet a version conflict over it.
    /// </summary>
    private Task<int> MarkAsync(IQueryable<Notification> notices, CancellationToken ct)
    {
        DateTime? now = clock.UtcNow;
        return notices.Where(NotificationRules.Unread)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now).SetProperty(n => n.Version, Guid.NewGuid()), ct);
    }
}

public sealed class InboxPage
{
    public required bool UnreadOnly { get; init; }
    public required int UnreadCount { get; init; }
    public required PagedList<InboxItem> Notices { get; init; }
}

/// <param name="ToMe">Addressed to the user personally (a reminder), not to the organisation.</param>
/// <param name="HasPage">The notice leads to a record's page.</param>
public sealed record InboxItem(Guid Id, string Title, string Body, DateTime CreatedAtUtc, DateTime? ReadAtUtc, bool ToMe, bool HasPage)
{
    public bool IsRead => ReadAtUtc is not null;
}
