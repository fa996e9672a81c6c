using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Foundation;

/// <summary>Admin creates, locks, unlocks and resets accounts through the real forms.</summary>
public abstract class AccountAdminTests(PortalFactory portal)
{
    private async Task<Guid> OrganisationIdAsync(string name) =>
        await portal.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).FirstAsync());

    private async Task<(HttpClient Admin, string Email, Guid UserId)> CreateDistrictUserAsync()
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var unit = await OrganisationIdAsync("徐汇区");
        var email = $"xuhui.{Guid.NewGuid():N}@test.local";
        var response = await admin.PostFormAsync($"/Users/Create?organisationId={unit}", "/Users/Create", new Dictionary<string, string>
        {
            ["OrganisationId"] = unit.ToString(),
            ["Email"] = email,
            ["DisplayName"] = "徐汇测试员",
            ["Password"] = "Init#pass2023",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync());
        return (admin, email, id);
    }

    [Fact]
    public async Task Admin_creates_an_account_whose_role_follows_its_organisation()
    {
        var (_, email, id) = await CreateDistrictUserAsync();
        var role = await portal.WithDbAsync(db =>
            (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).SingleAsync());
        Assert.Equal("District", role);
        var mustChange = await portal.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.MustChangePassword).FirstAsync());
        Assert.True(mustChange);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.AccountCreated && a.RecordId == id)));

        // First sign-in goes to the change-password form, and every other page sends it back there.
        var user = portal.Browser();
        var signIn = await user.SignInAsync(email, "Init#pass2023");
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location?.OriginalString);
        var home = await user.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", home.Headers.Location?.OriginalString);
    }

    /// <summary>Account lines are read by people: roles and organisations by their Chinese names, never a code name or an id.</summary>
    [Fact]
    public async Task Account_lines_name_the_role_and_the_organisation_in_Chinese()
    {
        var (admin, email, id) = await CreateDistrictUserAsync();
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
    public async Task A_weak_password_or_duplicate_email_is_refused_in_Chinese_and_nothing_is_created()
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var unit = await OrganisationIdAsync("徐汇区");
        var before = await portal.WithDbAsync(db => db.Users.CountAsync());

        var weak = await admin.PostFormAsync($"/Users/Create?organisationId={unit}", "/Users/Create", new Dictionary<string, string>
        {
            ["OrganisationId"] = unit.ToString(), ["Email"] = "weak@test.local", ["DisplayName"] = "弱密码", ["Password"] = "abcdefgh",
        });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("至少三类", await weak.Content.ReadAsStringAsync());

        var duplicate = await admin.PostFormAsync($"/Users/Create?organisationId={unit}", "/Users/Create", new Dictionary<string, string>
        {
            ["OrganisationId"] = unit.ToString(), ["Email"] = "commission@zpq.local", ["DisplayName"] = "重复", ["Password"] = "Init#pass2023",
        });
        Assert.Contains("该邮箱已被其他账户使用", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(before, await portal.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Locked_account_cannot_sign_in_until_unlocked()
    {
        var (admin, email, id) = await CreateDistrictUserAsync();
        var lockResponse = await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/Lock/{id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, lockResponse.StatusCode);
        var refused = await portal.Browser().SignInAsync(email, "Init#pass2023");
        Assert.Contains("已被锁定", await refused.Content.ReadAsStringAsync());

        await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/Unlock/{id}", new Dictionary<string, string>());
        var accepted = await portal.Browser().SignInAsync(email, "Init#pass2023");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task Reset_password_sets_a_temporary_password_to_change_at_next_sign_in()
    {
        var (admin, email, id) = await CreateDistrictUserAsync();
        await admin.PostFormAsync($"/Users/Edit/{id}", $"/Users/ResetPassword/{id}", new Dictionary<string, string> { ["NewPassword"] = "Temp#reset99" });
        Assert.Contains("邮箱或密码不正确", await (await portal.Browser().SignInAsync(email, "Init#pass2023")).Content.ReadAsStringAsync());
        var signIn = await portal.Browser().SignInAsync(email, "Temp#reset99");
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task User_changes_the_password_and_the_old_one_stops_working()
    {
        var (_, email, _) = await CreateDistrictUserAsync();
        var user = await portal.SignedInAsync(email, "Init#pass2023");
        var mismatch = await user.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Init#pass2023", ["NewPassword"] = "New#pass2024", ["ConfirmPassword"] = "Different#1",
        });
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync());
        var changed = await user.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Init#pass2023", ["NewPassword"] = "New#pass2024", ["ConfirmPassword"] = "New#pass2024",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);
        Assert.Contains("邮箱或密码不正确", await (await portal.Browser().SignInAsync(email, "Init#pass2023")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SignInAsync(email, "New#pass2024")).StatusCode);
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
