using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data.Identity;

using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// Reference data every installation needs (docs/domain.md §2): the roles, the commission, the 19
/// recommending units, the smart-factory levels and the operator's organisation. Idempotent:
/// it adds only what is missing, so Admin's later edits are kept.
/// </summary>
public sealed class ReferenceDataSeeder(
    AppDbContext db,
    RoleManager<AppRole> roles,
    UserManager<AppUser> users,
    IConfiguration config,
    IClock clock,
    ILogger<ReferenceDataSeeder> log)
{
    public const string CommissionName = "上海市经济和信息化委员会";
    public const string OperatorName = "智评券平台运维";

    /// <param name="demoFollows">The demo is seeded next, with its own administrator: no warning that none exists yet.</param>
    public async Task SeedAsync(CancellationToken ct = default, bool demoFollows = false)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new AppRole(role));
            }
        }

        if (!await db.Organisations.AnyAsync(o => o.Kind == OrganisationKind.Commission, ct))
        {
            db.Organisations.Add(new Organisation(CommissionName, OrganisationKind.Commission));
        }
        if (!await db.Organisations.AnyAsync(o => o.Kind == OrganisationKind.Operator, ct))
        {
            db.Organisations.Add(new Organisation(OperatorName, OrganisationKind.Operator));
        }
        var unitNames = await db.Organisations.OfType<RecommendingUnit>().Select(u => u.Name).ToListAsync(ct);
        foreach (var unit in RecommendingUnit.CreateSeed().Where(u => !unitNames.Contains(u.Name)))
        {
            db.Organisations.Add(unit);
        }
        var levelNames = await db.SmartFactoryLevels.Select(l => l.Name).ToListAsync(ct);
        foreach (var level in SmartFactoryLevel.CreateSeed().Where(l => !levelNames.Contains(l.Name)))
        {
            db.SmartFactoryLevels.Add(level);
        }
        await db.SaveChangesAsync(ct);

        await EnsureInitialAdminAsync(demoFollows, ct);
    }

    /// <summary>
    /// A new installation needs one administrator to create the rest (the security and audit administrators
    /// too). Its password comes from configuration (Seed:AdminPassword), must be changed at first sign-in
    /// (and a second factor enrolled), and is never applied again once an administrator exists.
    /// </summary>
    private async Task EnsureInitialAdminAsync(bool demoFollows, CancellationToken ct)
    {
        var email = config["Seed:AdminEmail"] ?? "admin@zpq.local";
        var password = config["Seed:AdminPassword"];
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            // Used once: the administrator changed it at first sign-in, and a later start never sets it again.
            if (!string.IsNullOrWhiteSpace(password))
            {
                log.LogWarning("已有系统管理员账户，Seed:AdminPassword 被忽略（它只用于创建第一个管理员），请从配置中删除。");
            }
            return;
        }
        if (string.IsNullOrWhiteSpace(password))
        {
            if (demoFollows)
            {
                return;
            }
            log.LogWarning("尚无系统管理员账户：请配置 Seed:AdminPassword 后重启以创建 {Email}", email);
            return;
        }
        var operatorOrg = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Operator, ct);
        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "系统管理员",
            OrganisationId = operatorOrg.Id,
            MustChangePassword = true,
            CreatedAtUtc = clock.UtcNow,
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("无法创建初始管理员：" + string.Join("；", result.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, Roles.Admin);
    }
}
