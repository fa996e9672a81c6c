using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Users;

public sealed record OrganisationChoice(Guid Id, string Name, OrganisationKind Kind);

public sealed class UserListModel
{
    public string? Query { get; init; }
    public string? Role { get; init; }

    /// <summary>Only locked accounts.</summary>
    public bool Locked { get; init; }

    /// <summary>Only accounts that have not changed their initial password.</summary>
    public bool MustChange { get; init; }
    public required PagedList<UserRow> Users { get; init; }

    /// <summary>The time the page reads lock states at.</summary>
    public required DateTime UtcNow { get; init; }
}

public sealed class UserForm
{
    public Guid? Id { get; set; }

    [Display(Name = "邮箱（登录名）")]
    public string Email { get; set; } = string.Empty;

    [Display(Name = "姓名")]
    public string DisplayName { get; set; } = string.Empty;

    [Display(Name = "初始密码")]
    public string? Password { get; set; }

    [Display(Name = "所属单位")]
    public Guid OrganisationId { get; set; }

    public string OrganisationName { get; set; } = string.Empty;
    public string? Role { get; set; }
    public bool IsNew { get; set; }
    public string? OrganisationQuery { get; set; }
    public IReadOnlyList<OrganisationChoice> OrganisationChoices { get; set; } = [];

    // Shown on the edit page beside the form; never posted.
    [BindNever]
    public UserRow? Account { get; set; }

    [BindNever]
    public DateTime UtcNow { get; set; }
}

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator(UserManager<AppUser> users)
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("请填写邮箱。")
            .EmailAddress().WithMessage("邮箱格式不正确。")
            .MaximumLength(256).WithMessage("邮箱过长。")
            .MustAsync(async (form, email, ct) =>
            {
                var existing = await users.Users.Where(u => u.NormalizedEmail == email.Trim().ToUpperInvariant())
                    .Select(u => u.Id).FirstOrDefaultAsync(ct);
                return existing == Guid.Empty || existing == form.Id;
            }).WithMessage("该邮箱已被其他账户使用。");
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("请填写姓名。").MaximumLength(100).WithMessage("姓名不超过100字。");
        RuleFor(f => f.OrganisationId).NotEmpty().WithMessage("请选择所属单位。");
        When(f => f.IsNew, () =>
        {
            RuleFor(f => f.Password).NotEmpty().WithMessage("请设置初始密码。")
                .MinimumLength(PasswordPolicyValidator.MinimumLength).WithMessage("初始密码至少8位。")
                .Must(p => PasswordPolicyValidator.CountClasses(p ?? string.Empty) >= 3)
                .WithMessage("初始密码须包含大写字母、小写字母、数字、符号中的至少三类。");
        });
    }
}

public sealed class ResetPasswordForm
{
    public string NewPassword { get; set; } = string.Empty;
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator()
    {
        RuleFor(f => f.NewPassword).NotEmpty().WithMessage("请填写新的临时密码。")
            .MinimumLength(PasswordPolicyValidator.MinimumLength).WithMessage("临时密码至少8位。")
            .Must(p => PasswordPolicyValidator.CountClasses(p ?? string.Empty) >= 3)
            .WithMessage("临时密码须包含大写字母、小写字母、数字、符号中的至少三类。");
    }
}
