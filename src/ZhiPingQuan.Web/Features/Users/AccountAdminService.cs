using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Users;

/// <summary>
/// Account administration. A user's role follows from its organisation's kind (a district
/// official belongs to a recommending unit, and so on), so role and organisation cannot disagree.
/// </summary>
public sealed class AccountAdminService(
    AppDbContext db,
    UserManager<AppUser> users,
    IAuditTrail audit,
    IClock clock)
{
    /// <summary>Creates an account in an organisation; returns the Chinese errors, empty on success.</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(Guid organisationId, string email, string displayName, string password, bool mustChangePassword)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId);
        if (organisation is null)
        {
            return ["所选单位不存在。"];
        }
        if (!organisation.IsActive)
        {
            return ["所选单位已停用，不能新建账户。"];
        }
        var role = Roles.For(organisation.Kind);
        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            OrganisationId = organisation.Id,
            MustChangePassword = mustChangePassword,
            CreatedAtUtc = clock.UtcNow,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => e.Description).ToList();
        }
        var inRole = await users.AddToRoleAsync(user, role);
        if (!inRole.Succeeded)
        {
            return inRole.Errors.Select(e => e.Description).ToList();
        }
        audit.Record(AuditAction.AccountCreated, "Account", user.Id, null, role, $"{user.Email}，单位：{organisation.Name}");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return [];
    }

    public async Task<IReadOnlyList<string>> UpdateAsync(Guid id, string email, string displayName, Guid organisationId)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return ["账户不存在。"];
        }
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId);
        if (organisation is null)
        {
            return ["所选单位不存在。"];
        }
        var oldRoles = await users.GetRolesAsync(user);
        var newRole = Roles.For(organisation.Kind);
        var before = $"{user.Email}｜{user.DisplayName}｜{string.Join(",", oldRoles)}｜{user.OrganisationId}";
        await using var tx = await db.Database.BeginTransactionAsync();
        user.Email = email.Trim();
        user.UserName = email.Trim();
        user.DisplayName = displayName.Trim();
        user.OrganisationId = organisation.Id;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return updated.Errors.Select(e => e.Description).ToList();
        }
        if (!(oldRoles.Count == 1 && oldRoles[0] == newRole))
        {
            await users.RemoveFromRolesAsync(user, oldRoles);
            await users.AddToRoleAsync(user, newRole);
        }
        // Organisation or role changed: sessions elsewhere must sign in again to pick up the new scope.
        await users.UpdateSecurityStampAsync(user);
        audit.Record(AuditAction.AccountEdited, "Account", user.Id, before, $"{user.Email}｜{user.DisplayName}｜{newRole}｜{user.OrganisationId}");
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return [];
    }

    public async Task<bool> LockAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return false;
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        audit.Record(AuditAction.AccountLocked, "Account", user.Id, "正常", "锁定", user.Email);
        await db.SaveChangesAsync();
        return true;
    }

    public async Task<bool> UnlockAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return false;
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Record(AuditAction.AccountUnlocked, "Account", user.Id, "锁定", "正常", user.Email);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Sets a temporary password the user must change at next sign-in.</summary>
    public async Task<IReadOnlyList<string>> ResetPasswordAsync(Guid id, string newPassword)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return ["账户不存在。"];
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        audit.Record(AuditAction.PasswordReset, "Account", user.Id, null, null, user.Email);
        await db.SaveChangesAsync();
        return [];
    }
}
