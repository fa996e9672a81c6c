using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Account;

/// <summary>
/// Signing in and out and changing one's password (docs/domain.md §5 Accounts). These are Identity's operations, not
/// transitions of domain records: each attempt and change is recorded here with <see cref="IAuditTrail"/>. A refused
/// sign-in or change is a <see cref="DomainException"/> — after the failed attempt itself has been recorded.
/// </summary>
public sealed class AccountService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    AppDbContext db,
    IAuditTrail audit,
    IClock clock)
{
    public const string RecordType = "Account";
    public const string WrongCredentials = "邮箱或密码不正确。";
    public const string LockedOut = "该账户因连续5次密码错误已被锁定，请30分钟后再试，或联系系统管理员解锁。";
    public const string Disabled = "该账户所属单位已停用，请联系系统管理员。";

    /// <summary>Signs the account in (the cookie is set) and returns it; an unknown account, a wrong password, a lock or a deactivated organisation is refused.</summary>
    public async Task<AppUser> SignInAsync(string email, string password, CancellationToken ct)
    {
        var address = email.Trim();
        var user = await users.FindByEmailAsync(address);
        if (user is null)
        {
            audit.RecordFor(null, address, null, string.Empty, AuditAction.SignInFailedUnknownAccount, RecordType, null);
            await db.SaveChangesAsync(ct);
            throw new DomainException(WrongCredentials);
        }
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrganisationId, ct);
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var orgName = organisation?.Name ?? string.Empty;
        if (result.Succeeded)
        {
            if (organisation is { IsActive: false })
            {
                await signIn.SignOutAsync();
                throw new DomainException(Disabled);
            }
            user.LastSignInAtUtc = clock.UtcNow;
            await users.UpdateAsync(user);
            audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, AuditAction.SignedIn, RecordType, user.Id);
            await db.SaveChangesAsync(ct);
            return user;
        }
        var failure = result.IsLockedOut ? AuditAction.SignInFailedLocked : AuditAction.SignInFailedWrongPassword;
        audit.RecordFor(user.Id, user.DisplayName, user.OrganisationId, orgName, failure, RecordType, user.Id);
        await db.SaveChangesAsync(ct);
        throw new DomainException(result.IsLockedOut ? LockedOut : WrongCredentials);
    }

    public async Task SignOutAsync(Guid? userId, CancellationToken ct)
    {
        audit.Record(AuditAction.SignedOut, RecordType, userId);
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
    }

    /// <summary>Changes the signed-in user's password (which ends the must-change state) and renews the sign-in cookie.</summary>
    public async Task ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal) ?? throw new DomainException("账户不存在。");
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
        await signIn.RefreshSignInAsync(user);
    }
}
