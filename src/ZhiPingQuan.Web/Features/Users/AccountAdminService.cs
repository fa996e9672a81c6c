using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Users;

/// <summary>
/// Account administration. A user's role follows from its organisation's kind (a district
/// official belongs to a recommending unit, and so on), so role and organisation cannot disagree.
/// Accounts are Identity's records, not the domain's: each change is recorded here with
/// <see cref="IAuditTrail"/>, in the same transaction. Refusals are <see cref="DomainException"/>s
/// (Identity's own messages are Chinese, <see cref="ChineseIdentityErrorDescriber"/>); nothing is saved then.
/// </summary>
public sealed class AccountAdminService(
    AppDbContext db,
    UserManager<AppUser> users,
    IAuditTrail audit,
    IClock clock)
{
    public const string RecordType = "Account";
    public const string OwnAccountMessage = "不能锁定自己的账户。";

    public DateTime UtcNow => clock.UtcNow;

    /// <summary>An organisation an account may be created in or moved to.</summary>
    public Task<OrganisationChoice?> OrganisationAsync(Guid id, CancellationToken ct) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => new OrganisationChoice(o.Id, o.Name, o.Kind)).FirstOrDefaultAsync(ct);

    /// <summary>Active organisations whose name contains <paramref name="query"/> (50 at most), with <paramref name="current"/> always among them.</summary>
    public async Task<IReadOnlyList<OrganisationChoice>> OrganisationChoicesAsync(string? query, Guid current, CancellationToken ct)
    {
        var organisations = db.Organisations.AsNoTracking().Where(o => o.IsActive);
        if (!string.IsNullOrWhiteSpace(query))
        {
            organisations = organisations.Where(o => o.Name.Contains(query.Trim()));
        }
        var choices = await organisations.OrderBy(o => o.Kind).ThenBy(o => o.Name).Take(50)
            .Select(o => new OrganisationChoice(o.Id, o.Name, o.Kind)).ToListAsync(ct);
        if (choices.All(c => c.Id != current) && await OrganisationAsync(current, ct) is { } selected)
        {
            choices.Insert(0, selected);
        }
        return choices;
    }

    /// <summary>Creates an account in an organisation, in the role of the organisation's kind.</summary>
    public async Task<AppUser> CreateAsync(Guid organisationId, string email, string displayName, string password, bool mustChangePassword, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct)
            ?? throw new DomainException("所选单位不存在。");
        if (!organisation.IsActive)
        {
            throw new DomainException("所选单位已停用，不能新建账户。");
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
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Succeeded(await users.CreateAsync(user, password));
        Succeeded(await users.AddToRoleAsync(user, role));
        audit.Record(AuditAction.AccountCreated, RecordType, user.Id, null, Roles.ToChinese(role), $"{user.Email}，单位：{organisation.Name}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>Changes an account's e-mail, name and organisation (and so its role); its other sessions must sign in again.</summary>
    public async Task UpdateAsync(Guid id, string email, string displayName, Guid organisationId, CancellationToken ct)
    {
        var user = await FindAsync(id);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct)
            ?? throw new DomainException("所选单位不存在。");
        var oldRoles = await users.GetRolesAsync(user);
        var newRole = Roles.For(organisation.Kind);
        var oldOrganisation = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var before = Describe(user.Email, user.DisplayName, oldRoles, oldOrganisation);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.Email = email.Trim();
        user.UserName = email.Trim();
        user.DisplayName = displayName.Trim();
        user.OrganisationId = organisation.Id;
        Succeeded(await users.UpdateAsync(user));
        if (!(oldRoles.Count == 1 && oldRoles[0] == newRole))
        {
            Succeeded(await users.RemoveFromRolesAsync(user, oldRoles));
            Succeeded(await users.AddToRoleAsync(user, newRole));
        }
        // Organisation or role changed: sessions elsewhere must sign in again to pick up the new scope.
        Succeeded(await users.UpdateSecurityStampAsync(user));
        audit.Record(AuditAction.AccountEdited, RecordType, user.Id, before, Describe(user.Email, user.DisplayName, [newRole], organisation.Name));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Locks an account until it is unlocked (never the acting administrator's own).</summary>
    public async Task LockAsync(Guid id, Guid? actingUserId, CancellationToken ct)
    {
        if (id == actingUserId)
        {
            throw new DomainException(OwnAccountMessage);
        }
        var user = await FindAsync(id);
        Succeeded(await users.SetLockoutEnabledAsync(user, true));
        Succeeded(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        Succeeded(await users.UpdateSecurityStampAsync(user));
        audit.Record(AuditAction.AccountLocked, RecordType, user.Id, "正常", "锁定", user.Email);
        await db.SaveChangesAsync(ct);
    }

    public async Task UnlockAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        Succeeded(await users.SetLockoutEndDateAsync(user, null));
        Succeeded(await users.ResetAccessFailedCountAsync(user));
        audit.Record(AuditAction.AccountUnlocked, RecordType, user.Id, "锁定", "正常", user.Email);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets a temporary password the user must change at next sign-in.</summary>
    public async Task ResetPasswordAsync(Guid id, string newPassword, CancellationToken ct)
    {
        var user = await FindAsync(id);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Succeeded(await users.ResetPasswordAsync(user, token, newPassword));
        user.MustChangePassword = true;
        Succeeded(await users.UpdateAsync(user));
        audit.Record(AuditAction.PasswordReset, RecordType, user.Id, null, null, user.Email);
        await db.SaveChangesAsync(ct);
    }

    private async Task<AppUser> FindAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) ?? throw new DomainException("账户不存在。");

    /// <summary>An account as its audit lines show it: e-mail, name, role and organisation, all as the reader knows them.</summary>
    private static string Describe(string? email, string displayName, IEnumerable<string> roles, string? organisationName) =>
        $"{email}｜{displayName}｜{string.Join(",", roles.Select(Roles.ToChinese))}｜{organisationName}";

    /// <summary>Identity's refusal, in its own (Chinese) words.</summary>
    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
