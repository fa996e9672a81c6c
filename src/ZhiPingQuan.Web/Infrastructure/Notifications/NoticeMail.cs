using System.Text;
using ZhiPingQuan.Domain.Notifications;

namespace ZhiPingQuan.Web.Infrastructure.Notifications;

/// <summary>
/// Where a notice leads, as a path of the portal (<c>/Assignments/Details/…</c>), or null when it leads nowhere. The web
/// layer, which knows the pages, provides it (<c>Features/Shared/NotificationLinks</c>).
/// </summary>
public interface INoticeLinks
{
    string? PathFor(Notification notice);
}

/// <summary>The e-mail of a notice: what happened, and the page to open — an absolute link when <c>Portal:PublicBaseUrl</c> is set.</summary>
public sealed class NoticeMail(INoticeLinks links, NoticeMailOptions options)
{
    public OutboxEmail For(Notification notice, string to, DateTime utcNow)
    {
        var text = new StringBuilder();
        text.Append(notice.Title).Append("\n\n");
        if (notice.Body.Length > 0)
        {
            text.Append(notice.Body).Append("\n\n");
        }
        text.Append(LinkFor(notice) is { } link ? $"查看详情：{link}\n" : "请登录智评券服务平台查看。\n");
        text.Append("\n——\n本邮件由智评券服务平台自动发送，请勿直接回复。");
        return new OutboxEmail(to, $"【智评券】{notice.Title}", text.ToString(), utcNow);
    }

    /// <summary>The absolute address of the notice's page, or null (no public address configured, or no page).</summary>
    public string? LinkFor(Notification notice)
    {
        if (options.PublicBaseUri is not { } baseUri || links.PathFor(notice) is not { } path)
        {
            return null;
        }
        return new Uri(baseUri, path.TrimStart('/')).ToString();
    }
}

/// <summary>The portal's public address for links in e-mails (<c>Portal:PublicBaseUrl</c>).</summary>
public sealed class NoticeMailOptions
{
    public NoticeMailOptions(string? publicBaseUrl)
    {
        if (string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return;
        }
        if (!Uri.TryCreate(publicBaseUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{ConfigKeys.PublicBaseUrl} 应为完整的网址（如 https://zpq.example.cn），当前为“{publicBaseUrl}”。");
        }
        // A trailing slash keeps a base with a path (https://example.cn/zpq) when the page path is added.
        PublicBaseUri = new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    public Uri? PublicBaseUri { get; }
}
