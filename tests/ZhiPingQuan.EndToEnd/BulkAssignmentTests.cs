using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>The bulk assignment assigns the demo's waiting enterprises, so it runs on a portal of its own.</summary>
[CollectionDefinition("portal-bulk-assignment")]
public sealed class BulkAssignmentPortalCollection : ICollectionFixture<PortalServer>;

/// <summary>
/// 评估指派 in one step: 浦东新区 ticks the five demo enterprises waiting for an agency, chooses one agency, reads the
/// confirmation listing the five with the agency, confirms, and sees one result row per enterprise.
/// </summary>
[Collection("portal-bulk-assignment")]
public sealed class BulkAssignmentTests(PortalServer server) : BrowserTest(server)
{
    private const string DemoAgency = "上海智评工业咨询有限公司";

    private static readonly string[] Waiting =
    [
        "上海川沙精密模具有限公司", "上海周浦智能家电有限公司", "上海康桥汽车电子有限公司", "上海张江细胞药业有限公司", "上海航头新型材料有限公司",
    ];

    [Fact]
    public Task A_district_assigns_five_enterprises_at_once() => RunAsync(async () =>
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await MenuAsync("评估指派");
        await Page.GetByTestId("unassigned-link").ClickAsync();
        var table = Page.GetByTestId("unassigned-table");
        foreach (var name in Waiting)
        {
            await table.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).GetByTestId("pick").CheckAsync();
        }
        await ScreenshotAsync("BulkAssignmentTests.unassigned-ticked");
        await Page.GetByTestId("bulk-assign").ClickAsync();

        await Expect(Page.GetByTestId("bulk-rows").Locator("tbody tr")).ToHaveCountAsync(5);
        await Page.GetByLabel(DemoAgency).CheckAsync();
        await ScreenshotAsync("BulkAssignmentTests.choose-agency");
        await Page.GetByTestId("bulk-next").ClickAsync();

        await Expect(Page.GetByTestId("bulk-agency")).ToHaveTextAsync(DemoAgency);
        await Expect(Page.GetByTestId("bulk-rows").Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(Page.GetByTestId("confirm-consequences")).ToContainTextAsync("5");
        await ScreenshotAsync("BulkAssignmentTests.confirm");
        await Page.GetByTestId("confirm-button").ClickAsync();

        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已为5家企业指派服务机构");
        var result = Page.GetByTestId("bulk-result");
        await Expect(result.Locator("tbody tr")).ToHaveCountAsync(5);
        foreach (var name in Waiting)
        {
            await Expect(result.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync(DemoAgency);
        }
        await ScreenshotAsync("BulkAssignmentTests.result");

        await Page.GetByRole(AriaRole.Link, new() { Name = "继续指派" }).ClickAsync();
        foreach (var name in Waiting)
        {
            await Expect(Page.GetByTestId("unassigned-table")).Not.ToContainTextAsync(name);
        }
    });

    private Task MenuAsync(string name) => Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
}
