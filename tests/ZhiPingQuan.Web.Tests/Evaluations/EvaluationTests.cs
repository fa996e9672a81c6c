using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using UglyToad.PdfPig;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.Infrastructure.Pdf;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.Evaluations.EvaluationArrange;

namespace ZhiPingQuan.Web.Tests.Evaluations;

/// <summary>
/// 绩效评价 on a programme whose figures are worked out by hand (<see cref="EvaluationArrange"/>): the counts from the
/// records, the commission's draft, score and publication (bad input refused with a Chinese message, nothing changed), who
/// sees what (a district its own published evaluation only; a draft or another unit's answers 404), the .xlsx read back and
/// the PDF report's text and charts.
/// </summary>
public abstract class EvaluationTests(TablePortal portal)
{
    private const string Commission = TableArrange.Commission;

    [Fact]
    public async Task Figures_computed_from_the_records_match_the_hand_computed_values_live_and_in_the_draft()
    {
        var p = await SeededAsync(portal);

        await using (var scope = portal.Scope())
        {
            var counts = await scope.ServiceProvider.GetRequiredService<EvaluationFigures>().CountsAsync(p.YearId, CancellationToken.None);
            Assert.Equal(new EvaluationCounts(6, 5, 200, 2, 1, 3, 1, 3, 1, 2), counts[p.PudongId]);
            Assert.Equal(PudongExpected, EvaluationIndicators.Compute(counts[p.PudongId]));
            Assert.Equal(MinhangExpected, EvaluationIndicators.Compute(counts[p.MinhangId]));
        }

        var commission = await portal.SignedInAsync(Commission);
        var page = Text(await commission.GetStringAsync($"/Evaluations?yearId={p.YearId}"));
        Assert.Contains("浦东新区 未生成 6 5 200 2.50% 1/2 3 33.33% 3 1 40.00% —", page);
        Assert.Contains("闵行区 未生成 2 2 0 — 0/0 0 — 0 0 0.00% —", page);

        var id = await CreateAsync(commission, p.YearId, p.PudongId);
        var stored = await EvaluationAsync(id);
        Assert.Equal((DistrictEvaluationState.Draft, PudongExpected, ReadAt), (stored.State, stored.Indicators, stored.IndicatorsComputedAtUtc));
        var details = Text(await commission.GetStringAsync($"/Evaluations/Details/{id}"));
        Assert.Contains("覆盖率 2.50%", details);
        Assert.Contains("一次通过率 33.33%", details);
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.EvaluationDrafted && e.RecordId == id
            && e.Detail!.Contains($"{p.Year}年度浦东新区"))));

        // A second draft of the same unit and year is refused, and nothing is added.
        var again = await commission.PostFormAsync($"/Evaluations?yearId={p.YearId}", "/Evaluations/Create",
            new Dictionary<string, string> { ["yearId"] = p.YearId.ToString(), ["unitId"] = p.PudongId.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("已经生成", Text(await again.Content.ReadAsStringAsync()));
        Assert.Equal(1, await portal.WithDbAsync(db => db.DistrictEvaluations.CountAsync(e => e.ProgrammeYearId == p.YearId)));

        // The records move on (E4's draft application is submitted): the draft says so and recomputes on request.
        await portal.WithDbAsync(async db =>
        {
            var draft = await db.QuotaApplications.FirstAsync(a => a.EnterpriseId == p.Pudong[3].EnterpriseId);
            draft.Submit(portal.Now, new DateOnly(2023, 12, 15));
            return await db.SaveChangesAsync();
        });
        var stale = await commission.GetStringAsync($"/Evaluations/Details/{id}");
        Assert.Contains("记录在指标计算后有变化", Text(stale));
        Assert.Equal(PudongExpected, (await EvaluationAsync(id)).Indicators);
        await commission.PostFormAsync($"/Evaluations/Details/{id}", $"/Evaluations/Refresh/{id}",
            new Dictionary<string, string> { ["version"] = TableArrange.HiddenVersion(stale) });
        Assert.Equal(PudongExpected with { ApplicationCount = 4, FirstPassRatePercent = 25.00m }, (await EvaluationAsync(id)).Indicators);
    }

    [Fact]
    public async Task Score_and_publish_refuse_bad_input_with_a_Chinese_message_and_change_nothing()
    {
        var p = await SeededAsync(portal);
        var commission = await portal.SignedInAsync(Commission);
        var id = await CreateAsync(commission, p.YearId, p.MinhangId);
        var before = await EvaluationAsync(id);

        foreach (var (score, message) in new[] { ("101", "评分应在0至100之间。"), ("-1", "评分应在0至100之间。"), ("abc", "请填写评分"), ("88.555", "评分最多保留两位小数。") })
        {
            var response = await ScoreAsync(commission, id, score, "意见");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, Text(await response.Content.ReadAsStringAsync()));
            var now = await EvaluationAsync(id);
            Assert.Equal((before.Version, (decimal?)null, (string?)null), (now.Version, now.CommissionScore, now.Remarks));
        }

        // Publishing unscored: the confirmation page is not offered, and a forced post is refused.
        var ask = await commission.GetAsync($"/Evaluations/Publish/{id}");
        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        var forced = await commission.PostFormAsync($"/Evaluations/Details/{id}", $"/Evaluations/Publish/{id}",
            new Dictionary<string, string> { ["version"] = before.Version.ToString(), ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, forced.StatusCode);
        Assert.Contains("请先评分再发布。", Text(await forced.Content.ReadAsStringAsync()));
        Assert.Equal((DistrictEvaluationState.Draft, before.Version), ((await EvaluationAsync(id)).State, (await EvaluationAsync(id)).Version));

        Assert.Equal(HttpStatusCode.Redirect, (await ScoreAsync(commission, id, "88.5", "覆盖面需扩大。")).StatusCode);
        var scored = await EvaluationAsync(id);
        Assert.Equal((88.5m, "覆盖面需扩大。"), (scored.CommissionScore!.Value, scored.Remarks));

        var confirm = Text(await commission.GetStringAsync($"/Evaluations/Publish/{id}"));
        Assert.Contains("发布后不能撤销", confirm);
        Assert.Contains("88.5", confirm);
        var published = await commission.PostFormAsync($"/Evaluations/Publish/{id}", $"/Evaluations/Publish/{id}",
            new Dictionary<string, string> { ["version"] = scored.Version.ToString(), ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var after = await EvaluationAsync(id);
        Assert.Equal(DistrictEvaluationState.Published, after.State);
        Assert.NotNull(after.PublishedAtUtc);

        // Published: the score no longer changes.
        var late = await ScoreAsync(commission, id, "60", null);
        Assert.Contains("当前状态为“已发布”", Text(await late.Content.ReadAsStringAsync()));
        Assert.Equal((88.5m, after.Version), ((await EvaluationAsync(id)).CommissionScore!.Value, (await EvaluationAsync(id)).Version));
        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditAction.EvaluationDrafted, AuditAction.EvaluationScored, AuditAction.EvaluationPublished], actions.Order().ToArray());
        Assert.DoesNotContain(await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == id).Select(e => e.Detail).ToListAsync()), d => d != null && d.Contains("88.5"));
    }

    [Fact]
    public async Task A_district_sees_only_its_own_published_evaluation_and_404_for_a_draft_or_another_units()
    {
        var p = await SeededAsync(portal);
        var commission = await portal.SignedInAsync(Commission);
        var pudongId = await CreateAsync(commission, p.YearId, p.PudongId);
        var minhangId = await CreateAsync(commission, p.YearId, p.MinhangId);
        var pudong = await portal.SignedInAsync(TableArrange.Pudong);
        var minhang = await portal.SignedInAsync(TableArrange.Minhang);

        // Drafts: nobody but the commission.
        foreach (var url in new[] { $"/Evaluations/Details/{pudongId}", $"/Evaluations/Pdf/{pudongId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await commission.GetAsync(url)).StatusCode);
        }
        Assert.Contains("市经信委尚未发布本单位的绩效评价", Text(await pudong.GetStringAsync("/Evaluations")));

        await ScoreAsync(commission, pudongId, "90", "工作扎实。");
        await commission.PostFormAsync($"/Evaluations/Publish/{pudongId}", $"/Evaluations/Publish/{pudongId}",
            new Dictionary<string, string> { ["version"] = (await EvaluationAsync(pudongId)).Version.ToString(), ["confirmed"] = "true" });
        Assert.Equal(DistrictEvaluationState.Published, (await EvaluationAsync(pudongId)).State);

        var list = Text(await pudong.GetStringAsync("/Evaluations"));
        Assert.Contains($"{p.Year} 年度 浦东新区 已发布", list);
        Assert.DoesNotContain("闵行区", list);
        var mine = Text(await pudong.GetStringAsync($"/Evaluations/Details/{pudongId}"));
        Assert.Contains("工作扎实。", mine);
        Assert.DoesNotContain("保存评分", mine);
        Assert.Equal(HttpStatusCode.OK, (await pudong.GetAsync($"/Evaluations/Pdf/{pudongId}")).StatusCode);

        // Another unit: 404 on the published one; its own draft is 404 too; the commission's pages and steps are closed.
        foreach (var url in new[] { $"/Evaluations/Details/{pudongId}", $"/Evaluations/Pdf/{pudongId}", $"/Evaluations/Details/{minhangId}", $"/Evaluations/Pdf/{minhangId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync(url)).StatusCode);
        }
        Assert.DoesNotContain("浦东新区", Text(await minhang.GetStringAsync("/Evaluations")));
        Assert.NotEqual(HttpStatusCode.OK, (await pudong.GetAsync($"/Evaluations/Export?yearId={p.YearId}")).StatusCode);
        var refused = await pudong.PostFormAsync("/Evaluations", $"/Evaluations/Score/{pudongId}", new Dictionary<string, string> { ["score"] = "100" });
        TableArrange.AssertAccessDenied(refused);
        Assert.Equal(90m, (await EvaluationAsync(pudongId)).CommissionScore);
        Assert.Equal(HttpStatusCode.NotFound, (await commission.GetAsync($"/Evaluations/Details/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_year_exports_as_xlsx_and_as_a_pdf_report_with_its_figures_and_charts()
    {
        var p = await SeededAsync(portal);
        var commission = await portal.SignedInAsync(Commission);
        var pudongId = await CreateAsync(commission, p.YearId, p.PudongId);

        var xlsx = await commission.GetAsync($"/Evaluations/Export?yearId={p.YearId}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Contains("no-store", xlsx.Headers.CacheControl!.ToString());
        using (var workbook = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal(["序号", "推荐单位", "状态", "推荐企业数", "已评估企业数", "规上工业企业数", "覆盖率（%）"],
                Enumerable.Range(1, 7).Select(c => sheet.Cell(2, c).GetString()).ToArray());
            var row = sheet.RowsUsed().First(r => r.Cell(2).GetString() == "浦东新区");
            Assert.Equal(("草稿", 6, 5, 200, 2.50m, 2, 1, 3, 1, 33.33m, 3, 1, 2, 40.00m, "—"),
                (row.Cell(3).GetString(), row.Cell(4).GetValue<int>(), row.Cell(5).GetValue<int>(), row.Cell(6).GetValue<int>(), row.Cell(7).GetValue<decimal>(),
                 row.Cell(8).GetValue<int>(), row.Cell(9).GetValue<int>(), row.Cell(10).GetValue<int>(), row.Cell(11).GetValue<int>(), row.Cell(12).GetValue<decimal>(),
                 row.Cell(13).GetValue<int>(), row.Cell(14).GetValue<int>(), row.Cell(15).GetValue<int>(), row.Cell(16).GetValue<decimal>(), row.Cell(17).GetString()));
            var minhang = sheet.RowsUsed().First(r => r.Cell(2).GetString() == "闵行区");
            Assert.Equal(("未生成", "—", "—"), (minhang.Cell(3).GetString(), minhang.Cell(7).GetString(), minhang.Cell(12).GetString()));
            Assert.Equal(19, sheet.RowsUsed().Count(r => r.RowNumber() > 2 && r.Cell(1).DataType == XLDataType.Number));
        }

        var report = await commission.GetAsync($"/Evaluations/Report?yearId={p.YearId}");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("no-store", report.Headers.CacheControl!.ToString());
        var bytes = await report.Content.ReadAsByteArrayAsync();
        using (var pdf = PdfDocument.Open(bytes))
        {
            var text = string.Concat(pdf.GetPages().Select(pg => pg.Text));
            Assert.Contains($"{p.Year}年度智评券绩效评价报告", text);
            foreach (var s in new[] { "浦东新区", "闵行区", "2.50%", "33.33%", "40.00%", "各推荐单位覆盖率", "各推荐单位额度申请一次通过率" })
            {
                Assert.Contains(s, text);
            }
        }
        // The charts follow the table: bars in the chart colour on the last page, none on the table's first page.
        int pages;
        using (var document = PdfDocument.Open(bytes))
        {
            pages = document.NumberOfPages;
        }
        Assert.True(pages >= 2, "the 19 units' table and the charts do not fit one page");
        Assert.True(BarPixels(bytes, pages) > 200, "no bars drawn on the chart page");
        Assert.Equal(0, BarPixels(bytes, 1));

        var unit = await commission.GetByteArrayAsync($"/Evaluations/Pdf/{pudongId}");
        using (var pdf = PdfDocument.Open(unit))
        {
            var text = string.Concat(pdf.GetPages().Select(pg => pg.Text));
            foreach (var s in new[] { "浦东新区", "2.50%", "33.33%", "40.00%", "1/2", "主要比率", "主要数量" })
            {
                Assert.Contains(s, text);
            }
        }
        Assert.True(BarPixels(unit, 1) > 200, "no bars drawn in the unit's report");
        Assert.Equal(3, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.EvaluationExported
            && e.Detail!.Contains($"{p.Year}年度"))));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private async Task<Guid> CreateAsync(HttpClient commission, Guid yearId, Guid unitId)
    {
        var response = await commission.PostFormAsync($"/Evaluations?yearId={yearId}", "/Evaluations/Create",
            new Dictionary<string, string> { ["yearId"] = yearId.ToString(), ["unitId"] = unitId.ToString() });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"create answered {(int)response.StatusCode}: {Text(await response.Content.ReadAsStringAsync())}");
        return Guid.Parse(Regex.Match(response.Headers.Location!.OriginalString, "/Evaluations/Details/([0-9a-f-]{36})").Groups[1].Value);
    }

    private async Task<HttpResponseMessage> ScoreAsync(HttpClient commission, Guid id, string score, string? remarks)
    {
        var version = (await EvaluationAsync(id)).Version.ToString();
        var fields = new Dictionary<string, string> { ["version"] = version, ["score"] = score };
        if (remarks is not null)
        {
            fields["remarks"] = remarks;
        }
        return await commission.PostFormAsync($"/Evaluations/Details/{id}", $"/Evaluations/Score/{id}", fields);
    }

    private Task<DistrictEvaluation> EvaluationAsync(Guid id) => portal.WithDbAsync(db => db.DistrictEvaluations.AsNoTracking().FirstAsync(e => e.Id == id));

    private static string Text(string html) => TableArrange.Text(html);

    /// <summary>Pixels of the bars' blue on a page rendered by pdftoppm.</summary>
    private static int BarPixels(byte[] pdf, int page)
    {
        var png = PdfTestTools.RenderPng(pdf, page, 50, Path.Combine(Path.GetTempPath(), "zpq-evaluation", $"{Guid.NewGuid():N}"));
        using var bitmap = SKBitmap.Decode(png);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Blue > 150 && c.Red < 90 && c.Green is > 80 and < 140)
                {
                    count++;
                }
            }
        }
        return count;
    }
}

[Collection("sqlite")]
public sealed class EvaluationTests_Sqlite(TableSqlitePortal portal) : EvaluationTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class EvaluationTests_Postgres(TablePostgresPortal portal) : EvaluationTests(portal), IClassFixture<TablePostgresPortal>;
