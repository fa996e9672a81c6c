using System.Diagnostics;
using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>The redemption path changes the demo data (redemptions approved and paid), so it has a portal of its own.</summary>
[CollectionDefinition("portal-redemption")]
public sealed class RedemptionPortalCollection : ICollectionFixture<PortalServer>;

/// <summary>
/// 额度兑付 through the pages (docs/domain.md §4.6): the commission follows its to-do to the redemptions waiting for approval,
/// ticks them, confirms the list with its total and approves it in one step, records a payment; the agency finds its
/// redemptions and downloads its 兑付通知 (PDF with the total in figures and in 大写).
/// </summary>
[Collection("portal-redemption")]
public sealed class RedemptionPathTests(PortalServer server) : BrowserTest(server)
{
    [Fact]
    public Task The_commission_approves_a_list_and_records_a_payment_and_the_agency_downloads_its_notice() => RunAsync(async () =>
    {
        await SignInAsync("commission@zpq.local", DemoPassword);
        var todo = Page.GetByTestId("todo-list").GetByRole(AriaRole.Link).Filter(new() { HasText = "2023年度待批准的额度兑付" });
        await todo.ClickAsync();
        var rows = Page.GetByTestId("redemption-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await ScreenshotAsync("RedemptionPathTests.commission-pending");
        foreach (var box in await Page.GetByTestId("redemption-table").Locator("input[name=ids]").AllAsync())
        {
            await box.CheckAsync();
        }
        await Page.GetByTestId("approve-confirm").ClickAsync();
        await Expect(Page.GetByTestId("approve-list").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.GetByTestId("approve-total")).ToHaveTextAsync("200,000.00 元");
        await ScreenshotAsync("RedemptionPathTests.commission-confirm");
        await Page.GetByTestId("approve-list-submit").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已批准2笔兑付，合计200,000.00 元");
        await ScreenshotAsync("RedemptionPathTests.commission-list");

        // Record the payment of 紫竹's redemption.
        await Page.GetByTestId("redemption-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "紫竹" })
            .GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await Page.Locator("#reference").FillAsync("ICBC-2023-001024");
        await Page.GetByTestId("record-payment").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已登记支付");
        await Expect(Page.GetByTestId("redemption")).ToContainTextAsync("ICBC-2023-001024");
        await ScreenshotAsync("RedemptionPathTests.commission-paid");
        await SignOutAsync();

        await SignInAsync("agency.a@zpq.local", DemoPassword);
        await MenuAsync("兑付与支付");
        await Expect(Page.GetByTestId("redemption-table")).ToContainTextAsync("上海金桥智联机器人有限公司");
        await ScreenshotAsync("RedemptionPathTests.agency-list");
        var folder = Path.Combine(RepoPaths.TestOutputDirectory, "redemption-e2e");
        Directory.CreateDirectory(folder);
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("notices").GetByRole(AriaRole.Link).First.ClickAsync());
        Assert.EndsWith("年度智评券兑付通知_上海智评工业咨询有限公司.pdf", download.SuggestedFilename);
        var pdfPath = Path.Combine(folder, "notice.pdf");
        await download.SaveAsAsync(pdfPath);
        Directory.CreateDirectory(RepoPaths.ScreenshotDirectory);
        Run("pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdfPath, Path.Combine(RepoPaths.ScreenshotDirectory, "RedemptionPathTests.notice-page1"));
        var text = Run("pdftotext", "-layout", pdfPath, "-");
        Assert.Contains("上海智评工业咨询有限公司", text);
        Assert.Contains("上海金桥智联机器人有限公司", text);
        Assert.Contains("叁拾万元整", text);
    });

    private Task MenuAsync(string name) => Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    private async Task SignOutAsync()
    {
        await Page.GetByTestId("sign-out").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {errors}");
        return output;
    }
}
