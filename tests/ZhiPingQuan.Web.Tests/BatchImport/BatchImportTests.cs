using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Features.BatchImport;
using ZhiPingQuan.Web.Infrastructure.Excel;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.BatchImport.BatchListFiles;

namespace ZhiPingQuan.Web.Tests.BatchImport;

/// <summary>
/// Batch list upload end to end through the real portal on a real database: preview, confirm, cancel,
/// refusals that change nothing, a failure half-way that rolls back, and another unit's 404s.
/// Tests share the fixture's database, so each one uses credit codes of its own (the <c>tag</c> numbers).
/// </summary>
public abstract partial class BatchImportTests(PortalFactory portal)
{
    private const string Pudong = "district.pudong@zpq.local";
    private const string Minhang = "district.minhang@zpq.local";

    // ---- the shared sample -------------------------------------------------------------------------

    [Fact]
    public async Task Sample_list_previews_every_row_imports_the_valid_ones_and_a_second_upload_only_updates()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var before = await CountsAsync();

        var importId = await UploadForPreviewAsync(client, File.ReadAllBytes(SamplePath), "district-batch-sample.xlsx", batch.Id);
        var preview = await client.GetStringAsync($"/BatchImport/Preview/{importId}");

        // 30 rows: 序号25–30 are wrong on purpose; 序号5's code was saved by Excel as the number
        // 9.1310118727383E+17, which has lost its last digits (see the reader): 23 valid, 7 invalid.
        Assert.Equal("30", TestId(preview, "total-count"));
        Assert.Equal("23", TestId(preview, "valid-count"));
        Assert.Equal("7", TestId(preview, "invalid-count"));
        Assert.Equal("23", TestId(preview, "create-count"));
        Assert.Equal("0", TestId(preview, "update-count"));
        AssertRowError(preview, 8, "存成了数字");
        AssertRowError(preview, 28, "校验位错误");                 // 序号25: bad check character
        AssertRowError(preview, 29, "低于1亿元");                  // 序号26: output 8,500 万元
        AssertRowError(preview, 30, "推荐依据不能为空");           // 序号27: no basis
        AssertRowError(preview, 31, "金额须高于20万元");           // 序号28: contract of exactly 20 万元
        AssertRowError(preview, 32, "与第7行重复");                // 序号29: the code of 序号4 again
        AssertRowError(preview, 33, "不是六大重点产业");           // 序号30: 房地产
        foreach (var row in Enumerable.Range(4, 24).Where(r => r != 8))
        {
            Assert.Equal("Create", RowOutcome(preview, row));
        }
        Assert.Equal(before, await CountsAsync()); // the preview wrote nothing

        var confirm = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal($"/BatchImport/Result/{importId}", confirm.Headers.Location!.OriginalString);
        var result = await client.GetStringAsync($"/BatchImport/Result/{importId}");
        Assert.Equal("23", TestId(result, "imported-count"));

        var imported = await SampleRecommendationsAsync(batch.Id);
        Assert.Equal(23, imported.Count);
        Assert.All(imported, r => Assert.Equal(RecommendationState.Recommended, r.State));
        var after = await CountsAsync();
        Assert.Equal(before.Enterprises + 23, after.Enterprises);
        Assert.Equal(before.Recommendations + 23, after.Recommendations);
        Assert.Equal(before.Audit + 24, after.Audit); // one per row and one for the import

        // 序号4: basis 1 with its contract, recorded as a key-link contract.
        var row4 = await portal.WithDbAsync(db => db.Recommendations.AsNoTracking()
            .FirstAsync(r => r.Enterprise!.CreditCode == CreditCode.Parse("913101056F5N4WQG4J")));
        var contract = Assert.Single(row4.Contracts);
        Assert.Equal(262.54m, contract.AmountWanYuan);
        Assert.True(contract.CountsForEligibility);
        Assert.Equal([RecommendationBasis.SmartTransformation], row4.BasisList);

        // The error rows stay downloadable after confirm: the list's columns plus 错误原因.
        var errors = await client.GetAsync($"/BatchImport/Errors/{importId}");
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        using (var workbook = new XLWorkbook(new MemoryStream(await errors.Content.ReadAsByteArrayAsync())))
        {
            var sheet = workbook.Worksheet(1);
            var header = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Equal(TemplateHeaders.Append(BatchListWorkbooks.ErrorColumnHeader), header);
            Assert.Equal(8, sheet.LastRowUsed().RowNumber()); // header + 7 error rows
            Assert.Contains("校验位错误", sheet.Cell(3, 12).GetString());
            Assert.Equal("913101053603C10647", sheet.Cell(3, 3).GetString());
        }

        // Uploading the same list again updates, never duplicates.
        var again = await UploadForPreviewAsync(client, File.ReadAllBytes(SamplePath), "district-batch-sample.xlsx", batch.Id);
        var secondPreview = await client.GetStringAsync($"/BatchImport/Preview/{again}");
        Assert.Equal("23", TestId(secondPreview, "valid-count"));
        Assert.Equal("0", TestId(secondPreview, "create-count"));
        Assert.Equal("23", TestId(secondPreview, "update-count"));
        await client.PostFormAsync($"/BatchImport/Preview/{again}", $"/BatchImport/Confirm/{again}", new Dictionary<string, string>());

        Assert.Equal(23, (await SampleRecommendationsAsync(batch.Id)).Count);
        var afterSecond = await CountsAsync();
        Assert.Equal(after.Enterprises, afterSecond.Enterprises);
        Assert.Equal(after.Recommendations, afterSecond.Recommendations);
    }

    [Fact]
    public async Task Sample_with_the_code_typed_as_text_has_24_valid_and_6_invalid_rows()
    {
        // The same list as a district would send it after following the message on 序号5:
        // the code column formatted as text and the full code typed in.
        using var workbook = new XLWorkbook(SamplePath);
        var cell = workbook.Worksheet(1).Cell("C8");
        cell.DataType = XLDataType.Text;
        cell.SetValue("913101187273829966");
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var importId = await UploadForPreviewAsync(client, stream.ToArray(), "sample-fixed.xlsx", batch.Id);
        var preview = await client.GetStringAsync($"/BatchImport/Preview/{importId}");

        Assert.Equal("24", TestId(preview, "valid-count"));
        Assert.Equal("6", TestId(preview, "invalid-count"));
        Assert.Equal(Enumerable.Range(28, 6), InvalidRows(preview));

        var errors = await client.GetAsync($"/BatchImport/Errors/{importId}");
        using var errorBook = new XLWorkbook(new MemoryStream(await errors.Content.ReadAsByteArrayAsync()));
        Assert.Equal(7, errorBook.Worksheet(1).LastRowUsed().RowNumber());

        await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Cancel/{importId}", new Dictionary<string, string>());
    }

    // ---- refusals change nothing ----------------------------------------------------------------

    public static TheoryData<string, string> RefusedFiles => new()
    {
        { "corrupt", "无法作为Excel工作簿打开" },
        { "pdf", "PDF" },
        { "empty-workbook", "工作簿是空的" },
        { "no-sheet", "" },
        { "no-header", "没有找到推荐名单的表头" },
        { "missing-column", "缺少必填列" },
        { "header-only", "没有任何企业数据" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_refused_file_is_answered_in_Chinese_and_changes_nothing(string kind, string message)
    {
        var bytes = kind switch
        {
            "corrupt" => CorruptZip(),
            "pdf" => PdfRenamedToXlsx(),
            "empty-workbook" => EmptyWorkbook(),
            "no-sheet" => WorkbookWithoutSheets(),
            "no-header" => Workbook(s => s.Cell(1, 1).SetValue("说明")),
            "missing-column" => Workbook(s => Table(s, 1, ["企业名称", "统一社会信用代码"], ["上海缺列有限公司", Code(900)])),
            "header-only" => TemplateList(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var before = await CountsAsync();
        var filesBefore = await StoredFilesAsync("浦东新区");

        var response = await UploadAsync(client, bytes, $"{kind}.xlsx", batch.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"upload-error\"", html);
        Assert.Contains("未能导入", html);
        Assert.Contains(message, html);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(filesBefore, await StoredFilesAsync("浦东新区"));
    }

    [Fact]
    public async Task An_upload_declaring_more_than_10_MB_is_refused_before_it_is_read()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var before = await CountsAsync();
        var filesBefore = await StoredFilesAsync("浦东新区");
        var big = new byte[10 * 1024 * 1024 + 100 * 1024];
        big[0] = 0x50;
        big[1] = 0x4B;
        big[2] = 0x03;
        big[3] = 0x04;

        var response = await UploadAsync(client, big, "big.xlsx", batch.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/BatchImport", response.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync("/BatchImport");
        Assert.Contains("超过单次导入10MB的上限", page);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(filesBefore, await StoredFilesAsync("浦东新区"));
    }

    [Fact]
    public async Task A_closed_batch_is_refused_naming_its_deadline()
    {
        var client = await portal.SignedInAsync(Pudong);
        var closed = await portal.WithDbAsync(db => db.Batches.AsNoTracking().FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批"));
        var before = await CountsAsync();

        var response = await UploadAsync(client, TemplateList(ValidRow(1, Code(1001))), "list.xlsx", closed.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("2023年度第一批的截止日期为2023年11月15日（当日24:00截止），已过截止时间，不能批量导入推荐名单。", html);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Cancel_leaves_nothing_in_the_database_or_the_file_store()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var before = await CountsAsync();
        var filesBefore = await StoredFilesAsync("浦东新区");

        var importId = await UploadForPreviewAsync(client, TemplateList(ValidRow(1, Code(1101)), ValidRow(2, Code(1102), "上海取消测试有限公司")), "cancel.xlsx", batch.Id);
        Assert.True(await StoredFilesAsync("浦东新区") > filesBefore);
        var cancel = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Cancel/{importId}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(filesBefore, await StoredFilesAsync("浦东新区"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/BatchImport/Preview/{importId}")).StatusCode);
        Assert.Contains("未写入任何数据", await client.GetStringAsync(cancel.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task A_failure_half_way_through_the_save_rolls_back_every_row()
    {
        const string Poisoned = "上海中途失败测试有限公司";
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var importId = await UploadForPreviewAsync(client, TemplateList(
            ValidRow(1, Code(1201), "上海中途失败前一行有限公司"),
            ValidRow(2, Code(1202), Poisoned),
            ValidRow(3, Code(1203), "上海中途失败后一行有限公司")), "fail.xlsx", batch.Id);
        Assert.Equal("3", TestId(await client.GetStringAsync($"/BatchImport/Preview/{importId}"), "valid-count"));
        var before = await CountsAsync();

        await InstallFailingTriggerAsync(Poisoned);
        HttpResponseMessage confirm;
        try
        {
            confirm = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());
        }
        finally
        {
            await DropFailingTriggerAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal($"/BatchImport/Preview/{importId}", confirm.Headers.Location!.OriginalString);
        Assert.Equal(before, await CountsAsync());
        var preview = await client.GetStringAsync($"/BatchImport/Preview/{importId}");
        Assert.Contains("导入失败，未写入任何数据", preview);
        // The upload is kept, so the district can confirm again once the cause is gone.
        var retry = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());
        Assert.Equal($"/BatchImport/Result/{importId}", retry.Headers.Location!.OriginalString);
        Assert.Equal(before.Recommendations + 3, (await CountsAsync()).Recommendations);
    }

    [Fact]
    public async Task A_confirmed_import_vacuums_and_refreshes_the_planner_statistics_on_PostgreSQL_only()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var rows = Enumerable.Range(1, 3).Select(i => ValidRow(i, Code(7300 + i), $"上海统计刷新第{i}号有限公司")).ToArray();
        var importId = await UploadForPreviewAsync(client, TemplateList(rows), "statistics.xlsx", batch.Id);
        var postgres = portal.Database.Provider == DbProvider.Postgres;
        var before = postgres ? await LastAnalysedAsync("Recommendations") : null;

        var confirm = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);

        if (postgres)
        {
            // Without it the new rows' tables are planned as they were until autovacuum's turn (BulkInsert.RefreshStatisticsAsync).
            foreach (var table in new[] { "Recommendations", "RecommendationBases", "Organisations", "AuditEntries" })
            {
                var analysed = await LastAnalysedAsync(table);
                Assert.NotNull(analysed);
                Assert.True(before is null || table != "Recommendations" || analysed > before, $"{table} analysed again");
                // Vacuumed too: the lists' counts read their indexes alone only on pages marked all-visible.
                Assert.NotNull(await LastVacuumedAsync(table));
            }
        }
        else
        {
            // SQLite plans without statistics unless ANALYZE was run: the import does not start it.
            Assert.Equal(0, await portal.WithDbAsync(db =>
                db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync()));
        }
    }

    private Task<DateTime?> LastVacuumedAsync(string table) =>
        portal.WithDbAsync(db => db.Database
            .SqlQuery<DateTime?>($"SELECT last_vacuum AS \"Value\" FROM pg_stat_user_tables WHERE relname = {table}").SingleAsync());

    private Task<DateTime?> LastAnalysedAsync(string table) =>
        portal.WithDbAsync(db => db.Database
            .SqlQuery<DateTime?>($"SELECT last_analyze AS \"Value\" FROM pg_stat_user_tables WHERE relname = {table}").SingleAsync());

    [Fact]
    public async Task A_long_list_is_previewed_a_page_at_a_time_with_counts_for_the_whole_list()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        // 150 rows (data from sheet row 4): the 7th lacks its basis, the 140th its output value.
        var rows = Enumerable.Range(1, 150).Select(i =>
        {
            var row = ValidRow(i, Code(5000 + i), $"上海分页预览第{i}号有限公司");
            if (i == 7)
            {
                row[5] = null; // 推荐依据
            }
            if (i == 140)
            {
                row[4] = null; // 年产值
            }
            return row;
        }).ToArray();
        var importId = await UploadForPreviewAsync(client, TemplateList(rows), "long.xlsx", batch.Id);

        var first = await client.GetStringAsync($"/BatchImport/Preview/{importId}");
        var second = await client.GetStringAsync($"/BatchImport/Preview/{importId}?page=2");
        var beyond = await client.GetStringAsync($"/BatchImport/Preview/{importId}?page=9");
        var errors = await client.GetStringAsync($"/BatchImport/Preview/{importId}?errors=true");

        foreach (var page in new[] { first, second, errors })
        {
            Assert.Equal(("150", "148", "2"), (TestId(page, "total-count"), TestId(page, "valid-count"), TestId(page, "invalid-count")));
        }
        Assert.Equal(Enumerable.Range(4, 100), PreviewRowNumbers(first));
        Assert.Equal(Enumerable.Range(104, 50), PreviewRowNumbers(second));
        Assert.Equal(Enumerable.Range(104, 50), PreviewRowNumbers(beyond)); // a page past the end shows the last one
        Assert.Contains("第 2 / 2 页", second);
        Assert.Equal([10, 143], PreviewRowNumbers(errors));
        Assert.DoesNotContain("preview-pager", errors);
    }

    private static IEnumerable<int> PreviewRowNumbers(string html) =>
        Regex.Matches(html, @"data-testid=""row-(\d+)""").Select(m => int.Parse(m.Groups[1].Value)).ToList();

    // ---- the database's view of each row --------------------------------------------------------

    [Fact]
    public async Task A_code_registered_by_another_unit_and_an_enterprise_recommended_in_another_batch_are_errors()
    {
        var client = await portal.SignedInAsync(Pudong);
        var first = await CurrentBatchAsync("第一批");
        var second = await CurrentBatchAsync("第二批");

        // Code(1302) is recommended by 浦东新区 in 第二批 first.
        var earlier = await UploadForPreviewAsync(client, TemplateList(ValidRow(1, Code(1302), "上海第二批已推荐有限公司")), "second.xlsx", second.Id);
        await client.PostFormAsync($"/BatchImport/Preview/{earlier}", $"/BatchImport/Confirm/{earlier}", new Dictionary<string, string>());

        var minhangCode = DemoDataSeeder.DemoCode("91310112MA1G5C3D8").Value;
        var importId = await UploadForPreviewAsync(client, TemplateList(
            ValidRow(1, minhangCode, "上海闵联汽车零部件有限公司"),
            ValidRow(2, Code(1302), "上海第二批已推荐有限公司"),
            ValidRow(3, Code(1303), "上海正常导入有限公司")), "conflicts.xlsx", first.Id);
        var preview = await client.GetStringAsync($"/BatchImport/Preview/{importId}");

        AssertRowError(preview, 4, "已由“闵行区”登记");
        AssertRowError(preview, 5, "已在本单位“第二批”中推荐");
        Assert.Equal("Create", RowOutcome(preview, 6));
        Assert.Equal("1", TestId(preview, "valid-count"));
    }

    [Fact]
    public async Task An_enterprise_recommended_this_year_by_another_unit_is_an_error_naming_that_unit()
    {
        var code = CreditCode.Parse(Code(1401));
        var secondBatchId = (await CurrentBatchAsync("第二批")).Id;
        // Recommended by 闵行区, then registered in 浦东新区 (moved by Admin).
        await using (var scope = portal.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var minhang = await db.RecommendingUnits.FirstAsync(u => u.Name == "闵行区");
            var pudong = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区");
            var batch = await db.Batches.FirstAsync(b => b.Id == secondBatchId);
            var enterprise = new Enterprise("上海迁入企业有限公司", code, KeyIndustry.Automotive, 20000m, minhang.Id);
            db.Enterprises.Add(enterprise);
            var recommendation = new Recommendation(enterprise, batch, "测试", DateTime.UtcNow);
            recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary)], [], false, enterprise);
            recommendation.Recommend(enterprise, batch, "测试", DateTime.UtcNow);
            db.Recommendations.Add(recommendation);
            await db.SaveChangesAsync();
            enterprise.MoveToUnit(pudong, minhang.Name, "企业迁址");
            await db.SaveChangesAsync();
        }

        var client = await portal.SignedInAsync(Pudong);
        var importId = await UploadForPreviewAsync(client, TemplateList(ValidRow(1, code.Value, "上海迁入企业有限公司")), "moved.xlsx", (await CurrentBatchAsync("第一批")).Id);
        var preview = await client.GetStringAsync($"/BatchImport/Preview/{importId}");

        AssertRowError(preview, 4, "已由“闵行区”推荐");
    }

    [Fact]
    public async Task A_withdrawn_recommendation_recommended_again_by_the_list_has_one_line_for_its_row()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var code = Code(1461);
        object?[] Row() => [1, "上海撤回再导入有限公司", code, "汽车", 20000m, "4", "说明", null, "张三", null, null];
        var first = await UploadForPreviewAsync(client, TemplateList(Row()), "first.xlsx", batch.Id);
        await client.PostFormAsync($"/BatchImport/Preview/{first}", $"/BatchImport/Confirm/{first}", new Dictionary<string, string>());
        var id = await portal.WithDbAsync(db => db.Recommendations.Where(r => r.Enterprise!.CreditCode == CreditCode.Parse(code)).Select(r => r.Id).FirstAsync());
        await portal.WithDbAsync(async db =>
        {
            (await db.Recommendations.FirstAsync(r => r.Id == id)).Withdraw("企业暂缓申报", "测试", DateTime.UtcNow, assessmentAssigned: false);
            return await db.SaveChangesAsync();
        });

        var again = await UploadForPreviewAsync(client, TemplateList(Row()), "again.xlsx", batch.Id);
        await client.PostFormAsync($"/BatchImport/Preview/{again}", $"/BatchImport/Confirm/{again}", new Dictionary<string, string>());

        var trail = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == id).OrderBy(a => a.AtUtc).ToListAsync());
        Assert.Equal([AuditAction.RecommendationImported, AuditAction.RecommendationWithdrawn, AuditAction.RecommendationImported], trail.Select(a => a.Action));
        Assert.Equal(("已撤回", "已推荐"), (trail[2].Before, trail[2].After));
        Assert.Equal(RecommendationState.Recommended, (await portal.WithDbAsync(db => db.Recommendations.AsNoTracking().FirstAsync(r => r.Id == id))).State);
    }

    [Fact]
    public async Task A_second_upload_updates_the_registry_and_the_recommendation_of_the_same_enterprise()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var code = Code(1501);
        object?[] Row(decimal output, string basis, decimal? contract, string contact) =>
            [1, "上海更新测试有限公司", code, "汽车", output, basis, "说明", contract, contact, null, null];

        var first = await UploadForPreviewAsync(client, TemplateList(Row(20000m, "1", 50m, "张三")), "v1.xlsx", batch.Id);
        await client.PostFormAsync($"/BatchImport/Preview/{first}", $"/BatchImport/Confirm/{first}", new Dictionary<string, string>());
        var counts = await CountsAsync();

        var second = await UploadForPreviewAsync(client, TemplateList(Row(30000.25m, "2、4", null, "")), "v2.xlsx", batch.Id);
        Assert.Equal("Update", RowOutcome(await client.GetStringAsync($"/BatchImport/Preview/{second}"), 4));
        await client.PostFormAsync($"/BatchImport/Preview/{second}", $"/BatchImport/Confirm/{second}", new Dictionary<string, string>());

        var after = await CountsAsync();
        Assert.Equal(counts.Enterprises, after.Enterprises);
        Assert.Equal(counts.Recommendations, after.Recommendations);
        var enterprise = await portal.WithDbAsync(db => db.Enterprises.AsNoTracking().FirstAsync(e => e.CreditCode == CreditCode.Parse(code)));
        Assert.Equal(30000.25m, enterprise.AnnualOutputWanYuan);
        Assert.Equal("张三", enterprise.ContactName); // a blank contact cell keeps the registry's value
        var recommendation = await portal.WithDbAsync(db => db.Recommendations.AsNoTracking().FirstAsync(r => r.EnterpriseId == enterprise.Id));
        Assert.Equal([RecommendationBasis.MajorProject, RecommendationBasis.Voluntary], recommendation.BasisList);
        Assert.Empty(recommendation.Contracts);
        var trail = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == recommendation.Id).OrderBy(a => a.AtUtc).ToListAsync());
        // One line per imported row, in Chinese; the recommendation's own transition lines are not written beside it.
        Assert.Equal([AuditAction.RecommendationImported, AuditAction.RecommendationImported], trail.Select(a => a.Action));
        Assert.Equal((null, "已推荐"), (trail[0].Before, trail[0].After));
        Assert.Equal(("已推荐", "已推荐"), (trail[1].Before, trail[1].After));
    }

    [Fact]
    public async Task A_row_reports_all_of_its_errors_and_field_checks_come_from_the_domain()
    {
        var client = await portal.SignedInAsync(Pudong);
        var batch = await CurrentBatchAsync("第一批");
        var importId = await UploadForPreviewAsync(client, TemplateList(
            [1, "", "91310115591693856B", "", "abc", "1", null, null, null, null, null],
            [2, "上海描述过长有限公司", Code(1701), "汽车", 20000m, "2", new string('长', 1001), null, null, null, "not-an-email"],
            [3, "上海金额小数有限公司", Code(1702), "汽车", "20000.123", "1、5", null, "30.555", null, null, null]), "errors.xlsx", batch.Id);
        var preview = await client.GetStringAsync($"/BatchImport/Preview/{importId}");

        // Row 4: name, code, industry, output and contract all wrong — each named once.
        foreach (var reason in new[] { "企业名称不能为空", "校验位错误", "所属行业不能为空", "年产值“abc”不是有效的数字", "未填写改造合同" })
        {
            AssertRowError(preview, 4, reason);
        }
        AssertRowError(preview, 5, "依据说明不能超过1000个字");
        AssertRowError(preview, 5, "电子邮箱“not-an-email”格式不正确");
        AssertRowError(preview, 6, "年产值（万元）最多保留两位小数");
        AssertRowError(preview, 6, "推荐依据中无法识别：“5”");
        AssertRowError(preview, 6, "改造合同金额（万元）最多保留两位小数，当前为30.555");
        Assert.Equal("0", TestId(preview, "valid-count"));
        var confirm = await client.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());
        Assert.Contains("没有可导入的有效行", await client.GetStringAsync(confirm.Headers.Location!.OriginalString));
    }

    // ---- another unit ---------------------------------------------------------------------------

    [Fact]
    public async Task Another_unit_gets_404_on_the_import_and_on_what_it_imported()
    {
        var pudong = await portal.SignedInAsync(Pudong);
        var minhang = await portal.SignedInAsync(Minhang);
        var batch = await CurrentBatchAsync("第一批");
        var importId = await UploadForPreviewAsync(pudong, TemplateList(
            ValidRow(1, Code(1601), "上海跨单位测试有限公司"),
            [2, "上海跨单位错误行有限公司", Code(1602), "房地产", 20000m, "4", null, null, null, null, null]), "private.xlsx", batch.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/BatchImport/Preview/{importId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/BatchImport/Errors/{importId}")).StatusCode);
        var foreignConfirm = await minhang.PostFormAsync("/BatchImport", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, foreignConfirm.StatusCode);
        var foreignCancel = await minhang.PostFormAsync("/BatchImport", $"/BatchImport/Cancel/{importId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, foreignCancel.StatusCode);
        // Nothing the other unit tried touched the preview.
        Assert.Equal(HttpStatusCode.OK, (await pudong.GetAsync($"/BatchImport/Preview/{importId}")).StatusCode);

        await pudong.PostFormAsync($"/BatchImport/Preview/{importId}", $"/BatchImport/Confirm/{importId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, (await pudong.GetAsync($"/BatchImport/Result/{importId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/BatchImport/Result/{importId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/BatchImport/Errors/{importId}")).StatusCode);

        var (enterpriseId, recommendationId) = await portal.WithDbAsync(async db =>
        {
            var e = await db.Enterprises.AsNoTracking().FirstAsync(x => x.CreditCode == CreditCode.Parse(Code(1601)));
            var r = await db.Recommendations.AsNoTracking().FirstAsync(x => x.EnterpriseId == e.Id);
            return (e.Id, r.Id);
        });
        Assert.Equal(HttpStatusCode.OK, (await pudong.GetAsync($"/Enterprises/Details/{enterpriseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pudong.GetAsync($"/Recommendations/Details/{recommendationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Enterprises/Details/{enterpriseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Recommendations/Details/{recommendationId}")).StatusCode);
    }

    [Theory]
    [InlineData("enterprise.a@zpq.local")]
    [InlineData("commission@zpq.local")]
    public async Task Only_districts_may_import(string email)
    {
        var client = await portal.SignedInAsync(email);
        var response = await client.GetAsync("/BatchImport");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_template_has_the_columns_notes_and_an_industry_list_and_reads_back()
    {
        var client = await portal.SignedInAsync(Pudong);
        var response = await client.GetAsync("/BatchImport/Template");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SafeExcel.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var workbook = new XLWorkbook(new MemoryStream(bytes)))
        {
            var sheet = workbook.Worksheet(BatchListWorkbooks.DataSheetName);
            Assert.Contains("浦东新区", sheet.Cell(1, 1).GetString());
            Assert.Equal(TemplateHeaders, sheet.Row(3).CellsUsed().Select(c => c.GetString()));
            var industryList = Assert.Single(sheet.DataValidations, v => v.AllowedValues == XLAllowedValues.List);
            Assert.Contains("电子信息", industryList.Value);
            Assert.Contains("时尚消费品", industryList.Value);
            Assert.Equal("@", sheet.Column(3).Style.NumberFormat.Format);
            var notes = workbook.Worksheet(BatchListWorkbooks.NotesSheetName).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("1 智能化改造", notes);
            Assert.Contains("4 自愿评估", notes);
            Assert.Contains(notes, n => n.Contains("须高于20万元"));
            Assert.Contains(notes, n => n.Contains("“、”"));
        }
        // The template's example row is a valid row of the reader.
        var read = new BatchListReader().Read(new MemoryStream(bytes));
        Assert.True(read.Succeeded, read.Error);
        Assert.Equal("91310115591693856A", Assert.Single(read.Rows).CreditCodeText);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, Guid batchId)
    {
        var token = await client.AntiforgeryTokenAsync("/BatchImport");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(batchId.ToString()), "batchId" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(SafeExcel.ContentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync("/BatchImport/Upload", form);
    }

    private async Task<Guid> UploadForPreviewAsync(HttpClient client, byte[] bytes, string fileName, Guid batchId)
    {
        var response = await UploadAsync(client, bytes, fileName, batchId);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/BatchImport/Preview/", location);
        return Guid.Parse(location["/BatchImport/Preview/".Length..]);
    }

    private Task<BatchRef> CurrentBatchAsync(string name)
    {
        var year = ShanghaiTime.Today(new SystemClock()).Year;
        return portal.WithDbAsync(db => db.Batches.AsNoTracking()
            .Where(b => b.ProgrammeYear!.Year == year && b.Name == name)
            .Select(b => new BatchRef(b.Id, b.Name)).FirstAsync());
    }

    private sealed record BatchRef(Guid Id, string Name);

    private sealed record Counts(int Enterprises, int Recommendations, int Audit);

    private Task<Counts> CountsAsync() => portal.WithDbAsync(async db =>
        new Counts(await db.Enterprises.CountAsync(), await db.Recommendations.CountAsync(), await db.AuditEntries.CountAsync()));

    private Task<int> StoredFilesAsync(string unitName) => portal.WithDbAsync(async db =>
    {
        var unitId = await db.RecommendingUnits.Where(u => u.Name == unitName).Select(u => u.Id).FirstAsync();
        var folder = Path.Combine(portal.StorageRoot, "imports", unitId.ToString("N"));
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Count() : 0;
    });

    private Task<List<Recommendation>> SampleRecommendationsAsync(Guid batchId) => portal.WithDbAsync(async db =>
    {
        using var sample = new XLWorkbook(SamplePath);
        var names = sample.Worksheet(1).Column(2).CellsUsed().Where(c => c.Address.RowNumber > 3).Select(c => c.GetString()).ToHashSet();
        return await db.Recommendations.AsNoTracking().Include(r => r.Enterprise)
            .Where(r => r.BatchId == batchId && names.Contains(r.Enterprise!.Name)).ToListAsync();
    });

    private static string TestId(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no {testId} on the page");
        return match.Groups[1].Value.Trim();
    }

    private static string RowHtml(string html, int rowNumber)
    {
        var match = Regex.Match(html, $"<tr[^>]*data-testid=\"row-{rowNumber}\"[^>]*>.*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"row {rowNumber} is not in the preview");
        return match.Value;
    }

    private static string RowOutcome(string html, int rowNumber) =>
        Regex.Match(RowHtml(html, rowNumber), "data-outcome=\"(\\w+)\"").Groups[1].Value;

    private static void AssertRowError(string html, int rowNumber, string reason)
    {
        Assert.Equal("Invalid", RowOutcome(html, rowNumber));
        Assert.Contains(reason, System.Net.WebUtility.HtmlDecode(RowHtml(html, rowNumber)));
    }

    private static IEnumerable<int> InvalidRows(string html) =>
        Regex.Matches(html, "data-testid=\"row-(\\d+)\" data-outcome=\"Invalid\"").Select(m => int.Parse(m.Groups[1].Value));

    /// <summary>A database trigger that refuses one enterprise name: a real failure in the middle of SaveChanges.</summary>
    private Task InstallFailingTriggerAsync(string name) => portal.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
        portal.Database.Provider == DbProvider.Sqlite
            ? $"CREATE TRIGGER zpq_test_fail BEFORE INSERT ON Organisations WHEN NEW.Name = '{name}' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;"
            : $"CREATE FUNCTION zpq_test_fail() RETURNS trigger AS $$ BEGIN IF NEW.\"Name\" = '{name}' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; " +
              "CREATE TRIGGER zpq_test_fail BEFORE INSERT ON \"Organisations\" FOR EACH ROW EXECUTE FUNCTION zpq_test_fail();"));

    private Task DropFailingTriggerAsync() => portal.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
        portal.Database.Provider == DbProvider.Sqlite
            ? "DROP TRIGGER IF EXISTS zpq_test_fail;"
            : "DROP TRIGGER IF EXISTS zpq_test_fail ON \"Organisations\"; DROP FUNCTION IF EXISTS zpq_test_fail();"));
}

[Collection("sqlite")]
public sealed class BatchImportTests_Sqlite(SqlitePortal portal) : BatchImportTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class BatchImportTests_Postgres(PostgresPortal portal) : BatchImportTests(portal), IClassFixture<PostgresPortal>;
