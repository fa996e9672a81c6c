using System.Globalization;
using ClosedXML.Excel;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;
using ZhiPingQuan.Web.Infrastructure.Pdf;
using ZhiPingQuan.Web.Infrastructure.Pdf.Charts;

namespace ZhiPingQuan.Web.Features.Evaluations;

/// <summary>
/// The year's evaluation as .xlsx (ClosedXML; rates as numbers with two decimals, "—" where the denominator is 0; text
/// never a formula) and the printed report (PDF through the layout module, with bar charts drawn into it — decision 0014):
/// the year's report over every unit, or one unit's.
/// </summary>
public sealed class EvaluationExports(PdfLayout layout)
{
    public static readonly (string Title, double Width)[] Columns =
    [
        ("序号", 6), ("推荐单位", 14), ("状态", 8), ("推荐企业数", 10), ("已评估企业数", 11), ("规上工业企业数", 12), ("覆盖率（%）", 11),
        ("应报送汇总表", 11), ("按时报送汇总表", 12), ("额度申请数", 10), ("一次通过数", 10), ("一次通过率（%）", 13), ("退回补正次数", 11),
        ("兑付数", 8), ("有后续改造企业数", 14), ("改造跟踪率（%）", 13), ("市经信委评分", 11), ("评价意见", 40),
    ];

    public static string XlsxFileName(int year) => $"{year}年度智评券绩效评价.xlsx";

    public static string YearPdfFileName(int year) => $"{year}年度智评券绩效评价报告.pdf";

    public static string UnitPdfFileName(UnitEvaluationRow row) => $"{row.Year}年度智评券绩效评价_{row.UnitName}.pdf";

    public static string Rate(decimal? percent) => percent is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    public static string ScoreText(decimal? score) => score is { } s ? s.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    public byte[] Xlsx(int year, IReadOnlyList<UnitEvaluationRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("绩效评价");
        sheet.WriteTitle($"{year}年度智评券绩效评价（各推荐单位）", Columns.Length);
        sheet.WriteHeader(Columns, row: 2);
        var line = 3;
        foreach (var (r, n) in rows.Select((r, i) => (r, i + 1)))
        {
            var x = r.Indicators;
            sheet.Cell(line, 1).SetValue(n);
            sheet.Cell(line, 2).SetText(r.UnitName);
            sheet.Cell(line, 3).SetText(r.StateName);
            int[] counts = [x.RecommendedCount, x.AssessedCount, x.AboveSizeCount];
            for (var c = 0; c < counts.Length; c++)
            {
                sheet.Cell(line, 4 + c).SetValue(counts[c]);
            }
            Percent(sheet.Cell(line, 7), x.CoveragePercent);
            sheet.Cell(line, 8).SetValue(x.TablesExpected);
            sheet.Cell(line, 9).SetValue(x.TablesSubmittedOnTime);
            sheet.Cell(line, 10).SetValue(x.ApplicationCount);
            sheet.Cell(line, 11).SetValue(x.FirstPassCount);
            Percent(sheet.Cell(line, 12), x.FirstPassRatePercent);
            sheet.Cell(line, 13).SetValue(x.ReturnCount);
            sheet.Cell(line, 14).SetValue(x.RedemptionCount);
            sheet.Cell(line, 15).SetValue(x.FollowUpCount);
            Percent(sheet.Cell(line, 16), x.UpgradeFollowUpRatePercent);
            if (r.Score is { } score)
            {
                sheet.Cell(line, 17).SetValue(score);
                sheet.Cell(line, 17).Style.NumberFormat.Format = "0.00";
            }
            else
            {
                sheet.Cell(line, 17).SetText("—");
            }
            sheet.Cell(line, 18).SetText(r.Remarks);
            sheet.Cell(line, 18).Style.Alignment.WrapText = true;
            line++;
        }
        var range = sheet.Range(2, 1, Math.Max(2, line - 1), Columns.Length);
        range.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        range.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        sheet.Cell(line + 1, 1).SetText("说明：草稿和已发布的评价为生成（或最近一次重新计算）时的指标；未生成的为导出时按记录计算的指标。比率的分母为0时记为“—”。");
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        return workbook.ToBytes();

        static void Percent(IXLCell cell, decimal? value)
        {
            if (value is { } v)
            {
                cell.SetValue(v);
                cell.Style.NumberFormat.Format = "0.00";
            }
            else
            {
                cell.SetText("—");
            }
        }
    }

    private static readonly IReadOnlyList<PdfColumn> YearColumns =
    [
        PdfColumn.Fixed("序号", 30, PdfAlign.Center),
        PdfColumn.Relative("推荐单位", 1.4f),
        PdfColumn.Fixed("状态", 42, PdfAlign.Center),
        PdfColumn.Fixed("推荐", 36, PdfAlign.Right),
        PdfColumn.Fixed("已评估", 40, PdfAlign.Right),
        PdfColumn.Fixed("规上企业", 48, PdfAlign.Right),
        PdfColumn.Fixed("覆盖率", 52, PdfAlign.Right),
        PdfColumn.Fixed("汇总表按时/应报", 62, PdfAlign.Center),
        PdfColumn.Fixed("申请", 36, PdfAlign.Right),
        PdfColumn.Fixed("一次通过率", 58, PdfAlign.Right),
        PdfColumn.Fixed("退回补正", 48, PdfAlign.Right),
        PdfColumn.Fixed("兑付", 36, PdfAlign.Right),
        PdfColumn.Fixed("改造跟踪率", 58, PdfAlign.Right),
        PdfColumn.Fixed("评分", 40, PdfAlign.Right),
    ];

    /// <summary>The year's report: every unit's line, then the coverage and first-pass charts across the units.</summary>
    public PdfOutput YearPdf(int year, IReadOnlyList<UnitEvaluationRow> rows, string commissionName, DateOnly today)
    {
        var table = rows.Select((r, i) => (IReadOnlyList<string?>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture), r.UnitName, r.StateName, N(r.Indicators.RecommendedCount), N(r.Indicators.AssessedCount),
            N(r.Indicators.AboveSizeCount), Rate(r.Indicators.CoveragePercent), $"{r.Indicators.TablesSubmittedOnTime}/{r.Indicators.TablesExpected}",
            N(r.Indicators.ApplicationCount), Rate(r.Indicators.FirstPassRatePercent), N(r.Indicators.ReturnCount), N(r.Indicators.RedemptionCount),
            Rate(r.Indicators.UpgradeFollowUpRatePercent), ScoreText(r.Score),
        ]).ToList();
        var active = rows.Where(r => r.Indicators.RecommendedCount > 0 || r.State is not null).ToList();
        var charted = active.Count > 0 ? active : rows.ToList();
        return layout.Create(PdfPageSetup.A4Landscape)
            .Metadata($"{year}年度智评券绩效评价报告", commissionName)
            .Title($"{year}年度智评券绩效评价报告")
            .Paragraph($"各推荐单位{year}年度的工作指标由平台按记录计算：推荐企业数（不含撤回）、已确认评估的企业数、覆盖率（已评估企业数÷规上工业企业数）、"
                + "汇总表按时报送数（截止日期含延期）、额度申请一次通过率（未经退回补正即通过÷已提交申请）、退回补正次数、兑付数（已批准或已支付）、"
                + "改造跟踪率（有后续改造项目的企业÷已评估企业）。评分由市经信委评定。分母为0的比率记为“—”。")
            .Table(YearColumns, table)
            .Paragraph($"已发布{rows.Count(r => r.State == DistrictEvaluationState.Published)}个单位，草稿{rows.Count(r => r.State == DistrictEvaluationState.Draft)}个，"
                + $"未生成{rows.Count(r => r.IsLive)}个（未生成的按导出时的记录计算）。")
            .BarChart(new BarChart("各推荐单位覆盖率（已评估企业数÷规上工业企业数）",
                charted.Select(r => new BarChartItem(r.UnitName, r.Indicators.CoveragePercent)).ToList(), 100m, "%"))
            .Spacer(6)
            .BarChart(new BarChart("各推荐单位额度申请一次通过率",
                charted.Select(r => new BarChartItem(r.UnitName, r.Indicators.FirstPassRatePercent)).ToList(), 100m, "%"))
            .Spacer(12)
            .Paragraph(commissionName, align: PdfAlign.Right)
            .Paragraph(Display.LongDate(today), align: PdfAlign.Right)
            .Footer($"{year}年度智评券绩效评价报告 · 智评券服务平台")
            .Render();
    }

    private static readonly IReadOnlyList<PdfColumn> UnitColumns =
    [
        PdfColumn.Relative("指标", 1.6f),
        PdfColumn.Fixed("数值", 90, PdfAlign.Right),
        PdfColumn.Relative("计算口径", 2.6f),
    ];

    /// <summary>One unit's report: the indicators, the score and remarks, and two charts (the rates, the counts).</summary>
    public PdfOutput UnitPdf(UnitEvaluationRow row, string commissionName)
    {
        var x = row.Indicators;
        IReadOnlyList<string?>[] table =
        [
            ["推荐企业数", N(x.RecommendedCount), "本年度推荐的企业，不含撤回"],
            ["已评估企业数", N(x.AssessedCount), "推荐企业中评估已由推荐单位确认完成的"],
            ["规上工业企业数", N(x.AboveSizeCount), "本单位年度设置中填报"],
            ["覆盖率", Rate(x.CoveragePercent), "已评估企业数÷规上工业企业数"],
            ["汇总表按时报送", $"{x.TablesSubmittedOnTime}/{x.TablesExpected}", "应报送的批次中，在截止日期（含延期）前首次报送的"],
            ["额度申请数", N(x.ApplicationCount), "已提交且未撤回的额度申请"],
            ["一次通过数", N(x.FirstPassCount), "未经退回补正即审核通过的申请"],
            ["一次通过率", Rate(x.FirstPassRatePercent), "一次通过数÷额度申请数"],
            ["退回补正次数", N(x.ReturnCount), "每次退回补正各计一次"],
            ["兑付数", N(x.RedemptionCount), "已批准或已支付的兑付"],
            ["有后续改造的企业数", N(x.FollowUpCount), "已评估企业中有未取消的后续改造项目的"],
            ["改造跟踪率", Rate(x.UpgradeFollowUpRatePercent), "有后续改造的企业数÷已评估企业数"],
        ];
        var builder = layout.Create(PdfPageSetup.A4Portrait)
            .Metadata($"{row.Year}年度智评券绩效评价（{row.UnitName}）", commissionName, row.UnitName)
            .Title($"{row.Year}年度智评券绩效评价")
            .HeaderLine($"推荐单位：{row.UnitName}", $"状态：{row.StateName}")
            .Table(UnitColumns, table)
            .BarChart(new BarChart("主要比率（%）",
            [
                new BarChartItem("覆盖率", x.CoveragePercent),
                new BarChartItem("汇总表按时报送率", row.OnTimePercent),
                new BarChartItem("额度申请一次通过率", x.FirstPassRatePercent),
                new BarChartItem("改造跟踪率", x.UpgradeFollowUpRatePercent),
            ], 100m, "%"))
            .Spacer(4)
            .BarChart(new BarChart("主要数量",
            [
                new BarChartItem("推荐企业", x.RecommendedCount),
                new BarChartItem("已评估企业", x.AssessedCount),
                new BarChartItem("额度申请", x.ApplicationCount),
                new BarChartItem("退回补正", x.ReturnCount),
                new BarChartItem("兑付", x.RedemptionCount),
                new BarChartItem("有后续改造的企业", x.FollowUpCount),
            ]))
            .Paragraph($"市经信委评分：{ScoreText(row.Score)}", bold: true)
            .Paragraph($"评价意见：{(string.IsNullOrWhiteSpace(row.Remarks) ? "（无）" : row.Remarks)}")
            .Paragraph($"指标计算时间：{Display.Time(row.ComputedAtUtc)}" + (row.PublishedAtUtc is { } p ? $"　发布时间：{Display.Time(p)}" : "　尚未发布"))
            .Spacer(12)
            .Paragraph(commissionName, align: PdfAlign.Right);
        return builder.Footer($"{row.Year}年度智评券绩效评价 · {row.UnitName}").Render();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
