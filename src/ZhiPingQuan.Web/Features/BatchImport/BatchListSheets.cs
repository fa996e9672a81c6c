using System.IO.Compression;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>A merged range, 0-based, as ExcelDataReader reports it.</summary>
internal readonly record struct MergedRange(int FromRow, int FromColumn, int ToRow, int ToColumn);

/// <summary>
/// The sheets of an uploaded list, read forward: each sheet's rows in order from the first (empty rows
/// included, so a row's index is its number − 1), cells by 0-based column. One shape for a workbook and for
/// a CSV file (a single sheet), so the header search and the row reading are written once.
/// </summary>
internal interface IBatchListSheets : IDisposable
{
    /// <summary>False for CSV text, which has no sheets or merges (only for wording messages).</summary>
    bool IsWorkbook { get; }

    int SheetCount { get; }

    string SheetName { get; }

    bool Hidden { get; }

    /// <summary>The current sheet's merged ranges (known before its rows are read).</summary>
    IReadOnlyList<MergedRange> Merges { get; }

    bool ReadRow();

    int RowIndex { get; }

    /// <summary>How many columns the current row has (as the file declares them).</summary>
    int FieldCount { get; }

    /// <summary>The cell's value (null when empty or beyond <see cref="FieldCount"/>).</summary>
    object? GetValue(int column);

    bool NextSheet();

    /// <summary>Back to the first sheet's first row.</summary>
    void Reset();
}

/// <summary>.xlsx and .xls/.et workbooks through ExcelDataReader, with the guards the library does not have.</summary>
internal sealed class BatchListSheets(IExcelDataReader reader) : IBatchListSheets
{
    /// <summary>The OLE2 compound file every .xls (BIFF) workbook, a WPS .et and an encrypted .xlsx are stored in.</summary>
    public static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private MergedRange[]? _merges;

    public static IBatchListSheets OpenXlsx(Stream content) =>
        new BatchListSheets(ExcelReaderFactory.CreateOpenXmlReader(content, new ExcelReaderConfiguration { LeaveOpen = true }));

    /// <summary>A BIFF workbook (.xls, or WPS's .et, which is BIFF when WPS saves it compatibly).</summary>
    public static IBatchListSheets OpenBiff(Stream content, string? fileName)
    {
        try
        {
            return new BatchListSheets(ExcelReaderFactory.CreateBinaryReader(content, new ExcelReaderConfiguration { LeaveOpen = true }));
        }
        catch (InvalidPasswordException)
        {
            throw new BatchListRefusedException("文件设置了打开密码（已加密），无法读取。请在Excel或WPS中取消密码，另存后再上传。");
        }
        catch (Exception e) when (e is ExcelReaderException or ArgumentException && string.Equals(Path.GetExtension(fileName), ".et", StringComparison.OrdinalIgnoreCase))
        {
            throw new BatchListRefusedException(
                "该WPS表格（.et）文件不是与Excel兼容的格式，无法读取。请在WPS表格中“另存为”Excel工作簿（.xlsx）或Excel 97-2003工作簿（.xls）后再上传。");
        }
        catch (ExcelReaderException e) when (e.Message.Contains("'Workbook'", StringComparison.Ordinal))
        {
            throw new BatchListRefusedException(
                "文件是旧版Office格式，但其中没有Excel工作表（可能是Word文档等其他文件改了扩展名，只修改扩展名无效）。请上传按模板填写的.xlsx、.xls或.csv文件。");
        }
        catch (Exception e) when ((e is ExcelReaderException && e is not CompoundDocumentException)
                                  || (e is ArgumentException && e.Message.Contains("BIFF", StringComparison.Ordinal)))
        {
            // The workbook stream is there, but its BIFF records are not Excel 97–2003's (an unknown or pre-95 version).
            throw new BatchListRefusedException("文件是旧版Excel（.xls）格式，但其文件版本无法识别或内容已损坏，无法读取。请用Excel或WPS打开后另存为.xlsx再上传。");
        }
    }

    /// <summary>
    /// The zip-bomb guard, in front of ExcelDataReader: the unpacked sizes the ZIP directory declares are added
    /// up, from the directory alone, and refused over <paramref name="maxUnpackedBytes"/> before any part is
    /// inflated. A part cannot unpack to more than it declares: .NET's ZipArchive stops inflating at the declared
    /// size, so a lying part arrives cut short and is refused as damaged.
    /// </summary>
    public static string? CheckUnpackedSize(Stream content, long maxUnpackedBytes)
    {
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        long unpacked = 0;
        foreach (var entry in zip.Entries)
        {
            // A ZIP64 directory may declare sizes near long.MaxValue: saturate rather than overflow past the check.
            unpacked = entry.Length > long.MaxValue - unpacked ? long.MaxValue : unpacked + entry.Length;
        }
        return unpacked > maxUnpackedBytes
            ? $"文件解压后的内容超过{FileTypes.DescribeSize(maxUnpackedBytes)}，远大于正常的推荐名单，可能已损坏或不是按模板填写的名单，已拒绝读取。请使用下载的模板填写后上传；名单较大时请拆分后分批上传。"
            : null;
    }

    /// <summary>
    /// Whether an exception thrown while reading a workbook means the file is damaged. ExcelDataReader reports
    /// a broken package through whatever the failing step throws (the ZIP or the compound file, the XML, an
    /// index or a record out of range), so everything but cancellation and running out of memory is taken as
    /// "this file cannot be read" — the reader's own refusals are <see cref="BatchListRefusedException"/>.
    /// </summary>
    public static bool IsDamagedFile(Exception e) =>
        e is not (OperationCanceledException or OutOfMemoryException or BatchListRefusedException)
        && (e is InvalidDataException or XmlException or IOException or ExcelReaderException or NotSupportedException
            or FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or NullReferenceException or OverflowException or KeyNotFoundException or InvalidCastException);

    public bool IsWorkbook => true;

    public int SheetCount => reader.ResultsCount;

    public string SheetName => reader.Name ?? string.Empty;

    public bool Hidden => !string.Equals(reader.VisibleState, "visible", StringComparison.OrdinalIgnoreCase) && reader.VisibleState is not null;

    public IReadOnlyList<MergedRange> Merges =>
        _merges ??= (reader.MergeCells ?? []).Select(m => new MergedRange(m.FromRow, m.FromColumn, m.ToRow, m.ToColumn)).ToArray();

    public bool ReadRow() => reader.Read();

    public int RowIndex => reader.Depth;

    public int FieldCount => reader.FieldCount;

    public object? GetValue(int column) => (uint)column < (uint)reader.FieldCount ? reader.GetValue(column) : null;

    public bool NextSheet()
    {
        _merges = null;
        return reader.NextResult();
    }

    public void Reset()
    {
        _merges = null;
        reader.Reset();
    }

    public void Dispose() => reader.Dispose();
}

/// <summary>A CSV file as one sheet without merges.</summary>
internal sealed class CsvSheet(IReadOnlyList<string[]> records) : IBatchListSheets
{
    private int _row = -1;

    public bool IsWorkbook => false;
    public int SheetCount => 1;
    public string SheetName => string.Empty;
    public bool Hidden => false;
    public IReadOnlyList<MergedRange> Merges => [];

    public bool ReadRow() => ++_row < records.Count;

    public int RowIndex => _row;

    public int FieldCount => _row < records.Count ? records[_row].Length : 0;

    public object? GetValue(int column) =>
        (uint)column < (uint)FieldCount && records[_row][column] is { Length: > 0 } text ? text : null;

    public bool NextSheet() => false;

    public void Reset() => _row = -1;

    public void Dispose()
    {
    }
}
