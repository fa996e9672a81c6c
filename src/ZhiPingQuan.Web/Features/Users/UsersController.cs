using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Identity;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Accounts;

namespace ZhiPingQuan.Web.Features.Users;

/// <summary>
/// Account administration (docs/decisions/0013-sessions-and-separation-of-duties.md): the system administrator creates and edits
/// accounts, the security administrator locks, unlocks, resets passwords (by link) and two-factor sign-in and reads the
/// security settings. Both read the account list; neither approves anything in the programme nor knows a password.
/// </summary>
[Authorize(Roles = $"{Roles.Admin},{Roles.SecurityAdmin}")]
public sealed class UsersController(
    AccountAdminService accounts,
    AccountDirectory directory,
    TwoFactorPolicy twoFactor,
    IValidator<UserForm> userValidator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? q, string? role, bool locked = false, bool mustChange = false, bool awaiting = false,
        bool twoFactorMissing = false, int page = 1, CancellationToken ct = default)
    {
        var states = new AccountStates(locked, mustChange, accounts.UtcNow)
        {
            AwaitingActivation = awaiting,
            TwoFactorMissing = twoFactorMissing,
            DemoAccountsExempt = twoFactor.DemoAccountsExempt,
        };
        return View(new UserListModel
        {
            Query = q, Role = role, Locked = locked, MustChange = mustChange, Awaiting = awaiting, TwoFactorMissing = twoFactorMissing,
            Users = await directory.SearchAsync(q, role, null, page, ct, states),
            UtcNow = accounts.UtcNow,
        });
    }

    [ScopedId<Organisation>(RecordAccess.Edit, "organisationId")]
    [Authorize(Roles = Roles.Admin)]
    [HttpGet]
    public async Task<IActionResult> Create(Guid organisationId, CancellationToken ct)
    {
        var organisation = await accounts.OrganisationAsync(organisationId, ct);
        if (organisation is null)
        {
            return NotFound();
        }
        return View(new UserForm
        {
            OrganisationId = organisation.Id, OrganisationName = organisation.Name,
            Role = Roles.DefaultFor(organisation.Kind), RoleChoices = Roles.AllowedFor(organisation.Kind), IsNew = true,
        });
    }

    /// <summary>The account is opened without a password; its activation link is e-mailed, or shown here once.</summary>
    [ScopedId<Organisation>(RecordAccess.Edit, "form.OrganisationId")]
    [NotAScopedId("form.Id", "cleared before use: a new record's id is made by the portal")]
    [Authorize(Roles = Roles.Admin)]
    [HttpPost]
    public async Task<IActionResult> Create(UserForm form, CancellationToken ct)
    {
        var organisation = await accounts.OrganisationAsync(form.OrganisationId, ct);
        if (organisation is null)
        {
            return NotFound();
        }
        form.OrganisationName = organisation.Name;
        form.RoleChoices = Roles.AllowedFor(organisation.Kind);
        form.IsNew = true;
        if (!await userValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var created = await ModelState.TryAsync(() => accounts.CreateAsync(organisation.Id, form.Email, form.DisplayName, form.Role, ct));
        if (created is not { User: var user, Link: var link })
        {
            return View(form);
        }
        ShowLink(link, $"已为{organisation.Name}新建账户 {user.Email}（{Roles.ToChinese(form.Role ?? Roles.DefaultFor(organisation.Kind))}），用户须通过激活链接自行设置密码。");
        return RedirectToAction(nameof(Edit), new { id = user.Id });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> Edit([FromRoute] Guid id, string? orgq, CancellationToken ct)
    {
        var user = await directory.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        var form = new UserForm
        {
            Id = user.Id,
            Email = user.Email,
            DisplayName = user.DisplayName,
            OrganisationId = user.OrganisationId,
            OrganisationName = user.OrganisationName,
            Role = user.Role,
        };
        return View(await EditPageAsync(form, user, orgq, ct));
    }

    [NotAScopedId("form.Id", "overwritten with the route's id, which is scoped")]
    [NotAScopedId("form.OrganisationId", "a choice among every organisation, all of which the administrator may edit; an empty or unknown one is refused beside the field")]
    [ScopedId<AppUser>(RecordAccess.Edit)]
    [Authorize(Roles = Roles.Admin)]
    [HttpPost]
    public async Task<IActionResult> Edit([FromRoute] Guid id, UserForm form, CancellationToken ct)
    {
        var user = await directory.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        form.Id = id;
        if (await userValidator.ValidateIntoAsync(form, ModelState)
            && await ModelState.TryAsync(() => accounts.UpdateAsync(id, form.Email, form.DisplayName, form.OrganisationId, form.Role, ct)))
        {
            TempData["Success"] = "账户已保存。";
            return RedirectToAction(nameof(Edit), new { id });
        }
        return View(await EditPageAsync(form, user, null, ct));
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [Authorize(Roles = Roles.Admin)]
    [HttpPost]
    public async Task<IActionResult> ReissueActivation([FromRoute] Guid id, CancellationToken ct)
    {
        await TempData.TryAsync(string.Empty, async () => ShowLink(await accounts.ReissueActivationAsync(id, ct), "已重新签发激活链接，之前的链接已失效。"));
        return RedirectToAction(nameof(Edit), new { id });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [Authorize(Roles = Roles.SecurityAdmin)]
    [HttpPost]
    public async Task<IActionResult> Lock([FromRoute] Guid id, CancellationToken ct)
    {
        await TempData.TryAsync(string.Empty, async () =>
        {
            await accounts.LockAsync(id, User.GetUserId(), ct);
            TempData["Success"] = "账户已锁定，该用户的登录会话已全部结束，且无法再登录。";
        });
        return RedirectToAction(nameof(Edit), new { id });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [Authorize(Roles = Roles.SecurityAdmin)]
    [HttpPost]
    public async Task<IActionResult> Unlock([FromRoute] Guid id, CancellationToken ct)
    {
        await accounts.UnlockAsync(id, ct);
        TempData["Success"] = "账户已解锁。";
        return RedirectToAction(nameof(Edit), new { id });
    }

    /// <summary>A one-time reset link for the user (1 hour): e-mailed, or shown here once; the administrator never sets a password.</summary>
    [ScopedId<AppUser>(RecordAccess.Edit)]
    [Authorize(Roles = Roles.SecurityAdmin)]
    [HttpPost]
    public async Task<IActionResult> ResetPassword([FromRoute] Guid id, CancellationToken ct)
    {
        await TempData.TryAsync(string.Empty, async () => ShowLink(await accounts.IssuePasswordResetAsync(id, ct), "已签发密码重置链接（1小时内有效，只能使用一次）。"));
        return RedirectToAction(nameof(Edit), new { id });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [Authorize(Roles = Roles.SecurityAdmin)]
    [HttpPost]
    public async Task<IActionResult> ResetTwoFactor([FromRoute] Guid id, CancellationToken ct)
    {
        await TempData.TryAsync(string.Empty, async () =>
        {
            await accounts.ResetTwoFactorAsync(id, ct);
            TempData["Success"] = "两步验证已重置，该用户须在下次登录时重新设置。";
        });
        return RedirectToAction(nameof(Edit), new { id });
    }

    /// <summary>安全设置: the rules in force and the accounts that have not enrolled a second factor they need.</summary>
    [Authorize(Roles = Roles.SecurityAdmin)]
    [HttpGet]
    public async Task<IActionResult> Security([FromServices] IConfiguration configuration, [FromServices] Microsoft.Extensions.Options.IOptions<IdentityOptions> identity,
        CancellationToken ct)
    {
        var exempt = twoFactor.DemoAccountsExempt;
        var missing = await directory.SearchAsync(null, null, null, 1, ct,
            new AccountStates(false, false, accounts.UtcNow) { TwoFactorMissing = true, DemoAccountsExempt = exempt });
        return View(new SecuritySettingsModel(
            PasswordPolicyValidator.MinimumLength, PasswordPolicyValidator.CommonPasswordCount, identity.Value.Lockout.MaxFailedAccessAttempts,
            identity.Value.Lockout.DefaultLockoutTimeSpan, UserSession.IdleTimeout, UserSession.AbsoluteLifetime, Roles.RequireTwoFactor,
            exempt, configuration.GetValue(SignInThrottle.PerAddressKey, 20), configuration.GetValue(SignInThrottle.PerAccountKey, 5),
            accounts.MailConfigured, missing.TotalCount, "/Users?twoFactorMissing=true"));
    }

    private async Task<UserForm> EditPageAsync(UserForm form, UserRow user, string? orgq, CancellationToken ct)
    {
        form.OrganisationChoices = await accounts.OrganisationChoicesAsync(orgq, form.OrganisationId, ct);
        form.OrganisationQuery = orgq;
        form.Account = user;
        form.UtcNow = accounts.UtcNow;
        form.RoleChoices = Roles.All;
        form.CanEdit = User.IsInRole(Roles.Admin);
        form.CanSecure = User.IsInRole(Roles.SecurityAdmin);
        return form;
    }

    /// <summary>The link, on the next page only: in its place a note that it went out by e-mail.</summary>
    private void ShowLink(IssuedLink link, string message)
    {
        TempData["Success"] = message + (link.Mailed ? $"链接已通过邮件发送至 {link.Email}。" : string.Empty);
        if (!link.Mailed)
        {
            TempData["IssuedLink"] = link.Url;
        }
    }
}
