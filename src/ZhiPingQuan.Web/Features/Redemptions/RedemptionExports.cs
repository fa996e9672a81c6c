using System.Globalization;
using ClosedXML.Excel;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Features.Redemptions;

/// <summary>
/// The redemption/payment list (.xlsx, ClosedXML; text cells never formulas) and the 兑付通知 per agency (PDF through the PDF
/// layout module). The list's columns are also what the payment list upload reads back (<see cref="PaymentListImport"/>).
/// </summary>
public sealed class RedemptionExports(PdfLayout layout)
{
    public const string UnitColumn = "推荐单位";
    public const string EnterpriseColumn = "企业名称";
    public const string CreditCodeColumn = "统一社会信用代码";
    public const string AgencyColumn = "服务机构";
    public const string AgencyCodeColumn = "服务机构统一社会信用代码";
    public const string AmountColumn = "兑付金额（元）";
    public const string StateColumn = "状态";
    public const string ApprovedColumn = "批准日期";
    public const string PaidOnColumn = "支付日期";
    public const string ReferenceColumn = "支付凭证号";

    private static readonly (string Title, double Width)[] Columns =
    [
        ("序号", 6), (UnitColumn, 14), (EnterpriseColumn, 36), (CreditCodeColumn, 22), (AgencyColumn, 30), (AgencyCodeColumn, 24),
        (AmountColumn, 16), (StateColumn, 10), (ApprovedColumn, 12), (PaidOnColumn, 12), (ReferenceColumn, 24),
    ];

    public static string ListFileName(int year) => $"{year}年度智评券兑付清单.xlsx";

    public byte[] Xlsx(int year, IReadOnlyList<RedemptionRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("兑付清单");
        sheet.WriteTitle($"{year}年度智评券额度兑付清单", Columns.Length);
        sheet.WriteHeader(Columns, row: 2);
        var line = 3;
        foreach (var (r, i) in rows.Select((r, i) => (r, i + 1)))
        {
            sheet.Cell(line, 1).SetValue(i);
            sheet.Cell(line, 2).SetText(r.UnitName);
            sheet.Cell(line, 3).SetText(r.EnterpriseName);
            sheet.Cell(line, 4).SetText(r.CreditCode);
            sheet.Cell(line, 5).SetText(r.AgencyName);
            sheet.Cell(line, 6).SetText(r.AgencyCreditCode);
            var amount = sheet.Cell(line, 7);
            amount.SetValue(r.Amount);
            amount.Style.NumberFormat.Format = "#,##0.00";
            sheet.Cell(line, 8).SetText(r.State.ToChinese());
            sheet.Cell(line, 9).SetText(r.ApprovedAtUtc is { } a ? Display.Date(ShanghaiDate(a)) : string.Empty);
            sheet.Cell(line, 10).SetText(r.PaidOn is { } p ? Display.Date(p) : string.Empty);
            sheet.Cell(line, 11).SetText(r.PaymentReference);
            line++;
        }
        // Totals as values, not formulas: the file is read back and may be opened anywhere.
        sheet.Cell(line, 1).SetText("合计");
        sheet.Cell(line, 3).SetText($"{rows.Count}家");
        var total = sheet.Cell(line, 7);
        total.SetValue(rows.Sum(r => r.Amount));
        total.Style.NumberFormat.Format = "#,##0.00";
        sheet.Cell(line, 8).SetText($"其中已支付{rows.Count(r => r.State == RedemptionState.Paid)}家");
        sheet.Row(line).Style.Font.Bold = true;
        var range = sheet.Range(2, 1, line, Columns.Length);
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        return workbook.ToBytes();
    }

    public static DateOnly ShanghaiDate(DateTime utc) => DateOnly.FromDateTime(Domain.Common.ShanghaiTime.ToShanghai(utc));

    // ---------------------------------------------------------------------------------------------- notice

    public static string NoticeFileName(RedemptionNotice n) => $"{n.Year}年度智评券兑付通知_{n.AgencyName}.pdf";

    public static string FormatCode(string code) => code.Length == 12 ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;

    private static readonly IReadOnlyList<PdfColumn> NoticeColumns =
    [
        PdfColumn.Fixed("序号", 34, PdfAlign.Center),
        PdfColumn.Relative("企业名称", 3f),
        PdfColumn.Fixed("统一社会信用代码", 128, PdfAlign.Center),
        PdfColumn.Fixed("兑付金额（元）", 90, PdfAlign.Right),
        PdfColumn.Fixed("状态", 56, PdfAlign.Center),
    ];

    public PdfOutput NoticePdf(RedemptionNotice notice, string agencyCreditCode, IReadOnlyList<RedemptionRow> rows, string verificationUrl, string commissionName)
    {
        var table = rows.Select((r, i) => (IReadOnlyList<string?>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture), r.EnterpriseName, r.CreditCode,
            r.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture), r.State.ToChinese(),
        ]).ToList();
        table.Add(["合计", $"{rows.Count}家企业", string.Empty, notice.Total.Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture), string.Empty]);
        var issued = ShanghaiDate(notice.IssuedAtUtc);
        var code = FormatCode(notice.VerificationCode);
        return layout.Create(PdfPageSetup.A4Portrait)
            .Metadata($"{notice.Year}年度智评券兑付通知（{notice.AgencyName}）", "智评券服务平台", notice.AgencyName)
            .Title($"{notice.Year}年度智评券额度兑付通知")
            .Paragraph($"{notice.AgencyName}（统一社会信用代码 {agencyCreditCode}）：")
            .Paragraph($"经审核，贵机构为下列{rows.Count}家企业提供的智能制造评估诊断服务，按{notice.Year}年度额定标准予以兑付（申兑分离，兑付给评估服务机构）。明细如下：")
            .Table(NoticeColumns, table, keepLastRowWithNext: true)
            .Paragraph($"兑付金额合计：人民币{notice.Total.Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture)}元（大写：人民币{ChineseAmount.Of(notice.Total)}）", bold: true)
            .Paragraph("已支付的款项以银行凭证为准；尚未支付的款项将在支付后登记凭证号。")
            .Spacer(12)
            .Paragraph(commissionName, align: PdfAlign.Right)
            .Paragraph(Display.LongDate(issued), align: PdfAlign.Right)
            .Qr(verificationUrl, $"扫码核验\n验证码 {code}")
            .Footer($"{notice.AgencyName} · {notice.Year}年度兑付通知 · 验证码 {code} · 核验 {verificationUrl}")
            .Render();
    }
}
