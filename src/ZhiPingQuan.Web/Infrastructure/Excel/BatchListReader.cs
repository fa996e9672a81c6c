using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Web.Infrastructure.Excel;

/// <summary>Limits of one batch-list upload (DESIGN §4.1: "a corrupt or huge workbook … gives a clear error").</summary>
public sealed record BatchListLimits(long MaxBytes, int MaxRows, int HeaderSearchRows)
{
    public static BatchListLimits Default { get; } = new(10L * 1024 * 1024, 20_000, 10);

    /// <summary>
    /// The most the parts read may unpack to. A real 10 MB list unpacks to well under 100 MB; a file made to
    /// unpack to gigabytes (a "zip bomb") is refused before any of it is parsed.
    /// </summary>
    public long MaxUnpackedBytes { get; init; } = 200L * 1024 * 1024;

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
/// .xlsx (checked by content, not by name), unreadable, unpacks to far too much, without a sheet or header,
/// or has too many rows.
/// The package is streamed (<see cref="XlsxPackage"/>), not loaded into a workbook model: a sheet that is not
/// the list is read only as far as the header search; the list's sheet is then read once, whole. Cells read as
/// ClosedXML's <c>cell.Value</c> gave them, so lists read exactly as they did when ClosedXML read them.
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

        try
        {
            using var package = XlsxPackage.Open(content, Limits.MaxUnpackedBytes);
            return ReadWorkbook(package);
        }
        catch (XlsxTooLargeException)
        {
            return BatchListReadResult.Refused(
                $"文件解压后的内容超过{FileTypes.DescribeSize(Limits.MaxUnpackedBytes)}，远大于正常的推荐名单，可能已损坏或不是按模板填写的名单，已拒绝读取。请使用下载的模板填写后上传；名单较大时请拆分后分批上传。");
        }
        catch (Exception e) when (e is InvalidXlsxException or InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            // A broken ZIP, malformed XML inside it, or parts that do not fit together.
            return BatchListReadResult.Refused("文件无法作为Excel工作簿打开：文件可能已损坏，或不是Excel保存的.xlsx文件。请用Excel打开后另存为.xlsx再上传。");
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

    private BatchListReadResult ReadWorkbook(XlsxPackage package)
    {
        var sheets = package.Sheets;
        if (sheets.Count == 0)
        {
            return BatchListReadResult.Refused("工作簿中没有工作表，请使用下载的模板填写推荐名单。");
        }

        // The list is on the first visible sheet whose top rows hold the header; the template's notes
        // sheet, or a cover sheet a district adds in front, has no such header and is passed over.
        HeaderMatch? best = null;
        var anyContent = false;
        foreach (var sheet in sheets.Where(s => !s.Hidden).Concat(sheets.Where(s => s.Hidden)))
        {
            var (match, sheetHasContent) = FindHeader(package, sheet);
            anyContent |= sheetHasContent;
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

        return ReadRows(package, best);
    }

    private sealed record HeaderMatch(
        XlsxSheet Sheet,
        int RowNumber,
        Dictionary<int, BatchListColumn> Columns,
        List<(int Column, string Text)> Headers,
        List<BatchListColumn> MissingRequired);

    /// <summary>
    /// The best header row among the sheet's first rows, and whether the sheet holds anything at all. Only those
    /// rows are read: a sheet that is not the list (notes, a cover, a pivot table) is never unpacked further.
    /// </summary>
    private (HeaderMatch? Match, bool SheetHasContent) FindHeader(XlsxPackage package, XlsxSheet sheet)
    {
        HeaderMatch? best = null;
        var hasContent = false;
        using var reader = package.OpenSheet(sheet);
        while (reader.ReadRow())
        {
            // ReadRow only stops on rows holding something, so reaching any row (even one below the search) means content.
            hasContent = true;
            if (reader.RowNumber > Limits.HeaderSearchRows)
            {
                break;
            }
            var columns = new Dictionary<int, BatchListColumn>();
            var headers = new List<(int, string)>();
            foreach (var cell in reader.Cells)
            {
                var text = TextNormaliser.Tidy(ReadCell(cell.Value).Text);
                if (text.Length == 0)
                {
                    continue;
                }
                headers.Add((cell.Column, text));
                if (BatchListColumns.Match(text) is { } known && !columns.ContainsValue(known))
                {
                    columns[cell.Column] = known;
                }
            }
            // A title such as "推荐名单" may happen to equal one alias; a header names several columns.
            if (columns.Count < 2 || (best is not null && columns.Count <= best.Columns.Count))
            {
                continue;
            }
            var missing = BatchListColumns.All.Where(c => c.Required && !columns.ContainsValue(c.Column)).Select(c => c.Column).ToList();
            best = new HeaderMatch(sheet, reader.RowNumber, columns, headers, missing);
            if (missing.Count == 0)
            {
                break;
            }
        }
        return (best, hasContent);
    }

    private BatchListReadResult ReadRows(XlsxPackage package, HeaderMatch header)
    {
        var headerColumns = header.Headers.Select(h => h.Column).ToArray();
        var positionOfColumn = new Dictionary<int, int>();
        for (var i = 0; i < headerColumns.Length; i++)
        {
            positionOfColumn[headerColumns[i]] = i;
        }

        // The sheet is streamed once more, whole: merges are stored after the last row, so the rows below the
        // header are kept until the merges are known.
        var sheetRows = new List<(int Number, XlsxCell[] Cells)>();
        var lastRowUsed = 0;
        IReadOnlyList<XlsxMergedRange> merges;
        using (var reader = package.OpenSheet(header.Sheet))
        {
            while (reader.ReadRow())
            {
                lastRowUsed = Math.Max(lastRowUsed, reader.RowNumber);
                if (reader.RowNumber > header.RowNumber)
                {
                    sheetRows.Add((reader.RowNumber, reader.Cells.ToArray()));
                }
            }
            merges = reader.ReadMergedRanges();
        }
        SortByRowNumber(sheetRows);
        var lastRow = Math.Max(header.RowNumber + 1, lastRowUsed);

        // A value merged down several rows (one 所属行业 for a run of enterprises) belongs to each of them.
        // Only merges below the header, and only their cells in the list's columns and rows, matter.
        var mergedValues = new Dictionary<(int Row, int Column), object?>();
        var mergedColumnsOfRow = new SortedDictionary<int, List<int>>();
        if (merges.Count > 0)
        {
            var cellsOfRow = sheetRows.ToDictionary(r => r.Number, r => r.Cells);
            foreach (var range in merges)
            {
                if (range.FirstRow <= header.RowNumber)
                {
                    continue;
                }
                object? topLeft = cellsOfRow.TryGetValue(range.FirstRow, out var topRow)
                    ? topRow.FirstOrDefault(c => c.Column == range.FirstColumn).Value
                    : null;
                for (var row = range.FirstRow; row <= Math.Min(range.LastRow, lastRow); row++)
                {
                    foreach (var column in headerColumns)
                    {
                        if (column < range.FirstColumn || column > range.LastColumn || (row == range.FirstRow && column == range.FirstColumn))
                        {
                            continue;
                        }
                        if (mergedValues.TryAdd((row, column), topLeft))
                        {
                            if (!mergedColumnsOfRow.TryGetValue(row, out var columns))
                            {
                                mergedColumnsOfRow[row] = columns = [];
                            }
                            columns.Add(column);
                        }
                        else
                        {
                            mergedValues[(row, column)] = topLeft; // overlapping merges: the later one wins
                        }
                    }
                }
            }
        }

        var rows = new List<BatchListRow>();
        var fields = new CellReading?[BatchListColumns.All.Count]; // one row's known columns, reused row after row
        using var mergedRows = mergedColumnsOfRow.GetEnumerator();
        var hasMergedRow = mergedRows.MoveNext();
        var next = 0;
        while (next < sheetRows.Count || hasMergedRow)
        {
            // Rows in number order: those in the file, and those only a merged value reaches.
            var rowNumber = next < sheetRows.Count && (!hasMergedRow || sheetRows[next].Number <= mergedRows.Current.Key)
                ? sheetRows[next].Number
                : mergedRows.Current.Key;
            var cells = next < sheetRows.Count && sheetRows[next].Number == rowNumber ? sheetRows[next++].Cells : [];
            List<int>? mergedColumns = null;
            if (hasMergedRow && mergedRows.Current.Key == rowNumber)
            {
                mergedColumns = mergedRows.Current.Value;
                hasMergedRow = mergedRows.MoveNext();
            }

            Array.Clear(fields);
            var original = new string[headerColumns.Length];
            var hasContent = false;
            foreach (var cell in cells)
            {
                // A cell covered by a merge shows the merge's top-left value, whatever it holds itself.
                var value = mergedValues.Count > 0 && mergedValues.TryGetValue((rowNumber, cell.Column), out var merged) ? merged : cell.Value;
                hasContent |= Place(header, positionOfColumn, cell.Column, value, fields, original);
            }
            foreach (var column in mergedColumns ?? [])
            {
                hasContent |= Place(header, positionOfColumn, column, mergedValues[(rowNumber, column)], fields, original);
            }

            if (!hasContent)
            {
                continue;
            }
            if (rows.Count >= Limits.MaxRows)
            {
                return BatchListReadResult.Refused(
                    $"名单的数据行超过单次导入上限{Limits.MaxRows}行（超出的第一行是第{rowNumber}行），请拆分后分批上传。");
            }
            for (var i = 0; i < original.Length; i++)
            {
                original[i] ??= string.Empty;
            }
            rows.Add(ToRow(rowNumber, fields, original));
        }

        if (rows.Count == 0)
        {
            return BatchListReadResult.Refused($"工作表“{header.Sheet.Name}”在第{header.RowNumber}行表头下方没有任何企业数据，请填写后再上传。");
        }

        return new BatchListReadResult
        {
            SheetName = header.Sheet.Name,
            HeaderRowNumber = header.RowNumber,
            OriginalHeaders = header.Headers.Select(h => h.Text).ToArray(),
            IgnoredHeaders = header.Headers.Where(h => !header.Columns.ContainsKey(h.Column)).Select(h => h.Text).ToArray(),
            Rows = rows,
        };
    }

    /// <summary>Puts one cell of a data row in its place; true when it is content (anything but a 序号).</summary>
    private static bool Place(HeaderMatch header, Dictionary<int, int> positionOfColumn, int column, object? value, CellReading?[] fields, string[] original)
    {
        if (!positionOfColumn.TryGetValue(column, out var position))
        {
            return false; // a cell in a column without a header: not part of the list
        }
        var reading = ReadCell(value);
        original[position] = reading.Text;
        if (header.Columns.TryGetValue(column, out var field) && TextNormaliser.Tidy(reading.Text).Length > 0)
        {
            fields[(int)field] = reading;
            // A template pre-numbered down the sheet leaves rows with only a 序号: they are empty.
            return field != BatchListColumn.SerialNumber;
        }
        return false;
    }

    /// <summary>
    /// Excel writes rows in ascending order; for a writer that does not, order them, a repeated row's cells
    /// joining (the later cell winning a column), as a workbook model would place them.
    /// </summary>
    private static void SortByRowNumber(List<(int Number, XlsxCell[] Cells)> rows)
    {
        var inOrder = true;
        for (var i = 1; i < rows.Count && inOrder; i++)
        {
            inOrder = rows[i].Number > rows[i - 1].Number;
        }
        if (inOrder)
        {
            return;
        }
        var joined = rows
            .GroupBy(r => r.Number)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.SelectMany(r => r.Cells).GroupBy(c => c.Column).Select(c => c.Last()).OrderBy(c => c.Column).ToArray()))
            .ToList();
        rows.Clear();
        rows.AddRange(joined);
    }

    private static BatchListRow ToRow(int rowNumber, CellReading?[] fields, string[] original)
    {
        string Text(BatchListColumn column) => fields[(int)column] is { } cell ? TextNormaliser.Tidy(cell.Text) : string.Empty;
        string Compact(BatchListColumn column) => fields[(int)column] is { } cell ? TextNormaliser.Compact(cell.Text) : string.Empty;

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
    private static (string Code, string? Error) ReadCreditCode(CellReading?[] fields)
    {
        if (fields[(int)BatchListColumn.CreditCode] is not { } cell)
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

    private static (decimal? Value, string Text, string? Error) ReadAmount(CellReading?[] fields, BatchListColumn column, string label)
    {
        if (fields[(int)column] is not { } cell)
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

    /// <summary>A cell's value as the package reader types it; formulas are not evaluated (their last result is used).</summary>
    private static CellReading ReadCell(object? value)
    {
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
