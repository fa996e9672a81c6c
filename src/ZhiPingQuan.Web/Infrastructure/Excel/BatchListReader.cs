using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Web.Infrastructure.Excel;

/// <summary>Limits of one batch-list upload (DESIGN §4.1: "a corrupt or huge workbook … gives a clear error").</summary>
public sealed record BatchListLimits(long MaxBytes, int MaxRows, int HeaderSearchRows)
{
    public static BatchListLimits Default { get; } = new(10L * 1024 * 1024, 20_000, 10);

    public string MaxSizeText => FileTypes.DescribeSize(MaxBytes);
}

/// <summary>
/// One data row of the list as read: tidied text per field, numbers already parsed (or the reason they could
/// not be), and the row's original cells for the error workbook. Rules (eligibility, duplicates, the
/// registry) are checked later by the import; this is only what the cells say.
/// </summary>
public sealed class BatchListRow
{
    /// <summary>The Excel row number, as the district sees it at the left of the sheet.</summary>
    public required int RowNumber { get; init; }

    public string SerialNumber { get; init; } = string.Empty;
    public string EnterpriseName { get; init; } = string.Empty;

    /// <summary>The code as typed (tidied, not yet validated).</summary>
    public string CreditCodeText { get; init; } = string.Empty;

    /// <summary>Set when the cell itself makes the code unusable (Excel stored it as a number and dropped digits).</summary>
    public string? CreditCodeCellError { get; init; }

    public string IndustryText { get; init; } = string.Empty;

    public string AnnualOutputText { get; init; } = string.Empty;
    public decimal? AnnualOutputWanYuan { get; init; }
    public string? AnnualOutputError { get; init; }

    public string BasisText { get; init; } = string.Empty;
    public string BasisDescription { get; init; } = string.Empty;

    public string ContractAmountText { get; init; } = string.Empty;
    public decimal? ContractAmountWanYuan { get; init; }
    public string? ContractAmountError { get; init; }

    public string ContactName { get; init; } = string.Empty;
    public string ContactPhone { get; init; } = string.Empty;
    public string ContactEmail { get; init; } = string.Empty;

    /// <summary>The row's cells as displayed, one per column of <see cref="BatchListReadResult.OriginalHeaders"/>.</summary>
    public required IReadOnlyList<string> OriginalCells { get; init; }
}

/// <summary>The outcome of reading a list: its rows, or the one reason the whole file is refused.</summary>
public sealed class BatchListReadResult
{
    public string? Error { get; init; }
    public bool Succeeded => Error is null;
    public string SheetName { get; init; } = string.Empty;
    public int HeaderRowNumber { get; init; }

    /// <summary>Every non-empty header cell of the sheet in column order, known or not (for the error workbook).</summary>
    public IReadOnlyList<string> OriginalHeaders { get; init; } = [];

    /// <summary>Header cells the import does not use (extra columns are allowed and ignored).</summary>
    public IReadOnlyList<string> IgnoredHeaders { get; init; } = [];

    public IReadOnlyList<BatchListRow> Rows { get; init; } = [];

    public static BatchListReadResult Refused(string error) => new() { Error = error };
}

/// <summary>
/// Reads a district's batch list (.xlsx) the way people fill it by hand (DESIGN §4.1): the header is found
/// by name in the first rows, below titles and merged cells; columns may come in any order and extra ones
/// are ignored; empty rows are skipped; numbers may be text, full-width, spaced or with thousands
/// separators. The whole file is refused — with a Chinese reason — when it is too big, not really an
/// .xlsx (checked by content, not by name), unreadable, without a sheet or header, or has too many rows.
/// Pure: a stream in, a result out (no database, no HTTP), so every quirk is unit-tested.
/// </summary>
public sealed partial class BatchListReader(BatchListLimits limits)
{
    public BatchListReader() : this(BatchListLimits.Default) { }

    public BatchListLimits Limits { get; } = limits;

    /// <summary>A file over the limit is refused before anything is parsed.</summary>
    public string? CheckSize(long sizeBytes) =>
        sizeBytes > Limits.MaxBytes
            ? $"文件大小为{FileTypes.DescribeSize(sizeBytes)}，超过单次导入{Limits.MaxSizeText}的上限，请拆分名单后分批上传。"
            : sizeBytes <= 0 ? "上传的文件是空文件，请选择填好的推荐名单（.xlsx）。" : null;

    public BatchListReadResult Read(Stream content)
    {
        if (!content.CanSeek)
        {
            // The portal always hands a file stream; copy anything else (within the limit) so it can be measured.
            var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (copy.Length + read > Limits.MaxBytes)
                {
                    return BatchListReadResult.Refused(CheckSize(Limits.MaxBytes + 1)!);
                }
                copy.Write(buffer, 0, read);
            }
            copy.Position = 0;
            content = copy;
        }

        var sizeError = CheckSize(content.Length - content.Position);
        if (sizeError is not null)
        {
            return BatchListReadResult.Refused(sizeError);
        }

        var start = content.Position;
        var head = new byte[FileSignature.BytesNeeded];
        var headLength = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = start;
        var signatureError = DescribeWrongContent(head.AsSpan(0, headLength));
        if (signatureError is not null)
        {
            return BatchListReadResult.Refused(signatureError);
        }

        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ClosedXML and the Open XML SDK throw many kinds of exceptions on a damaged package.
            return BatchListReadResult.Refused("文件无法作为Excel工作簿打开：文件可能已损坏，或不是Excel保存的.xlsx文件。请用Excel打开后另存为.xlsx再上传。");
        }

        using (workbook)
        {
            return ReadWorkbook(workbook);
        }
    }

    /// <summary>Null when the first bytes are a ZIP package (what every .xlsx is); otherwise why the file is not one.</summary>
    private static string? DescribeWrongContent(ReadOnlySpan<byte> head)
    {
        ReadOnlySpan<byte> legacyOffice = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        if (head.IsEmpty)
        {
            return "上传的文件是空文件，请选择填好的推荐名单（.xlsx）。";
        }
        if (head.StartsWith(legacyOffice))
        {
            return "这是旧版Excel（.xls）或其他Office格式文件。请在Excel中“另存为”Excel工作簿（.xlsx）后再上传。";
        }
        return FileSignature.Detect(head) switch
        {
            FileSignatureKind.Zip => null,
            FileSignatureKind.Pdf => "文件内容是PDF，不是Excel工作簿（只修改扩展名无效）。请上传按模板填写的.xlsx文件。",
            FileSignatureKind.Png or FileSignatureKind.Jpeg => "文件内容是图片，不是Excel工作簿（只修改扩展名无效）。请上传按模板填写的.xlsx文件。",
            _ => "文件内容不是Excel工作簿（.xlsx）格式（只修改扩展名无效）。请上传按模板填写的.xlsx文件。",
        };
    }

    private BatchListReadResult ReadWorkbook(XLWorkbook workbook)
    {
        var sheets = workbook.Worksheets.ToList();
        if (sheets.Count == 0)
        {
            return BatchListReadResult.Refused("工作簿中没有工作表，请使用下载的模板填写推荐名单。");
        }

        // The list is on the first visible sheet whose top rows hold the header; the template's notes
        // sheet, or a cover sheet a district adds in front, has no such header and is passed over.
        HeaderMatch? best = null;
        foreach (var sheet in sheets.Where(s => s.Visibility == XLWorksheetVisibility.Visible).Concat(sheets.Where(s => s.Visibility != XLWorksheetVisibility.Visible)))
        {
            var match = FindHeader(sheet);
            if (match is not null && (best is null || match.Columns.Count > best.Columns.Count))
            {
                best = match;
                if (match.MissingRequired.Count == 0)
                {
                    break;
                }
            }
        }

        if (best is null)
        {
            var anyContent = sheets.Any(s => !s.IsEmpty());
            return BatchListReadResult.Refused(anyContent
                ? $"在工作表前{Limits.HeaderSearchRows}行中没有找到推荐名单的表头（应有“企业名称”“统一社会信用代码”“所属行业（六大重点产业）”“年产值（万元）”“推荐依据”等列）。请使用下载的模板填写。"
                : "工作簿是空的，没有任何内容。请在模板中填写推荐名单后上传。");
        }
        if (best.MissingRequired.Count > 0)
        {
            var names = string.Join("、", best.MissingRequired.Select(c => $"“{c.Header()}”"));
            return BatchListReadResult.Refused(
                $"工作表“{best.Sheet.Name}”第{best.RowNumber}行的表头缺少必填列：{names}。请按模板的列名补上该列（列的顺序不限）。");
        }

        return ReadRows(best);
    }

    private sealed record HeaderMatch(
        IXLWorksheet Sheet,
        int RowNumber,
        Dictionary<int, BatchListColumn> Columns,
        List<(int Column, string Text)> Headers,
        List<BatchListColumn> MissingRequired);

    private HeaderMatch? FindHeader(IXLWorksheet sheet)
    {
        HeaderMatch? best = null;
        for (var rowNumber = 1; rowNumber <= Limits.HeaderSearchRows; rowNumber++)
        {
            var row = sheet.Row(rowNumber);
            var columns = new Dictionary<int, BatchListColumn>();
            var headers = new List<(int, string)>();
            foreach (var cell in row.CellsUsed(XLCellsUsedOptions.Contents))
            {
                var text = TextNormaliser.Tidy(CellText(cell));
                if (text.Length == 0)
                {
                    continue;
                }
                var column = cell.Address.ColumnNumber;
                headers.Add((column, text));
                if (BatchListColumns.Match(text) is { } known && !columns.ContainsValue(known))
                {
                    columns[column] = known;
                }
            }
            // A title such as "推荐名单" may happen to equal one alias; a header names several columns.
            if (columns.Count < 2 || (best is not null && columns.Count <= best.Columns.Count))
            {
                continue;
            }
            var missing = BatchListColumns.All.Where(c => c.Required && !columns.ContainsValue(c.Column)).Select(c => c.Column).ToList();
            best = new HeaderMatch(sheet, rowNumber, columns, headers, missing);
            if (missing.Count == 0)
            {
                break;
            }
        }
        return best;
    }

    private BatchListReadResult ReadRows(HeaderMatch header)
    {
        var sheet = header.Sheet;
        var headerColumns = header.Headers.Select(h => h.Column).ToArray();
        var positionOfColumn = new Dictionary<int, int>();
        for (var i = 0; i < headerColumns.Length; i++)
        {
            positionOfColumn[headerColumns[i]] = i;
        }

        // A value merged down several rows (one 所属行业 for a run of enterprises) belongs to each of them.
        var mergedValues = new Dictionary<(int Row, int Column), IXLCell>();
        foreach (var range in sheet.MergedRanges)
        {
            var topLeft = range.FirstCell();
            if (topLeft.Address.RowNumber <= header.RowNumber)
            {
                continue;
            }
            foreach (var cell in range.Cells())
            {
                if (cell.Address.RowNumber != topLeft.Address.RowNumber || cell.Address.ColumnNumber != topLeft.Address.ColumnNumber)
                {
                    mergedValues[(cell.Address.RowNumber, cell.Address.ColumnNumber)] = topLeft;
                }
            }
        }

        var rows = new List<BatchListRow>();
        var lastRow = sheet.LastRowUsed(XLCellsUsedOptions.Contents)?.RowNumber() ?? header.RowNumber;
        foreach (var row in sheet.Rows(header.RowNumber + 1, Math.Max(header.RowNumber + 1, lastRow)))
        {
            var fields = new Dictionary<BatchListColumn, CellReading>();
            var original = new string[headerColumns.Length];
            var hasContent = false;
            var cells = row.CellsUsed(XLCellsUsedOptions.Contents).AsEnumerable();
            if (mergedValues.Count > 0)
            {
                var rowNumber = row.RowNumber();
                cells = cells.Concat(mergedValues.Where(m => m.Key.Row == rowNumber).Select(m => sheet.Cell(rowNumber, m.Key.Column)));
            }
            foreach (var placed in cells)
            {
                var column = placed.Address.ColumnNumber;
                var cell = mergedValues.TryGetValue((placed.Address.RowNumber, column), out var topLeft) ? topLeft : placed;
                if (!positionOfColumn.TryGetValue(column, out var position))
                {
                    continue; // a cell in a column without a header: not part of the list
                }
                var reading = ReadCell(cell);
                original[position] = reading.Text;
                if (header.Columns.TryGetValue(column, out var field) && TextNormaliser.Tidy(reading.Text).Length > 0)
                {
                    fields[field] = reading;
                    // A template pre-numbered down the sheet leaves rows with only a 序号: they are empty.
                    hasContent |= field != BatchListColumn.SerialNumber;
                }
            }
            if (!hasContent)
            {
                continue;
            }
            if (rows.Count >= Limits.MaxRows)
            {
                return BatchListReadResult.Refused(
                    $"名单的数据行超过单次导入上限{Limits.MaxRows}行（超出的第一行是第{row.RowNumber()}行），请拆分后分批上传。");
            }
            for (var i = 0; i < original.Length; i++)
            {
                original[i] ??= string.Empty;
            }
            rows.Add(ToRow(row.RowNumber(), fields, original));
        }

        if (rows.Count == 0)
        {
            return BatchListReadResult.Refused($"工作表“{sheet.Name}”在第{header.RowNumber}行表头下方没有任何企业数据，请填写后再上传。");
        }

        return new BatchListReadResult
        {
            SheetName = sheet.Name,
            HeaderRowNumber = header.RowNumber,
            OriginalHeaders = header.Headers.Select(h => h.Text).ToArray(),
            IgnoredHeaders = header.Headers.Where(h => !header.Columns.ContainsKey(h.Column)).Select(h => h.Text).ToArray(),
            Rows = rows,
        };
    }

    private static BatchListRow ToRow(int rowNumber, Dictionary<BatchListColumn, CellReading> fields, string[] original)
    {
        string Text(BatchListColumn column) => fields.TryGetValue(column, out var cell) ? TextNormaliser.Tidy(cell.Text) : string.Empty;
        string Compact(BatchListColumn column) => fields.TryGetValue(column, out var cell) ? TextNormaliser.Compact(cell.Text) : string.Empty;

        var (output, outputText, outputError) = ReadAmount(fields, BatchListColumn.AnnualOutput, "年产值");
        var (contract, contractText, contractError) = ReadAmount(fields, BatchListColumn.ContractAmount, "改造合同金额");
        var (code, codeError) = ReadCreditCode(fields);

        return new BatchListRow
        {
            RowNumber = rowNumber,
            SerialNumber = Text(BatchListColumn.SerialNumber),
            EnterpriseName = Text(BatchListColumn.EnterpriseName),
            CreditCodeText = code,
            CreditCodeCellError = codeError,
            IndustryText = Text(BatchListColumn.Industry),
            AnnualOutputText = outputText,
            AnnualOutputWanYuan = output,
            AnnualOutputError = outputError,
            BasisText = Text(BatchListColumn.Basis),
            BasisDescription = Text(BatchListColumn.BasisDescription),
            ContractAmountText = contractText,
            ContractAmountWanYuan = contract,
            ContractAmountError = contractError,
            ContactName = Text(BatchListColumn.ContactName),
            ContactPhone = Compact(BatchListColumn.ContactPhone),
            ContactEmail = Compact(BatchListColumn.ContactEmail),
            OriginalCells = original,
        };
    }

    /// <summary>
    /// Excel keeps 15 significant digits of a number. An 18-digit code typed into a General cell becomes a
    /// number (shown as 9.13101E+17) whose last digits are gone for good: the real code cannot be recovered
    /// from the file, and guessing would register the wrong enterprise, so the row is refused with the fix.
    /// </summary>
    private static (string Code, string? Error) ReadCreditCode(Dictionary<BatchListColumn, CellReading> fields)
    {
        if (!fields.TryGetValue(BatchListColumn.CreditCode, out var cell))
        {
            return (string.Empty, null);
        }
        if (cell.Number is { } number)
        {
            var digits = decimal.Truncate(Math.Abs(number)).ToString("0", CultureInfo.InvariantCulture);
            if (Math.Abs(number) >= 1e15m)
            {
                return (digits,
                    $"统一社会信用代码在Excel中被存成了数字（{digits}），15位以后的数字已丢失，无法确认真实代码。请将该列设置为“文本”格式后重新输入完整的18位代码。");
            }
            return (digits, null);
        }
        return (TextNormaliser.Tidy(cell.Text), null);
    }

    private static (decimal? Value, string Text, string? Error) ReadAmount(Dictionary<BatchListColumn, CellReading> fields, BatchListColumn column, string label)
    {
        if (!fields.TryGetValue(column, out var cell))
        {
            return (null, string.Empty, null);
        }
        // Precision and range are the domain's rules (Enterprise.SetAnnualOutput, TransformationContract),
        // checked by the import; the reader only turns what was typed into a number.
        if (cell.Number is { } number)
        {
            return (number, number.ToString("0.##########", CultureInfo.InvariantCulture), null);
        }
        var text = TextNormaliser.Tidy(cell.Text);
        if (TryParseAmount(text, out var value))
        {
            return (value, text, null);
        }
        return (null, text, $"{label}“{text}”不是有效的数字，请填写以万元为单位的数值（如 12345.67）。");
    }

    /// <summary>
    /// A number as people write it in a text cell: full-width digits, spaces, thousands separators (only in
    /// proper groups of three, so "1,2345" is refused rather than guessed), a trailing 万元 or 万.
    /// </summary>
    public static bool TryParseAmount(string? text, out decimal value)
    {
        value = 0m;
        var s = TextNormaliser.Compact(text).Replace('。', '.');
        foreach (var unit in new[] { "万元", "万" })
        {
            if (s.EndsWith(unit, StringComparison.Ordinal))
            {
                s = s[..^unit.Length];
                break;
            }
        }
        if (s.Length == 0)
        {
            return false;
        }
        if (s.Contains(','))
        {
            if (!GroupedNumber().IsMatch(s))
            {
                return false;
            }
            s = s.Replace(",", string.Empty);
        }
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex GroupedNumber();

    /// <summary>A cell read once: its text as the district sees it, and its number when Excel stores one.</summary>
    private readonly record struct CellReading(string Text, decimal? Number);

    internal static string CellText(IXLCell cell) => ReadCell(cell).Text;

    /// <summary>Formulas are not evaluated: their last computed value is used.</summary>
    private static CellReading ReadCell(IXLCell cell)
    {
        object? value;
        try
        {
            value = cell.HasFormula ? cell.CachedValue : cell.Value;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            value = cell.CachedValue;
        }
        // decimal(double) keeps 15 significant digits, which also drops binary noise like 0.30000000000000004.
        decimal? number = value is double n && !double.IsNaN(n) && !double.IsInfinity(n) && Math.Abs(n) < 7.9e27 ? (decimal)n : null;
        var text = value switch
        {
            null => string.Empty,
            string s => s,
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e28 => ((decimal)d).ToString("0", CultureInfo.InvariantCulture),
            double d when Math.Abs(d) < 1e15 => ((decimal)d).ToString("0.##########", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime dt => dt.TimeOfDay == TimeSpan.Zero ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : dt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            bool b => b ? "是" : "否",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return new CellReading(text, number);
    }
}
