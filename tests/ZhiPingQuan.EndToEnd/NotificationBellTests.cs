using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>The notification test assigns the demo enterprise an agency, so it runs on a portal of its own.</summary>
[CollectionDefinition("portal-notifications")]
public sealed class NotificationPortalCollection : ICollectionFixture<PortalServer>;

/// <summary>
/// The bell in the navigation bar: the agency is signed in while, in another browser, the district assigns it a task; the
/// agency's bell goes up by one on its next page, the inbox shows the notice on top, marking it read brings the count back down,
/// and opening it leads to the assessment.
/// </summary>
[Collection("portal-notifications")]
public sealed class NotificationBellTests(PortalServer server) : BrowserTest(server)
{
    private const string DemoEnterprise = "上海浦江精密装备有限公司";
    private const string DemoAgency = "上海智评工业咨询有限公司";

    private static int CurrentYear => DateTime.UtcNow.AddHours(8).Year;

    private static async Task<int> BellAsync(IPage page) => int.Parse(await page.GetByTestId("bell-count").TextContentAsync() ?? "0");

    [Fact]
    public Task The_agencys_bell_counts_the_new_task_and_goes_down_when_the_notice_is_read() => RunAsync(async () =>
    {
        await SignInAsync("agency.a@zpq.local", DemoPassword);
        var before = await BellAsync(Page);

        await DistrictAssignsAgencyAAsync();

        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("bell-count")).ToHaveTextAsync((before + 1).ToString());
        await Expect(Page.GetByTestId("bell")).ToHaveAttributeAsync("title", $"通知（{before + 1} 条未读）");

        await Page.GetByTestId("bell").ClickAsync();
        var newest = Page.GetByTestId("notice").First;
        await Expect(newest.GetByTestId("notice-title")).ToHaveTextAsync($"新的评估任务：{DemoEnterprise}");
        await Expect(newest).ToHaveAttributeAsync("data-read", "false");
        await Expect(Page.GetByTestId("inbox-unread")).ToHaveTextAsync($"未读 {before + 1} 条");
        await ScreenshotAsync("NotificationBellTests.agency-inbox");

        await newest.GetByTestId("notice-mark-read").ClickAsync();

        await Expect(Page.GetByTestId("bell-count")).ToHaveTextAsync(before.ToString());
        await Expect(Page.GetByTestId("notice").First).ToHaveAttributeAsync("data-read", "true");

        await Page.GetByTestId("notice").First.GetByTestId("notice-open").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Assignments/Details/[0-9a-f-]{36}$"));
        await Expect(Page.Locator("main")).ToContainTextAsync(DemoEnterprise);

        if (before > 0)
        {
            await Page.GetByTestId("bell").ClickAsync();
            await Page.GetByTestId("mark-all-read").ClickAsync();
            await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync($"已将 {before} 条通知标为已读");
            await Expect(Page.GetByTestId("bell-count")).ToBeHiddenAsync();
            await Expect(Page.GetByTestId("bell-count")).ToHaveTextAsync("0");
        }
    });

    /// <summary>In a second browser: the district recommends the demo enterprise to this year's 第一批 and assigns agency A.</summary>
    private async Task DistrictAssignsAgencyAAsync()
    {
        await using var district = await Server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        district.SetDefaultTimeout(20_000);
        var page = await district.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name=Email]").FillAsync("district.pudong@zpq.local");
        await page.Locator("input[name=Password]").FillAsync(DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        await Menu(page, "本单位企业");
        await page.Locator("#q").FillAsync(DemoEnterprise);
        await page.Locator("#q").PressAsync("Enter");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await page.GetByTestId("recommend").ClickAsync();
        var batch = page.Locator("#Form_BatchId option").Filter(new() { HasText = $"{CurrentYear}年度 第一批" });
        await page.Locator("#Form_BatchId").SelectOptionAsync(await batch.GetAttributeAsync("value") ?? "");
        await page.Locator("#Form_Bases_3__Selected").CheckAsync();
        await page.GetByTestId("submit-recommend").ClickAsync();
        await Expect(page.GetByTestId("recommendation-state")).ToHaveTextAsync("已推荐");

        await Menu(page, "评估指派");
        await page.GetByTestId("unassigned-link").ClickAsync();
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).GetByRole(AriaRole.Link, new() { Name = "指派服务机构" }).ClickAsync();
        await page.GetByLabel(DemoAgency).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认指派" }).ClickAsync();
        await Expect(page.GetByTestId("flash-success")).ToContainTextAsync("已为");
    }

    private static Task Menu(IPage page, string name) => page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
}
