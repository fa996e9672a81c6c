using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data.Identity;

using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// Demo data: programme year 2023 with its two batches, two municipal
/// agencies, two enterprises, the third party and one account per role — all with the demo
/// password. Runs only when Demo:Seed is true in the Demo or Development environment. Idempotent.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, UserManager<AppUser> users, IClock clock)
{
    public const string Password = "Zpq@2023demo";
    public const string ThirdPartyName = "上海智能制造质量监督服务中心（第三方）";
    public const string AgencyAName = "上海智评工业咨询有限公司";
    public const string AgencyBName = "上海数智工厂评估技术有限公司";
    public const string EnterpriseAName = "上海浦江精密装备有限公司";
    public const string EnterpriseBName = "上海闵联汽车零部件有限公司";

    /// <summary>Demo credit codes: fixed first 17 characters, check character computed (GB 32100-2015).</summary>
    public static CreditCode DemoCode(string first17) => CreditCode.Parse(first17 + CreditCode.CheckCharacter(first17));

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (!await db.ProgrammeYears.AnyAsync(p => p.Year == 2023, ct))
        {
            var year = new ProgrammeYear(2023, new Money(100_000.00m), new Money(20_000_000.00m));
            year.AddBatch("第一批", new DateOnly(2023, 11, 15));
            year.AddBatch("第二批", new DateOnly(2023, 12, 15));
            db.ProgrammeYears.Add(year);
        }

        // The 2023 pilot's deadlines have passed; so that every step can be tried in the demo, the
        // current year is also set up with two batches that are still open.
        var today = ShanghaiTime.Today(clock);
        if (today.Year != 2023 && !await db.ProgrammeYears.AnyAsync(p => p.Year == today.Year, ct))
        {
            var current = new ProgrammeYear(today.Year, new Money(100_000.00m), new Money(20_000_000.00m));
            var endOfNextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(2).AddDays(-1);
            current.AddBatch("第一批", endOfNextMonth);
            current.AddBatch("第二批", endOfNextMonth.AddDays(1).AddMonths(1).AddDays(-1));
            db.ProgrammeYears.Add(current);
        }

        var pudong = await db.Organisations.OfType<RecommendingUnit>().FirstAsync(u => u.Name == "浦东新区", ct);
        var minhang = await db.Organisations.OfType<RecommendingUnit>().FirstAsync(u => u.Name == "闵行区", ct);
        var commission = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Commission, ct);
        var operatorOrg = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Operator, ct);

        var thirdParty = await db.Organisations.FirstOrDefaultAsync(o => o.Kind == OrganisationKind.ThirdParty, ct)
            ?? db.Organisations.Add(new Organisation(ThirdPartyName, OrganisationKind.ThirdParty)).Entity;
        var agencyA = await Agency(AgencyAName, "91310000MA1FL8A0", ct);
        var agencyB = await Agency(AgencyBName, "91310000MA1FL8B1", ct);
        var enterpriseA = await Enterprise(EnterpriseAName, DemoCode("91310115MA1H7A2B5"), KeyIndustry.HighEndEquipment, 56_800.00m, pudong.Id, ct);
        var enterpriseB = await Enterprise(EnterpriseBName, DemoCode("91310112MA1G5C3D8"), KeyIndustry.Automotive, 32_150.50m, minhang.Id, ct);
        await db.SaveChangesAsync(ct);

        await Account("admin@zpq.local", "平台管理员", operatorOrg, Roles.Admin);
        await Account("security@zpq.local", "平台安全管理员", operatorOrg, Roles.SecurityAdmin);
        await Account("audit@zpq.local", "平台审计管理员", operatorOrg, Roles.AuditAdmin);
        await Account("commission@zpq.local", "王主任（市经信委）", commission, Roles.Commission);
        await Account("district.pudong@zpq.local", "李科长（浦东新区）", pudong, Roles.District);
        await Account("district.minhang@zpq.local", "陈科长（闵行区）", minhang, Roles.District);
        await Account("thirdparty@zpq.local", "赵审核员（第三方）", thirdParty, Roles.ThirdParty);
        await Account("agency.a@zpq.local", "周评估师（智评工业）", agencyA, Roles.Agency);
        await Account("agency.b@zpq.local", "吴评估师（数智工厂）", agencyB, Roles.Agency);
        await Account("enterprise.a@zpq.local", "孙经理（浦江精密）", enterpriseA, Roles.Enterprise);
        await Account("enterprise.b@zpq.local", "钱经理（闵联汽车）", enterpriseB, Roles.Enterprise);
    }

    private async Task<ServiceAgency> Agency(string name, string first16, CancellationToken ct)
    {
        var existing = await db.Organisations.OfType<ServiceAgency>().FirstOrDefaultAsync(a => a.Name == name, ct);
        if (existing is not null)
        {
            return existing;
        }
        var agency = new ServiceAgency(name, DemoCode(first16 + "X"), AgencyLevel.Municipal, null,
            new DateOnly(2023, 1, 1), validTo: null, inCatalogue: true);
        agency.SetContact("张联系人", "021-5555 0101", null);
        db.Organisations.Add(agency);
        return agency;
    }

    private async Task<Enterprise> Enterprise(string name, CreditCode code, KeyIndustry industry, decimal output, Guid unitId, CancellationToken ct)
    {
        var existing = await db.Organisations.OfType<Enterprise>().FirstOrDefaultAsync(e => e.CreditCode == code, ct);
        if (existing is not null)
        {
            return existing;
        }
        var enterprise = new Enterprise(name, code, industry, output, unitId);
        enterprise.SetContact("上海市示例路 88 号", "企业联系人", "021-6666 0202", null);
        db.Organisations.Add(enterprise);
        return enterprise;
    }

    /// <summary>The demo accounts' addresses (a Production start refuses a database where one still takes <see cref="Password"/>).</summary>
    public static readonly IReadOnlyList<string> AccountEmails =
    [
        "admin@zpq.local", "security@zpq.local", "audit@zpq.local", "commission@zpq.local", "district.pudong@zpq.local",
        "district.minhang@zpq.local", "thirdparty@zpq.local", "agency.a@zpq.local", "agency.b@zpq.local",
        "enterprise.a@zpq.local", "enterprise.b@zpq.local",
    ];

    private async Task Account(string email, string displayName, Organisation organisation, string role)
    {
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // Databases seeded before the flag existed: the demo accounts are marked as such.
            if (!existing.IsDemoAccount)
            {
                existing.IsDemoAccount = true;
                await users.UpdateAsync(existing);
            }
            return;
        }
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            OrganisationId = organisation.Id,
            // Demo accounts are for trying the portal: no forced change (docs/domain.md §5).
            MustChangePassword = false,
            IsDemoAccount = true,
            CreatedAtUtc = clock.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"无法创建演示账户 {email}：" + string.Join("；", result.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
    }
}
