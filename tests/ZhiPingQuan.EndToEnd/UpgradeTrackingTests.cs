using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>Upgrade tracking changes the demo data (a record, a problem, a project), so it has a portal of its own.</summary>
[CollectionDefinition("portal-upgrades")]
public sealed class UpgradePortalCollection : ICollectionFixture<PortalServer>;

/// <summary>
/// 改造升级跟踪 through the pages (docs/domain.md §4.7): the district finds an assessed enterprise not yet tracked, records a
/// problem under a capability domain, adds a follow-up project and starts it; the list then shows it as 实施中.
/// </summary>
[Collection("portal-upgrades")]
public sealed class UpgradeTrackingTests(PortalServer server) : BrowserTest(server)
{
    [Fact]
    public Task The_district_records_a_problem_and_a_project_and_starts_it() => RunAsync(async () =>
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "改造升级跟踪", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("share")).ToContainTextAsync("评估后六个月内启动项目");
        await Page.Locator("#status").SelectOptionAsync("NotTracked");
        await Page.GetByTestId("filters").GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var row = Page.GetByTestId("upgrade-table").Locator("tbody tr").First;
        await Expect(row.GetByTestId("follow-up-status")).ToHaveTextAsync("未跟踪");
        var enterprise = (await row.Locator("td").First.InnerTextAsync()).Split('\n')[0].Trim();
        await row.GetByRole(AriaRole.Link, new() { Name = "跟踪" }).ClickAsync();
        await Expect(Page.Locator("h1")).ToContainTextAsync(enterprise);

        await Page.Locator("#NewProblem_Area").SelectOptionAsync("Equipment");
        await Page.Locator("#NewProblem_Description").FillAsync("关键工序设备无数据接口，联网率不足三成");
        await Page.GetByTestId("add-problem").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已登记“资源 · 装备”方面的问题。");
        await Expect(Page.GetByTestId("problems")).ToContainTextAsync("关键工序设备无数据接口");

        await Page.Locator("#NewProject_Name").FillAsync("设备联网与数据采集平台");
        await Page.Locator("#NewProject_Link").SelectOptionAsync("Production");
        await Page.Locator("#NewProject_ContractAmountWan").FillAsync("85.5");
        await Page.GetByTestId("add-project").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已新增改造项目“设备联网与数据采集平台”（计划中）。");
        var project = Page.GetByTestId("projects").Locator("tbody tr").Filter(new() { HasText = "设备联网与数据采集平台" });
        await Expect(project.GetByTestId("project-status")).ToHaveTextAsync("计划中");
        await Expect(project).ToContainTextAsync("85.50 万元");

        await project.GetByRole(AriaRole.Button, new() { Name = "开始实施" }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("项目已开始实施");
        await Expect(project.GetByTestId("project-status")).ToHaveTextAsync("实施中");
        await Expect(Page.Locator("h1").GetByTestId("follow-up-status")).ToHaveTextAsync("实施中");
        await Expect(Page.GetByTestId("within")).ToContainTextAsync("是");
        await Expect(Page.GetByTestId("record-history")).ToContainTextAsync("改造项目开始实施");
        await ScreenshotAsync("UpgradeTrackingTests.district-record");

        await Page.GetByRole(AriaRole.Link, new() { Name = "返回列表" }).ClickAsync();
        await Expect(Page.GetByTestId("upgrade-table").Locator("tbody tr").Filter(new() { HasText = enterprise }).GetByTestId("follow-up-status"))
            .ToHaveTextAsync("实施中");
        await ScreenshotAsync("UpgradeTrackingTests.district-list");
    });
}
