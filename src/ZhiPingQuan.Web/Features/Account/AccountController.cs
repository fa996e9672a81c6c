using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Account;

public sealed class AccountController(
    AccountService account,
    IValidator<LoginForm> loginValidator,
    IValidator<ChangePasswordForm> changePasswordValidator) : Controller
{
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

    /// <summary>A refused sign-in (its attempt recorded) shows the form again with the reason above it and the password cleared.</summary>
    [AllowAnonymous]
    [HttpPost]
    public async Task<IActionResult> Login(LoginForm form, CancellationToken ct)
    {
        if (!await loginValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var user = await ModelState.TryAsync(() => account.SignInAsync(form.Email, form.Password, ct));
        if (user is null)
        {
            form.Password = string.Empty;
            return View(form);
        }
        if (user.MustChangePassword)
        {
            return RedirectToAction(nameof(ChangePassword));
        }
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    [HttpPost]
    public async Task<IActionResult> Logout(CancellationToken ct)
    {
        await account.SignOutAsync(User.GetUserId(), ct);
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, CancellationToken ct)
    {
        if (!await changePasswordValidator.ValidateIntoAsync(form, ModelState)
            || !await ModelState.TryAsync(() => account.ChangePasswordAsync(User, form.CurrentPassword, form.NewPassword, ct)))
        {
            return View(form);
        }
        TempData["Success"] = "密码已修改。";
        return RedirectToAction("Index", "Home");
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult AccessDenied() => View();
}
