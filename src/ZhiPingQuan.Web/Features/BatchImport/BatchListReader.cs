using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>Limits of one batch-list upload (docs/domain.md §4.1: "a corrupt or huge workbook … gives a clear error").</summary>
public sealed record BatchListLimits(long MaxBytes, int MaxRows, int HeaderSearchRows)
{
    public static BatchListLimits Default { get; } = new(10L * 1024 * 1024, 20_000, 10);

    /// <summary>
    /// The most an .xlsx may unpack to. A real 10 MB list unpacks to well under 100 MB; a file made to
    /// unpack to gigabytes (a "zip bomb") is refused before any of it is parsed.
    /// </summary>
    public long MaxUnpackedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>
    /// The most cells (rows × the columns the file declares) the reader walks through, in every format: a small
    /// .xls can declare 65 536 rows of 256 blank cells, an .xlsx a cell at XFD1048576. 20 000 rows of 250 columns.
    /// </summary>
    public long MaxCells { get; init; } = 5_000_000;

    public string MaxSizeText => FileTypes.DescribeSize(MaxBytes);
}

/// <summary>
/// One data row of the list as read: tidied text per field, numbers already parsed (or the reason they could
/// not be), and the row's original cells for the error workbook. Rules (eligibility, duplicates, the
/// registry) are checked later by the import; this is only what the cells say.
/// </summary>
public sealed class BatchListRow
{
    /// <summary>The row number as the district sees it at the left of the sheet (a CSV's record number).</summary>
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

    /// <summary>What the file turned out to be, for the preview: "Excel工作簿（.xlsx）", "CSV文本（GB18030/GBK编码，逗号分隔）".</summary>
    public string FormatDescription { get; init; } = string.Empty;

    /// <summary>The worksheet the list is on (empty for a CSV file, which has none).</summary>
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
/// Reads a district's batch list the way people fill it by hand (docs/domain.md §4.1): the header is found by name in
/// the first rows, below titles and merged cells; columns may come in any order and extra ones are ignored;
/// empty rows are skipped; numbers may be text, full-width, spaced or with thousands separators.
/// The file's content, never its name, says what it is: an .xlsx (ZIP) or an .xls/.et (BIFF) is read with
/// ExcelDataReader (<see cref="BatchListSheets"/>), anything else is tried as CSV text (<see cref="CsvText"/>).
/// The whole file is refused — with a Chinese reason — when it is too big, not a workbook or CSV text,
/// unreadable, unpacks to far too much, without a sheet or header, or has too many rows or cells.
/// Pure: a stream in, a result out (no database, no HTTP), so every quirk is unit-tested.
/// </summary>
public sealed partial class BatchListReader(BatchListLimits limits)
{
    /// <summary>The formats a district may upload, for the upload page and the messages.</summary>
    public const string AcceptedFormats = "Excel工作簿（.xlsx）、旧版Excel工作簿（.xls）、WPS表格（.et）或CSV文本（.csv，UTF-8或GBK编码）";

    /// <summary>For the file input's accept attribute.</summary>
    public const string AcceptAttribute = ".xlsx,.xls,.et,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv";

    public const string DamagedMessage =
        "文件无法作为Excel工作簿打开：文件可能已损坏（例如没有上传完整），或不是Excel/WPS保存的工作簿。请用Excel或WPS打开后另存为.xlsx再上传。";

    static BatchListReader()
    {
        // .xls files name their text's code page (GBK for Chinese BIFF5 lists), and CSV may be GB18030: both
        // need the code-page encodings, which .NET only provides once registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public BatchListReader() : this(BatchListLimits.Default) { }

    public BatchListLimits Limits { get; } = limits;

    /// <summary>Why a file of this size is refused before anything is parsed (over the limit, or empty); null when it is not.</summary>
    public string? SizeError(long sizeBytes) =>
        sizeBytes > Limits.MaxBytes
            ? $"文件大小为{FileTypes.DescribeSize(sizeBytes)}，超过单次导入{Limits.MaxSizeText}的上限，请拆分名单后分批上传。"
            : sizeBytes <= 0 ? EmptyFileMessage : null;

    private const string EmptyFileMessage = "上传的文件是空文件，请选择填好的推荐名单（.xlsx、.xls或.csv）。";

    /// <param name="content">The upload; read from its current position.</param>
    /// <param name="fileName">The name the district gave the file: only for wording a refusal (a WPS .et file).</param>
    public BatchListReadResult Read(Stream content, string? fileName = null)
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
                    return BatchListReadResult.Refused(SizeError(Limits.MaxBytes + 1)!);
                }
                copy.Write(buffer, 0, read);
            }
            copy.Position = 0;
            content = copy;
        }

        var sizeError = SizeError(content.Length - content.Position);
        if (sizeError is not null)
        {
            return BatchListReadResult.Refused(sizeError);
        }

        var start = content.Position;
        var head = new byte[FileSignature.BytesNeeded];
        var headLength = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = start;
        var signature = head.AsSpan(0, headLength);
        if (signature.IsEmpty)
        {
            return BatchListReadResult.Refused(EmptyFileMessage);
        }

        try
        {
            if (signature.StartsWith(BatchListSheets.CompoundFileSignature))
            {
                return ReadSheets(BatchListSheets.OpenBiff(content, fileName), "旧版Excel工作簿（.xls）");
            }
            switch (FileSignature.Detect(signature))
            {
                case FileSignatureKind.Zip:
                    if (BatchListSheets.CheckUnpackedSize(content, Limits.MaxUnpackedBytes) is { } unpackedError)
                    {
                        return BatchListReadResult.Refused(unpackedError);
                    }
                    content.Position = start;
                    using (var normalised = XlsxLayout.Normalise(content))
                    {
                        content.Position = start;
                        return ReadSheets(BatchListSheets.OpenXlsx(normalised ?? content), "Excel工作簿（.xlsx）");
                    }
                case FileSignatureKind.Pdf:
                    return BatchListReadResult.Refused("文件内容是PDF，不是Excel工作簿或CSV文件（只修改扩展名无效）。请上传按模板填写的.xlsx文件。");
                case FileSignatureKind.Png or FileSignatureKind.Jpeg:
                    return BatchListReadResult.Refused("文件内容是图片，不是Excel工作簿或CSV文件（只修改扩展名无效）。请上传按模板填写的.xlsx文件。");
                default:
                    var csv = CsvText.Read(content);
                    return csv.Error is not null
                        ? BatchListReadResult.Refused(csv.Error)
                        : ReadSheets(new CsvSheet(csv.Records), $"CSV文本（{csv.EncodingName}编码，{(csv.Separator == '\t' ? "制表符" : "逗号")}分隔）");
            }
        }
        catch (BatchListRefusedException e)
        {
            return BatchListReadResult.Refused(e.Message);
        }
        catch (Exception e) when (BatchListSheets.IsDamagedFile(e))
        {
            return BatchListReadResult.Refused(DamagedMessage);
        }
    }

    private BatchListReadResult ReadSheets(IBatchListSheets sheets, string formatDescription)
    {
        using (sheets)
        {
            var result = ReadSheets(sheets, new CellBudget(Limits.MaxCells));
            return result.Succeeded ? result.WithFormat(formatDescription) : result;
        }
    }

    private BatchListReadResult ReadSheets(IBatchListSheets sheets, CellBudget budget)
    {
        if (sheets.SheetCount == 0)
        {
            return BatchListReadResult.Refused("工作簿中没有工作表，请使用下载的模板填写推荐名单。");
        }

        // The list is on the first visible sheet whose top rows hold the header; the template's notes sheet, or a
        // cover a district adds in front, has no such header and is passed over. A hidden sheet is taken only when
        // no visible one has the list. Sheets are read forward: the list's sheet is read on from its header.
        HeaderMatch? bestPartial = null;
        (int Index, HeaderMatch Match)? hiddenList = null;
        var anyContent = false;
        var index = 0;
        do
        {
            var (match, hasContent) = FindHeader(sheets, budget);
            anyContent |= hasContent;
            if (match is { IsComplete: true })
            {
                if (!sheets.Hidden)
                {
                    return ReadRows(sheets, match, budget);
                }
                hiddenList ??= (index, match);
            }
            else if (match is not null && (bestPartial is null || match.Columns.Count > bestPartial.Columns.Count
                     || (match.Columns.Count == bestPartial.Columns.Count && bestPartial.Hidden && !match.Hidden)))
            {
                bestPartial = match;
            }
            index++;
        }
        while (sheets.NextSheet());

        if (hiddenList is { } hidden)
        {
            sheets.Reset();
            for (var i = 0; i < hidden.Index; i++)
            {
                sheets.NextSheet();
            }
            var (match, _) = FindHeader(sheets, budget);
            return ReadRows(sheets, match!, budget);
        }
        if (bestPartial is not null)
        {
            var names = string.Join("、", bestPartial.MissingRequired.Select(c => $"“{c.Header()}”"));
            return BatchListReadResult.Refused(
                $"{Where(bestPartial)}第{bestPartial.RowNumber}行的表头缺少必填列：{names}。请按模板的列名补上该列（列的顺序不限）。");
        }
        return BatchListReadResult.Refused(anyContent
            ? $"在{(sheets.IsWorkbook ? "工作表" : "文件")}前{Limits.HeaderSearchRows}行中没有找到推荐名单的表头（应有“企业名称”“统一社会信用代码”“所属行业（六大重点产业）”“年产值（万元）”“推荐依据”等列）。请使用下载的模板填写。"
            : sheets.IsWorkbook ? "工作簿是空的，没有任何内容。请在模板中填写推荐名单后上传。" : "文件中没有任何内容。请在模板中填写推荐名单后上传。");
    }

    private static string Where(HeaderMatch match) => match.SheetName.Length > 0 ? $"工作表“{match.SheetName}”" : "文件";

    private sealed record HeaderMatch(
        string SheetName,
        bool Hidden,
        int RowNumber,
        Dictionary<int, BatchListColumn> Columns,
        List<(int Column, string Text)> Headers,
        List<BatchListColumn> MissingRequired)
    {
        public bool IsComplete => MissingRequired.Count == 0;
    }

    /// <summary>
    /// The header among the sheet's first rows (the first complete one, else the one naming most columns), and
    /// whether the sheet holds anything at all. A complete header leaves the sheet positioned on it.
    /// </summary>
    private (HeaderMatch? Match, bool SheetHasContent) FindHeader(IBatchListSheets sheets, CellBudget budget)
    {
        HeaderMatch? best = null;
        var hasContent = false;
        while (sheets.ReadRow())
        {
            budget.Spend(sheets.FieldCount);
            var rowNumber = sheets.RowIndex + 1;
            if (rowNumber > Limits.HeaderSearchRows)
            {
                // Past the search: only "is there anything at all" (an empty workbook is told apart from one without a list).
                if (hasContent || RowHasContent(sheets))
                {
                    hasContent = true;
                    break;
                }
                continue;
            }
            var columns = new Dictionary<int, BatchListColumn>();
            var headers = new List<(int, string)>();
            for (var column = 0; column < sheets.FieldCount; column++)
            {
                var text = TextNormaliser.Tidy(ReadCell(sheets.GetValue(column)).Text);
                if (text.Length == 0)
                {
                    continue;
                }
                hasContent = true;
                headers.Add((column, text));
                if (BatchListColumns.Match(text) is { } known && !columns.ContainsValue(known))
                {
                    columns[column] = known;
                }
            }
            // A title such as "推荐名单" may happen to equal one alias; a header names several columns.
            if (columns.Count < 2)
            {
                continue;
            }
            var missing = BatchListColumns.All.Where(c => c.Required && !columns.ContainsValue(c.Column)).Select(c => c.Column).ToList();
            var match = new HeaderMatch(sheets.SheetName, sheets.Hidden, rowNumber, columns, headers, missing);
            if (match.IsComplete)
            {
                return (match, true);
            }
            if (best is null || columns.Count > best.Columns.Count)
            {
                best = match;
            }
        }
        return (best, hasContent);
    }

    private static bool RowHasContent(IBatchListSheets sheets)
    {
        for (var column = 0; column < sheets.FieldCount; column++)
        {
            if (TextNormaliser.Tidy(ReadCell(sheets.GetValue(column)).Text).Length > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads on from the header row to the end of the sheet: every row holding something is a list row.</summary>
    private BatchListReadResult ReadRows(IBatchListSheets sheets, HeaderMatch header, CellBudget budget)
    {
        var headerColumns = header.Headers.Select(h => h.Column).ToArray();
        var fieldOfPosition = headerColumns.Select(c => header.Columns.TryGetValue(c, out var f) ? f : (BatchListColumn?)null).ToArray();

        // A value merged down several rows (one 所属行业 for a run of enterprises) belongs to each of them: a cell
        // covered by a merge below the header shows the merge's top-left value, whatever it holds itself.
        var merges = sheets.Merges.Where(m => m.FromRow >= header.RowNumber).OrderBy(m => m.FromRow).ToArray();
        var topLeft = new object?[merges.Length];
        var active = new List<int>();
        var nextMerge = 0;

        var rows = new List<BatchListRow>();
        var fields = new CellReading?[BatchListColumns.All.Count]; // one row's known columns, reused row after row
        while (sheets.ReadRow())
        {
            budget.Spend(sheets.FieldCount);
            var rowIndex = sheets.RowIndex;
            if (merges.Length > 0)
            {
                active.RemoveAll(m => merges[m].ToRow < rowIndex);
                for (; nextMerge < merges.Length && merges[nextMerge].FromRow <= rowIndex; nextMerge++)
                {
                    if (merges[nextMerge].FromRow == rowIndex)
                    {
                        topLeft[nextMerge] = sheets.GetValue(merges[nextMerge].FromColumn);
                        active.Add(nextMerge);
                    }
                }
            }

            Array.Clear(fields);
            var original = new string[headerColumns.Length];
            var hasContent = false;
            for (var position = 0; position < headerColumns.Length; position++)
            {
                var column = headerColumns[position];
                var value = sheets.GetValue(column);
                foreach (var m in active)
                {
                    var range = merges[m];
                    if (column >= range.FromColumn && column <= range.ToColumn && !(rowIndex == range.FromRow && column == range.FromColumn))
                    {
                        value = topLeft[m]; // overlapping merges: the later one wins
                    }
                }
                var reading = ReadCell(value);
                original[position] = reading.Text;
                if (fieldOfPosition[position] is { } field && TextNormaliser.Tidy(reading.Text).Length > 0)
                {
                    fields[(int)field] = reading;
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
                    $"名单的数据行超过单次导入上限{Limits.MaxRows}行（超出的第一行是第{rowIndex + 1}行），请拆分后分批上传。");
            }
            rows.Add(ToRow(rowIndex + 1, fields, original));
        }

        if (rows.Count == 0)
        {
            return BatchListReadResult.Refused($"{Where(header)}在第{header.RowNumber}行表头下方没有任何企业数据，请填写后再上传。");
        }

        return new BatchListReadResult
        {
            SheetName = header.SheetName,
            HeaderRowNumber = header.RowNumber,
            OriginalHeaders = header.Headers.Select(h => h.Text).ToArray(),
            IgnoredHeaders = header.Headers.Where(h => !header.Columns.ContainsKey(h.Column)).Select(h => h.Text).ToArray(),
            Rows = rows,
        };
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
    /// A CSV saved from such a sheet holds the number as Excel showed it ("9.13101E+17"): the same refusal.
    /// </summary>
    private static (string Code, string? Error) ReadCreditCode(CellReading?[] fields)
    {
        if (fields[(int)BatchListColumn.CreditCode] is not { } cell)
        {
            return (string.Empty, null);
        }
        var number = cell.Number;
        var compact = TextNormaliser.Compact(cell.Text);
        if (number is null && ScientificNumber().IsMatch(compact)
            && decimal.TryParse(compact, NumberStyles.Float, CultureInfo.InvariantCulture, out var shown))
        {
            number = shown;
        }
        if (number is { } n)
        {
            var digits = decimal.Truncate(Math.Abs(n)).ToString("0", CultureInfo.InvariantCulture);
            if (Math.Abs(n) >= 1e15m)
            {
                return (digits,
                    $"统一社会信用代码在Excel中被存成了数字（{digits}），15位以后的数字已丢失，无法确认真实代码。请将该列设置为“文本”格式后重新输入完整的18位代码。");
            }
            return (digits, null);
        }
        return (TextNormaliser.Tidy(cell.Text), null);
    }

    [GeneratedRegex(@"^\d(\.\d+)?[eE]\+?\d{1,3}$")]
    private static partial Regex ScientificNumber();

    private static (decimal? Value, string Text, string? Error) ReadAmount(CellReading?[] fields, BatchListColumn column, string label)
    {
        if (fields[(int)column] is not { } cell)
        {
            return (null, string.Empty, null);
        }
        // Precision and range are the domain's rules (Enterprise.AnnualOutputError, TransformationContract.AmountError),
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

    /// <summary>A cell read once: its text as the district sees it, and its number when the file stores one.</summary>
    private readonly record struct CellReading(string Text, decimal? Number);

    /// <summary>
    /// A cell's value as ExcelDataReader types it (string, double, bool, DateTime; formulas as their cached
    /// result, never recalculated), or a CSV field's text.
    /// </summary>
    private static CellReading ReadCell(object? value)
    {
        if (value is int i)
        {
            value = (double)i;
        }
        // decimal(double) keeps 15 significant digits — what Excel shows — which also drops binary noise like 0.30000000000000004.
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

    /// <summary>Counts the cells walked through and refuses the file past <see cref="BatchListLimits.MaxCells"/>.</summary>
    private sealed class CellBudget(long maxCells)
    {
        private long _spent;

        public void Spend(int cells)
        {
            _spent += cells;
            if (_spent > maxCells)
            {
                throw new BatchListRefusedException(
                    $"文件中的单元格超过{maxCells:N0}个（行数×列数），远多于正常的推荐名单，可能已损坏或含有大量空白行列。请只保留名单所在的行和列，另存后再上传。");
            }
        }
    }
}

/// <summary>The whole file is refused, with this Chinese reason (thrown from deep inside a read).</summary>
public sealed class BatchListRefusedException(string message) : Exception(message);

internal static class BatchListReadResultExtensions
{
    public static BatchListReadResult WithFormat(this BatchListReadResult result, string formatDescription) => new()
    {
        FormatDescription = formatDescription,
        SheetName = result.SheetName,
        HeaderRowNumber = result.HeaderRowNumber,
        OriginalHeaders = result.OriginalHeaders,
        IgnoredHeaders = result.IgnoredHeaders,
        Rows = result.Rows,
    };
}
