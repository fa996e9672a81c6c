using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Accounts;

namespace ZhiPingQuan.Web.Features.EnterpriseAccounts;

/// <summary>
/// 企业账户: the district invites its enterprises' contacts and decides their own requests; the enterprise keeps its
/// contact details. Another district's enterprise or request answers 404.
/// </summary>
public sealed class EnterpriseAccountsController(
    EnterpriseAccountService accounts,
    IValidator<InviteForm> inviteValidator,
    IValidator<ContactForm> contactValidator) : Controller
{
    [Authorize(Roles = Roles.District)]
    [HttpGet]
    public async Task<IActionResult> Requests(EnterpriseAccountRequestState? state = EnterpriseAccountRequestState.Pending, int page = 1,
        CancellationToken ct = default) =>
        View(await accounts.RequestsAsync(User.RequireOrganisationId(), state, page, ct));

    [Authorize(Roles = Roles.District)]
    [ScopedId<EnterpriseAccountRequest>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await accounts.RequestAsync(id, ct) is { } model ? View(model) : NotFound();

    /// <summary>The account is opened; its activation link is e-mailed to the requester, or shown here once to pass on.</summary>
    [Authorize(Roles = Roles.District)]
    [ScopedId<EnterpriseAccountRequest>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Approve(Guid id, Guid? version, CancellationToken ct)
    {
        ShowLink(await accounts.ApproveAsync(id, version, ct), "已批准申请并开通账户，企业须通过激活链接自行设置密码。");
        return RedirectToAction(nameof(Details), new { id });
    }

    [Authorize(Roles = Roles.District)]
    [ScopedId<EnterpriseAccountRequest>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Reject(Guid id, Guid? version, string? reason, CancellationToken ct)
    {
        await accounts.RejectAsync(id, version, reason, ct);
        TempData["Success"] = "已驳回申请。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [Authorize(Roles = Roles.District)]
    [ScopedId<Enterprise>(RecordAccess.Edit, "enterpriseId")]
    [HttpGet]
    public async Task<IActionResult> Invite(Guid enterpriseId, CancellationToken ct) =>
        await accounts.InviteFormAsync(enterpriseId, ct) is { } form ? View(form) : NotFound();

    [NotAScopedId("form.EnterpriseId", "overwritten with the route's enterpriseId, which is scoped")]
    [Authorize(Roles = Roles.District)]
    [ScopedId<Enterprise>(RecordAccess.Edit, "enterpriseId")]
    [HttpPost]
    public async Task<IActionResult> Invite(Guid enterpriseId, InviteForm form, CancellationToken ct)
    {
        var page = await accounts.InviteFormAsync(enterpriseId, ct);
        if (page is null)
        {
            return NotFound();
        }
        form.EnterpriseId = enterpriseId;
        form.EnterpriseName = page.EnterpriseName;
        form.State = page.State;
        form.Accounts = page.Accounts;
        if (!await inviteValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var link = await ModelState.TryAsync(() => accounts.InviteAsync(enterpriseId, form.ContactName, form.Email, ct));
        if (link is null)
        {
            return View(form);
        }
        ShowLink(link, $"已邀请 {form.Email} 开通{page.EnterpriseName}的账户。");
        return RedirectToAction(nameof(Invite), new { enterpriseId });
    }

    /// <summary>本企业联系人: the enterprise corrects its own contact; its district sees the change in the enterprise's history.</summary>
    [Authorize(Roles = Roles.Enterprise)]
    [HttpGet]
    public async Task<IActionResult> Contact(CancellationToken ct) =>
        await accounts.ContactFormAsync(User.RequireOrganisationId(), ct) is { } form ? View(form) : NotFound();

    [Authorize(Roles = Roles.Enterprise)]
    [HttpPost]
    public async Task<IActionResult> Contact(ContactForm form, CancellationToken ct)
    {
        var enterpriseId = User.RequireOrganisationId();
        form.EnterpriseName = (await accounts.ContactFormAsync(enterpriseId, ct))?.EnterpriseName ?? string.Empty;
        if (!await contactValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var changed = false;
        if (!await ModelState.TryAsync(async () => changed = await accounts.ChangeContactAsync(enterpriseId, form, ct)))
        {
            return View(form);
        }
        TempData["Success"] = changed ? "联系人信息已保存，所属推荐单位可在企业变更记录中看到此次修改。" : "联系人信息没有变化。";
        return RedirectToAction(nameof(Contact));
    }

    private void ShowLink(IssuedLink link, string message)
    {
        TempData["Success"] = message + (link.Mailed ? $"激活链接已通过邮件发送至 {link.Email}（7天内有效）。" : string.Empty);
        if (!link.Mailed)
        {
            TempData["IssuedLink"] = link.Url;
        }
    }
}
