using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Foundation;

/// <summary>
/// Account administration through the real forms (docs/decisions/0013-sessions-and-separation-of-duties.md): the system
/// administrator opens accounts without knowing a password (a one-time activation link), the security administrator
/// locks, unlocks and issues reset links; the users set their own passwords.
/// </summary>
public abstract class AccountAdminTests(PortalFactory portal)
{
    private const string Security = "security@zpq.local";
    private const string NewPassword = "Xuhui#Tester2024";

    private Task<Guid> OrganisationIdAsync(string name) => AccountTesting.OrganisationIdAsync(portal, name);

    /// <summary>A 徐汇区 account opened by Admin and activated by its user with <see cref="NewPassword"/>.</summary>
    private async Task<(HttpClient Admin, string Email, Guid UserId, string Link)> CreateDistrictUserAsync(bool activate = true)
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var unit = await OrganisationIdAsync("徐汇区");
        var email = $"xuhui.{Guid.NewGuid():N}@test.local";
        var response = await admin.PostFormAsync($"/Users/Create?organisationId={unit}", "/Users/Create", new Dictionary<string, string>
        {
            ["OrganisationId"] = unit.ToString(),
            ["Email"] = email,
            ["DisplayName"] = "徐汇测试员",
        });
        var link = await AccountTesting.IssuedLinkAsync(admin, response);
        var id = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync());
        if (activate)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AccountTesting.SetPasswordByLinkAsync(portal.Browser(), link, NewPassword)).StatusCode);
        }
        return (admin, email, id, link);
    }

    [Fact]
    public async Task Admin_opens_an_account_without_a_password_and_its_user_sets_one_through_the_link_once()
    {
        var (_, email, id, link) = await CreateDistrictUserAsync(activate: false);
        var role = await portal.WithDbAsync(db =>
            (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).SingleAsync());
        Assert.Equal("District", role);
        Assert.Null(await portal.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash).FirstAsync()));
        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.RecordId == id).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditAction.AccountCreated, actions);
        Assert.Contains(AuditAction.ActivationLinkIssued, actions);
        // The trail never keeps the link itself.
        Assert.False(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.RecordId == id && a.Detail!.Contains("token="))));

        // Nobody can sign in before the user has set a password.
        Assert.Contains("邮箱或密码不正确", await (await portal.Browser().SignInAsync(email, "Whatever#Pass2024")).Content.ReadAsStringAsync());
        var page = await portal.Browser().GetStringAsync(link);
        Assert.Contains(email, page);

        var user = portal.Browser();
        var activated = await AccountTesting.SetPasswordByLinkAsync(user, link, NewPassword);
        Assert.Equal("/Account/Login", activated.Headers.Location?.OriginalString);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.RecordId == id && a.Action == AuditAction.AccountActivated)));
        var signIn = await user.SignInAsync(email, NewPassword);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);

        // The link works once.
        var again = await AccountTesting.SetPasswordByLinkAsync(portal.Browser(), link, "Another#Pass2025");
        Assert.Contains("该链接无效、已使用或已过期", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SignInAsync(email, NewPassword)).StatusCode);
    }

    /// <summary>Account lines are read by people: roles and organisations by their Chinese names, never a code name or an id.</summary>
    [Fact]
    public async Task Account_lines_name_the_role_and_the_organisation_in_Chinese()
    {
        var (admin, email, id, _) = await CreateDistrictUserAsync();
        var created = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == id && a.Action == AuditAction.AccountCreated));
        Assert.Equal(("推荐单位", $"{email}，单位：徐汇区"), (created.After, created.Detail));

        var minhang = await OrganisationIdAsync("闵行区");
        var response = await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["Email"] = email, ["DisplayName"] = "闵行测试员", ["OrganisationId"] = minhang.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edited = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == id && a.Action == AuditAction.AccountEdited));
        Assert.Equal($"{email}｜徐汇测试员｜推荐单位｜徐汇区", edited.Before);
        Assert.Equal($"{email}｜闵行测试员｜推荐单位｜闵行区", edited.After);
        Assert.DoesNotContain("District", edited.Before + edited.After);
    }

    [Fact]
    public async Task A_short_or_common_password_is_refused_in_Chinese_and_the_link_stays_usable()
    {
        var (_, email, id, link) = await CreateDistrictUserAsync(activate: false);
        var client = portal.Browser();

        var shortOne = await AccountTesting.SetPasswordByLinkAsync(client, link, "Abc#12345");
        Assert.Contains("密码至少12位", await shortOne.Content.ReadAsStringAsync());
        var twoClasses = await AccountTesting.SetPasswordByLinkAsync(client, link, "abcdefghijklmn");
        Assert.Contains("至少三类", await twoClasses.Content.ReadAsStringAsync());
        var common = await AccountTesting.SetPasswordByLinkAsync(client, link, "Password2023!!");
        Assert.Contains("常见密码", await common.Content.ReadAsStringAsync());
        Assert.Null(await portal.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash).FirstAsync()));
        Assert.Null(await portal.WithDbAsync(db => db.AccountLinks.Where(l => l.UserId == id).Select(l => l.UsedAtUtc).FirstAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await AccountTesting.SetPasswordByLinkAsync(client, link, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SignInAsync(email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_duplicate_email_or_a_role_the_organisation_cannot_hold_is_refused_and_nothing_is_created()
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var unit = await OrganisationIdAsync("徐汇区");
        var operatorId = await AccountTesting.OrganisationIdAsync(portal, OrganisationKind.Operator);
        var before = await portal.WithDbAsync(db => db.Users.CountAsync());

        var duplicate = await admin.PostFormAsync($"/Users/Create?organisationId={unit}", "/Users/Create", new Dictionary<string, string>
        {
            ["OrganisationId"] = unit.ToString(), ["Email"] = "commission@zpq.local", ["DisplayName"] = "重复",
        });
        Assert.Contains("该邮箱已被其他账户使用", await duplicate.Content.ReadAsStringAsync());
        var wrongRole = await admin.PostFormAsync($"/Users/Create?organisationId={operatorId}", "/Users/Create", new Dictionary<string, string>
        {
            ["OrganisationId"] = operatorId.ToString(), ["Email"] = $"ops.{Guid.NewGuid():N}@test.local", ["DisplayName"] = "越权角色", ["Role"] = "District",
        });
        Assert.Contains("的账户不能担任该角色", await wrongRole.Content.ReadAsStringAsync());
        Assert.Equal(before, await portal.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_operator_holds_each_administrator_role_chosen_at_creation()
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var operatorId = await AccountTesting.OrganisationIdAsync(portal, OrganisationKind.Operator);
        var form = await admin.GetStringAsync($"/Users/Create?organisationId={operatorId}");
        Assert.Contains("审计管理员", form);
        Assert.Contains("安全管理员", form);
        var email = $"auditor.{Guid.NewGuid():N}@test.local";
        var response = await admin.PostFormAsync($"/Users/Create?organisationId={operatorId}", "/Users/Create", new Dictionary<string, string>
        {
            ["OrganisationId"] = operatorId.ToString(), ["Email"] = email, ["DisplayName"] = "审计员", ["Role"] = "AuditAdmin",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var role = await portal.WithDbAsync(db =>
            (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
             where u.Email == email select r.Name).SingleAsync());
        Assert.Equal("AuditAdmin", role);
    }

    [Fact]
    public async Task The_security_administrator_locks_an_account_whose_sessions_end_and_unlocks_it()
    {
        var (admin, email, id, _) = await CreateDistrictUserAsync();
        var session = await portal.SignedInAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);

        // Locking is not the system administrator's.
        var byAdmin = await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/Lock/{id}", new Dictionary<string, string>());
        Assert.Contains("/Account/AccessDenied", byAdmin.Headers.Location!.ToString());

        var security = await portal.SignedInAsync(Security);
        var locked = await security.PostFormAsync($"/Users/Edit/{id}", $"/Users/Lock/{id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", (await session.GetAsync("/")).Headers.Location!.ToString());
        var refused = await portal.Browser().SignInAsync(email, NewPassword);
        Assert.Contains(ZhiPingQuan.Web.Features.Account.AccountService.WrongCredentials, await refused.Content.ReadAsStringAsync());
        var list = await security.GetStringAsync("/Users?locked=true&q=" + Uri.EscapeDataString(email));
        Assert.Contains("已锁定", list);

        await security.PostFormAsync($"/Users/Edit/{id}", $"/Users/Unlock/{id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SignInAsync(email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_from_the_security_administrator_works_once_and_ends_the_old_password()
    {
        var (_, email, id, _) = await CreateDistrictUserAsync();
        var security = await portal.SignedInAsync(Security);
        var link = await AccountTesting.IssuedLinkAsync(security, await security.PostFormAsync($"/Users/Edit/{id}", $"/Users/ResetPassword/{id}", new Dictionary<string, string>()));
        Assert.Contains("/Account/ResetPassword?token=", link);
        // Until the link is used the old password still works: the administrator set nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SignInAsync(email, NewPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await AccountTesting.SetPasswordByLinkAsync(portal.Browser(), link, "Reset#Xuhui2025")).StatusCode);
        Assert.Contains("邮箱或密码不正确", await (await portal.Browser().SignInAsync(email, NewPassword)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SignInAsync(email, "Reset#Xuhui2025")).StatusCode);
        Assert.Contains("该链接无效、已使用或已过期",
            await (await AccountTesting.SetPasswordByLinkAsync(portal.Browser(), link, "Again#Xuhui2026")).Content.ReadAsStringAsync());
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.RecordId == id && a.Action == AuditAction.PasswordResetByLink)));
    }

    [Fact]
    public async Task User_changes_the_password_the_old_one_stops_working_and_other_sessions_end()
    {
        var (_, email, _, _) = await CreateDistrictUserAsync();
        var other = await portal.SignedInAsync(email, NewPassword);
        var user = await portal.SignedInAsync(email, NewPassword);
        var mismatch = await user.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = NewPassword, ["NewPassword"] = "Changed#Xuhui2025", ["ConfirmPassword"] = "Different#1",
        });
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync());
        var changed = await user.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = NewPassword, ["NewPassword"] = "Changed#Xuhui2025", ["ConfirmPassword"] = "Changed#Xuhui2025",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/")).StatusCode);
        Assert.Contains("邮箱或密码不正确", await (await portal.Browser().SignInAsync(email, NewPassword)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SignInAsync(email, "Changed#Xuhui2025")).StatusCode);
    }

    [Fact]
    public async Task Admin_searches_and_pages_organisations_and_users()
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var units = await admin.GetStringAsync("/Organisations?kind=RecommendingUnit");
        Assert.Contains("共 19 条", units);
        var search = await admin.GetStringAsync("/Organisations?q=" + Uri.EscapeDataString("浦东"));
        Assert.Contains("浦东新区", search);
        Assert.DoesNotContain("闵行区", search);
        var users = await admin.GetStringAsync("/Users?role=Agency");
        Assert.Contains("agency.a@zpq.local", users);
        Assert.DoesNotContain("enterprise.a@zpq.local", users);
    }

    [Fact]
    public async Task Admin_creates_an_enterprise_and_a_bad_credit_code_is_named_exactly()
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var unit = await OrganisationIdAsync("徐汇区");
        var before = await portal.WithDbAsync(db => db.Organisations.CountAsync());
        var bad = await admin.PostFormAsync("/Organisations/Create", "/Organisations/Create", new Dictionary<string, string>
        {
            ["Kind"] = "Enterprise", ["Name"] = "错误代码企业", ["CreditCode"] = "91310110666007217A",
            ["RecommendingUnitId"] = unit.ToString(), ["Industry"] = "Automotive", ["AnnualOutputWanYuan"] = "12000",
        });
        Assert.Contains("校验位错误", await bad.Content.ReadAsStringAsync());
        Assert.Equal(before, await portal.WithDbAsync(db => db.Organisations.CountAsync()));

        var good = await admin.PostFormAsync("/Organisations/Create", "/Organisations/Create", new Dictionary<string, string>
        {
            ["Kind"] = "Enterprise", ["Name"] = "徐汇示例企业", ["CreditCode"] = " ９１３１０１１０６６６００７２１７ｔ ",
            ["RecommendingUnitId"] = unit.ToString(), ["Industry"] = "Automotive", ["AnnualOutputWanYuan"] = "12000",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var code = await portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>().Where(e => e.Name == "徐汇示例企业").Select(e => e.CreditCode).FirstAsync());
        Assert.Equal("91310110666007217T", code.Value);

        var again = await admin.PostFormAsync("/Organisations/Create", "/Organisations/Create", new Dictionary<string, string>
        {
            ["Kind"] = "Enterprise", ["Name"] = "重复企业", ["CreditCode"] = "91310110666007217T",
            ["RecommendingUnitId"] = unit.ToString(), ["Industry"] = "Automotive", ["AnnualOutputWanYuan"] = "12000",
        });
        Assert.Contains("已由徐汇区登记", await again.Content.ReadAsStringAsync());
    }
}

[Collection("sqlite")]
public sealed class AccountAdminTests_Sqlite(SqlitePortal portal) : AccountAdminTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class AccountAdminTests_Postgres(PostgresPortal portal) : AccountAdminTests(portal), IClassFixture<PostgresPortal>;
