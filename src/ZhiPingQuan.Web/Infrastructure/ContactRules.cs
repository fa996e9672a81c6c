using System.Linq.Expressions;
using FluentValidation;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>The contact fields (联系人/联系电话/电子邮箱) are checked the same way on every form that has them.</summary>
public static class ContactRules
{
    public static void AddContactRules<T>(
        this AbstractValidator<T> validator,
        Expression<Func<T, string?>> name,
        Expression<Func<T, string?>> phone,
        Expression<Func<T, string?>> email)
    {
        validator.RuleFor(name).MaximumLength(50).WithMessage("联系人不能超过50个字符。");
        validator.RuleFor(phone).MaximumLength(50).WithMessage("联系电话不能超过50个字符。")
            .Matches(@"^[0-9+\-()（） ]*$").WithMessage("联系电话只能包含数字、空格、“-”“+”和括号。");
        validator.RuleFor(email).MaximumLength(200).WithMessage("电子邮箱不能超过200个字符。")
            .EmailAddress().WithMessage("电子邮箱格式不正确。");
    }
}
