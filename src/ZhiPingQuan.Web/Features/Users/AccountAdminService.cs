using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Accounts;

namespace ZhiPingQuan.Web.Features.Users;

/// <summary>
/// Account administration, split between the system administrator (creates and edits accounts) and the security
/// administrator (locks, unlocks, password-reset links, two-factor resets) — docs/decisions/0013-sessions-and-separation-of-duties.md.
/// An account's role is one its organisation's kind allows (<see cref="Roles.AllowedFor"/>). No administrator ever knows a
/// password: a new account gets a one-time activation link, a reset a one-time reset link, each e-mailed through the
/// outbox or, without a mail server, handed back to be shown once. Accounts are Identity's records, not the domain's:
/// each change is recorded here with <see cref="IAuditTrail"/>, in the same transaction. Refusals are
/// <see cref="DomainException"/>s; nothing is saved then.
/// </summary>
/// <summary>An account just opened and its activation link.</summary>
public sealed record CreatedAccount(AppUser User, IssuedLink Link);

public sealed class AccountAdminService(
    AppDbContext db,
    UserManager<AppUser> users,
    AccountLinks links,
    PortalSessions sessions,
    IAuditTrail audit,
    IClock clock)
{
    public const string RecordType = "Account";
    public const string OwnAccountMessage = "不能锁定自己的账户。";

    public DateTime UtcNow => clock.UtcNow;

    /// <summary>Whether links are e-mailed (else shown once to the administrator).</summary>
    public bool MailConfigured => links.MailConfigured;

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

    /// <summary>
    /// Opens an account in an organisation, in <paramref name="role"/> (one its kind allows; its usual role when null),
    /// with no password: its user sets one through the activation link returned (7 days, one use).
    /// </summary>
    public async Task<CreatedAccount> CreateAsync(Guid organisationId, string email, string displayName, string? role, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct)
            ?? throw new DomainException("所选单位不存在。");
        if (!organisation.IsActive)
        {
            throw new DomainException("所选单位已停用，不能新建账户。");
        }
        var chosen = role is null ? Roles.DefaultFor(organisation.Kind)
            : Roles.Allowed(organisation.Kind, role) ?? throw new DomainException($"{organisation.Kind.ToChinese()}的账户不能担任该角色。", nameof(UserForm.Role));
        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = false,
            DisplayName = displayName.Trim(),
            OrganisationId = organisation.Id,
            CreatedAtUtc = clock.UtcNow,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Succeeded(await users.CreateAsync(user));
        Succeeded(await users.AddToRoleAsync(user, chosen));
        var link = await links.IssueAsync(user, AccountLinkPurpose.Activation, links.MailConfigured, ct);
        audit.Record(AuditAction.AccountCreated, RecordType, user.Id, null, Roles.ToChinese(chosen), $"{user.Email}，单位：{organisation.Name}");
        audit.Record(AuditAction.ActivationLinkIssued, RecordType, user.Id, null, null, LinkDetail(link));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CreatedAccount(user, link);
    }

    /// <summary>A new activation link for an account whose user has not set a password yet (the earlier link stops working).</summary>
    public async Task<IssuedLink> ReissueActivationAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        if (!user.IsAwaitingActivation)
        {
            throw new DomainException("该账户已激活：忘记密码请由本人使用“忘记密码”，或由安全管理员签发重置链接。");
        }
        var link = await links.IssueAsync(user, AccountLinkPurpose.Activation, links.MailConfigured, ct);
        audit.Record(AuditAction.ActivationLinkIssued, RecordType, user.Id, null, null, LinkDetail(link));
        await db.SaveChangesAsync(ct);
        return link;
    }

    /// <summary>Changes an account's e-mail, name, organisation and role; its sessions must sign in again.</summary>
    public async Task UpdateAsync(Guid id, string email, string displayName, Guid organisationId, string? role, CancellationToken ct)
    {
        var user = await FindAsync(id);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct)
            ?? throw new DomainException("所选单位不存在。");
        var oldRoles = await users.GetRolesAsync(user);
        var newRole = Roles.Allowed(organisation.Kind, role)
            ?? (role is null || !Roles.All.Contains(role) ? Roles.DefaultFor(organisation.Kind)
                : throw new DomainException($"{organisation.Kind.ToChinese()}的账户不能担任{Roles.ToChinese(role)}。", nameof(UserForm.Role)));
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
        await sessions.RevokeAllAsync(user.Id, "账户被修改", null, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Locks an account until it is unlocked (never the acting administrator's own); its sessions end at once.</summary>
    public async Task LockAsync(Guid id, Guid? actingUserId, CancellationToken ct)
    {
        if (id == actingUserId)
        {
            throw new DomainException(OwnAccountMessage);
        }
        var user = await FindAsync(id);
        // The lock and the end of the account's sessions commit together.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Succeeded(await users.SetLockoutEnabledAsync(user, true));
        Succeeded(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        Succeeded(await users.UpdateSecurityStampAsync(user));
        audit.Record(AuditAction.AccountLocked, RecordType, user.Id, "正常", "锁定", user.Email);
        await db.SaveChangesAsync(ct);
        await sessions.RevokeAllAsync(user.Id, "账户被锁定", null, ct);
        await tx.CommitAsync(ct);
    }

    public async Task UnlockAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        Succeeded(await users.SetLockoutEndDateAsync(user, null));
        Succeeded(await users.ResetAccessFailedCountAsync(user));
        audit.Record(AuditAction.AccountUnlocked, RecordType, user.Id, "锁定", "正常", user.Email);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A one-time reset link (1 hour) for the account's user; the current password works until the link is used.</summary>
    public async Task<IssuedLink> IssuePasswordResetAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        var link = await links.IssueAsync(user, AccountLinkPurpose.PasswordReset, links.MailConfigured, ct);
        audit.Record(AuditAction.PasswordResetLinkIssued, RecordType, user.Id, null, null, LinkDetail(link));
        await db.SaveChangesAsync(ct);
        return link;
    }

    /// <summary>Turns the account's second factor off (lost phone): its user enrols again at the next sign-in where the role requires it.</summary>
    public async Task ResetTwoFactorAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id);
        if (!user.TwoFactorEnabled)
        {
            throw new DomainException("该账户未启用两步验证。");
        }
        // The reset and the end of the account's sessions commit together.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Succeeded(await users.SetTwoFactorEnabledAsync(user, false));
        Succeeded(await users.ResetAuthenticatorKeyAsync(user));
        audit.Record(AuditAction.TwoFactorReset, RecordType, user.Id, "已启用", "未启用", user.Email);
        await db.SaveChangesAsync(ct);
        await sessions.RevokeAllAsync(user.Id, "两步验证被重置", null, ct);
        await tx.CommitAsync(ct);
    }

    private async Task<AppUser> FindAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) ?? throw new DomainException("账户不存在。");

    private static string LinkDetail(IssuedLink link) =>
        $"{link.Email}，{(link.Mailed ? "已通过邮件发送" : "未配置邮件服务器，链接当场显示给管理员")}，有效期至 {ShanghaiTime.FormatDateTime(link.ExpiresAtUtc)}";

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
