using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Account;

public sealed class AccountController(
    AccountService account,
    IValidator<LoginForm> loginValidator,
    IValidator<TwoFactorLoginForm> codeValidator,
    IValidator<ChangePasswordForm> changePasswordValidator,
    IValidator<SetPasswordForm> setPasswordValidator,
    IValidator<ForgotPasswordForm> forgotValidator) : Controller
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
    [EnableRateLimiting(SignInThrottle.AddressPolicy)]
    public async Task<IActionResult> Login(LoginForm form, CancellationToken ct)
    {
        if (!await loginValidator.ValidateIntoAsync(form, ModelState))
        {
            form.Password = string.Empty;
            return View(form);
        }
        var signedIn = await ModelState.TryAsync(() => account.SignInAsync(form.Email, form.Password, ct));
        form.Password = string.Empty;
        if (signedIn is not { User: var user, Outcome: var outcome })
        {
            return View(form);
        }
        if (outcome == SignInOutcome.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(LoginWithCode), new { returnUrl = form.ReturnUrl });
        }
        return user.MustChangePassword ? RedirectToAction(nameof(ChangePassword)) : LocalRedirect(SafeReturnUrl(form.ReturnUrl));
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult LoginWithCode(string? returnUrl = null) => View(new TwoFactorLoginForm { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SignInThrottle.AddressPolicy)]
    public async Task<IActionResult> LoginWithCode(TwoFactorLoginForm form, CancellationToken ct)
    {
        if (!await codeValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var user = await ModelState.TryAsync(() => account.SignInWithCodeAsync(form.Code, form.RecoveryCode, ct));
        form.Code = string.Empty;
        if (user is null)
        {
            return View(form);
        }
        return user.MustChangePassword ? RedirectToAction(nameof(ChangePassword)) : LocalRedirect(SafeReturnUrl(form.ReturnUrl));
    }

    [HttpPost]
    public async Task<IActionResult> Logout(CancellationToken ct)
    {
        await account.SignOutAsync(User, ct);
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
        TempData["Success"] = "密码已修改，本账户的其他登录会话均已结束。";
        return RedirectToAction("Index", "Home");
    }

    /// <summary>两步验证: enrol an authenticator (required for some roles), or see that it is on.</summary>
    [HttpGet]
    public async Task<IActionResult> TwoFactor(CancellationToken ct) => View(await WithQrAsync(await account.TwoFactorAsync(User, ct)));

    /// <summary>The first right code turns the second factor on; the recovery codes are shown on this answer only.</summary>
    [HttpPost]
    public async Task<IActionResult> TwoFactor(string? code, CancellationToken ct)
    {
        var codes = await ModelState.TryAsync(() => account.EnableTwoFactorAsync(User, code ?? string.Empty, ct));
        var model = await account.TwoFactorAsync(User, ct);
        if (codes is not null)
        {
            model.RecoveryCodes = codes;
        }
        return View(await WithQrAsync(model));
    }

    [AllowAnonymous]
    [HttpGet]
    public async Task<IActionResult> Activate(string? token, CancellationToken ct) =>
        await LinkPageAsync(token, AccountLinkPurpose.Activation, ct);

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SignInThrottle.AddressPolicy)]
    public Task<IActionResult> Activate(SetPasswordForm form, CancellationToken ct) =>
        SetPasswordAsync(form, AccountLinkPurpose.Activation, "账户已激活，请用您设置的密码登录。", ct);

    [AllowAnonymous]
    [HttpGet]
    public async Task<IActionResult> ResetPassword(string? token, CancellationToken ct) =>
        await LinkPageAsync(token, AccountLinkPurpose.PasswordReset, ct);

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SignInThrottle.AddressPolicy)]
    public Task<IActionResult> ResetPassword(SetPasswordForm form, CancellationToken ct) =>
        SetPasswordAsync(form, AccountLinkPurpose.PasswordReset, "密码已重置，请用新密码登录。", ct);

    [AllowAnonymous]
    [HttpGet]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm { MailConfigured = account.MailConfigured });

    /// <summary>The same answer for every address, known or not.</summary>
    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SignInThrottle.AddressPolicy)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form, CancellationToken ct)
    {
        if (!await forgotValidator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        await account.RequestPasswordResetAsync(form.Email, ct);
        form.Sent = true;
        form.MailConfigured = account.MailConfigured;
        return View(form);
    }

    [AllowAnonymous]
    [HttpGet]
    public IActionResult AccessDenied() => View();

    private async Task<IActionResult> LinkPageAsync(string? token, AccountLinkPurpose purpose, CancellationToken ct)
    {
        var email = await account.LinkAccountAsync(token, purpose, ct);
        var form = new SetPasswordForm { Token = token ?? string.Empty, Email = email, Activation = purpose == AccountLinkPurpose.Activation };
        return View("SetPassword", form);
    }

    private async Task<IActionResult> SetPasswordAsync(SetPasswordForm form, AccountLinkPurpose purpose, string done, CancellationToken ct)
    {
        form.Activation = purpose == AccountLinkPurpose.Activation;
        form.Email = await account.LinkAccountAsync(form.Token, purpose, ct);
        if (form.Email is null)
        {
            return View("SetPassword", form);
        }
        if (!await setPasswordValidator.ValidateIntoAsync(form, ModelState)
            || !await ModelState.TryAsync(() => account.SetPasswordByLinkAsync(form.Token, purpose, form.NewPassword, ct)))
        {
            return View("SetPassword", form);
        }
        TempData["Success"] = done;
        return RedirectToAction(nameof(Login));
    }

    private Task<TwoFactorModel> WithQrAsync(TwoFactorModel model)
    {
        if (!model.Enabled && model.Key is not null)
        {
            model.QrCode = TwoFactorQr.PngDataUri(model.Email, model.Key);
        }
        return Task.FromResult(model);
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
