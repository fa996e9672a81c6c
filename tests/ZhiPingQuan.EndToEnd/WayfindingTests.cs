using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// Way-finding as a district does it: a filtered, sorted list → a record (with its breadcrumb) → back, landing on the
/// same filtered list. Reads only, so it shares the demo portal.
/// </summary>
[Collection("portal")]
public sealed class WayfindingTests(PortalServer server) : BrowserTest(server)
{
    [Fact]
    public Task From_a_filtered_list_to_a_record_and_back_to_the_same_filtered_list() => RunAsync(async () =>
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "本单位企业", Exact = true }).ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("本单位企业");

        // Filter by industry, then sort by output, largest first (the sort is a link in the column header).
        await Page.Locator("#industry").SelectOptionAsync(new SelectOptionValue { Label = "高端装备" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var output = Page.Locator("th", new() { HasText = "年产值（万元）" });
        await output.GetByRole(AriaRole.Link).ClickAsync();
        await output.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(output).ToHaveAttributeAsync("aria-sort", "descending");
        var listUrl = Page.Url;
        Assert.Contains("industry=HighEndEquipment", listUrl);
        Assert.Contains("sort=output", listUrl);
        Assert.Contains("dir=desc", listUrl);
        var rows = Page.GetByTestId("enterprise-table").Locator("tbody tr");
        var first = (await rows.First.Locator("td").First.TextContentAsync())!.Trim();

        // The record page: its breadcrumb names the list and the record.
        await rows.First.GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await Expect(Page.GetByTestId("enterprise-name")).ToHaveTextAsync(first);
        var crumb = Page.GetByTestId("breadcrumb");
        await Expect(crumb).ToContainTextAsync("工作台");
        await Expect(crumb).ToContainTextAsync("本单位企业");
        await Expect(crumb.Locator("[aria-current=page]")).ToHaveTextAsync(first);
        await ScreenshotAsync("WayfindingTests.record-with-breadcrumb");
        var violations = (await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        })).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.True(violations.Count == 0, "axe: " + string.Join(", ", violations));

        // Back through the breadcrumb: the same list, filtered and sorted as it was.
        await crumb.GetByRole(AriaRole.Link, new() { Name = "本单位企业", Exact = true }).ClickAsync();
        Assert.Equal(listUrl, Page.Url);
        await Expect(Page.Locator("#industry")).ToHaveValueAsync("HighEndEquipment");
        await Expect(Page.Locator("th", new() { HasText = "年产值（万元）" })).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync(first);
    });
}
