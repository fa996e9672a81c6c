using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Account;

public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    AppDbContext db,
    IAuditTrail audit,
    IClock clock,
    IValidator<LoginForm> loginValidator,
    IValidator<ChangePasswordForm> changePasswordValidator) : Controller
{
    public const string WrongCredentials = "邮箱或密码不正确。";
    public const string LockedOut = "该账户因连续5次密码错误已被锁定，请30分钟后再试，或联系系统管理员解锁。";
    public const string Disabled = "该账户所属单位已停用，请联系系统管理员。";

    [AllowAnonymous]
    [HttpGet]
    public IActionResult Login(string? returnUrl = null)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return RedirectToAction("Index", "Home");
        }
        return View(new LoginForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!await loginValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var email = form.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            audit.RecordFor(null, email, null, string.Empty, AuditAction.SignInFailedUnknownAccount, "Account", null);
            await db.SaveChangesAsync();
            return LoginError(form, WrongCredentials);
        }
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrganisationId);
        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        var orgName = organisation?.Name ?? string.Empty;
        if (result.Succeeded)
        {
            if (organisation is { IsActive: false })
            {
                await signIn.SignOutAsync();
                return LoginError(form, Disabled);
            }
            user.LastSignInAtUtc = clock.UtcNow;
            await users.UpdateAsync(user);
            audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, AuditAction.SignedIn, "Account", user.Id);
            await db.SaveChangesAsync();
            if (user.MustChangePassword)
            {
                return RedirectToAction(nameof(ChangePassword));
            }
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        if (result.IsLockedOut)
        {
            audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, AuditAction.SignInFailedLocked, "Account", user.Id);
            await db.SaveChangesAsync();
            return LoginError(form, LockedOut);
        }
        audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, AuditAction.SignInFailedWrongPassword, "Account", user.Id);
        await db.SaveChangesAsync();
        return LoginError(form, WrongCredentials);
    }

    private ViewResult LoginError(LoginForm form, string message)
    {
        form.Password = string.Empty;
        ViewData["LoginError"] = message;
        return View(nameof(Login), form);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        audit.Record(AuditAction.SignedOut, "Account", User.GetUserId());
        await db.SaveChangesAsync();
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (!await changePasswordValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), e.Description);
            }
            return View(form);
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        audit.Record(AuditAction.PasswordChanged, "Account", user.Id);
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        TempData["Success"] = "密码已修改。";
        return RedirectToAction("Index", "Home");
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult AccessDenied() => View();
}
