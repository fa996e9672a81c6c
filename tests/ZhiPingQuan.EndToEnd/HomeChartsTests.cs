using System.Text.Json;
using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// The commission's home page shows the programme at a glance: four charts drawn by Chart.js on their canvases, each with a
/// table holding the numbers the chart was drawn from; the year selector changes the year. A screenshot is kept.
/// </summary>
[Collection("portal")]
public sealed class HomeChartsTests(PortalServer server) : BrowserTest(server)
{
    private static readonly string[] Charts = ["funnel", "budget", "coverage", "levels"];

    [Fact]
    public Task The_commission_sees_the_2023_pilot_in_four_charts_with_their_numbers_in_tables() => RunAsync(async () =>
    {
        // Reduced motion: the charts are drawn at once (no animation), as for a user who asked for it.
        await Page.EmulateMediaAsync(new PageEmulateMediaOptions { ReducedMotion = ReducedMotion.Reduce });
        await SignInAsync("commission@zpq.local", DemoPassword);
        await Expect(Page.GetByTestId("programme-charts")).ToBeVisibleAsync();
        await Page.GetByTestId("chart-year").SelectOptionAsync(new SelectOptionValue { Label = "2023年度" });
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "2023年度项目概况（全市）" })).ToBeVisibleAsync();

        foreach (var chart in Charts)
        {
            var canvas = Page.GetByTestId($"chart-{chart}");
            await Expect(canvas).ToHaveAttributeAsync("data-chart-drawn", new System.Text.RegularExpressions.Regex("^[1-9]"));
            // Drawn: Chart.js owns the canvas and has painted pixels on it.
            var painted = await canvas.EvaluateAsync<int>(
                "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return Chart.getChart(c) ? n : -1; }");
            Assert.True(painted > 1000, $"chart-{chart}: {painted} painted pixels");
        }

        // The funnel's table holds exactly the numbers its chart was drawn from, batch by batch.
        await Page.GetByText("查看数据表").First.ClickAsync();
        var spec = JsonDocument.Parse((await Page.GetByTestId("chart-funnel").GetAttributeAsync("data-chart"))!).RootElement;
        var table = Page.GetByTestId("table-funnel");
        await Expect(table).ToBeVisibleAsync();
        foreach (var series in spec.GetProperty("series").EnumerateArray())
        {
            var row = table.Locator("tbody tr").Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = series.GetProperty("label").GetString()!, Exact = true }) });
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Equal(series.GetProperty("data").EnumerateArray().Select(v => v.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture)), cells);
        }
        // 2023: 浦东新区 14 and 闵行区 12 enterprises recommended in the two batches.
        await Expect(table.Locator("tfoot td").First).ToHaveTextAsync("26");
        var levels = JsonDocument.Parse((await Page.GetByTestId("chart-levels").GetAttributeAsync("data-chart"))!).RootElement;
        var levelCells = await Page.GetByTestId("table-levels").Locator("tbody td").AllTextContentsAsync();
        Assert.Equal(levels.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(v => v.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            levelCells.Select(c => c.Trim()));
        await Expect(Page.GetByTestId("table-coverage")).ToContainTextAsync("浦东新区");
        await Expect(Page.GetByTestId("table-budget")).ToContainTextAsync("预算上限");

        var shot = await ScreenshotAsync("HomeChartsTests.commission-2023");
        Assert.True(new FileInfo(shot).Length > 20_000, "the screenshot is nearly empty");
    });
}
