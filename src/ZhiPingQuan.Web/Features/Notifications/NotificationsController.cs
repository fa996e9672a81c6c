using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Web.Authorization;

namespace ZhiPingQuan.Web.Features.Notifications;

/// <summary>通知: every signed-in user's inbox — the notices to the user's organisation and to the user.</summary>
public sealed class NotificationsController(NotificationInbox inbox) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(bool unread, CancellationToken ct, int page = 1) =>
        View(await inbox.PageAsync(User, unread, page, ct));

    /// <summary>Opens the notice's record and marks the notice read (a notice that leads nowhere just becomes read).</summary>
    [HttpGet]
    [ScopedId<Notification>(RecordAccess.Edit)]
    public async Task<IActionResult> Open(Guid id, CancellationToken ct) =>
        await inbox.OpenAsync(User, id, ct) is { } page && Url.IsLocalUrl(page) ? LocalRedirect(page) : RedirectToAction(nameof(Index));

    [HttpPost]
    [ScopedId<Notification>(RecordAccess.Edit)]
    public async Task<IActionResult> MarkRead(Guid id, bool unread, CancellationToken ct, int page = 1)
    {
        await inbox.MarkReadAsync(User, id, ct);
        return RedirectToAction(nameof(Index), new { unread, page });
    }

    [HttpPost]
    public async Task<IActionResult> MarkAllRead(CancellationToken ct)
    {
        var count = await inbox.MarkAllReadAsync(User, ct);
        TempData["Success"] = count == 0 ? "没有未读通知。" : $"已将 {count} 条通知标为已读。";
        return RedirectToAction(nameof(Index));
    }
}
