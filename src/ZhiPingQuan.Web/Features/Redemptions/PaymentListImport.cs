using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Redemptions;

/// <summary>
/// The payment list uploaded back (docs/domain.md §4.6): the exported redemption list with 支付日期 and 支付凭证号 filled in
/// by the finance office. Rows are matched to the year's redemptions by the enterprise's credit code; each is checked by the
/// domain's own payment rule on a copy that is never saved; a preview shows every row with its errors, and nothing is
/// written until the commission confirms — the confirmed rows are checked again and recorded in one save. Unknown
/// enterprises are refused. The list is small (one row per redeemed enterprise), so ClosedXML reads it whole.
/// </summary>
public sealed class PaymentListImport(AppDbContext db, IClock clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    private const int HeaderSearchRows = 10;

    /// <summary>The rows of the workbook (refused: not an .xlsx, no sheet, no header with the three needed columns).</summary>
    public static List<PaymentListRow> Read(Stream content, string fileName)
    {
        if (!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("请上传 .xlsx 格式的支付清单（由“导出兑付清单”下载并填写支付日期和凭证号）。", "file");
        }
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(content);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DomainException("无法读取该文件：不是有效的 .xlsx 工作簿，或文件已损坏。", "file");
        }
        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault() ?? throw new DomainException("工作簿中没有工作表。", "file");
            var (headerRow, columns) = FindHeader(sheet);
            var rows = new List<PaymentListRow>();
            var last = sheet.LastRowUsed()?.RowNumber() ?? headerRow;
            for (var n = headerRow + 1; n <= last; n++)
            {
                var code = Text(sheet.Cell(n, columns[RedemptionExports.CreditCodeColumn]));
                var first = Text(sheet.Cell(n, 1));
                if (code.Length == 0 || first == "合计")
                {
                    continue;
                }
                var row = new PaymentListRow
                {
                    RowNumber = n,
                    CreditCode = code.ToUpperInvariant(),
                    EnterpriseName = columns.TryGetValue(RedemptionExports.EnterpriseColumn, out var ec) ? Text(sheet.Cell(n, ec)) : string.Empty,
                    PaidOn = DateOf(sheet.Cell(n, columns[RedemptionExports.PaidOnColumn]), out var badDate),
                    Reference = NullIfEmpty(Text(sheet.Cell(n, columns[RedemptionExports.ReferenceColumn]))),
                };
                if (badDate is not null)
                {
                    row.Errors.Add($"支付日期“{badDate}”无法识别，请填写如 2023-12-20 的日期。");
                }
                rows.Add(row);
            }
            if (rows.Count == 0)
            {
                throw new DomainException("支付清单中没有企业行。", "file");
            }
            return rows;
        }
    }

    /// <summary>Matches each row to the year's redemption and checks it with the domain's rule (nothing is saved).</summary>
    public async Task CheckAsync(Guid yearId, IReadOnlyList<PaymentListRow> rows, string by, CancellationToken ct)
    {
        var redemptions = await LoadAsync(yearId, rows.Select(r => r.CreditCode).ToList(), ct);
        var seen = new HashSet<string>();
        foreach (var row in rows)
        {
            if (!seen.Add(row.CreditCode))
            {
                row.Errors.Add("同一企业在清单中出现多次。");
                continue;
            }
            if (!redemptions.TryGetValue(row.CreditCode, out var r))
            {
                row.Errors.Add($"本年度兑付中没有统一社会信用代码为 {row.CreditCode} 的企业，不能登记。");
                continue;
            }
            row.RedemptionId = r.Id;
            if (row.Errors.Count > 0)
            {
                continue;
            }
            if (row.PaidOn is null && row.Reference is null)
            {
                row.Note = "未填写支付信息，不登记。";
                continue;
            }
            if (r.State == RedemptionState.Paid && r.PaymentReference == row.Reference && r.PaidOn == row.PaidOn)
            {
                row.Note = "已登记过相同的支付信息，不重复登记。";
                continue;
            }
            if (row.PaidOn is not { } paidOn)
            {
                row.Errors.Add("请填写支付日期。");
                continue;
            }
            try
            {
                r.RecordPayment(paidOn, row.Reference ?? string.Empty, by, clock.UtcNow, fromList: true);
            }
            catch (DomainException e)
            {
                row.Errors.Add(e.Message);
            }
        }
        // The payments above were only a check.
        db.ChangeTracker.Clear();
    }

    /// <summary>Records the confirmed rows in one save, after checking them again; any error refuses them all.</summary>
    public async Task<int> ConfirmAsync(Guid yearId, IReadOnlyList<PaymentConfirmItem> items, string by, CancellationToken ct)
    {
        var rows = items.Where(i => !string.IsNullOrWhiteSpace(i.CreditCode)).Select((i, n) => new PaymentListRow
        {
            RowNumber = n + 1, CreditCode = i.CreditCode!.Trim().ToUpperInvariant(), EnterpriseName = string.Empty, PaidOn = i.PaidOn,
            Reference = NullIfEmpty(i.Reference?.Trim() ?? string.Empty),
        }).ToList();
        if (rows.Count == 0)
        {
            throw new DomainException("没有可登记的支付。");
        }
        await CheckAsync(yearId, rows, by, ct);
        var wrong = rows.Where(r => r.Errors.Count > 0).ToList();
        if (wrong.Count > 0)
        {
            throw new DomainException("支付清单已变化，未登记任何支付：" + string.Join("；", wrong.Select(r => $"{r.CreditCode}：{string.Join("", r.Errors)}")));
        }
        var valid = rows.Where(r => r.IsValid).ToList();
        var redemptions = await LoadAsync(yearId, valid.Select(r => r.CreditCode).ToList(), ct);
        foreach (var row in valid)
        {
            redemptions[row.CreditCode].RecordPayment(row.PaidOn!.Value, row.Reference!, by, clock.UtcNow, fromList: true);
        }
        await db.SaveChangesAsync(ct);
        return valid.Count;
    }

    private async Task<Dictionary<string, Redemption>> LoadAsync(Guid yearId, List<string> codes, CancellationToken ct)
    {
        var pairs = await (from r in db.Redemptions.Where(r => r.ProgrammeYearId == yearId)
                           join e in db.Enterprises on r.EnterpriseId equals e.Id
                           select new { r, e.CreditCode }).ToListAsync(ct);
        return pairs.Where(p => codes.Contains(p.CreditCode.Value)).ToDictionary(p => p.CreditCode.Value, p => p.r);
    }

    private static (int Row, Dictionary<string, int> Columns) FindHeader(IXLWorksheet sheet)
    {
        string[] needed = [RedemptionExports.CreditCodeColumn, RedemptionExports.PaidOnColumn, RedemptionExports.ReferenceColumn];
        for (var n = 1; n <= HeaderSearchRows; n++)
        {
            var columns = new Dictionary<string, int>();
            foreach (var cell in sheet.Row(n).CellsUsed())
            {
                columns.TryAdd(Normalise(Text(cell)), cell.Address.ColumnNumber);
            }
            if (needed.All(columns.ContainsKey))
            {
                return (n, columns);
            }
        }
        throw new DomainException($"前{HeaderSearchRows}行中找不到表头：需要“{string.Join("”“", needed)}”三列。", "file");
    }

    private static string Normalise(string header) => header.Replace(" ", string.Empty).Replace("(", "（").Replace(")", "）");

    private static string Text(IXLCell cell) => cell.GetFormattedString().Trim();

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static DateOnly? DateOf(IXLCell cell, out string? bad)
    {
        bad = null;
        if (cell.IsEmpty())
        {
            return null;
        }
        if (cell.DataType == XLDataType.DateTime)
        {
            return DateOnly.FromDateTime(cell.GetDateTime());
        }
        var text = Text(cell);
        if (text.Length == 0)
        {
            return null;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];
        if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        bad = text;
        return null;
    }
}
