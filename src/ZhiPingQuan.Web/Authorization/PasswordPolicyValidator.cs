using System.Collections.Frozen;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// Every new password (docs/domain.md §5, docs/decisions/0013-sessions-and-separation-of-duties.md):
/// at least 12 characters, from at least 3 of the 4 classes (upper, lower, digit, symbol), and not a common password —
/// neither as a whole nor once the digits and symbols around it are taken off ("Password2023!" is "password"). The list
/// ships with the portal (<c>common-passwords.txt</c>, its source in its header). Passwords set before keep working:
/// only a password being set is checked.
/// </summary>
public sealed class PasswordPolicyValidator : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 12;

    public const string TooShortMessage = "密码至少12位。";
    public const string ClassesMessage = "密码须包含大写字母、小写字母、数字、符号中的至少三类。";
    public const string CommonMessage = "该密码属于常见密码（或由常见密码加数字、符号组成），容易被猜中，请换一个。";

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(Errors(password) is { Count: > 0 } errors
            ? IdentityResult.Failed([.. errors.Select(e => new IdentityError { Code = e.Code, Description = e.Message })])
            : IdentityResult.Success);

    /// <summary>The refusals of a new password (empty when it is acceptable), for forms that ask before Identity does.</summary>
    public static IReadOnlyList<(string Code, string Message)> Errors(string? password)
    {
        password ??= string.Empty;
        var errors = new List<(string, string)>();
        if (password.Length < MinimumLength)
        {
            errors.Add(("PasswordTooShort", TooShortMessage));
        }
        if (CountClasses(password) < 3)
        {
            errors.Add(("PasswordClasses", ClassesMessage));
        }
        if (IsCommon(password))
        {
            errors.Add(("PasswordCommon", CommonMessage));
        }
        return errors;
    }

    public static int CountClasses(string password)
    {
        var upper = password.Any(char.IsAsciiLetterUpper);
        var lower = password.Any(char.IsAsciiLetterLower);
        var digit = password.Any(char.IsAsciiDigit);
        var symbol = password.Any(c => !char.IsAsciiLetterOrDigit(c));
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        var core = lower.Trim(lower.Where(c => !char.IsAsciiLetter(c)).Distinct().ToArray());
        return Common.Value.Contains(lower) || (core.Length >= 4 && Common.Value.Contains(core));
    }

    /// <summary>How many passwords the shipped list holds.</summary>
    public static int CommonPasswordCount => Common.Value.Count;

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicyValidator).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt 未嵌入程序集。");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("#!comment", StringComparison.Ordinal))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}

public static class NewPasswordRules
{
    /// <summary>The portal's password rules (<see cref="PasswordPolicyValidator"/>) in a form, asked before Identity asks them again.</summary>
    public static IRuleBuilderOptionsConditions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.Custom((password, context) =>
        {
            if (string.IsNullOrEmpty(password))
            {
                context.AddFailure("请输入新密码。");
                return;
            }
            if (password.Length > 128)
            {
                context.AddFailure("密码不能超过128位。");
                return;
            }
            foreach (var (_, message) in PasswordPolicyValidator.Errors(password))
            {
                context.AddFailure(message);
            }
        });
}
