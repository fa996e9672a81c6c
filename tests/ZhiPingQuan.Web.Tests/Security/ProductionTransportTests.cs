using System.Net;
using ZhiPingQuan.Web.Tests.Foundation;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Security;

/// <summary>
/// Production transport: TLS ends at the proxy, the portal pins HTTPS for a year, redirects plain http and marks every
/// cookie Secure, so no session or antiforgery cookie ever travels unencrypted.
/// </summary>
public sealed class ProductionTransportTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    private HttpClient Client(string baseAddress) => portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true,
    });

    [Fact]
    public async Task Every_cookie_is_Secure_and_HttpOnly_from_the_sign_in_page_to_the_first_signed_in_page()
    {
        var browser = portal.Browser();
        var cookies = new List<string>();

        var page = await browser.GetAsync("/Account/Login");
        SecurityHeadersTests.AssertSecurityHeaders(page, "sign-in page (Production)");
        cookies.AddRange(page.Headers.GetValues("Set-Cookie"));
        var signIn = await browser.SignInAsync("admin@zpq.local", "First#admin2023");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        cookies.AddRange(signIn.Headers.GetValues("Set-Cookie"));
        // The first admin must change the password; the success message travels in the TempData cookie.
        var changed = await browser.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "First#admin2023", ["NewPassword"] = "Third#admin2025", ["ConfirmPassword"] = "Third#admin2025",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        cookies.AddRange(changed.Headers.TryGetValues("Set-Cookie", out var more) ? more : []);

        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("zpq.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Https_answers_carry_a_one_year_HSTS_and_plain_http_is_redirected_to_https()
    {
        var https = await Client("https://zpq.example.gov.cn").GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")));

        var http = await Client("http://zpq.example.gov.cn").GetAsync("/Account/Login?returnUrl=%2F");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, http.StatusCode);
        Assert.Equal("https://zpq.example.gov.cn/Account/Login?returnUrl=%2F", http.Headers.Location?.OriginalString);
        Assert.False(http.Headers.Contains("Strict-Transport-Security"), "HSTS over plain http is ignored by browsers and must not be sent");
        SecurityHeadersTests.AssertSecurityHeaders(http, "redirect to https");
    }
}
