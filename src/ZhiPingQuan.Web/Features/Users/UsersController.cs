using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Users;

/// <summary>Account administration (Admin only; Admin never approves anything in the programme).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UsersController(
    AccountAdminService accounts,
    AccountDirectory directory,
    IValidator<UserForm> userValidator,
    IValidator<ResetPasswordForm> resetValidator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? q, string? role, bool locked = false, bool mustChange = false, int page = 1, CancellationToken ct = default) =>
        View(new UserListModel
        {
            Query = q, Role = role, Locked = locked, MustChange = mustChange,
            Users = await directory.SearchAsync(q, role, null, page, ct, new AccountStates(locked, mustChange, accounts.UtcNow)),
            UtcNow = accounts.UtcNow,
        });

    [ScopedId<Organisation>(RecordAccess.Edit, "organisationId")]
    [HttpGet]
    public async Task<IActionResult> Create(Guid organisationId, CancellationToken ct)
    {
        var organisation = await accounts.OrganisationAsync(organisationId, ct);
        if (organisation is null)
        {
            return NotFound();
        }
        return View(new UserForm { OrganisationId = organisation.Id, OrganisationName = organisation.Name, Role = Roles.For(organisation.Kind) });
    }

    [HttpPost]
    public async Task<IActionResult> Create(UserForm form, CancellationToken ct)
    {
        var organisation = await accounts.OrganisationAsync(form.OrganisationId, ct);
        if (organisation is null)
        {
            return NotFound();
        }
        form.OrganisationName = organisation.Name;
        form.Role = Roles.For(organisation.Kind);
        form.IsNew = true;
        if (!await userValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        if (await ModelState.TryAsync(() => accounts.CreateAsync(organisation.Id, form.Email, form.DisplayName, form.Password!, mustChangePassword: true, ct)) is null)
        {
            return View(form);
        }
        TempData["Success"] = $"已为{organisation.Name}新建账户 {form.Email}，首次登录须修改密码。";
        return RedirectToAction(nameof(Index), new { q = form.Email });
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

    [ScopedId<AppUser>(RecordAccess.Edit)]
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
            && await ModelState.TryAsync(() => accounts.UpdateAsync(id, form.Email, form.DisplayName, form.OrganisationId, ct)))
        {
            TempData["Success"] = "账户已保存。";
            return RedirectToAction(nameof(Edit), new { id });
        }
        return View(await EditPageAsync(form, user, null, ct));
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Lock([FromRoute] Guid id, CancellationToken ct)
    {
        try
        {
            await accounts.LockAsync(id, User.GetUserId(), ct);
            TempData["Success"] = "账户已锁定，该用户已无法登录。";
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        return RedirectToAction(nameof(Edit), new { id });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Unlock([FromRoute] Guid id, CancellationToken ct)
    {
        await accounts.UnlockAsync(id, ct);
        TempData["Success"] = "账户已解锁。";
        return RedirectToAction(nameof(Edit), new { id });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> ResetPassword([FromRoute] Guid id, ResetPasswordForm form, CancellationToken ct)
    {
        if (!await resetValidator.ValidateIntoAsync(form, ModelState))
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Edit), new { id });
        }
        try
        {
            await accounts.ResetPasswordAsync(id, form.NewPassword, ct);
            TempData["Success"] = "密码已重置，该用户下次登录须修改密码。";
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task<UserForm> EditPageAsync(UserForm form, UserRow user, string? orgq, CancellationToken ct)
    {
        form.OrganisationChoices = await accounts.OrganisationChoicesAsync(orgq, form.OrganisationId, ct);
        form.OrganisationQuery = orgq;
        form.Account = user;
        form.UtcNow = accounts.UtcNow;
        return form;
    }
}
