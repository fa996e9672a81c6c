using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.AccountSecurity;

/// <summary>
/// Two-factor sign-in (TOTP, Identity's authenticator provider): required for the commission, the third party and the
/// administrators, optional for the others; enrolled with a QR code and a first code, with recovery codes that work once.
/// </summary>
public abstract class TwoFactorTests(PortalFactory portal)
{
    private const string Password = "TwoFactor#Test24";

    [Fact]
    public async Task A_commission_account_must_enrol_before_anything_else_and_then_signs_in_with_a_code()
    {
        var commission = await AccountTesting.OrganisationIdAsync(portal, OrganisationKind.Commission);
        var user = await AccountTesting.CreateUserAsync(portal, commission, Roles.Commission, "tfa", Password);
        var client = await portal.SignedInAsync(user.Email!, Password);
        Assert.Equal("/Account/TwoFactor", (await client.GetAsync("/")).Headers.Location?.OriginalString);
        Assert.Equal("/Account/TwoFactor", (await client.GetAsync("/Programmes")).Headers.Location?.OriginalString);

        var page = await client.GetStringAsync("/Account/TwoFactor");
        Assert.Contains("data:image/png;base64,", page);
        var key = await AccountTesting.EnrolmentKeyAsync(client);
        var wrong = await client.PostFormAsync("/Account/TwoFactor", "/Account/TwoFactor", new Dictionary<string, string> { ["code"] = AccountTesting.Totp(key, DateTimeOffset.UtcNow.AddHours(-1)) });
        Assert.Contains("动态验证码不正确", await wrong.Content.ReadAsStringAsync());
        var recovery = await AccountTesting.EnrolAsync(client, key);
        Assert.Equal(10, recovery.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.RecordId == user.Id && a.Action == AuditAction.TwoFactorEnabled)));

        // Next time the password alone is not enough.
        var next = portal.Browser();
        var signIn = await next.SignInAsync(user.Email!, Password);
        Assert.StartsWith("/Account/LoginWithCode", signIn.Headers.Location?.OriginalString);
        Assert.StartsWith("http://localhost/Account/Login", (await next.GetAsync("/")).Headers.Location?.ToString());
        var bad = await next.PostFormAsync("/Account/LoginWithCode", "/Account/LoginWithCode",
            new Dictionary<string, string> { ["Code"] = AccountTesting.Totp(key, DateTimeOffset.UtcNow.AddMinutes(-10)) });
        Assert.Contains(ZhiPingQuan.Web.Features.Account.AccountService.WrongCode, await bad.Content.ReadAsStringAsync());
        var good = await next.PostFormAsync("/Account/LoginWithCode", "/Account/LoginWithCode",
            new Dictionary<string, string> { ["Code"] = AccountTesting.Totp(key) });
        Assert.Equal("/", good.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/")).StatusCode);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.RecordId == user.Id && a.Action == AuditAction.SignInFailedTwoFactor)));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var thirdParty = await AccountTesting.OrganisationIdAsync(portal, OrganisationKind.ThirdParty);
        var user = await AccountTesting.CreateUserAsync(portal, thirdParty, Roles.ThirdParty, "recovery", Password);
        var client = await portal.SignedInAsync(user.Email!, Password);
        var codes = await AccountTesting.EnrolAsync(client, await AccountTesting.EnrolmentKeyAsync(client));

        async Task<HttpResponseMessage> WithRecoveryAsync()
        {
            var c = portal.Browser();
            await c.SignInAsync(user.Email!, Password);
            return await c.PostFormAsync("/Account/LoginWithCode", "/Account/LoginWithCode",
                new Dictionary<string, string> { ["Code"] = codes[0], ["RecoveryCode"] = "true" });
        }

        Assert.Equal("/", (await WithRecoveryAsync()).Headers.Location?.OriginalString);
        Assert.Contains(ZhiPingQuan.Web.Features.Account.AccountService.WrongCode, await (await WithRecoveryAsync()).Content.ReadAsStringAsync());
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.RecordId == user.Id && a.Action == AuditAction.RecoveryCodeUsed)));
    }

    [Fact]
    public async Task Two_factor_is_optional_for_a_district_and_the_demo_accounts_are_exempt_in_the_demo()
    {
        var district = await AccountTesting.OrganisationIdAsync(portal, "浦东新区");
        var user = await AccountTesting.CreateUserAsync(portal, district, Roles.District, "optional", Password);
        var client = await portal.SignedInAsync(user.Email!, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var key = await AccountTesting.EnrolmentKeyAsync(client);
        await AccountTesting.EnrolAsync(client, key);
        Assert.StartsWith("/Account/LoginWithCode", (await portal.Browser().SignInAsync(user.Email!, Password)).Headers.Location?.OriginalString);

        // The demo runs with Security:RequireTwoFactorForDemoAccounts = false (appsettings.Demo.json).
        var demo = await portal.SignedInAsync("commission@zpq.local");
        Assert.Equal(HttpStatusCode.OK, (await demo.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_security_administrator_resets_a_lost_second_factor_and_the_user_enrols_again()
    {
        var commission = await AccountTesting.OrganisationIdAsync(portal, OrganisationKind.Commission);
        var user = await AccountTesting.CreateUserAsync(portal, commission, Roles.Commission, "lostphone", Password);
        var client = await portal.SignedInAsync(user.Email!, Password);
        await AccountTesting.EnrolAsync(client, await AccountTesting.EnrolmentKeyAsync(client));

        var security = await portal.SignedInAsync("security@zpq.local");
        var reset = await security.PostFormAsync($"/Users/Edit/{user.Id}", $"/Users/ResetTwoFactor/{user.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", (await client.GetAsync("/")).Headers.Location?.ToString());
        var again = await portal.SignedInAsync(user.Email!, Password);
        Assert.Equal("/Account/TwoFactor", (await again.GetAsync("/")).Headers.Location?.OriginalString);
    }
}

[Collection("sqlite")]
public sealed class TwoFactorTests_Sqlite(SqlitePortal portal) : TwoFactorTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class TwoFactorTests_Postgres(PostgresPortal portal) : TwoFactorTests(portal), IClassFixture<PostgresPortal>;
