using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Notifications;

/// <summary>
/// An in-app message, to one user or to every user of one organisation (exactly one of the two).
/// </summary>
public sealed class Notification : Entity
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 2000;
    public const int MaxLinkLength = 500;

    private Notification() { }

    private Notification(Guid? recipientUserId, Guid? recipientOrganisationId, string title, string body, string? link, DateTime utcNow)
    {
        var t = (title ?? string.Empty).Trim();
        if (t.Length == 0 || t.Length > MaxTitleLength)
        {
            throw new DomainException($"通知标题不能为空（最多{MaxTitleLength}个字符）。");
        }
        var b = (body ?? string.Empty).Trim();
        if (b.Length > MaxBodyLength)
        {
            throw new DomainException($"通知内容过长（最多{MaxBodyLength}个字符）。");
        }
        var l = string.IsNullOrWhiteSpace(link) ? null : link.Trim();
        // Links are local paths of the portal, never somewhere else.
        if (l is not null && (l.Length > MaxLinkLength || !l.StartsWith('/') || l.StartsWith("//", StringComparison.Ordinal) || l.StartsWith("/\\", StringComparison.Ordinal)))
        {
            throw new DomainException("通知链接必须是本系统内的地址。");
        }
        RecipientUserId = recipientUserId;
        RecipientOrganisationId = recipientOrganisationId;
        Title = t;
        Body = b;
        Link = l;
        CreatedAtUtc = utcNow;
    }

    public static Notification ToUser(Guid userId, string title, string body, string? link, DateTime utcNow) =>
        userId == Guid.Empty
            ? throw new DomainException("通知必须有接收人。")
            : new Notification(userId, null, title, body, link, utcNow);

    public static Notification ToOrganisation(Guid organisationId, string title, string body, string? link, DateTime utcNow) =>
        organisationId == Guid.Empty
            ? throw new DomainException("通知必须有接收单位。")
            : new Notification(null, organisationId, title, body, link, utcNow);

    public Guid? RecipientUserId { get; private set; }
    public Guid? RecipientOrganisationId { get; private set; }
    public string Title { get; private set; } = string.Empty;
    public string Body { get; private set; } = string.Empty;

    /// <summary>A path inside the portal (e.g. /Applications/Details/…), or null.</summary>
    public string? Link { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }
    public bool IsRead => ReadAtUtc is not null;

    /// <summary>Marks as read; the first reading time is kept.</summary>
    public void MarkRead(DateTime utcNow) => ReadAtUtc ??= utcNow;
}
