using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using UglyToad.PdfPig;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.Infrastructure.Pdf;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.SummaryTables;

/// <summary>
/// The two files of a revision read back: the .xlsx cell by cell against the records, the PDF's text with PdfPig, its
/// pages rendered by poppler and its QR code decoded by ZXing (docs/domain.md §4.3 Exports).
/// </summary>
public abstract partial class SummaryTableExportTests(TablePortal portal)
{
    private static readonly string HeaderRow = string.Concat(SummaryTableColumns.All);

    [Fact]
    public async Task The_xlsx_has_the_title_the_header_line_the_seven_columns_and_every_row_as_recorded()
    {
        var batch = await NewBatchAsync(portal);
        await EnterpriseAsync(portal, batch, name: $"=HYPERLINK(\"http://x\",\"点我\"){TestData.Tag()}", score: 2.50m);
        await EnterprisesAsync(portal, batch, 2, score: 3.05m, industry: KeyIndustry.FashionConsumerGoods);
        var id = await SubmittedAsync(portal, batch);
        var table = await LoadAsync(portal, id);
        var commission = await portal.SignedInAsync(Commission);

        var response = await commission.GetAsync($"/SummaryTables/Xlsx/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("汇总表_浦东新区_第1版.xlsx", Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.FileNameStar ?? ""));
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal(table.Title, sheet.Cell(1, 1).GetString());
        Assert.Equal("推荐单位（盖章）：浦东新区", sheet.Cell(2, 1).GetString());
        Assert.Equal("第三方机构（盖章）：上海智能制造质量监督服务中心（第三方）", sheet.Cell(2, 5).GetString());
        Assert.Equal(SummaryTableColumns.All, Enumerable.Range(1, 7).Select(c => sheet.Cell(3, c).GetString()));

        var rows = table.Rows.OrderBy(r => r.SequenceNo).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var line = 4 + i;
            var r = rows[i];
            Assert.Equal(XLDataType.Number, sheet.Cell(line, 1).DataType);
            Assert.Equal(r.SequenceNo, sheet.Cell(line, 1).GetValue<int>());
            Assert.Equal(r.EnterpriseName, sheet.Cell(line, 2).GetString());
            Assert.False(sheet.Cell(line, 2).HasFormula);
            Assert.Equal(r.CreditCode, sheet.Cell(line, 3).GetString());
            Assert.Equal(r.KeyIndustry.ToChinese(), sheet.Cell(line, 4).GetString());
            Assert.Equal(XLDataType.Number, sheet.Cell(line, 5).DataType);
            Assert.Equal(r.MaturityScore.Value, sheet.Cell(line, 5).GetValue<decimal>());
            Assert.Equal("0.00", sheet.Cell(line, 5).Style.NumberFormat.Format);
            Assert.Equal(r.SmartFactoryLevelName, sheet.Cell(line, 6).GetString());
            Assert.Equal(r.Contact, sheet.Cell(line, 7).GetString());
        }
        Assert.StartsWith("=HYPERLINK", sheet.Cell(4, 2).GetString());
        Assert.True(sheet.Cell(4 + rows.Count, 1).IsEmpty(), "nothing directly under the last row");

        var footer = sheet.CellsUsed().Where(c => c.Address.RowNumber > 4 + rows.Count).Select(c => c.GetString()).ToList();
        Assert.Contains($"验证码：{SummaryTable.FormatVerificationCode(table.VerificationCode!)}（第1版，报送时间 {Display.Time(table.SubmittedAtUtc)}）", footer);
        Assert.Contains($"内容摘要（SHA-256）：{table.SubmittedContentHash}", footer);
        Assert.Contains(footer, f => f.StartsWith($"平台签名（SM2，密钥指纹 {table.SignatureKeyFingerprint}）：{table.PlatformSignature}", StringComparison.Ordinal));
        Assert.Contains(footer, f => f.StartsWith("推荐单位电子盖章：浦东新区 李科长（浦东新区）", StringComparison.Ordinal));
        Assert.Contains($"核验网址：http://localhost/verify/{table.VerificationCode}", footer);
    }

    [Fact]
    public async Task The_pdf_is_a4_landscape_with_real_text_the_header_on_every_page_page_numbers_seals_and_a_QR_code_to_the_verification_page()
    {
        var batch = await NewBatchAsync(portal);
        await EnterprisesAsync(portal, batch, 60);
        var id = await SubmittedAsync(portal, batch);
        var table = await LoadAsync(portal, id);
        var district = await portal.SignedInAsync(Pudong);

        var response = await district.GetAsync($"/SummaryTables/Pdf/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages > 1, $"60 rows on {pdf.NumberOfPages} page(s)");
        var pages = pdf.GetPages().ToList();
        Assert.All(pages, p => Assert.True(p.Width > p.Height && Math.Abs(p.Width - 841.89) < 1 && Math.Abs(p.Height - 595.28) < 1, "A4 landscape"));
        var first = pages[0].Text;
        Assert.Contains(table.Title, first);
        Assert.Contains("推荐单位（盖章）：浦东新区", first);
        Assert.Contains("第三方机构（盖章）：上海智能制造质量监督服务中心（第三方）", first);
        var code = SummaryTable.FormatVerificationCode(table.VerificationCode!);
        for (var i = 0; i < pages.Count; i++)
        {
            var words = string.Join(" ", pages[i].GetWords().Select(w => w.Text));
            Assert.Contains(HeaderRow, pages[i].Text);
            Assert.Contains($"第 {i + 1} 页 共 {pages.Count} 页", words);
            Assert.Contains(code, pages[i].Text);
        }
        var all = string.Concat(pages.Select(p => p.Text));
        foreach (var r in table.Rows)
        {
            Assert.Contains(r.EnterpriseName, all);
            Assert.Contains(r.CreditCode, all);
        }
        var last = pages[^1].Text;
        Assert.Contains("推荐单位电子盖章", last);
        Assert.Contains("第三方机构电子盖章", last);
        Assert.Contains($"内容摘要：{table.SubmittedContentHash![..16]}", last);
        Assert.Contains(table.DistrictSeal!.SealedBy, last);
        Assert.Contains(Display.Time(table.ThirdPartySeal!.AtUtc).Replace(" ", ""), last.Replace(" ", ""));
        Assert.Contains($"平台签名{table.PlatformSignature![..8]}", pages[0].Text.Replace(" ", ""));

        // The QR code, read from the printed page the way a phone would, leads to the verification page.
        var folder = PdfTestTools.OutputFolder();
        var png = PdfTestTools.RenderPng(bytes, pages.Count, 150, Path.Combine(folder, $"summary-table-{portal.Database.Provider}-last"), gray: true);
        var url = PdfTestTools.DecodeQr(png);
        Assert.Equal($"http://localhost/verify/{table.VerificationCode}", url);
        PdfTestTools.RenderPng(bytes, 1, 110, Path.Combine(folder, $"summary-table-{portal.Database.Provider}-page1"));
        Assert.Contains("签名有效", Text(await portal.Browser().GetStringAsync(new Uri(url!).PathAndQuery)));
    }

    [Fact]
    public async Task A_draft_prints_without_a_code_and_says_it_is_not_submitted()
    {
        var batch = await NewBatchAsync(portal);
        var rows = await EnterprisesAsync(portal, batch, 2);
        var district = await portal.SignedInAsync(Pudong);
        var id = await DraftAsync(district, batch);

        using var pdf = PdfDocument.Open(await district.GetByteArrayAsync($"/SummaryTables/Pdf/{id}"));
        var text = pdf.GetPage(1).Text;
        Assert.Contains("尚未报送，无验证码", text);
        Assert.Contains("（尚未盖章）", text);
        Assert.Contains(rows[0].Name, text);
        Assert.DoesNotMatch(VerificationPattern(), text);
    }

    [GeneratedRegex("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")]
    private static partial Regex VerificationPattern();
}

[Collection("sqlite")]
public sealed class SummaryTableExportTests_Sqlite(TableSqlitePortal portal) : SummaryTableExportTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class SummaryTableExportTests_Postgres(TablePostgresPortal portal) : SummaryTableExportTests(portal), IClassFixture<TablePostgresPortal>;
