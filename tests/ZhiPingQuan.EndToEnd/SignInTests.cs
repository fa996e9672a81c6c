using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>Signing in and out with the demo accounts, on the shared demo portal.</summary>
[Collection("portal")]
public sealed class SignInTests(PortalServer server) : BrowserTest(server)
{
    /// <summary>e-mail, home title, role name shown in the nav, organisation name shown in the nav (when fixed by the seed).</summary>
    public static TheoryData<string, string, string, string?> DemoAccounts => new()
    {
        { "admin@zpq.local", "系统管理工作台", "系统管理员", null },
        { "security@zpq.local", "安全管理工作台", "安全管理员", null },
        { "audit@zpq.local", "审计管理工作台", "审计管理员", null },
        { "commission@zpq.local", "市经济信息化委工作台", "市经信委", null },
        { "district.pudong@zpq.local", "推荐单位工作台", "推荐单位", "浦东新区" },
        { "district.minhang@zpq.local", "推荐单位工作台", "推荐单位", "闵行区" },
        { "thirdparty@zpq.local", "第三方机构工作台", "第三方机构", null },
        { "agency.a@zpq.local", "服务机构工作台", "服务机构", null },
        { "agency.b@zpq.local", "服务机构工作台", "服务机构", null },
        { "enterprise.a@zpq.local", "企业工作台", "企业", null },
        { "enterprise.b@zpq.local", "企业工作台", "企业", null },
    };

    [Fact]
    public Task Anonymous_visit_to_home_is_sent_to_the_sign_in_page() => RunAsync(async () =>
    {
        await Page.GotoAsync("/");

        await Expect(Page).ToHaveURLAsync(LoginUrl);
        await Expect(Page.Locator("input[name=Email]")).ToBeVisibleAsync();
        await Expect(Page.Locator("input[name=Password]")).ToHaveAttributeAsync("type", "password");
        await Expect(Page.Locator("button[type=submit]")).ToContainTextAsync("登录");
    });

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public Task Demo_account_lands_on_its_role_home(string email, string homeTitle, string roleName, string? organisation) => RunAsync(async () =>
    {
        await SignInAsync(email, DemoPassword);

        await Expect(Page).ToHaveURLAsync(HomeUrl());
        await Expect(Page.GetByTestId("home-title")).ToHaveTextAsync(homeTitle);
        var navUser = Page.GetByTestId("nav-user");
        await Expect(navUser).ToContainTextAsync(roleName);
        if (organisation is not null)
        {
            await Expect(navUser).ToContainTextAsync(organisation);
        }
    }, variant: email);

    [Fact]
    public Task Wrong_password_shows_the_error_and_stays_on_the_sign_in_page() => RunAsync(async () =>
    {
        await SignInAsync("enterprise.b@zpq.local", "Wrong@password1");

        await Expect(Page.GetByTestId("login-error")).ToContainTextAsync("邮箱或密码不正确");
        await Expect(Page).ToHaveURLAsync(LoginUrl);
        await Expect(Page.GetByTestId("home-title")).ToHaveCountAsync(0);

        // Still anonymous: home sends us back to the sign-in page.
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(LoginUrl);
    });

    [Fact]
    public Task Unknown_account_shows_the_same_error_as_a_wrong_password() => RunAsync(async () =>
    {
        await SignInAsync("nobody@zpq.local", DemoPassword);

        await Expect(Page.GetByTestId("login-error")).ToContainTextAsync("邮箱或密码不正确");
        await Expect(Page).ToHaveURLAsync(LoginUrl);
    });

    [Fact]
    public Task Sign_out_ends_the_session() => RunAsync(async () =>
    {
        await SignInAsync("commission@zpq.local", DemoPassword);
        await Expect(Page.GetByTestId("home-title")).ToHaveTextAsync("市经济信息化委工作台");

        await Page.GetByTestId("sign-out").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Expect(Page.GetByTestId("nav-user")).ToHaveCountAsync(0);

        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(LoginUrl);
        await Expect(Page.GetByTestId("home-title")).ToHaveCountAsync(0);
    });

    private Regex HomeUrl() => new("^" + Regex.Escape(Server.BaseUrl) + "/?$");
}

/// <summary>
/// Lockout runs on a portal of its own (collection "portal-isolated"): a locked account stays locked for
/// 30 minutes, so locking one on the shared portal would break whichever test signs in with it later.
/// </summary>
[Collection("portal-isolated")]
public sealed class LockoutTests(PortalServer server) : BrowserTest(server)
{
    private const string LockedAccount = "district.minhang@zpq.local";

    [Fact]
    public Task Five_wrong_passwords_lock_the_account_even_for_the_right_password() => RunAsync(async () =>
    {
        var error = Page.GetByTestId("login-error");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignInAsync(LockedAccount, $"Wrong@password{attempt}");
            await Expect(Page).ToHaveURLAsync(LoginUrl);
            if (attempt < 5)
            {
                // The fifth failure may already answer with the lock message; the first four must not.
                await Expect(error).ToContainTextAsync("邮箱或密码不正确");
            }
            else
            {
                await Expect(error).ToBeVisibleAsync();
            }
        }

        await SignInAsync(LockedAccount, DemoPassword);

        await Expect(error).ToContainTextAsync("锁定");
        await Expect(Page).ToHaveURLAsync(LoginUrl);
        await Expect(Page.GetByTestId("home-title")).ToHaveCountAsync(0);
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(LoginUrl);

        // The lock is the account's, not the browser's or the portal's: another account still signs in.
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await Expect(Page.GetByTestId("home-title")).ToHaveTextAsync("推荐单位工作台");
    });
}
