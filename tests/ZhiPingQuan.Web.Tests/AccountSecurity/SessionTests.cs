using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.AccountSecurity;

/// <summary>The portal with the host's time moved by the test (session lifetimes, cookie expiry).</summary>
public abstract class SessionTimePortal : PortalFactory
{
    protected SessionTimePortal(DbProvider provider) : base(provider) => Time = HostTime;

    public MovableTime HostTime { get; } = new(DateTimeOffset.UtcNow);
}

public sealed class SessionTimeSqlitePortal() : SessionTimePortal(DbProvider.Sqlite);

public sealed class SessionTimePostgresPortal() : SessionTimePortal(DbProvider.Postgres);

/// <summary>
/// Sessions end (docs/decisions/0013-sessions-and-separation-of-duties.md): signing out revokes the session on the server, so a copy of
/// the cookie taken before stops working; a deactivated organisation's users and a locked user are out at their next
/// request; every session ends 30 minutes after its last request and 12 hours after sign-in, however active.
/// </summary>
public abstract class SessionTests(SessionTimePortal portal)
{
    private const string Password = "Session#Test2024";

    /// <summary>An enterprise of its own with one account: deactivating it disturbs no other test.</summary>
    private async Task<(Guid Enterprise, string Email)> OwnEnterpriseUserAsync()
    {
        var enterprise = await AccountTesting.NewEnterpriseAsync(portal, "浦东新区", "上海会话测试" + TestData.Tag() + "有限公司");
        var user = await AccountTesting.CreateUserAsync(portal, enterprise, Roles.Enterprise, "session", Password);
        return (enterprise, user.Email!);
    }

    /// <summary>A second client that sends the first one's sign-in cookie, as someone who copied it would.</summary>
    private HttpClient CopyOfCookie(HttpResponseMessage signIn)
    {
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("zpq.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return copy;
    }

    private static async Task AssertSignedOutAsync(HttpClient client) =>
        Assert.StartsWith("http://localhost/Account/Login", (await client.GetAsync("/")).Headers.Location?.ToString() ?? "(no redirect)");

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        var (_, email) = await OwnEnterpriseUserAsync();
        var client = portal.Browser();
        var signIn = await client.SignInAsync(email, Password);
        var copy = CopyOfCookie(signIn);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/", "/Account/Logout", new Dictionary<string, string>())).StatusCode);

        await AssertSignedOutAsync(copy);
        await AssertSignedOutAsync(client);
        var session = await portal.WithDbAsync(db =>
            (from s in db.UserSessions join u in db.Users on s.UserId equals u.Id where u.Email == email select s).SingleAsync());
        Assert.Equal("退出登录", session.RevokedReason);
    }

    [Fact]
    public async Task Deactivating_the_organisation_ends_its_users_sessions_at_their_next_request()
    {
        var (enterprise, email) = await OwnEnterpriseUserAsync();
        var user = await portal.SignedInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);

        var admin = await portal.SignedInAsync("admin@zpq.local");
        var version = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Id == enterprise).Select(o => o.Version).FirstAsync());
        var deactivated = await admin.PostFormAsync($"/Organisations/Details/{enterprise}", $"/Organisations/SetActive/{enterprise}",
            new Dictionary<string, string> { ["version"] = version.ToString(), ["active"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        await AssertSignedOutAsync(user);
        Assert.Equal("单位已停用", await portal.WithDbAsync(db =>
            (from s in db.UserSessions join u in db.Users on s.UserId equals u.Id where u.Email == email select s.RevokedReason).SingleAsync()));
    }

    [Fact]
    public async Task The_periodic_stamp_check_refuses_a_locked_user_and_a_user_of_an_inactive_organisation()
    {
        var (enterprise, email) = await OwnEnterpriseUserAsync();
        var other = await AccountTesting.CreateUserAsync(portal, enterprise, Roles.Enterprise, "stamp", Password);
        await using var scope = portal.Scope();
        var validator = scope.ServiceProvider.GetRequiredService<ISecurityStampValidator>();
        Assert.IsType<PortalSecurityStampValidator>(validator);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var locked = await users.FindByEmailAsync(email);
        var principal = await signIn.CreateUserPrincipalAsync(locked!);
        var verify = typeof(PortalSecurityStampValidator).GetMethod("VerifySecurityStamp",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        Assert.NotNull(await (Task<AppUser?>)verify.Invoke(validator, [principal])!);

        await users.SetLockoutEndDateAsync(locked!, DateTimeOffset.MaxValue);
        Assert.Null(await (Task<AppUser?>)verify.Invoke(validator, [await signIn.CreateUserPrincipalAsync(locked!)])!);

        var otherPrincipal = await signIn.CreateUserPrincipalAsync(other);
        await portal.WithDbAsync(async db =>
        {
            (await db.Organisations.FirstAsync(o => o.Id == enterprise)).Deactivate();
            return await db.SaveChangesAsync();
        });
        Assert.Null(await (Task<AppUser?>)verify.Invoke(validator, [otherPrincipal])!);
    }

    [Fact]
    public async Task A_session_ends_after_30_idle_minutes()
    {
        var (_, email) = await OwnEnterpriseUserAsync();
        var user = await portal.SignedInAsync(email, Password);
        portal.HostTime.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);
        portal.HostTime.Advance(TimeSpan.FromMinutes(31));
        await AssertSignedOutAsync(user);
    }

    [Fact]
    public async Task A_session_ends_12_hours_after_sign_in_however_active()
    {
        var (_, email) = await OwnEnterpriseUserAsync();
        var user = await portal.SignedInAsync(email, Password);
        var signedInAt = portal.HostTime.Now;
        // A request every 25 minutes keeps the sliding cookie alive for the whole day.
        while (portal.HostTime.Now - signedInAt < TimeSpan.FromHours(11.5))
        {
            portal.HostTime.Advance(TimeSpan.FromMinutes(25));
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/")).StatusCode);
        }
        portal.HostTime.Now = signedInAt + TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1);
        await AssertSignedOutAsync(user);
        Assert.Equal("超过12小时", await portal.WithDbAsync(db =>
            (from s in db.UserSessions join u in db.Users on s.UserId equals u.Id where u.Email == email select s.RevokedReason).SingleAsync()));

        // Signing in again opens a new session.
        var again = await portal.SignedInAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task One_account_signing_in_from_several_browsers_at_once_gets_a_session_in_each()
    {
        var (_, email) = await OwnEnterpriseUserAsync();
        var clients = Enumerable.Range(0, 6).Select(_ => portal.Browser()).ToList();
        // Each client fetches its form first, so the posts below race only with each other.
        foreach (var c in clients)
        {
            await c.GetAsync("/Account/Login");
        }

        var answers = await Task.WhenAll(clients.Select(c => c.SignInAsync(email, Password)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        foreach (var c in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/")).StatusCode);
        }
        var (sessions, lastSignIn) = await portal.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return (await db.UserSessions.CountAsync(s => s.UserId == user.Id && s.RevokedAtUtc == null), user.LastSignInAtUtc);
        });
        Assert.Equal(6, sessions);
        Assert.NotNull(lastSignIn);
    }
}

[Collection("sqlite")]
public sealed class SessionTests_Sqlite(SessionTimeSqlitePortal portal) : SessionTests(portal), IClassFixture<SessionTimeSqlitePortal>;

[Collection("postgres")]
public sealed class SessionTests_Postgres(SessionTimePostgresPortal portal) : SessionTests(portal), IClassFixture<SessionTimePostgresPortal>;
