using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.Security;

/// <summary>
/// Every kind of response carries the security headers: the sign-in page, a signed-in page, a 404, the error page,
/// file downloads, /healthz and a static file. Downloads are never cached. Outside Production the cookies stay
/// usable over plain http (SameAsRequest), which is what the demo on http://localhost needs.
/// </summary>
public abstract partial class SecurityHeadersTests(DemoTablesPortal portal)
{
    private static readonly string[] CspDirectives =
    [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'",
        "form-action 'self'", "base-uri 'self'", "object-src 'none'",
    ];

    internal static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no Content-Security-Policy");
        var directives = string.Join(";", csp).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CspDirectives.Order(), directives.Order());
        Assert.DoesNotContain("unsafe", string.Join(";", csp), StringComparison.Ordinal);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options", what));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy", what));
        Assert.Equal("DENY", Single(response, "X-Frame-Options", what), ignoreCase: true);
        var permissions = Single(response, "Permissions-Policy", what);
        Assert.Contains("camera=()", permissions, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", permissions, StringComparison.Ordinal);
        Assert.Contains("microphone=()", permissions, StringComparison.Ordinal);
    }

    private static string Single(HttpResponseMessage response, string header, string what)
    {
        Assert.True(response.Headers.TryGetValues(header, out var values), $"{what}: no {header}");
        return Assert.Single(values);
    }

    private static bool NoStore(HttpResponseMessage response) => response.Headers.CacheControl?.NoStore == true;

    [Fact]
    public async Task The_sign_in_page_has_the_headers_and_its_cookie_works_over_plain_http_outside_Production()
    {
        var response = await portal.Browser().GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response, "sign-in page");
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS outside Production");
    }

    [Fact]
    public async Task A_signed_in_page_a_404_and_the_error_page_have_the_headers()
    {
        var commission = await portal.SignedInAsync(Commission);

        var home = await commission.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("<html", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertSecurityHeaders(home, "home page");

        var missing = await commission.GetAsync("/NoSuchFeature/Anything");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("页面不存在", await missing.Content.ReadAsStringAsync());
        AssertSecurityHeaders(missing, "404 page");

        var error = await portal.Browser().GetAsync("/Errors/Error");
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        AssertSecurityHeaders(error, "error page");
    }

    [Fact]
    public async Task Summary_table_downloads_are_never_stored_and_carry_the_headers()
    {
        var id = await portal.WithDbAsync(db => db.SummaryTables
            .Where(t => t.State == SummaryTableState.Submitted && t.UnitName == "浦东新区").Select(t => t.Id).FirstAsync());
        var commission = await portal.SignedInAsync(Commission);

        foreach (var (url, type) in new[] { ($"/SummaryTables/Pdf/{id}", "application/pdf"), ($"/SummaryTables/Xlsx/{id}", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") })
        {
            var response = await commission.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.True(NoStore(response), $"{url}: Cache-Control is '{response.Headers.CacheControl}'");
            AssertSecurityHeaders(response, url);
        }
    }

    [Theory]
    [InlineData(null, "/Account/Login")]
    [InlineData("admin@zpq.local", "/Organisations/Create")]
    [InlineData("district.pudong@zpq.local", "/Enterprises/Create")]
    [InlineData("commission@zpq.local", "/RecommendationOverview")]
    public async Task Pages_have_no_inline_style_script_or_event_handler_the_policy_would_refuse(string? email, string path)
    {
        var client = email is null ? portal.Browser() : await portal.SignedInAsync(email);

        var html = await client.GetStringAsync(path);

        Assert.Contains("</html>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineStyle(), html);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandler(), html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"<[^>]+\sstyle\s*=|<style\b", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [Fact]
    public async Task Healthz_and_static_files_have_the_headers_and_static_files_stay_cacheable()
    {
        var client = portal.Browser();

        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        AssertSecurityHeaders(health, "/healthz");

        var css = await client.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.False(NoStore(css));
        AssertSecurityHeaders(css, "/css/site.css");

        var script = await client.GetAsync("/js/site.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        AssertSecurityHeaders(script, "/js/site.js");
    }
}

[Collection("sqlite")]
public sealed class SecurityHeadersTests_Sqlite(DemoTablesSqlitePortal portal) : SecurityHeadersTests(portal), IClassFixture<DemoTablesSqlitePortal>;

[Collection("postgres")]
public sealed class SecurityHeadersTests_Postgres(DemoTablesPostgresPortal portal) : SecurityHeadersTests(portal), IClassFixture<DemoTablesPostgresPortal>;
