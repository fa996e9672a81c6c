using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Domain.Organisations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Users;

/// <summary>Account administration (Admin only; Admin never approves anything in the programme).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UsersController(
    AccountAdminService accounts,
    AccountDirectory directory,
    AppDbContext db,
    IClock clock,
    IValidator<UserForm> userValidator,
    IValidator<ResetPasswordForm> resetValidator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? q, string? role, int page = 1)
    {
        ViewData["Now"] = clock.UtcNow;
        return View(new UserListModel { Query = q, Role = role, Users = await directory.SearchAsync(q, role, null, page) });
    }

    [ScopedId<Organisation>(RecordAccess.Edit, "organisationId")]
    [HttpGet]
    public async Task<IActionResult> Create(Guid organisationId)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId);
        if (organisation is null)
        {
            return NotFound();
        }
        return View(new UserForm { OrganisationId = organisation.Id, OrganisationName = organisation.Name, Role = Roles.For(organisation.Kind) });
    }

    [HttpPost]
    public async Task<IActionResult> Create(UserForm form)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == form.OrganisationId);
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
        var errors = await accounts.CreateAsync(organisation.Id, form.Email, form.DisplayName, form.Password!, mustChangePassword: true);
        if (errors.Count > 0)
        {
            errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e));
            return View(form);
        }
        TempData["Success"] = $"已为{organisation.Name}新建账户 {form.Email}，首次登录须修改密码。";
        return RedirectToAction(nameof(Index), new { q = form.Email });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> Edit([FromRoute] Guid id, string? orgq)
    {
        var user = await directory.FindAsync(id);
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
        await LoadOrganisationChoices(form, orgq);
        ViewData["User"] = user;
        ViewData["Now"] = clock.UtcNow;
        return View(form);
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Edit([FromRoute] Guid id, UserForm form)
    {
        var user = await directory.FindAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        form.Id = id;
        if (await userValidator.ValidateIntoAsync(form, ModelState))
        {
            var errors = await accounts.UpdateAsync(id, form.Email, form.DisplayName, form.OrganisationId);
            if (errors.Count == 0)
            {
                TempData["Success"] = "账户已保存。";
                return RedirectToAction(nameof(Edit), new { id });
            }
            errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e));
        }
        await LoadOrganisationChoices(form, null);
        ViewData["User"] = user;
        ViewData["Now"] = clock.UtcNow;
        return View(form);
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Lock([FromRoute] Guid id)
    {
        if (id == User.GetUserId())
        {
            TempData["Error"] = "不能锁定自己的账户。";
            return RedirectToAction(nameof(Edit), new { id });
        }
        if (!await accounts.LockAsync(id))
        {
            return NotFound();
        }
        TempData["Success"] = "账户已锁定，该用户已无法登录。";
        return RedirectToAction(nameof(Edit), new { id });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Unlock([FromRoute] Guid id)
    {
        if (!await accounts.UnlockAsync(id))
        {
            return NotFound();
        }
        TempData["Success"] = "账户已解锁。";
        return RedirectToAction(nameof(Edit), new { id });
    }

    [ScopedId<AppUser>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> ResetPassword([FromRoute] Guid id, ResetPasswordForm form)
    {
        if (await directory.FindAsync(id) is null)
        {
            return NotFound();
        }
        if (!await resetValidator.ValidateIntoAsync(form, ModelState))
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Edit), new { id });
        }
        var errors = await accounts.ResetPasswordAsync(id, form.NewPassword);
        if (errors.Count > 0)
        {
            TempData["Error"] = string.Join(" ", errors);
        }
        else
        {
            TempData["Success"] = "密码已重置，该用户下次登录须修改密码。";
        }
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task LoadOrganisationChoices(UserForm form, string? orgq)
    {
        var query = db.Organisations.AsNoTracking().Where(o => o.IsActive);
        if (!string.IsNullOrWhiteSpace(orgq))
        {
            query = query.Where(o => o.Name.Contains(orgq.Trim()));
        }
        var choices = await query.OrderBy(o => o.Kind).ThenBy(o => o.Name).Take(50)
            .Select(o => new OrganisationChoice(o.Id, o.Name, o.Kind)).ToListAsync();
        if (choices.All(c => c.Id != form.OrganisationId))
        {
            var current = await db.Organisations.AsNoTracking().Where(o => o.Id == form.OrganisationId)
                .Select(o => new OrganisationChoice(o.Id, o.Name, o.Kind)).FirstOrDefaultAsync();
            if (current is not null)
            {
                choices.Insert(0, current);
            }
        }
        form.OrganisationChoices = choices;
        form.OrganisationQuery = orgq;
    }
}
