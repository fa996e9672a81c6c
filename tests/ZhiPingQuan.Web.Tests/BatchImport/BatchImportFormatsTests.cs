using System.Net;
using System.Text.RegularExpressions;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.BatchImport.BatchListFiles;

namespace ZhiPingQuan.Web.Tests.BatchImport;

/// <summary>
/// The shared sample saved as .xls and as CSV (UTF-8, GBK) previews exactly as the .xlsx does; broken files of
/// those formats are refused in Chinese and change nothing — neither the database nor the file store.
/// </summary>
public abstract partial class BatchImportTests
{
    [Theory]
    [InlineData("district-batch-sample.xls", "district-batch-sample.xls")]
    [InlineData("district-batch-sample.xls", "district-batch-sample.et")]
    [InlineData("district-batch-sample-utf8.csv", "district-batch-sample.csv")]
    [InlineData("district-batch-sample-gbk.csv", "district-batch-sample.csv")]
    public async Task The_sample_saved_as_xls_or_CSV_previews_as_the_xlsx_does(string fixture, string uploadedAs)
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var before = await CountsAsync();
        var xlsxId = await UploadForPreviewAsync(client, File.ReadAllBytes(SamplePath), "district-batch-sample.xlsx", batch.Id);
        var otherId = await UploadForPreviewAsync(client, Fixture(fixture), uploadedAs, batch.Id);

        var xlsx = await client.GetStringAsync($"/BatchImport/Preview/{xlsxId}");
        var other = await client.GetStringAsync($"/BatchImport/Preview/{otherId}");

        Assert.Equal(("30", "23", "7"), (TestId(other, "total-count"), TestId(other, "valid-count"), TestId(other, "invalid-count")));
        Assert.Equal([8, 28, 29, 30, 31, 32, 33], InvalidRows(other));
        foreach (var row in Enumerable.Range(4, 30))
        {
            Assert.Equal(RowOutcome(xlsx, row), RowOutcome(other, row));
            Assert.Equal(RowErrors(xlsx, row), RowErrors(other, row));
        }
        AssertRowError(other, 8, "存成了数字");
        AssertRowError(other, 32, "与第7行重复");
        Assert.Equal(before, await CountsAsync());
        foreach (var id in new[] { xlsxId, otherId })
        {
            await client.PostFormAsync($"/BatchImport/Preview/{id}", $"/BatchImport/Cancel/{id}", new Dictionary<string, string>());
        }
    }

    public static TheoryData<string, string, string> BrokenFormats => new()
    {
        { "truncated.xls", "truncated-xls", "无法作为Excel工作簿打开" },
        { "wrong-version.xls", "wrong-biff", "版本无法识别" },
        { "not-biff.et", "not-biff-et", "WPS表格（.et）文件不是与Excel兼容的格式" },
        { "mixed.csv", "mixed-csv", "混有UTF-8和GB18030/GBK两种编码" },
        { "unclosed.csv", "unclosed-csv", "没有对应的结束引号" },
        { "binary.csv", "binary-csv", "不是CSV文本" },
    };

    [Theory]
    [MemberData(nameof(BrokenFormats))]
    public async Task A_broken_xls_or_CSV_is_refused_in_Chinese_and_changes_nothing(string fileName, string kind, string message)
    {
        var xls = Fixture("district-batch-sample.xls");
        var bytes = kind switch
        {
            "truncated-xls" => xls[..(xls.Length / 2)],
            "wrong-biff" => WithBiffVersion(xls, 0x0700),
            "not-biff-et" => WithoutWorkbookStream(xls),
            "mixed-csv" => MixedEncodings(),
            "unclosed-csv" => UnclosedQuote(),
            "binary-csv" => BinaryNamedCsv(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var before = await CountsAsync();
        var filesBefore = await StoredFilesAsync("浦东新区");

        var response = await UploadAsync(client, bytes, fileName, batch.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"文件“{fileName}”未能导入", html);
        Assert.Contains(message, html);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(filesBefore, await StoredFilesAsync("浦东新区"));
    }

    [Fact]
    public async Task The_upload_page_names_the_formats_it_accepts_and_the_template_stays_xlsx()
    {
        var client = await portal.SignedInAsync(Pudong);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/BatchImport"));

        var formats = Regex.Match(page, "data-testid=\"accepted-formats\"[^>]*>([^<]*)<").Groups[1].Value;
        foreach (var format in new[] { ".xlsx", ".xls", ".et", ".csv", "UTF-8", "GBK" })
        {
            Assert.Contains(format, formats);
        }
        Assert.Matches("accept=\"[^\"]*\\.xls,[^\"]*\\.et,[^\"]*\\.csv", page);
        Assert.Contains("下载名单模板（.xlsx）", page);
        var template = await client.GetAsync("/BatchImport/Template");
        Assert.EndsWith(".xlsx", template.Content.Headers.ContentDisposition!.FileNameStar);
    }

    private static string RowErrors(string html, int rowNumber) =>
        Regex.Match(RowHtml(html, rowNumber), "data-testid=\"row-errors\">(.*?)</td>", RegexOptions.Singleline).Groups[1].Value.Trim();
}
