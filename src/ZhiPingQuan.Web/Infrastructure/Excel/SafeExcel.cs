using ClosedXML.Excel;

namespace ZhiPingQuan.Web.Infrastructure.Excel;

/// <summary>
/// Writing user text into workbooks safely: text that starts with =, +, - or @ is stored as a
/// string cell, never as a formula (CSV/formula injection), and column widths are set by hand
/// because ClosedXML's AdjustToContents needs GDI+, which Linux lacks.
/// </summary>
public static class SafeExcel
{
    public static void SetText(this IXLCell cell, string? text)
    {
        cell.DataType = XLDataType.Text;
        cell.SetValue(text ?? string.Empty);
        // ClosedXML 0.95 treats a value starting with '=' as a formula when assigned as object;
        // SetValue<string> with the Text type keeps it a literal. Clear any formula for certain.
        if (cell.HasFormula)
        {
            cell.FormulaA1 = string.Empty;
            cell.DataType = XLDataType.Text;
            cell.SetValue(text ?? string.Empty);
        }
    }

    /// <summary>A header row in bold with a fill, frozen, and fixed column widths (in characters).</summary>
    /// <summary>Row 1 of a sheet: its title in bold, across <paramref name="columnCount"/> merged columns.</summary>
    public static IXLCell WriteTitle(this IXLWorksheet sheet, string title, int columnCount)
    {
        var cell = sheet.Cell(1, 1);
        cell.SetText(title);
        cell.Style.Font.Bold = true;
        cell.Style.Font.FontSize = 14;
        sheet.Range(1, 1, 1, columnCount).Merge();
        return cell;
    }

    public static void WriteHeader(this IXLWorksheet sheet, IReadOnlyList<(string Title, double Width)> columns, int row = 1)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            cell.SetText(columns[i].Title);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#EEF2F7");
            sheet.Column(i + 1).Width = columns[i].Width;
        }
        sheet.SheetView.FreezeRows(row);
    }

    public static byte[] ToBytes(this XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
