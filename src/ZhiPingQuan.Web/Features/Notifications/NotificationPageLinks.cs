using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure.Notifications;

namespace ZhiPingQuan.Web.Features.Notifications;

/// <summary>The pages of notices for their e-mails: the same <see cref="NotificationLinks"/> the inbox shows.</summary>
public sealed class NotificationPageLinks : INoticeLinks
{
    public string? PathFor(Notification notice) => NotificationLinks.For(notice);
}
