using System.Globalization;
using ClosedXML.Excel;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Features.SummaryTables;

/// <summary>What an export prints besides the rows: the third party's name, the page that checks the code, later revisions.</summary>
public sealed record ExportContext(string ThirdPartyName, string VerificationUrl, int? SupersededBy);

/// <summary>
/// A revision as the notice's attachment lays it out (docs/domain.md §4.3): the title, the header line with the two
/// seal captions, the seven columns in order, one row per enterprise; then who sealed when, the verification code,
/// the content hash and the platform's signature. As .xlsx (ClosedXML; text cells never formulas) and as an A4 landscape
/// PDF through the PDF layout module (the header row repeats on every page, page x of y, seal boxes, a QR code to the
/// verification page).
/// </summary>
public sealed class SummaryTableExports(PdfLayout layout)
{
    public static string FileName(SummaryTable t, string extension) =>
        $"{t.Year}年{t.BatchName}汇总表_{t.UnitName}_第{t.Revision}版.{extension}";

    public static string UnitLine(SummaryTable t) => $"推荐单位（盖章）：{t.UnitName}";

    public static string ThirdPartyLine(string thirdParty) => $"第三方机构（盖章）：{thirdParty}";

    public static string Score(SummaryTableRow r) => r.MaturityScore.Value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The lines under the table: state, code, hash, signature — the same in both files.</summary>
    public static IReadOnlyList<string> FooterLines(SummaryTable t, ExportContext context)
    {
        var lines = new List<string>();
        if (!SummaryTableRules.Submitted.IsSatisfiedBy(t))
        {
            lines.Add($"本表为第{t.Revision}版，状态：{t.State.ToChinese()}，尚未报送，无验证码，仅供核对。");
            lines.Add($"内容摘要（SHA-256）：{t.ComputeContentHash()}");
            return lines;
        }
        lines.Add($"验证码：{SummaryTable.FormatVerificationCode(t.VerificationCode!)}（第{t.Revision}版，报送时间 {Display.Time(t.SubmittedAtUtc)}）");
        lines.Add($"内容摘要（SHA-256）：{t.SubmittedContentHash}");
        if (t.PlatformSignature is { } signature)
        {
            lines.Add($"平台签名（SM2，密钥指纹 {t.SignatureKeyFingerprint}）：{signature}");
        }
        lines.Add($"核验网址：{context.VerificationUrl}");
        if (context.SupersededBy is { } later)
        {
            lines.Add($"本版已被市经信委退回，已由第{later}版取代。");
        }
        return lines;
    }

    // ---------------------------------------------------------------------------------------------- xlsx

    public byte[] Xlsx(SummaryTable t, ExportContext context)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("汇总表");
        var last = SummaryTableColumns.All.Count;

        var title = sheet.Cell(1, 1);
        title.SetText(t.Title);
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 16;
        title.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        sheet.Range(1, 1, 1, last).Merge();
        sheet.Row(1).Height = 28;

        sheet.Cell(2, 1).SetText(UnitLine(t));
        sheet.Range(2, 1, 2, 4).Merge();
        var right = sheet.Cell(2, 5);
        right.SetText(ThirdPartyLine(context.ThirdPartyName));
        right.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        sheet.Range(2, 5, 2, last).Merge();

        double[] widths = [6, 40, 22, 24, 14, 14, 26];
        sheet.WriteHeader(SummaryTableColumns.All.Select((h, i) => (h, widths[i])).ToList(), row: 3);
        sheet.Row(3).Style.Alignment.WrapText = true;
        sheet.Row(3).Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;

        var line = 4;
        foreach (var r in t.Rows.OrderBy(r => r.SequenceNo))
        {
            sheet.Cell(line, 1).SetValue(r.SequenceNo);
            sheet.Cell(line, 2).SetText(r.EnterpriseName);
            sheet.Cell(line, 3).SetText(r.CreditCode);
            sheet.Cell(line, 4).SetText(r.KeyIndustry.ToChinese());
            var score = sheet.Cell(line, 5);
            score.SetValue(r.MaturityScore.Value);
            score.Style.NumberFormat.Format = "0.00";
            sheet.Cell(line, 6).SetText(r.SmartFactoryLevelName);
            sheet.Cell(line, 7).SetText(r.Contact);
            line++;
        }
        var table = sheet.Range(3, 1, Math.Max(3, line - 1), last);
        table.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        table.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;

        line++;
        foreach (var seal in new[] { t.DistrictSeal, t.ThirdPartySeal })
        {
            if (seal is not null)
            {
                sheet.Cell(line++, 1).SetText($"{seal.Party.ToChinese()}电子盖章：{seal.OrganisationName} {seal.SealedBy}，{Display.Time(seal.AtUtc)}，内容摘要 {seal.ShortHash}");
            }
        }
        foreach (var text in FooterLines(t, context))
        {
            sheet.Cell(line++, 1).SetText(text);
        }
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.SetRowsToRepeatAtTop(3, 3);
        return workbook.ToBytes();
    }

    // ---------------------------------------------------------------------------------------------- pdf

    /// <summary>The summary table's columns: widths chosen so a credit code and a score never wrap on A4 landscape.</summary>
    public static IReadOnlyList<PdfColumn> PdfColumns { get; } =
    [
        PdfColumn.Fixed(SummaryTableColumns.SequenceNo, 34, PdfAlign.Center),
        PdfColumn.Relative(SummaryTableColumns.EnterpriseName, 3.2f),
        PdfColumn.Fixed(SummaryTableColumns.CreditCode, 128, PdfAlign.Center),
        PdfColumn.Relative(SummaryTableColumns.KeyIndustry, 1.3f, PdfAlign.Center),
        PdfColumn.Fixed(SummaryTableColumns.MaturityScore, 72, PdfAlign.Right),
        PdfColumn.Fixed(SummaryTableColumns.SmartFactoryLevel, 74, PdfAlign.Center),
        PdfColumn.Relative(SummaryTableColumns.Contact, 1.7f),
    ];

    public PdfOutput Pdf(SummaryTable t, ExportContext context)
    {
        var rows = t.Rows.OrderBy(r => r.SequenceNo).Select(r => (IReadOnlyList<string?>)
        [
            r.SequenceNo.ToString(CultureInfo.InvariantCulture), r.EnterpriseName, r.CreditCode, r.KeyIndustry.ToChinese(),
            Score(r), r.SmartFactoryLevelName, r.Contact,
        ]).ToList();
        var submitted = SummaryTableRules.Submitted.IsSatisfiedBy(t);
        var builder = layout.Create(PdfPageSetup.A4Landscape)
            .Metadata($"{t.Title}（{t.UnitName}，第{t.Revision}版）", "智评券服务平台", t.UnitName)
            .Title(t.Title)
            .HeaderLine(UnitLine(t), ThirdPartyLine(context.ThirdPartyName))
            .Table(PdfColumns, rows, keepLastRowWithNext: true)
            .SealBoxes(
                [SealBox("推荐单位电子盖章", t.DistrictSeal), SealBox("第三方机构电子盖章", t.ThirdPartySeal)],
                submitted ? new PdfQr(context.VerificationUrl, $"扫码核验\n验证码 {SummaryTable.FormatVerificationCode(t.VerificationCode!)}") : null);
        return builder.Footer(PageFooter(t, context)).Render();
    }

    private static PdfSealBox SealBox(string title, SummaryTableSeal? seal) => seal is null
        ? new PdfSealBox(title, ["（尚未盖章）"])
        : new PdfSealBox(title,
        [
            $"盖章单位：{seal.OrganisationName}",
            $"盖章人：{seal.SealedBy}",
            $"盖章时间：{Display.Time(seal.AtUtc)}",
            $"内容摘要：{seal.ShortHash}",
        ]);

    /// <summary>
    /// On every page: the verification code, the hash and the signature in short and where to check them, so any single
    /// page can be checked (nothing follows the seal boxes, which stay with the table's last row).
    /// </summary>
    private static string PageFooter(SummaryTable t, ExportContext context) => SummaryTableRules.Submitted.IsSatisfiedBy(t)
        ? $"{t.UnitName} · 第{t.Revision}版 · 验证码 {SummaryTable.FormatVerificationCode(t.VerificationCode!)} · 内容摘要 {t.SubmittedContentHash![..16]}"
          + (t.PlatformSignature is { Length: >= 16 } s ? $" · 平台签名 {s[..8]}…{s[^8..]}" : string.Empty)
          + $" · 核验 {context.VerificationUrl}"
          + (context.SupersededBy is { } later ? $" · 本版已被第{later}版取代" : string.Empty)
        : $"{t.UnitName} · 第{t.Revision}版 · {t.State.ToChinese()}，尚未报送，无验证码，仅供核对";
}
