using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.EnterpriseAccounts;

public sealed record RequestRow(Guid Id, string EnterpriseName, string CreditCode, string ContactName, string Email,
    EnterpriseAccountRequestState State, DateTime CreatedAtUtc);

public sealed class RequestListModel
{
    public EnterpriseAccountRequestState? State { get; init; }
    public required PagedList<RequestRow> Requests { get; init; }
}

public sealed record ExistingAccount(string Email, string DisplayName, bool AwaitingActivation);

public sealed class RequestDetailsModel
{
    public required EnterpriseAccountRequest Request { get; init; }
    public required Enterprise Enterprise { get; init; }
    public required IReadOnlyList<ExistingAccount> Accounts { get; init; }

    /// <summary>The address already belongs to an account (approving would be refused).</summary>
    public bool EmailTaken { get; init; }
}

public sealed class InviteForm
{
    public Guid EnterpriseId { get; set; }

    [Display(Name = "联系人姓名")]
    public string ContactName { get; set; } = string.Empty;

    [Display(Name = "电子邮箱（登录名）")]
    public string Email { get; set; } = string.Empty;

    [BindNever]
    public string EnterpriseName { get; set; } = string.Empty;

    [BindNever]
    public EnterpriseAccountState State { get; set; }

    [BindNever]
    public IReadOnlyList<ExistingAccount> Accounts { get; set; } = [];
}

public sealed class InviteFormValidator : AbstractValidator<InviteForm>
{
    public InviteFormValidator()
    {
        RuleFor(f => f.ContactName).NotEmpty().WithMessage("请填写联系人姓名。")
            .Must(n => ContactRules.NameError(n) is null).WithMessage(f => ContactRules.NameError(f.ContactName) ?? "");
        RuleFor(f => f.Email).NotEmpty().WithMessage("请填写电子邮箱：激活链接将发送到该邮箱，并作为登录名。")
            .Rule(ContactRules.EmailError);
    }
}

public sealed class ContactForm
{
    [BindNever]
    public string EnterpriseName { get; set; } = string.Empty;

    [Display(Name = "联系人")]
    public string ContactName { get; set; } = string.Empty;

    [Display(Name = "联系电话")]
    public string? ContactPhone { get; set; }

    [Display(Name = "电子邮箱")]
    public string? ContactEmail { get; set; }

    public Guid? Version { get; set; }
}

public sealed class ContactFormValidator : AbstractValidator<ContactForm>
{
    public ContactFormValidator()
    {
        RuleFor(f => f.ContactName).NotEmpty().WithMessage("请填写联系人。")
            .Must(n => ContactRules.NameError(n) is null).WithMessage(f => ContactRules.NameError(f.ContactName) ?? "");
        RuleFor(f => f.ContactPhone).Rule(ContactRules.PhoneError);
        RuleFor(f => f.ContactEmail).Must(e => ContactRules.EmailError(e) is null).WithMessage(f => ContactRules.EmailError(f.ContactEmail) ?? "");
    }
}

public sealed class EnterpriseAccountsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddScoped<EnterpriseAccountService>();
}
