using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Accounts;

namespace ZhiPingQuan.Web.Features.Account;

/// <summary>A correct password and what it leads to.</summary>
public sealed record SignInStep(AppUser User, SignInOutcome Outcome);

/// <summary>What a correct password leads to.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>The account has enrolled a second factor: its code is asked next.</summary>
    RequiresTwoFactor,
}

/// <summary>
/// Signing in and out, the second factor, and one's own password (docs/domain.md §5 Accounts,
/// docs/decisions/0013-sessions-and-separation-of-duties.md). These are Identity's operations, not transitions of domain records:
/// each attempt and change is recorded here with <see cref="IAuditTrail"/>. A refused sign-in or change is a
/// <see cref="DomainException"/> — after the failed attempt itself has been recorded. An unknown account, a wrong password
/// and a locked account get the same answer after the same work (one password hash).
/// </summary>
public sealed class AccountService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IPasswordHasher<AppUser> hasher,
    PortalSessions sessions,
    SignInThrottle throttle,
    AccountLinks links,
    AppDbContext db,
    IAuditTrail audit,
    IClock clock)
{
    public const string RecordType = "Account";
    public const string WrongCredentials = "邮箱或密码不正确，或账户已被锁定。连续5次错误将锁定账户30分钟。";
    public const string Disabled = "该账户所属单位已停用，请联系系统管理员。";
    public const string WrongCode = "动态验证码或恢复码不正确。";
    public const string TwoFactorExpired = "登录已超时，请重新输入邮箱和密码。";

    private static readonly AppUser Nobody = new();
    private static string? _dummyHash;

    /// <summary>
    /// Checks the password and either signs the account in (the cookie is set, with a new server-side session) or, when
    /// it has enrolled a second factor, asks for its code next.
    /// </summary>
    public async Task<SignInStep> SignInAsync(string email, string password, CancellationToken ct)
    {
        var address = email.Trim();
        if (!throttle.TryAttempt(address))
        {
            throw new DomainException(SignInThrottle.TooManyForAccount);
        }
        var user = await users.FindByEmailAsync(address);
        if (user is null)
        {
            SameWork(password);
            audit.RecordFor(null, address, null, string.Empty, AuditAction.SignInFailedUnknownAccount, RecordType, null);
            await db.SaveChangesAsync(ct);
            throw new DomainException(WrongCredentials);
        }
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrganisationId, ct);
        var orgName = organisation?.Name ?? string.Empty;
        if (await users.IsLockedOutAsync(user))
        {
            SameWork(password);
            audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, AuditAction.SignInFailedLocked, RecordType, user.Id);
            await db.SaveChangesAsync(ct);
            throw new DomainException(WrongCredentials);
        }
        if (user.PasswordHash is null)
        {
            SameWork(password);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            var failure = result.IsLockedOut ? AuditAction.SignInFailedLocked : AuditAction.SignInFailedWrongPassword;
            audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, failure, RecordType, user.Id);
            await db.SaveChangesAsync(ct);
            throw new DomainException(WrongCredentials);
        }
        if (organisation is { IsActive: false })
        {
            throw new DomainException(Disabled);
        }
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            // Identity's own short-lived cookie remembers whose code is asked for (SignInManager.GetTwoFactorAuthenticationUserAsync).
            await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, user.Id.ToString())], IdentityConstants.TwoFactorUserIdScheme)));
            return new SignInStep(user, SignInOutcome.RequiresTwoFactor);
        }
        await CompleteSignInAsync(user, orgName, twoFactor: false, ct);
        return new SignInStep(user, SignInOutcome.SignedIn);
    }

    /// <summary>The second step: an authenticator code (or one of the recovery codes) for the account whose password was right.</summary>
    public async Task<AppUser> SignInWithCodeAsync(string code, bool recoveryCode, CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync() ?? throw new DomainException(TwoFactorExpired);
        if (!throttle.TryAttempt(user.Email ?? user.Id.ToString()))
        {
            throw new DomainException(SignInThrottle.TooManyForAccount);
        }
        var orgName = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
        var typed = recoveryCode ? code.Replace(" ", "", StringComparison.Ordinal).Trim() : new string(code.Where(char.IsAsciiDigit).ToArray());
        var locked = await users.IsLockedOutAsync(user);
        var valid = !locked && (recoveryCode
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, typed)).Succeeded
            : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, typed));
        if (!valid)
        {
            if (!locked)
            {
                await users.AccessFailedAsync(user);
            }
            audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName,
                locked ? AuditAction.SignInFailedLocked : AuditAction.SignInFailedTwoFactor, RecordType, user.Id);
            await db.SaveChangesAsync(ct);
            throw new DomainException(locked ? WrongCredentials : WrongCode);
        }
        await users.ResetAccessFailedCountAsync(user);
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (recoveryCode)
        {
            audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, AuditAction.RecoveryCodeUsed, RecordType, user.Id,
                $"剩余恢复码 {await users.CountRecoveryCodesAsync(user)} 个");
        }
        await CompleteSignInAsync(user, orgName, twoFactor: true, ct);
        return user;
    }

    private async Task CompleteSignInAsync(AppUser user, string orgName, bool twoFactor, CancellationToken ct)
    {
        // The sign-in time is written on its own, not through the account's concurrency stamp: two sign-ins of one
        // account at once (two browsers, two tabs) both succeed, where a stamped update made the second fail.
        var now = clock.UtcNow;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAtUtc, now), ct);
        audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, AuditAction.SignedIn, RecordType, user.Id,
            twoFactor ? "两步验证" : null);
        await db.SaveChangesAsync(ct);
        await sessions.SignInAsync(user, twoFactor, ct);
    }

    /// <summary>An unknown account, a locked one or one without a password costs what a wrong password costs: one hash.</summary>
    private void SameWork(string password)
    {
        _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
    }

    /// <summary>Ends the session on the server (a copy of the cookie stops working) and removes the cookie.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        audit.Record(AuditAction.SignedOut, RecordType, principal.GetUserId());
        await db.SaveChangesAsync(ct);
        await sessions.SignOutAsync(principal, ct);
    }

    /// <summary>
    /// Changes the signed-in user's password (which ends the must-change state and every other session of the account)
    /// and renews the sign-in cookie.
    /// </summary>
    public async Task ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal) ?? throw new DomainException("账户不存在。");
        // The new password and the end of the account's other sessions commit together (a refused password, nothing).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            var mismatch = result.Errors.FirstOrDefault(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            throw mismatch is not null
                ? new DomainException(mismatch.Description, nameof(ChangePasswordForm.CurrentPassword))
                : new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)), nameof(ChangePasswordForm.NewPassword));
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        audit.Record(AuditAction.PasswordChanged, RecordType, user.Id);
        await db.SaveChangesAsync(ct);
        await sessions.RevokeAllAsync(user.Id, "密码已修改", principal.GetSessionId(), ct);
        await tx.CommitAsync(ct);
        await sessions.RefreshAsync(user, principal);
    }

    // Two-factor enrolment

    /// <summary>The account's authenticator key (made on first request) and whether the second factor is on.</summary>
    public async Task<TwoFactorModel> TwoFactorAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        // Identity's user manager follows the request's abort itself; a request already given up does not start.
        ct.ThrowIfCancellationRequested();
        var user = await users.GetUserAsync(principal) ?? throw new DomainException("账户不存在。");
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return new TwoFactorModel { Enabled = true, RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user), Email = user.Email ?? "" };
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return new TwoFactorModel { Enabled = false, Key = key, Email = user.Email ?? "", Required = principal.HasClaim(PortalClaims.MustEnrolTwoFactor, "true") };
    }

    /// <summary>Turns the second factor on once the authenticator shows a right code; the recovery codes are returned once.</summary>
    public async Task<IReadOnlyList<string>> EnableTwoFactorAsync(ClaimsPrincipal principal, string code, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal) ?? throw new DomainException("账户不存在。");
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            throw new DomainException("两步验证已启用。");
        }
        var typed = new string(code.Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, typed))
        {
            throw new DomainException("动态验证码不正确：请确认手机时间准确，并输入验证器当前显示的6位数字。", nameof(TwoFactorModel.Code));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        audit.Record(AuditAction.TwoFactorEnabled, RecordType, user.Id, "未启用", "已启用", user.Email);
        await db.SaveChangesAsync(ct);
        await sessions.RefreshAsync(user, principal);
        return codes;
    }

    // One-time links: activation and password reset

    /// <summary>The account a usable link belongs to (its e-mail for the form), or null.</summary>
    public async Task<string?> LinkAccountAsync(string? token, AccountLinkPurpose purpose, CancellationToken ct) =>
        (await links.FindAsync(token, purpose, ct))?.User.Email;

    /// <summary>
    /// The user sets their own password through a one-time link: an activation link opens the account, a reset link
    /// replaces the password and ends every session. The link is used up only when the password is accepted.
    /// </summary>
    public async Task SetPasswordByLinkAsync(string? token, AccountLinkPurpose purpose, string newPassword, CancellationToken ct)
    {
        var found = await links.FindAsync(token, purpose, ct) ?? throw new DomainException(AccountLinks.Unusable);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await links.ConsumeAsync(found.Link.Id, ct))
        {
            throw new DomainException(AccountLinks.Unusable);
        }
        var user = await users.FindByIdAsync(found.User.Id.ToString()) ?? throw new DomainException(AccountLinks.Unusable);
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), newPassword);
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)), nameof(SetPasswordForm.NewPassword));
        }
        user.MustChangePassword = false;
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        var orgName = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
        audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName,
            purpose == AccountLinkPurpose.Activation ? AuditAction.AccountActivated : AuditAction.PasswordResetByLink, RecordType, user.Id, user.Email);
        await db.SaveChangesAsync(ct);
        await sessions.RevokeAllAsync(user.Id, "通过链接重置密码", null, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// "忘记密码": a reset link by e-mail to an account with this address — and the same answer, after the same steps,
    /// whether there is one or not. Without a mail server nothing is sent (the page says so, for every address).
    /// </summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken ct)
    {
        var address = email.Trim();
        if (!throttle.TryAttempt("reset:" + address))
        {
            return;
        }
        var user = await users.FindByEmailAsync(address);
        if (user is null || !links.MailConfigured)
        {
            return;
        }
        var active = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.IsActive).FirstOrDefaultAsync(ct);
        if (!active)
        {
            return;
        }
        await links.IssueAsync(user, AccountLinkPurpose.PasswordReset, mail: true, ct);
        var orgName = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
        audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, AuditAction.PasswordResetLinkIssued, RecordType, user.Id, "忘记密码，链接已发送至账户邮箱");
        await db.SaveChangesAsync(ct);
    }

    public bool MailConfigured => links.MailConfigured;
}
