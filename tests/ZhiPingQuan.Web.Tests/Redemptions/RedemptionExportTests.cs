using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Tests.Assessments;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.Redemptions.RedemptionArrange;

namespace ZhiPingQuan.Web.Tests.Redemptions;

/// <summary>
/// The redemption list (.xlsx) read back, the payment list uploaded back (matched by enterprise, unknown rows refused,
/// nothing written before the confirmation, a second upload changes nothing), the agency's 兑付通知 (PDF text with the agency,
/// every enterprise, the total and its 大写 form), and who may open what: another agency gets 404 on every id URL.
/// </summary>
public abstract class RedemptionExportTests(TablePortal portal)
{
    private async Task<(Year Year, List<Passed> Passed, List<Guid> Ids, HttpClient Commission)> ApprovedAsync(int count, string? namePrefix = null)
    {
        var year = await NewYearAsync(portal, new Money(1_000_000m));
        var passed = await PassedAsync(portal, year, count, namePrefix: namePrefix);
        var ids = new List<Guid>();
        foreach (var p in passed)
        {
            ids.Add((await RedemptionOfAsync(portal, p)).Id);
        }
        var commission = await portal.SignedInAsync(Commission);
        await commission.FlashAfterAsync(await commission.ApproveAsync(ids));
        return (year, passed, ids, commission);
    }

    [Fact]
    public async Task The_list_reads_back_with_every_column_a_totals_row_and_no_formula()
    {
        var (year, passed, _, commission) = await ApprovedAsync(2, namePrefix: "=HYPERLINK(\"x\")");

        var response = await commission.GetAsync($"/Redemptions/Export?yearId={year.YearId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal(["序号", "推荐单位", "企业名称", "统一社会信用代码", "服务机构", "服务机构统一社会信用代码", "兑付金额（元）", "状态", "批准日期", "支付日期", "支付凭证号"],
            Enumerable.Range(1, 11).Select(c => sheet.Cell(2, c).GetString()).ToArray());
        for (var i = 0; i < passed.Count; i++)
        {
            var row = 3 + i;
            Assert.Equal((passed[i].Name, passed[i].CreditCode, "浦东新区", 100_000m, "已批准", "2023-10-20"),
                (sheet.Cell(row, 3).GetString(), sheet.Cell(row, 4).GetString(), sheet.Cell(row, 2).GetString(), sheet.Cell(row, 7).GetValue<decimal>(),
                 sheet.Cell(row, 8).GetString(), sheet.Cell(row, 9).GetString()));
            Assert.False(sheet.Cell(row, 3).HasFormula);
            Assert.StartsWith("=HYPERLINK", sheet.Cell(row, 3).GetString());
        }
        Assert.Equal(("合计", 200_000m), (sheet.Cell(5, 1).GetString(), sheet.Cell(5, 7).GetValue<decimal>()));
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.RedemptionListExported && e.Detail!.Contains($"{year.Number}年度兑付清单，2条"))));
    }

    [Fact]
    public async Task The_payment_list_uploaded_back_is_matched_by_enterprise_refuses_unknown_rows_and_records_only_when_confirmed()
    {
        var (year, passed, ids, commission) = await ApprovedAsync(3);
        var pending = (await PassedAsync(portal, year, 1))[0];
        var exported = await commission.GetByteArrayAsync($"/Redemptions/Export?yearId={year.YearId}");
        byte[] filled;
        using (var workbook = new XLWorkbook(new MemoryStream(exported)))
        {
            var sheet = workbook.Worksheet(1);
            for (var row = 3; row <= 5; row++)
            {
                sheet.Cell(row, 10).Value = new DateTime(2023, 10, 20);
                sheet.Cell(row, 11).Value = $"ICBC-{row:D4}";
            }
            // The pending one (row 6, payment left empty), then a row no redemption of the year has.
            sheet.Row(7).InsertRowsAbove(1);
            sheet.Cell(7, 3).Value = "名单外企业有限公司";
            sheet.Cell(7, 4).Value = TestData.NewCreditCode().Value;
            sheet.Cell(7, 10).Value = "2023-10-20";
            sheet.Cell(7, 11).Value = "ICBC-9999";
            using var buffer = new MemoryStream();
            workbook.SaveAs(buffer);
            filled = buffer.ToArray();
        }

        var preview = await commission.PostMultipartAsync($"/Redemptions/Payments?yearId={year.YearId}", "/Redemptions/PaymentsPreview",
            new Dictionary<string, string> { ["yearId"] = year.YearId.ToString() }, ("file", "支付清单.xlsx", filled));
        var html = await preview.Content.ReadAsStringAsync();
        var text = Text(html);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("可登记 3 行，有错误 1 行", text);
        Assert.Contains("本年度兑付中没有统一社会信用代码为", text);
        Assert.Contains("未填写支付信息，不登记。", text);
        Assert.All(await RedemptionsAsync(portal, year), r => Assert.NotEqual(RedemptionState.Paid, r.State));

        var fields = Applications.ApplicationArrange.FormValues(html, "payments-confirm-form");
        var confirmed = await commission.PostFormAsync($"/Redemptions/Payments?yearId={year.YearId}", "/Redemptions/PaymentsConfirm", fields);
        Assert.Contains("已按支付清单登记3笔支付", await commission.FlashAfterAsync(confirmed));
        var after = await RedemptionsAsync(portal, year);
        Assert.Equal(3, after.Count(r => r.State == RedemptionState.Paid));
        Assert.Equal(RedemptionState.PendingApproval, after.Single(r => r.EnterpriseId == pending.EnterpriseId).State);
        Assert.Equal(["ICBC-0003", "ICBC-0004", "ICBC-0005"], after.Where(r => r.State == RedemptionState.Paid).Select(r => r.PaymentReference!).Order().ToArray());
        Assert.Equal(3, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.RedemptionPaid && ids.Contains(e.RecordId!.Value)
            && e.Detail!.Contains("导入支付清单"))));

        // The same list again: nothing to record, nothing changes.
        var again = await commission.PostMultipartAsync($"/Redemptions/Payments?yearId={year.YearId}", "/Redemptions/PaymentsPreview",
            new Dictionary<string, string> { ["yearId"] = year.YearId.ToString() }, ("file", "支付清单.xlsx", filled));
        var againText = Text(await again.Content.ReadAsStringAsync());
        Assert.Contains("可登记 0 行", againText);
        Assert.Contains("已登记过相同的支付信息，不重复登记。", againText);

        // Not a workbook: a clear message, nothing written.
        var wrong = await commission.PostMultipartAsync($"/Redemptions/Payments?yearId={year.YearId}", "/Redemptions/PaymentsPreview",
            new Dictionary<string, string> { ["yearId"] = year.YearId.ToString() }, ("file", "支付清单.xlsx", "not a workbook"u8.ToArray()));
        Assert.Contains("无法读取该文件", Text(await wrong.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_agency_downloads_its_notice_with_every_enterprise_the_total_and_its_capital_form_and_another_agency_gets_404()
    {
        var (year, passed, ids, commission) = await ApprovedAsync(2);
        var agencyId = passed[0].AgencyId;
        var agency = await portal.SignedInAsync(AgencyA);
        var url = $"/Redemptions/Notice?agencyId={agencyId}&yearId={year.YearId}";

        var index = Text(await agency.GetStringAsync($"/Redemptions?yearId={year.YearId}"));
        Assert.Contains("下载兑付通知 (PDF)", index);
        var response = await agency.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using (var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains("上海智评工业咨询有限公司", text);
            foreach (var p in passed)
            {
                Assert.Contains(p.Name, text);
            }
            Assert.Contains("200,000.00", text);
            Assert.Contains("贰拾万元整", text);
            Assert.Contains("验证码", text);
        }
        var notice = await portal.WithDbAsync(db => db.RedemptionNotices.AsNoTracking().SingleAsync(n => n.AgencyId == agencyId && n.ProgrammeYearId == year.YearId));
        Assert.Equal((2, 200_000m), (notice.Count, notice.Total.Yuan));
        // The same content again: the same notice and code.
        await agency.GetByteArrayAsync(url);
        Assert.Equal(1, await portal.WithDbAsync(db => db.RedemptionNotices.CountAsync(n => n.AgencyId == agencyId && n.ProgrammeYearId == year.YearId)));
        var verified = Text(await portal.Browser().GetStringAsync($"/verify/notice/{notice.VerificationCode}"));
        Assert.Contains("贰拾万元整", verified);
        Assert.DoesNotContain(passed[0].Name, verified);

        // Another agency: 404 on the notice and on each redemption; the commission sees them.
        var other = await portal.SignedInAsync(AgencyB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Redemptions/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await agency.GetAsync($"/Redemptions/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await commission.GetAsync($"/Redemptions/Details/{id}")).StatusCode);
        }
        Assert.DoesNotContain(passed[0].Name, Text(await other.GetStringAsync($"/Redemptions?yearId={year.YearId}")));
        Assert.Equal(HttpStatusCode.NotFound, (await commission.GetAsync($"/Redemptions/Details/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Roles_other_than_the_commission_and_the_agency_cannot_open_redemptions()
    {
        var (year, _, ids, _) = await ApprovedAsync(1);
        foreach (var email in new[] { TableArrange.Pudong, TableArrange.ThirdParty, TableArrange.EnterpriseA })
        {
            var client = await portal.SignedInAsync(email);
            foreach (var url in new[] { $"/Redemptions/Details/{ids[0]}", $"/Redemptions?yearId={year.YearId}" })
            {
                var response = await client.GetAsync(url);
                Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }
}

[Collection("sqlite")]
public sealed class RedemptionExportTests_Sqlite(TableSqlitePortal portal) : RedemptionExportTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class RedemptionExportTests_Postgres(TablePostgresPortal portal) : RedemptionExportTests(portal), IClassFixture<TablePostgresPortal>;
