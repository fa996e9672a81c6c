using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// A district uploads the shared sample list, reads the errors in the preview, confirms, finds the imported
/// enterprises in its list and downloads the error rows. Runs on the "portal-isolated" portal: the import
/// adds two dozen enterprises to 浦东新区, which would change what the shared portal's tests see in
/// 浦东新区's lists. (The lockout test there locks 闵行区's account; this test only signs in as 浦东新区.)
/// </summary>
[Collection("portal-isolated")]
public sealed partial class BatchImportTests(PortalServer server) : BrowserTest(server)
{
    private static string SamplePath =>
        Path.Combine(RepoPaths.RepoRoot, "tests", "ZhiPingQuan.Web.Tests", "BatchImport", "Fixtures", "district-batch-sample.xlsx");

    [Fact]
    public Task District_uploads_the_sample_reads_the_errors_confirms_and_downloads_the_error_rows() => RunAsync(async () =>
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "批量导入", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/BatchImport$"));
        await ScreenshotAsync("BatchImport.1-upload");

        await Page.Locator("input[name=file]").SetInputFilesAsync(SamplePath);
        await Page.GetByTestId("upload-submit").ClickAsync();

        // The preview: every row, with its errors in Chinese.
        await Expect(Page).ToHaveURLAsync(PreviewUrl());
        // 序号25–30 are wrong on purpose; 序号5's code was stored by Excel as a number that lost its last digits.
        await Expect(Page.GetByTestId("total-count")).ToHaveTextAsync("30");
        await Expect(Page.GetByTestId("valid-count")).ToHaveTextAsync("23");
        await Expect(Page.GetByTestId("invalid-count")).ToHaveTextAsync("7");
        await Expect(Page.GetByTestId("row-28").GetByTestId("row-errors")).ToContainTextAsync("校验位错误");
        await Expect(Page.GetByTestId("row-29").GetByTestId("row-errors")).ToContainTextAsync("低于1亿元");
        await Expect(Page.GetByTestId("row-30").GetByTestId("row-errors")).ToContainTextAsync("推荐依据不能为空");
        await Expect(Page.GetByTestId("row-31").GetByTestId("row-errors")).ToContainTextAsync("金额须高于20万元");
        await Expect(Page.GetByTestId("row-32").GetByTestId("row-errors")).ToContainTextAsync("与第7行重复");
        await Expect(Page.GetByTestId("row-33").GetByTestId("row-errors")).ToContainTextAsync("不是六大重点产业");
        await Expect(Page.GetByTestId("row-8").GetByTestId("row-errors")).ToContainTextAsync("存成了数字");
        await Expect(Page.GetByTestId("row-4").GetByTestId("row-errors")).ToHaveTextAsync("");
        await ScreenshotAsync("BatchImport.2-preview");

        await Page.GetByTestId("confirm-import").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/BatchImport/Result/[0-9a-f-]{36}$"));
        await Expect(Page.GetByTestId("imported-count")).ToHaveTextAsync("23");
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已导入23家企业");
        await ScreenshotAsync("BatchImport.3-result");
        var resultUrl = Page.Url;

        // The imported enterprises are in the unit's list.
        var listed = new List<string>();
        for (var page = 1; page <= 5; page++)
        {
            await Page.GotoAsync($"/Enterprises?page={page}");
            listed.Add(await Page.Locator("table").First.InnerTextAsync());
        }
        var listText = string.Join("\n", listed);
        var expected = ValidSampleNames();
        Assert.Equal(23, expected.Count);
        Assert.All(expected, name => Assert.Contains(name, listText));
        Assert.DoesNotContain("上海宏浦光电有限公司", listText); // 序号25, bad check character: not imported

        // The error rows as a workbook: the list's columns plus 错误原因.
        await Page.GotoAsync(resultUrl);
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("download-errors").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"zpq-errors-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            using var workbook = new XLWorkbook(path);
            var sheet = workbook.Worksheet(1);
            var header = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Equal("错误原因", header[^1]);
            Assert.Contains("统一社会信用代码", header);
            var errorRows = sheet.RowsUsed().Skip(1).ToList();
            Assert.Equal(7, errorRows.Count);
            Assert.All(errorRows, r => Assert.False(string.IsNullOrWhiteSpace(r.Cell(header.Count).GetString())));
        }
        finally
        {
            File.Delete(path);
        }
    });

    /// <summary>The names of the sample's rows expected to import (all but 序号5 and 序号25–30).</summary>
    private static List<string> ValidSampleNames()
    {
        using var workbook = new XLWorkbook(SamplePath);
        var sheet = workbook.Worksheet(1);
        return Enumerable.Range(4, 24).Where(r => r != 8).Select(r => sheet.Cell(r, 2).GetString()).ToList();
    }

    [GeneratedRegex("/BatchImport/Preview/[0-9a-f-]{36}$")]
    private static partial Regex PreviewUrl();
}
