using Microsoft.AspNetCore.Mvc;

namespace ZhiPingQuan.Web.Features.Notifications;

/// <summary>
/// The bell in the navigation bar with the number of unread notices, counted as each page is drawn. It does not poll: a
/// request every minute would keep the session alive and defeat the 30-minute idle sign-out (docs/domain.md §5).
/// </summary>
public sealed class NotificationBellViewComponent(NotificationInbox inbox) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Features/Notifications/_Bell.cshtml", await inbox.UnreadCountAsync(UserClaimsPrincipal, HttpContext.RequestAborted));
}
