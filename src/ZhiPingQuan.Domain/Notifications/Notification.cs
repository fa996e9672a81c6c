using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Notifications;

/// <summary>
/// An in-app message, to one user or to every user of one organisation (exactly one of the two).
/// </summary>
public sealed class Notification : Entity
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 2000;

    private Notification() { }

    private Notification(Guid? recipientUserId, Guid? recipientOrganisationId, NotificationKind kind, string title, string body,
        NotificationTarget? target, DateTime utcNow)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }
        var t = (title ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            throw new DomainException("通知标题不能为空。");
        }
        var b = (body ?? string.Empty).Trim();
        RecipientUserId = recipientUserId;
        RecipientOrganisationId = recipientOrganisationId;
        Kind = kind;
        // Titles and bodies are made from record names; a very long name shortens the notice rather than refusing the change it reports.
        Title = Shorten(t, MaxTitleLength);
        Body = Shorten(b, MaxBodyLength);
        TargetKind = target?.Kind;
        TargetId = target?.Id;
        CreatedAtUtc = utcNow;
    }

    public static Notification ToUser(Guid userId, NotificationKind kind, string title, string body, NotificationTarget? target, DateTime utcNow) =>
        userId == Guid.Empty
            ? throw new DomainException("通知必须有接收人。")
            : new Notification(userId, null, kind, title, body, target, utcNow);

    public static Notification ToOrganisation(Guid organisationId, NotificationKind kind, string title, string body, NotificationTarget? target, DateTime utcNow) =>
        organisationId == Guid.Empty
            ? throw new DomainException("通知必须有接收单位。")
            : new Notification(null, organisationId, kind, title, body, target, utcNow);

    public Guid? RecipientUserId { get; private set; }
    public Guid? RecipientOrganisationId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public string Title { get; private set; } = string.Empty;
    public string Body { get; private set; } = string.Empty;
    public NotificationTargetKind? TargetKind { get; private set; }
    public Guid? TargetId { get; private set; }
    public NotificationTarget? Target => TargetKind is { } kind && TargetId is { } id ? new NotificationTarget(kind, id) : null;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }
    public bool IsRead => !NotificationRules.Unread.IsSatisfiedBy(this);

    /// <summary>Marks as read; the first reading time is kept.</summary>
    public void MarkRead(DateTime utcNow) => ReadAtUtc ??= utcNow;

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>Named states of a notice, one definition for queries, pages and code.</summary>
public static class NotificationRules
{
    /// <summary>Not yet read (by anyone it is addressed to): what the bell counts.</summary>
    public static readonly QueryRule<Notification> Unread = new(n => n.ReadAtUtc == null);
}
