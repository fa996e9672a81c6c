using System.Linq.Expressions;
using FluentValidation;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>
/// The contact fields (联系人/联系电话/电子邮箱) on every form that has them, checked by the domain's
/// <see cref="ContactRules"/> — the same functions the entities and the batch-list import use.
/// </summary>
public static class ContactValidation
{
    public static void AddContactRules<T>(
        this AbstractValidator<T> validator,
        Expression<Func<T, string?>> name,
        Expression<Func<T, string?>> phone,
        Expression<Func<T, string?>> email)
    {
        validator.RuleFor(name).Rule(ContactRules.NameError);
        validator.RuleFor(phone).Rule(ContactRules.PhoneError);
        validator.RuleFor(email).Rule(ContactRules.EmailError);
    }

    /// <summary>A domain rule (a function answering its Chinese message, or null) as a validator rule.</summary>
    public static IRuleBuilderOptions<T, TProperty> Rule<T, TProperty>(this IRuleBuilder<T, TProperty> rule, Func<TProperty, string?> error) =>
        rule.Must(value => error(value) is null).WithMessage((_, value) => error(value) ?? string.Empty);
}
