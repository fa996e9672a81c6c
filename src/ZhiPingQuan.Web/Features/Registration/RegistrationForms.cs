using System.ComponentModel.DataAnnotations;
using FluentValidation;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Registration;

public sealed class RegistrationForm
{
    [Display(Name = "统一社会信用代码")]
    public string CreditCode { get; set; } = string.Empty;

    [Display(Name = "企业名称")]
    public string EnterpriseName { get; set; } = string.Empty;

    [Display(Name = "联系人")]
    public string ContactName { get; set; } = string.Empty;

    [Display(Name = "联系电话")]
    public string? ContactPhone { get; set; }

    [Display(Name = "电子邮箱（登录名）")]
    public string Email { get; set; } = string.Empty;
}

public sealed class RegistrationFormValidator : AbstractValidator<RegistrationForm>
{
    public RegistrationFormValidator()
    {
        RuleFor(f => f.CreditCode).NotEmpty().WithMessage("请填写统一社会信用代码。").MaximumLength(40).WithMessage("统一社会信用代码过长。");
        RuleFor(f => f.EnterpriseName).NotEmpty().WithMessage("请填写企业名称。")
            .Must(n => Organisation.NameError(n, OrganisationKind.Enterprise) is null)
            .WithMessage(f => Organisation.NameError(f.EnterpriseName, OrganisationKind.Enterprise) ?? "");
        RuleFor(f => f.ContactName).NotEmpty().WithMessage("请填写联系人。")
            .Must(n => ContactRules.NameError(n) is null).WithMessage(f => ContactRules.NameError(f.ContactName) ?? "");
        RuleFor(f => f.ContactPhone).Rule(ContactRules.PhoneError);
        RuleFor(f => f.Email).NotEmpty().WithMessage("请填写电子邮箱：激活链接将发送到该邮箱，并作为登录名。")
            .Rule(ContactRules.EmailError);
    }
}

public sealed class RegistrationFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddScoped<RegistrationService>();
}
