using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// The strict Content-Security-Policy (no inline script or style) against the real pages in Chromium: each role's home
/// and main lists load without one violation, and the behaviour that used to be inline (the collapsed menu, selects
/// that submit their form, the organisation form's kind switch) still works from wwwroot/js.
/// </summary>
[Collection("portal")]
public sealed class ContentSecurityPolicyTests(PortalServer server) : BrowserTest(server)
{
    // Runs before any page script, outside the page's CSP (Playwright injects it), so it sees every violation.
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
            `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || location.pathname}:${e.lineNumber}`));
        """;

    private readonly List<string> _consoleErrors = [];

    private async Task RecordViolationsAsync()
    {
        await Context.AddInitScriptAsync(ViolationRecorder);
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add($"{Page.Url}: {message.Text}");
                }
            }
        };
    }

    private async Task<List<string>> ViolationsAsync(string path)
    {
        var found = (await Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []")).Select(v => $"{path}: {v}").ToList();
        lock (_consoleErrors)
        {
            found.AddRange(_consoleErrors);
            _consoleErrors.Clear();
        }
        return found;
    }

    private async Task<List<string>> VisitAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.True(csp is not null && csp.Contains("script-src 'self'", StringComparison.Ordinal), $"{path}: CSP header is '{csp}'");
        await Page.WaitForLoadStateAsync(LoadState.Load);
        return await ViolationsAsync(path);
    }

    [Fact]
    public Task The_sign_in_page_loads_without_a_violation_and_the_recorder_does_see_one() => RunAsync(async () =>
    {
        await RecordViolationsAsync();
        Assert.Empty(await VisitAsync("/Account/Login"));

        // The recorder is not blind: a style attribute set from script is refused and reported.
        await Page.EvaluateAsync("() => document.body.setAttribute('style', 'color: red')");
        await Page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        Assert.Contains(await ViolationsAsync("/Account/Login"), v => v.Contains("style-src", StringComparison.Ordinal));
    });

    [Theory]
    [MemberData(nameof(AccessibilityTests.MainPages), MemberType = typeof(AccessibilityTests))]
    public Task Each_roles_home_and_main_lists_load_without_a_violation(string email, string[] paths) => RunAsync(async () =>
    {
        await RecordViolationsAsync();
        await SignInAsync(email, DemoPassword);
        var found = await ViolationsAsync("sign-in");
        foreach (var path in paths)
        {
            found.AddRange(await VisitAsync(path));
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }, email);

    [Fact]
    public Task The_collapsed_menu_and_the_auto_submitting_year_select_work_under_the_policy() => RunAsync(async () =>
    {
        await RecordViolationsAsync();
        await SignInAsync("commission@zpq.local", DemoPassword);

        // Bootstrap's collapse: on a phone-sized window the menu opens from the toggler.
        await Page.SetViewportSizeAsync(400, 800);
        await Page.GotoAsync("/");
        var menu = Page.Locator("#mainNav");
        await Assertions.Expect(menu).Not.ToBeVisibleAsync();
        await Page.Locator("button.navbar-toggler").ClickAsync();
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("button.navbar-toggler")).ToHaveAttributeAsync("aria-expanded", "true");
        await Page.SetViewportSizeAsync(1366, 900);

        // data-autosubmit: changing the year submits the filter form, the batch emptied first.
        await Page.GotoAsync("/RecommendationOverview");
        if (await Page.Locator("select#batchId option").CountAsync() > 1)
        {
            await Page.Locator("select#batchId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        }
        Assert.DoesNotContain("yearId=", Page.Url, StringComparison.Ordinal);
        await Page.Locator("select#yearId").DispatchEventAsync("change");
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("yearId="));
        Assert.Contains("yearId=", Page.Url, StringComparison.Ordinal);
        Assert.Matches("batchId=(&|$)", Page.Url);

        var found = await ViolationsAsync("menu and year select");
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    });

    [Fact]
    public Task The_organisation_form_shows_only_the_fields_of_the_chosen_kind() => RunAsync(async () =>
    {
        await RecordViolationsAsync();
        await SignInAsync("admin@zpq.local", DemoPassword);
        await Page.GotoAsync("/Organisations/Create");

        var unitOnly = Page.Locator("fieldset[data-kinds='RecommendingUnit']");
        var enterpriseOnly = Page.Locator("fieldset[data-kinds='Enterprise']");
        await Page.Locator("select#kind").SelectOptionAsync("Enterprise");
        await Assertions.Expect(enterpriseOnly).ToBeVisibleAsync();
        await Assertions.Expect(unitOnly).ToBeHiddenAsync();
        await Page.Locator("select#kind").SelectOptionAsync("RecommendingUnit");
        await Assertions.Expect(unitOnly).ToBeVisibleAsync();
        await Assertions.Expect(enterpriseOnly).ToBeHiddenAsync();

        var found = await ViolationsAsync("/Organisations/Create");
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    });
}
