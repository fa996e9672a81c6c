using System.Diagnostics;
using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>The summary-table path changes the demo data (a table is built, sealed and submitted), so it has a portal of its own.</summary>
[CollectionDefinition("portal-summary-table")]
public sealed class SummaryTablePortalCollection : ICollectionFixture<PortalServer>;

/// <summary>
/// 汇总表 through the pages, each role in turn (docs/domain.md §4.3): the district builds its table for the current year's
/// 第二批 from the demo's confirmed assessments and seals it; the third party seals; the district submits; the commission
/// finds it in its inbox and downloads the .xlsx and the PDF; an anonymous visitor verifies the code printed in the PDF.
/// </summary>
[Collection("portal-summary-table")]
public sealed class SummaryTablePathTests(PortalServer server) : BrowserTest(server)
{
    private static int CurrentYear => DateTime.UtcNow.AddHours(8).Year;

    private static string BatchLabel => $"{CurrentYear}年度 第二批";

    [Fact]
    public Task From_draft_to_a_verified_printout() => RunAsync(async () =>
    {
        await DistrictBuildsAndSealsAsync();
        await ThirdPartySealsAsync();
        var code = await DistrictSubmitsAsync();
        var pdf = await CommissionReceivesAndDownloadsAsync(code);
        await AnonymousVerifiesAsync(code, pdf);
    });

    private async Task DistrictBuildsAndSealsAsync()
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await MenuAsync("汇总表");
        var row = Page.GetByTestId("district-tables").GetByRole(AriaRole.Row).Filter(new() { HasText = BatchLabel });
        await Expect(row).ToContainTextAsync("未开始");
        await ScreenshotAsync("SummaryTablePathTests.district-list");
        await row.GetByRole(AriaRole.Link, new() { Name = "生成汇总表" }).ClickAsync();
        await Expect(Page.GetByTestId("table-title")).ToHaveTextAsync($"{CurrentYear}年上海市“智评券”试点重点企业名单汇总表（第二批）");
        await Expect(Page.GetByTestId("proposal-rows").Locator("tbody tr")).ToHaveCountAsync(2);
        await ScreenshotAsync("SummaryTablePathTests.district-proposal");
        await Page.GetByTestId("create-table").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已生成汇总表草稿，共2家企业");

        // The district puts the second enterprise first and corrects its contact (the only column it edits).
        var second = Page.GetByTestId("row-2");
        var name = (await second.Locator("td").Nth(1).TextContentAsync())!.Trim();
        await second.GetByRole(AriaRole.Button, new() { Name = $"上移 {name}" }).ClickAsync();
        await Expect(Page.GetByTestId("row-1")).ToContainTextAsync(name);
        await Page.GetByTestId("correct-contact-1").ClickAsync();
        await Page.GetByTestId("row-1").Locator("input[name=contact]").FillAsync("何建军 13916660000");
        await Page.GetByTestId("row-1").GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已更正联系方式");
        await Expect(Page.GetByTestId("row-1")).ToContainTextAsync("何建军 13916660000");
        await ScreenshotAsync("SummaryTablePathTests.district-draft");

        await Page.GetByTestId("seal-district").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("推荐单位已电子盖章");
        await Expect(Page.GetByTestId("seal-District")).ToContainTextAsync("李科长（浦东新区）");
        await SignOutAsync();
    }

    private async Task ThirdPartySealsAsync()
    {
        await SignInAsync("thirdparty@zpq.local", DemoPassword);
        await Expect(Page.GetByTestId("todo-list")).ToContainTextAsync("推荐单位已盖章、待第三方盖章的汇总表");
        await MenuAsync("汇总表盖章");
        await Page.GetByTestId("queue-AwaitingThirdPartySeal").ClickAsync();
        var row = Page.GetByTestId("tables").GetByRole(AriaRole.Row).Filter(new() { HasText = "浦东新区" }).Filter(new() { HasText = "第二批" });
        await Expect(row).ToContainTextAsync("区已盖章");
        await ScreenshotAsync("SummaryTablePathTests.third-party-queue");
        await row.GetByRole(AriaRole.Link, new() { Name = "核对盖章" }).ClickAsync();
        await Expect(Page.GetByTestId("seal-third-party-panel")).ToBeVisibleAsync();
        await ScreenshotAsync("SummaryTablePathTests.third-party-review");
        await Page.GetByTestId("seal-third-party").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("第三方机构已电子盖章");
        await Expect(Page.GetByTestId("seal-ThirdParty")).ToContainTextAsync("赵审核员（第三方）");
        await SignOutAsync();
    }

    private async Task<string> DistrictSubmitsAsync()
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await MenuAsync("汇总表");
        await Page.GetByTestId("district-tables").GetByRole(AriaRole.Row).Filter(new() { HasText = BatchLabel })
            .GetByRole(AriaRole.Link, new() { Name = "打开" }).ClickAsync();
        await Page.GetByTestId("submit").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("汇总表已报送市经信委");
        await Expect(Page.GetByTestId("signature")).ToHaveTextAsync("签名有效");
        var code = (await Page.GetByTestId("verification-code").TextContentAsync())!.Trim();
        Assert.Matches("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", code);
        await ScreenshotAsync("SummaryTablePathTests.district-submitted");
        await SignOutAsync();
        return code;
    }

    private async Task<string> CommissionReceivesAndDownloadsAsync(string code)
    {
        await SignInAsync("commission@zpq.local", DemoPassword);
        await MenuAsync("汇总表报送");
        var batch = Page.Locator("#batchId option").Filter(new() { HasText = BatchLabel });
        await Page.Locator("#batchId").SelectOptionAsync(await batch.GetAttributeAsync("value") ?? "");
        await Page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var row = Page.GetByTestId("unit-浦东新区");
        await Expect(row).ToContainTextAsync("已报送（按时）");
        await Expect(Page.GetByTestId("inbox").Locator("tbody tr")).ToHaveCountAsync(19);
        await Expect(Page.GetByTestId("count-NotStarted")).ToHaveTextAsync("17");
        await ScreenshotAsync("SummaryTablePathTests.commission-inbox");

        var folder = Path.Combine(RepoPaths.TestOutputDirectory, "summary-table-e2e");
        Directory.CreateDirectory(folder);
        var xlsx = await Page.RunAndWaitForDownloadAsync(() => row.GetByTestId("inbox-xlsx").ClickAsync());
        Assert.EndsWith("第二批汇总表_浦东新区_第1版.xlsx", xlsx.SuggestedFilename);
        var xlsxPath = Path.Combine(folder, "summary-table.xlsx");
        await xlsx.SaveAsAsync(xlsxPath);
        Assert.True(new FileInfo(xlsxPath).Length > 1000);

        var pdf = await Page.RunAndWaitForDownloadAsync(() => row.GetByTestId("inbox-pdf").ClickAsync());
        var pdfPath = Path.Combine(folder, "summary-table.pdf");
        await pdf.SaveAsAsync(pdfPath);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdfPath)[..5]));
        // The first page as a picture beside the browser screenshots, for a person to look at.
        Directory.CreateDirectory(RepoPaths.ScreenshotDirectory);
        Run("pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", pdfPath, Path.Combine(RepoPaths.ScreenshotDirectory, "SummaryTablePathTests.pdf-page1"));
        Assert.True(File.Exists(Path.Combine(RepoPaths.ScreenshotDirectory, "SummaryTablePathTests.pdf-page1.png")));
        var text = Run("pdftotext", "-layout", pdfPath, "-");
        Assert.Contains(code, text);
        Assert.Contains("第三方机构（盖章）：上海智能制造质量监督服务中心（第三方）", text);
        await SignOutAsync();
        return text;
    }

    private async Task AnonymousVerifiesAsync(string code, string pdfText)
    {
        await Page.GotoAsync("/verify");
        await Page.Locator("#code").FillAsync(code.ToLowerInvariant());
        await Page.GetByTestId("verify-submit").ClickAsync();
        await Expect(Page.GetByTestId("verify-signature")).ToContainTextAsync("签名有效");
        await Expect(Page.GetByTestId("verify-details")).ToContainTextAsync("浦东新区");
        await Expect(Page.GetByTestId("verify-revision")).ToContainTextAsync("当前有效版本");
        var hash = (await Page.GetByTestId("verify-hash").TextContentAsync())!.Trim();
        Assert.Contains(hash[..16], pdfText);
        await ScreenshotAsync("SummaryTablePathTests.anonymous-verified");

        await Page.GotoAsync("/verify/ABCD-2345-EFGH");
        await Expect(Page.GetByTestId("verify-not-found")).ToContainTextAsync("未找到");
    }

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
