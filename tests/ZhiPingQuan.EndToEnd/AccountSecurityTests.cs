using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OtpNet;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// Two-factor sign-in as its user meets it: enrolment with the key shown on the page, then a sign-in that asks for the
/// code. The codes are computed by Otp.NET, an implementation independent of the portal's (as a phone's authenticator
/// is). Runs on the isolated portal: the enrolled account asks for a code from then on, which no other test expects.
/// </summary>
[Collection("portal-isolated")]
public sealed class TwoFactorSignInTests(PortalServer server) : BrowserTest(server)
{
    // A demo account need not use a second factor in the Demo environment, but may enrol like anyone.
    private const string Account = "agency.b@zpq.local";

    [Fact]
    public Task An_account_enrols_with_the_key_on_the_page_and_then_signs_in_with_the_code() => RunAsync(async () =>
    {
        await SignInAsync(Account, DemoPassword);
        await Expect(Page.GetByTestId("home-title")).ToHaveTextAsync("服务机构工作台");

        await Page.GetByRole(AriaRole.Link, new() { Name = "两步验证" }).ClickAsync();
        await Expect(Page.GetByTestId("two-factor-qr")).ToBeVisibleAsync();
        var key = (await Page.GetByTestId("two-factor-key").TextContentAsync())!.Trim();
        await ScreenshotAsync("account-two-factor-enrolment");

        // A wrong code enables nothing.
        await Page.Locator("input[name=Code]").FillAsync(WrongCode(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "启用两步验证" }).ClickAsync();
        await Expect(Page.Locator(".validation-summary-errors")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("two-factor-enabled")).ToHaveCountAsync(0);

        await Page.Locator("input[name=Code]").FillAsync(Code(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "启用两步验证" }).ClickAsync();
        await Expect(Page.GetByTestId("two-factor-enabled")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await ScreenshotAsync("account-two-factor-recovery-codes");

        await Page.GetByTestId("sign-out").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        // The password alone no longer signs in: the portal asks for the code.
        await SignInAsync(Account, DemoPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/LoginWithCode"));
        await Expect(Page.GetByTestId("home-title")).ToHaveCountAsync(0);
        await ScreenshotAsync("account-two-factor-sign-in");

        await Page.Locator("input[name=Code]").FillAsync(WrongCode(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "验证并登录" }).ClickAsync();
        await Expect(Page.GetByTestId("login-error")).ToBeVisibleAsync();
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(LoginUrl);

        await SignInAsync(Account, DemoPassword);
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/LoginWithCode"));
        await Page.Locator("input[name=Code]").FillAsync(Code(key));
        await Page.GetByRole(AriaRole.Button, new() { Name = "验证并登录" }).ClickAsync();
        await Expect(Page.GetByTestId("home-title")).ToHaveTextAsync("服务机构工作台");
    });

    private static string Code(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key.Replace(" ", ""))).ComputeTotp(DateTime.UtcNow);

    /// <summary>A code no nearby time step gives (the portal accepts a little clock drift).</summary>
    private static string WrongCode(string base32Key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(base32Key.Replace(" ", "")));
        var near = Enumerable.Range(-3, 7).Select(s => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * s))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6")).First(c => !near.Contains(c));
    }
}

/// <summary>The account pages as their users see them, each kept as a screenshot for review.</summary>
[Collection("portal")]
public sealed class AccountPagesTests(PortalServer server) : BrowserTest(server)
{
    [Fact]
    public Task The_sign_in_page_offers_the_password_reset_and_the_enterprise_registration() => RunAsync(async () =>
    {
        await Page.GotoAsync("/Account/Login");
        await Expect(Page.Locator("input[name=Email]")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("forgot-password")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("register")).ToBeVisibleAsync();
        await ScreenshotAsync("account-sign-in");
    });

    [Fact]
    public Task The_system_administrator_manages_accounts_and_the_security_administrator_sees_the_settings() => RunAsync(async () =>
    {
        await SignInAsync("admin@zpq.local", DemoPassword);
        await Page.GotoAsync("/Users");
        await Expect(Page.GetByTestId("user-table")).ToContainTextAsync("enterprise.a@zpq.local");
        await ScreenshotAsync("account-users-admin");

        await Page.GetByTestId("sign-out").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await SignInAsync("security@zpq.local", DemoPassword);
        await Expect(Page.GetByTestId("home-title")).ToHaveTextAsync("安全管理工作台");
        await Page.GotoAsync("/Users");
        await Expect(Page.GetByTestId("user-table")).ToContainTextAsync("enterprise.a@zpq.local");
        await ScreenshotAsync("account-users-security");
        await Page.GotoAsync("/Users/Security");
        await Expect(Page.Locator("main")).ToContainTextAsync("两步验证");
        await ScreenshotAsync("account-security-settings");
    });

    [Fact]
    public Task A_district_opens_the_invitation_of_its_enterprise_from_the_registry() => RunAsync(async () =>
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await Page.GotoAsync("/Enterprises");
        var row = Page.GetByTestId("enterprise-table").Locator("tbody tr").Filter(new() { Has = Page.GetByTestId("account-state") }).First;
        await Expect(row.GetByTestId("account-state")).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await Page.GetByTestId("invite").ClickAsync();
        await Expect(Page.GetByTestId("invite-form")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("account-state")).ToBeVisibleAsync();
        await ScreenshotAsync("account-enterprise-invitation");
    });
}
