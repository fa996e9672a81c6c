using ZhiPingQuan.Domain.Auditing;
using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.BatchImport;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.BatchImport.BatchListFiles;

namespace ZhiPingQuan.Web.Tests.BatchImport;

/// <summary>
/// The list is read and checked once, at upload: the preview, its "errors only" tab and the error workbook
/// come from the verdict kept in the file store; confirm checks the rows again inside its transaction.
/// </summary>
public abstract partial class BatchImportTests
{
    [Fact]
    public async Task The_preview_its_error_tab_and_the_error_workbook_come_from_the_verdict_kept_at_upload_not_the_file()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var importId = await UploadForPreviewAsync(client, TemplateList(
            ValidRow(1, Code(1801), "上海结论保存甲有限公司"),
            [2, "上海结论保存乙有限公司", Code(1802), "房地产", 20000m, "4", null, null, null, null, null]), "verdict.xlsx", batch.Id);

        // The verdict is on disk beside the upload, for this import and this file (any portal instance can serve it).
        var folder = await ImportFolderAsync("浦东新区");
        var verdictPath = Path.Combine(folder, $"{importId:N}.verdict");
        Assert.True(File.Exists(verdictPath));
        var stored = new BatchImportStore(new ZhiPingQuan.Web.Infrastructure.StorageOptions { Root = portal.StorageRoot }, new Domain.Common.SystemClock());
        var pending = stored.Find(await UnitIdAsync("浦东新区"), importId)!;
        var verdict = (await stored.FindVerdictAsync(pending))!;
        Assert.Equal(pending.Sha256, verdict.Sha256);
        Assert.Equal((1, 1), (verdict.ValidCount, verdict.InvalidCount));

        // Spoil the uploaded file: were it read again, the preview would fail.
        await File.WriteAllBytesAsync(Path.Combine(folder, $"{importId:N}.upload"), PdfRenamedToXlsx());

        var preview = await client.GetStringAsync($"/BatchImport/Preview/{importId}");
        var errorsOnly = await client.GetStringAsync($"/BatchImport/Preview/{importId}?errors=true");
        Assert.Equal(("2", "1", "1"), (TestId(preview, "total-count"), TestId(preview, "valid-count"), TestId(preview, "invalid-count")));
        Assert.Equal([5], InvalidRows(errorsOnly));
        AssertRowError(errorsOnly, 5, "不是六大重点产业");
        var errors = await client.GetAsync($"/BatchImport/Errors/{importId}");
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        using (var workbook = new XLWorkbook(new MemoryStream(await errors.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal("上海结论保存乙有限公司", workbook.Worksheet(1).Cell(2, 2).GetString());
            Assert.Contains("不是六大重点产业", workbook.Worksheet(1).Cell(2, 12).GetString());
        }

        // A verdict that is not this file's (another hash) is not served.
        await File.WriteAllTextAsync(verdictPath, (await File.ReadAllTextAsync(verdictPath)).Replace(pending.Sha256, new string('0', 64)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/BatchImport/Preview/{importId}")).StatusCode);
        await client.PostFormAsync("/BatchImport", $"/BatchImport/Cancel/{importId}", new Dictionary<string, string>());
        Assert.False(File.Exists(verdictPath));
    }

    [Fact]
    public async Task Confirm_checks_the_rows_again_and_writes_nothing_when_a_code_was_registered_since_the_preview()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var taken = Code(1901);
        var importId = await UploadForPreviewAsync(client, TemplateList(
            ValidRow(1, taken, "上海预览后被登记有限公司"),
            ValidRow(2, Code(1902), "上海预览后仍可导入有限公司")), "changed.xlsx", batch.Id);
        Assert.Equal("2", TestId(await client.GetStringAsync($"/BatchImport/Preview/{importId}"), "valid-count"));

        // Meanwhile 闵行区 registers the first enterprise through its own registry.
        await using (var scope = portal.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var minhang = await db.RecommendingUnits.FirstAsync(u => u.Name == "闵行区");
            db.Enterprises.Add(new Enterprise("上海预览后被登记有限公司", CreditCode.Parse(taken), KeyIndustry.Automotive, 20000m, minhang.Id));
            await db.SaveChangesAsync();
        }
        var before = await CountsAsync();

        var confirm = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());

        Assert.Equal($"/BatchImport/Preview/{importId}", confirm.Headers.Location!.OriginalString);
        Assert.Equal(before, await CountsAsync());
        var preview = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(confirm.Headers.Location!.OriginalString));
        Assert.Contains("未导入任何数据：自预览以来，系统中的数据已有变化", preview);
        Assert.Contains("第4行的结果与预览不同", preview);
        Assert.Equal("1", TestId(preview, "valid-count"));
        AssertRowError(preview, 4, "已由“闵行区”登记");

        // Confirmed again, the preview the district has now seen is what is imported.
        var again = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());
        Assert.Equal($"/BatchImport/Result/{importId}", again.Headers.Location!.OriginalString);
        Assert.Equal(before.Recommendations + 1, (await CountsAsync()).Recommendations);
    }

    [Fact]
    public async Task A_phone_the_registry_form_refuses_is_refused_by_the_import_with_the_same_message()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var importId = await UploadForPreviewAsync(client, TemplateList(
            [1, "上海电话格式有限公司", Code(2001), "汽车", 20000m, "4", null, null, "王五", "021-1234转8001", null],
            [2, "上海全角电话有限公司", Code(2002), "汽车", 20000m, "4", null, null, "赵六", "（０２１）１２３４ ５６７８", null]), "phones.xlsx", batch.Id);

        var preview = await client.GetStringAsync($"/BatchImport/Preview/{importId}");

        AssertRowError(preview, 4, "联系电话只能包含数字、空格、“-”“+”和括号。");
        Assert.Equal("Create", RowOutcome(preview, 5));
        var form = new Dictionary<string, string>
        {
            ["Name"] = "上海电话格式表单有限公司", ["CreditCode"] = Code(2003), ["Industry"] = "Automotive",
            ["AnnualOutputWanYuan"] = "20000", ["ContactName"] = "王五", ["ContactPhone"] = "021-1234转8001",
        };
        var refused = await client.PostFormAsync("/Enterprises/Create", "/Enterprises/Create", form);
        Assert.Contains("联系电话只能包含数字、空格、“-”“+”和括号。", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_row_without_contacts_updates_an_enterprise_whose_stored_phone_predates_the_rule()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var code = Code(2201);
        var unitId = await UnitIdAsync("浦东新区");
        var enterpriseId = await portal.WithDbAsync(async db =>
        {
            var enterprise = new Enterprise("上海旧电话有限公司", CreditCode.Parse(code), KeyIndustry.Automotive, 20000m, unitId);
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync();
            return enterprise.Id;
        });
        // Registered before the import checked phones as the form does.
        await portal.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"Organisations\" SET \"ContactPhone\" = {"021-1234转8001"} WHERE \"Id\" = {enterpriseId}"));

        var importId = await UploadForPreviewAsync(client, TemplateList([1, "上海旧电话有限公司", code, "汽车", 30000m, "4", null, null, null, null, null]), "legacy.xlsx", batch.Id);
        var confirm = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());

        Assert.True($"/BatchImport/Result/{importId}" == confirm.Headers.Location!.OriginalString,
            Regex.Match(System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(confirm.Headers.Location!.OriginalString)), "未导入[^<]*").Value);
        var stored = await portal.WithDbAsync(db => db.Enterprises.AsNoTracking().FirstAsync(e => e.Id == enterpriseId));
        Assert.Equal((30000m, "021-1234转8001"), (stored.AnnualOutputWanYuan, stored.ContactPhone));
    }

    [Fact]
    public async Task Each_imported_row_has_its_audit_line_worded_as_before()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var code = Code(2101);
        var importId = await UploadForPreviewAsync(client, TemplateList(ValidRow(1, code, "上海审计行测试有限公司")), "audit.xlsx", batch.Id);
        await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());

        var (recommendationId, entries) = await portal.WithDbAsync(async db =>
        {
            var enterprise = await db.Enterprises.AsNoTracking().FirstAsync(e => e.CreditCode == CreditCode.Parse(code));
            var recommendation = await db.Recommendations.AsNoTracking().FirstAsync(r => r.EnterpriseId == enterprise.Id);
            return (recommendation.Id, await db.AuditEntries.AsNoTracking()
                .Where(a => a.RecordId == recommendation.Id || a.RecordId == importId).ToListAsync());
        });
        var year = ShanghaiYear();
        var row = Assert.Single(entries, e => e.Action == AuditAction.RecommendationImported);
        Assert.Equal(("Recommendation", null, "已推荐"), (row.RecordType, row.Before, row.After));
        Assert.Equal($"导入编号{importId:N}；第4行；上海审计行测试有限公司（{code}）；新登记企业；{year}年度第一批；推荐依据1 智能化改造、4 自愿评估；改造合同120.00万元", row.Detail);
        var import = Assert.Single(entries, e => e.Action == AuditAction.BatchListImported);
        Assert.Equal("BatchImport", import.RecordType);
        Assert.Matches($"^文件“audit.xlsx”（SHA-256 [0-9a-f]{{64}}）；{year}年度第一批；共1行：导入1行（新增推荐1、更新推荐0、新登记企业1），错误0行未导入。$", import.Detail);
    }

    private static int ShanghaiYear() => Domain.Common.ShanghaiTime.Today(new Domain.Common.SystemClock()).Year;

    private async Task<Guid> UnitIdAsync(string unitName) =>
        await portal.WithDbAsync(db => db.RecommendingUnits.Where(u => u.Name == unitName).Select(u => u.Id).FirstAsync());

    private async Task<string> ImportFolderAsync(string unitName) =>
        Path.Combine(portal.StorageRoot, "imports", (await UnitIdAsync(unitName)).ToString("N"));
}
