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

    /// <summary>Only accounts whose users have not set a password yet.</summary>
    public bool Awaiting { get; init; }

    /// <summary>Only accounts that must sign in with a second factor and have not enrolled.</summary>
    public bool TwoFactorMissing { get; init; }
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

    [Display(Name = "所属单位")]
    public Guid OrganisationId { get; set; }

    /// <summary>The role chosen among those the organisation's kind allows (<see cref="Roles.AllowedFor"/>).</summary>
    [Display(Name = "角色")]
    public string? Role { get; set; }

    public string OrganisationName { get; set; } = string.Empty;
    public IReadOnlyList<string> RoleChoices { get; set; } = [];
    public bool IsNew { get; set; }
    public string? OrganisationQuery { get; set; }
    public IReadOnlyList<OrganisationChoice> OrganisationChoices { get; set; } = [];

    // Shown on the edit page beside the form; never posted.
    [BindNever]
    public UserRow? Account { get; set; }

    [BindNever]
    public DateTime UtcNow { get; set; }

    /// <summary>What the signed-in administrator may do on the page.</summary>
    [BindNever]
    public bool CanEdit { get; set; }

    [BindNever]
    public bool CanSecure { get; set; }
}

public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public UserFormValidator(UserManager<AppUser> users)
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("请填写邮箱。")
            .Rule(ContactRules.EmailError)
            .MustAsync(async (form, email, ct) =>
            {
                var existing = await users.Users.Where(u => u.NormalizedEmail == email.Trim().ToUpperInvariant())
                    .Select(u => u.Id).FirstOrDefaultAsync(ct);
                return existing == Guid.Empty || existing == form.Id;
            }).WithMessage("该邮箱已被其他账户使用。");
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("请填写姓名。").MaximumLength(100).WithMessage("姓名不超过100字。");
        RuleFor(f => f.OrganisationId).NotEmpty().WithMessage("请选择所属单位。");
    }
}

/// <summary>The security administrator's page: the settings in force (read-only: they are the deployment's configuration).</summary>
public sealed record SecuritySettingsModel(
    int PasswordMinimumLength, int CommonPasswords, int LockoutAttempts, TimeSpan LockoutDuration, TimeSpan IdleTimeout,
    TimeSpan AbsoluteLifetime, IReadOnlyList<string> TwoFactorRoles, bool DemoAccountsExempt, int SignInsPerAddressPerMinute,
    int SignInsPerAccountPerMinute, bool MailConfigured, int AccountsWithoutTwoFactor, string AccountsWithoutTwoFactorLink);
