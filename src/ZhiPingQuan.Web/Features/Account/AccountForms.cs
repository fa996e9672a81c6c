using System.ComponentModel.DataAnnotations;
using FluentValidation;
using ZhiPingQuan.Web.Authorization;

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
        RuleFor(f => f.Email).NotEmpty().WithMessage("请输入邮箱。");
        RuleFor(f => f.Password).NotEmpty().WithMessage("请输入密码。");
    }
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
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage("请输入新密码。")
            .MinimumLength(PasswordPolicyValidator.MinimumLength).WithMessage($"新密码至少{PasswordPolicyValidator.MinimumLength}位。")
            .Must(p => PasswordPolicyValidator.CountClasses(p ?? string.Empty) >= 3)
            .WithMessage("新密码须包含大写字母、小写字母、数字、符号中的至少三类。")
            .NotEqual(f => f.CurrentPassword).WithMessage("新密码不能与原密码相同。");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.NewPassword).WithMessage("两次输入的新密码不一致。");
    }
}
