using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Account;

public sealed class LoginForm
{
    [Display(Name = "邮箱")]
    public string Email { get; set; } = string.Empty;

    [Display(Name = "密码")]
    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("请输入邮箱。").MaximumLength(256).WithMessage("邮箱过长。");
        RuleFor(f => f.Password).NotEmpty().WithMessage("请输入密码。").MaximumLength(256).WithMessage("密码过长。");
    }
}

/// <summary>The second step of signing in.</summary>
public sealed class TwoFactorLoginForm
{
    [Display(Name = "动态验证码")]
    public string Code { get; set; } = string.Empty;

    /// <summary>The code is one of the recovery codes, not the authenticator's.</summary>
    public bool RecoveryCode { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorLoginFormValidator : AbstractValidator<TwoFactorLoginForm>
{
    public TwoFactorLoginFormValidator()
    {
        RuleFor(f => f.Code).NotEmpty().WithMessage("请输入验证器显示的6位动态验证码（或一个恢复码）。").MaximumLength(40).WithMessage("验证码过长。");
    }
}

/// <summary>The two-factor page: enrolment (key, QR code, first code) or the state once on.</summary>
public sealed class TwoFactorModel
{
    public bool Enabled { get; init; }
    public bool Required { get; init; }
    public string Email { get; init; } = string.Empty;

    /// <summary>The authenticator key (Base32), to type when the QR code cannot be scanned.</summary>
    public string? Key { get; init; }

    /// <summary>The otpauth:// address as a PNG data URI.</summary>
    public string? QrCode { get; set; }
    public int RecoveryCodesLeft { get; init; }

    [Display(Name = "动态验证码")]
    public string Code { get; set; } = string.Empty;

    /// <summary>Shown once, right after enrolment.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; set; } = [];
}

public sealed class ChangePasswordForm
{
    [Display(Name = "原密码")]
    public string CurrentPassword { get; set; } = string.Empty;

    [Display(Name = "新密码")]
    public string NewPassword { get; set; } = string.Empty;

    [Display(Name = "确认新密码")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator()
    {
        RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage("请输入原密码。");
        RuleFor(f => f.NewPassword).NewPassword();
        RuleFor(f => f.NewPassword).NotEqual(f => f.CurrentPassword).WithMessage("新密码不能与原密码相同。");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("两次输入的新密码不一致。");
    }
}

/// <summary>Setting one's own password through an activation or reset link.</summary>
public sealed class SetPasswordForm
{
    public string Token { get; set; } = string.Empty;

    [Display(Name = "新密码")]
    public string NewPassword { get; set; } = string.Empty;

    [Display(Name = "确认新密码")]
    public string ConfirmPassword { get; set; } = string.Empty;

    /// <summary>Shown, never posted: the account the link is for.</summary>
    public string? Email { get; set; }

    public bool Activation { get; set; }
}

public sealed class SetPasswordFormValidator : AbstractValidator<SetPasswordForm>
{
    public SetPasswordFormValidator()
    {
        RuleFor(f => f.NewPassword).NewPassword();
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("两次输入的新密码不一致。");
    }
}

public sealed class ForgotPasswordForm
{
    [Display(Name = "账户邮箱")]
    public string Email { get; set; } = string.Empty;

    /// <summary>The request was taken (the page then gives its one answer for every address).</summary>
    [BindNever]
    public bool Sent { get; set; }

    /// <summary>Reset links go out by e-mail; without a mail server the page says whom to ask instead.</summary>
    [BindNever]
    public bool MailConfigured { get; set; }
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("请输入账户邮箱。").Rule(ContactRules.EmailError);
    }
}
