using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Foundation;

/// <summary>Every demo account signs in through the real form and lands on its own home page.</summary>
public abstract class SignInTests(PortalFactory portal)
{
    public static TheoryData<string, string> DemoAccounts => new()
    {
        { "admin@zpq.local", "系统管理工作台" },
        { "commission@zpq.local", "市经济信息化委工作台" },
        { "district.pudong@zpq.local", "推荐单位工作台" },
        { "district.minhang@zpq.local", "推荐单位工作台" },
        { "thirdparty@zpq.local", "第三方机构工作台" },
        { "agency.a@zpq.local", "服务机构工作台" },
        { "agency.b@zpq.local", "服务机构工作台" },
        { "enterprise.a@zpq.local", "企业工作台" },
        { "enterprise.b@zpq.local", "企业工作台" },
    };

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task Demo_account_signs_in_and_sees_its_home_page(string email, string title)
    {
        var client = portal.Browser();
        var response = await client.SignInAsync(email, PortalFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);

        var home = await client.GetStringAsync("/");
        Assert.Contains($"data-testid=\"home-title\">{title}<", home);
    }

    [Fact]
    public async Task Home_page_needs_a_signed_in_user()
    {
        var response = await portal.Browser().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Wrong_password_shows_the_Chinese_error_and_signs_nobody_in()
    {
        var email = await Accounts.CreateEnterpriseUserAsync(portal, "wrongpw");
        var client = portal.Browser();
        var response = await client.SignInAsync(email, "Wrong#pass1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("邮箱或密码不正确。", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.AccessFailedCount).FirstAsync()));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await Accounts.CreateEnterpriseUserAsync(portal, "lockme");
        var client = portal.Browser();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(email, "Wrong#pass" + i);
        }
        var sixth = await client.SignInAsync(email, Accounts.Password);
        var html = await sixth.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains("已被锁定", html);
        var lockoutEnd = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).FirstAsync());
        Assert.NotNull(lockoutEnd);
        // Locked for 30 minutes (docs/domain.md §5), give or take the test's own run time.
        Assert.InRange((lockoutEnd!.Value - DateTimeOffset.UtcNow).TotalMinutes, 28, 30.5);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await portal.SignedInAsync("commission@zpq.local");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var response = await client.PostFormAsync("/", "/Account/Logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_and_failures_are_written_to_the_audit_trail()
    {
        var email = await Accounts.CreateEnterpriseUserAsync(portal, "audited");
        var client = portal.Browser();
        await client.SignInAsync(email, "Wrong#pass1");
        await client.SignInAsync(email, Accounts.Password);
        var actions = await portal.WithDbAsync(db =>
            (from a in db.AuditEntries join u in db.Users on a.UserId equals u.Id where u.Email == email orderby a.AtUtc select a.Action).ToListAsync());
        Assert.Contains(AuditAction.SignInFailedWrongPassword, actions);
        Assert.Contains(AuditAction.SignedIn, actions);
    }

    [Fact]
    public async Task Healthz_reports_the_database_healthy()
    {
        var response = await portal.Browser().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

[Collection("sqlite")]
public sealed class SignInTests_Sqlite(SqlitePortal portal) : SignInTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class SignInTests_Postgres(PostgresPortal portal) : SignInTests(portal), IClassFixture<PostgresPortal>;
