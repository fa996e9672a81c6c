using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Features.Account;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.AccountSecurity;

/// <summary>The portal with the deployment's small sign-in limits, a mail server (links go out through the outbox) and the demo accounts held to two-factor sign-in.</summary>
public abstract class StrictPortal(DbProvider provider) : MailPortal(provider)
{
    public const int PerAddress = 5;
    public const int PerAccount = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:SignInAttemptsPerAddressPerMinute", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:SignInAttemptsPerAccountPerMinute", PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:RequireTwoFactorForDemoAccounts", "true");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, AccountTesting.TestAddressStartupFilter>());
    }
}

public sealed class StrictSqlitePortal() : StrictPortal(DbProvider.Sqlite);

public sealed class StrictPostgresPortal() : StrictPortal(DbProvider.Postgres);

/// <summary>
/// Sign-in that resists guessing (docs/decisions/0013-sessions-and-separation-of-duties.md): limited per address (429) and per account
/// (whether it exists or not); one answer and one password hash for an unknown account, a wrong password and a locked account.
/// </summary>
public abstract class SignInGuessingTests(StrictPortal portal)
{
    private static string Address() => $"192.0.2.{Random.Shared.Next(1, 250)}";

    [Fact]
    public async Task An_address_gets_429_after_its_attempts_of_the_minute()
    {
        var client = portal.From("198.51.100.7");
        for (var i = 0; i < StrictPortal.PerAddress; i++)
        {
            var answer = await client.SignInAsync($"nobody{i}@test.local", "Wrong#Guess2024");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        var refused = await client.SignInAsync("nobody.more@test.local", "Wrong#Guess2024");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("操作过于频繁", await refused.Content.ReadAsStringAsync());

        // Another address is not held back.
        Assert.Equal(HttpStatusCode.OK, (await portal.From("198.51.100.8").SignInAsync("nobody@test.local", "Wrong#Guess2024")).StatusCode);
    }

    [Fact]
    public async Task An_account_is_held_back_after_its_attempts_of_the_minute_from_any_address_known_or_not()
    {
        foreach (var email in new[] { await Accounts.CreateEnterpriseUserAsync(portal, "throttled"), $"unknown.{Guid.NewGuid():N}@test.local" })
        {
            for (var i = 0; i < StrictPortal.PerAccount; i++)
            {
                var answer = await portal.From(Address()).SignInAsync(email, "Wrong#Guess2024");
                Assert.Contains(AccountService.WrongCredentials, await answer.Content.ReadAsStringAsync());
            }
            var held = await portal.From(Address()).SignInAsync(email, Accounts.Password);
            Assert.Contains(ZhiPingQuan.Web.Authorization.SignInThrottle.TooManyForAccount, await held.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Unknown_account_wrong_password_and_locked_account_get_the_same_answer_after_one_hash_each()
    {
        var hasher = new CountingHasher();
        var counted = portal.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.RemoveAll<IPasswordHasher<AppUser>>();
            s.AddSingleton<IPasswordHasher<AppUser>>(hasher);
        }));
        var known = await Accounts.CreateEnterpriseUserAsync(portal, "samework");
        var locked = await Accounts.CreateEnterpriseUserAsync(portal, "lockedwork");
        await portal.WithDbAsync(async db =>
        {
            var user = await db.Users.FirstAsync(u => u.Email == locked);
            user.LockoutEnd = DateTimeOffset.MaxValue;
            return await db.SaveChangesAsync();
        });

        var answers = new List<string>();
        foreach (var (email, password) in new[] { ($"unknown.{Guid.NewGuid():N}@test.local", "Wrong#Guess2024"), (known, "Wrong#Guess2024"), (locked, Accounts.Password) })
        {
            var client = counted.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add(AccountTesting.AddressHeader, Address());
            var before = hasher.Verifications;
            var response = await client.SignInAsync(email, password);
            Assert.Equal(1, hasher.Verifications - before);
            var html = await response.Content.ReadAsStringAsync();
            var start = html.IndexOf("data-testid=\"login-error\">", StringComparison.Ordinal);
            answers.Add(html[start..html.IndexOf('<', start + 20)]);
        }
        Assert.Single(answers.Distinct());
        Assert.Contains(AccountService.WrongCredentials, answers[0]);
    }

    [Fact]
    public async Task The_demo_accounts_must_use_two_factor_outside_the_demo_settings()
    {
        var client = portal.From(Address());
        var signIn = await client.SignInAsync("thirdparty@zpq.local", PortalFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/Account/TwoFactor", (await client.GetAsync("/")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_any_address_and_mails_a_link_that_works_once()
    {
        var email = await Accounts.CreateEnterpriseUserAsync(portal, "forgot");
        var unknown = $"nobody.{Guid.NewGuid():N}@test.local";
        var mailsBefore = await portal.WithDbAsync(db => db.OutboxEmails.CountAsync());

        var answers = new List<string>();
        foreach (var address in new[] { email, unknown })
        {
            var response = await portal.From(Address()).PostFormAsync("/Account/ForgotPassword", "/Account/ForgotPassword",
                new Dictionary<string, string> { ["Email"] = address });
            var html = await response.Content.ReadAsStringAsync();
            var start = html.IndexOf("data-testid=\"reset-requested\"", StringComparison.Ordinal);
            Assert.True(start > 0);
            answers.Add(html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)]);
        }
        Assert.Single(answers.Distinct());

        var mails = await portal.WithDbAsync(db => db.OutboxEmails.OrderBy(m => m.CreatedAtUtc).Skip(mailsBefore).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Equal(email, mail.To);
        var link = AccountTesting.LinkIn(mail.Body);
        Assert.Contains("/Account/ResetPassword", link);

        var reset = await AccountTesting.SetPasswordByLinkAsync(portal.From(Address()), link, "Forgot#Reset2025");
        Assert.Equal("/Account/Login", reset.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.From(Address()).SignInAsync(email, "Forgot#Reset2025")).StatusCode);
        var second = await AccountTesting.SetPasswordByLinkAsync(portal.From(Address()), link, "Forgot#Again2026");
        Assert.Contains("该链接无效、已使用或已过期", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.From(Address()).SignInAsync(email, "Forgot#Reset2025")).StatusCode);
    }

    /// <summary>Counts the password hashes verified (the work of one sign-in attempt).</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

[Collection("sqlite")]
public sealed class SignInGuessingTests_Sqlite(StrictSqlitePortal portal) : SignInGuessingTests(portal), IClassFixture<StrictSqlitePortal>;

[Collection("postgres")]
public sealed class SignInGuessingTests_Postgres(StrictPostgresPortal portal) : SignInGuessingTests(portal), IClassFixture<StrictPostgresPortal>;
