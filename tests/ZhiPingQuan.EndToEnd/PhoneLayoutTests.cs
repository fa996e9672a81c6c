using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;

namespace ZhiPingQuan.EndToEnd;

/// <summary>On a 390×844 phone screen the main lists never make the page scroll sideways (wide tables scroll in their own box).</summary>
[Collection("portal")]
public sealed class PhoneLayoutTests(PortalServer server) : BrowserTest(server)
{
    public static TheoryData<string, string> Lists => new()
    {
        { "district.pudong@zpq.local", "/Enterprises" },
        { "district.pudong@zpq.local", "/Recommendations" },
        { "district.pudong@zpq.local", "/SummaryTables" },
        { "commission@zpq.local", "/RecommendationOverview" },
        { "enterprise.a@zpq.local", "/" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public Task The_page_does_not_scroll_sideways_on_a_phone(string email, string path) => RunAsync(async () =>
    {
        await Page.SetViewportSizeAsync(390, 844);
        await SignInAsync(email, DemoPassword);
        await Page.GotoAsync(path);

        var (scrollWidth, innerWidth) = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]") switch
        {
            var v => (v[0], v[1]),
        };
        Assert.True(scrollWidth <= innerWidth, $"{path}: the page is {scrollWidth}px wide on a {innerWidth}px screen");
        // The collapsed menu opens and its links are reachable.
        await Page.Locator("button.navbar-toggler").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(Page.Locator("#mainNav .nav-link").First).ToBeVisibleAsync();
        await ScreenshotAsync($"phone{path.Replace('/', '_')}-{email.Split('@')[0]}");
    }, $"{email}{path}");
}
