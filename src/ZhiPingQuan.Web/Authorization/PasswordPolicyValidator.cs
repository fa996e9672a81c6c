using Microsoft.AspNetCore.Identity;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>docs/domain.md §5: at least 8 characters from at least 3 of the 4 classes (upper, lower, digit, symbol).</summary>
public sealed class PasswordPolicyValidator : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 8;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= string.Empty;
        var errors = new List<IdentityError>();
        if (password.Length < MinimumLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooShort", Description = $"密码至少{MinimumLength}位。" });
        }
        if (CountClasses(password) < 3)
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordClasses",
                Description = "密码须包含大写字母、小写字母、数字、符号中的至少三类。",
            });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static int CountClasses(string password)
    {
        var upper = password.Any(char.IsAsciiLetterUpper);
        var lower = password.Any(char.IsAsciiLetterLower);
        var digit = password.Any(char.IsAsciiDigit);
        var symbol = password.Any(c => !char.IsAsciiLetterOrDigit(c));
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
