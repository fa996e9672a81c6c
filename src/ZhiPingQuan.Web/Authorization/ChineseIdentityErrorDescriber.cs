using Microsoft.AspNetCore.Identity;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>Identity's messages in Chinese: they are shown to users on the account pages.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"邮箱 {email} 已被使用。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"账号 {userName} 已存在。" };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"邮箱 {email} 格式不正确。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"账号 {userName} 含有不允许的字符。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "原密码不正确。" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少{length}位。" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码须包含数字。" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码须包含小写字母。" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码须包含大写字母。" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码须包含符号。" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "该账户已被他人修改，请刷新后重试。" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作未能完成，请重试。" };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "该账户未启用锁定。" };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "令牌无效或已过期。" };
}
