using System.Globalization;
using System.Xml;

namespace ZhiPingQuan.Web.Infrastructure.Excel;

/// <summary>
/// A cell that holds something: its column (1 = A) and its value — a string, double, bool, DateTime or TimeSpan
/// (an empty string for a formula without a cached result).
/// </summary>
public readonly record struct XlsxCell(int Column, object Value);

/// <summary>A merged range, from its top-left to its bottom-right cell (1-based).</summary>
public readonly record struct XlsxMergedRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn);

/// <summary>
/// Streams one worksheet: <see cref="ReadRow"/> moves to the next row that holds something, in file order
/// (ascending, as Excel writes them); <see cref="ReadMergedRanges"/> then reads the merges, which the format
/// puts after all rows. A row or cell without its <c>r</c> attribute follows the previous one.
/// <para>
/// Values are typed the way ClosedXML 0.95's <c>cell.Value</c> typed them, so callers moved off ClosedXML read
/// the same: a number keeps 15 significant digits (what Excel shows); it is a DateTime when its format is a
/// date (a TimeSpan for [h]:mm:ss, its text for the "@" text format); shared, inline and formula strings are
/// strings; booleans are bools; an error constant (#N/A typed in) is empty. A formula is never evaluated: its
/// cached result is used, as text unless the cell's <c>t</c> says boolean, number or date. A <c>t="d"</c>
/// cell may hold an ISO 8601 date (which ClosedXML could not read at all).
/// </para>
/// </summary>
public sealed class XlsxSheetReader : IDisposable
{
    private enum Position
    {
        BeforeSheetData,
        InSheetData,
        AfterSheetData,
    }

    private readonly XlsxPackage _package;
    private readonly XmlReader _xml;
    private readonly XlsxNames _names;
    private readonly List<XlsxCell> _cells = [];
    private Position _position = Position.BeforeSheetData;
    private int _sheetDataDepth;
    private int _previousRowNumber;

    internal XlsxSheetReader(XlsxPackage package, XmlReader xml)
    {
        _package = package;
        _xml = xml;
        _names = package.Names;
    }

    /// <summary>The current row's number (1-based, as Excel shows it).</summary>
    public int RowNumber { get; private set; }

    /// <summary>The current row's cells that hold something, by column; valid until the next <see cref="ReadRow"/>.</summary>
    public IReadOnlyList<XlsxCell> Cells => _cells;

    /// <summary>Moves to the next row with at least one cell that holds something; false after the last one.</summary>
    /// <exception cref="InvalidXlsxException">The sheet's XML is not a worksheet.</exception>
    public bool ReadRow()
    {
        try
        {
            if (_position == Position.BeforeSheetData && !MoveIntoSheetData())
            {
                return false;
            }
            while (_position == Position.InSheetData)
            {
                if (_xml.EOF)
                {
                    throw new InvalidXlsxException("the sheet ends inside its rows");
                }
                if (_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == _sheetDataDepth)
                {
                    _xml.Read();
                    _position = Position.AfterSheetData;
                }
                else if (_xml.NodeType == XmlNodeType.Element && ReferenceEquals(_xml.LocalName, _names.Row))
                {
                    ReadRowElement();
                    if (_cells.Count > 0)
                    {
                        return true;
                    }
                }
                else if (_xml.NodeType == XmlNodeType.Element)
                {
                    _xml.Skip();
                }
                else
                {
                    _xml.Read();
                }
            }
            return false;
        }
        catch (XmlException e)
        {
            throw new InvalidXlsxException("the sheet's XML is malformed", e);
        }
    }

    /// <summary>The sheet's merged ranges (reading past any rows not yet read).</summary>
    public IReadOnlyList<XlsxMergedRange> ReadMergedRanges()
    {
        while (ReadRow())
        {
        }
        var merges = new List<XlsxMergedRange>();
        try
        {
            while (_xml.Read())
            {
                if (_xml.NodeType == XmlNodeType.Element && ReferenceEquals(_xml.LocalName, _names.MergeCell)
                    && TryParseRange(_xml.GetAttribute("ref"), out var range))
                {
                    merges.Add(range);
                }
            }
        }
        catch (XmlException e)
        {
            throw new InvalidXlsxException("the sheet's XML is malformed", e);
        }
        return merges;
    }

    public void Dispose() => _xml.Dispose();

    private bool MoveIntoSheetData()
    {
        while (_xml.Read())
        {
            if (_xml.NodeType == XmlNodeType.Element && ReferenceEquals(_xml.LocalName, _names.SheetData))
            {
                _sheetDataDepth = _xml.Depth;
                if (_xml.IsEmptyElement)
                {
                    _xml.Read();
                    _position = Position.AfterSheetData;
                    return false;
                }
                _xml.Read();
                _position = Position.InSheetData;
                return true;
            }
        }
        _position = Position.AfterSheetData;
        return false;
    }

    private void ReadRowElement()
    {
        _cells.Clear();
        var rowNumber = _previousRowNumber + 1;
        if (_xml.GetAttribute("r") is { } reference
            && !(int.TryParse(reference, NumberStyles.Integer, CultureInfo.InvariantCulture, out rowNumber) && rowNumber > 0))
        {
            throw new InvalidXlsxException($"row number “{reference}” is not valid");
        }
        RowNumber = _previousRowNumber = rowNumber;
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return;
        }

        var depth = _xml.Depth;
        var previousColumn = 0;
        var inOrder = true;
        _xml.Read();
        while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
        {
            if (_xml.EOF)
            {
                throw new InvalidXlsxException("the sheet ends inside a row");
            }
            if (_xml.NodeType == XmlNodeType.Element && ReferenceEquals(_xml.LocalName, _names.Cell))
            {
                var column = ReadCellElement(previousColumn);
                inOrder &= column > previousColumn;
                previousColumn = column;
            }
            else if (_xml.NodeType == XmlNodeType.Element)
            {
                _xml.Skip();
            }
            else
            {
                _xml.Read();
            }
        }
        _xml.Read();

        if (!inOrder)
        {
            // Excel writes cells left to right; for a writer that does not, order them, the last of duplicates winning.
            var byColumn = new SortedDictionary<int, XlsxCell>();
            foreach (var cell in _cells)
            {
                byColumn[cell.Column] = cell;
            }
            _cells.Clear();
            _cells.AddRange(byColumn.Values);
        }
    }

    /// <summary>Reads one &lt;c&gt; (leaving the reader after it), adds it when it holds something, returns its column.</summary>
    private int ReadCellElement(int previousColumn)
    {
        string? reference = null;
        string? type = null;
        string? styleText = null;
        if (_xml.MoveToFirstAttribute())
        {
            do
            {
                if (_xml.NamespaceURI.Length > 0)
                {
                    continue;
                }
                var name = _xml.LocalName;
                if (ReferenceEquals(name, _names.Reference))
                {
                    reference = _xml.Value;
                }
                else if (ReferenceEquals(name, _names.Type))
                {
                    type = _xml.Value;
                }
                else if (ReferenceEquals(name, _names.Style))
                {
                    styleText = _xml.Value;
                }
            }
            while (_xml.MoveToNextAttribute());
            _xml.MoveToElement();
        }
        var column = reference is null ? previousColumn + 1 : ParseColumn(reference);
        var styleIndex = 0;
        if (styleText is not null && !int.TryParse(styleText, NumberStyles.Integer, CultureInfo.InvariantCulture, out styleIndex))
        {
            throw new InvalidXlsxException($"cell style “{styleText}” is not valid");
        }

        string? storedValue = null;
        string? inlineText = null;
        var hasFormula = false;
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
        }
        else
        {
            var depth = _xml.Depth;
            _xml.Read();
            while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
            {
                if (_xml.EOF)
                {
                    throw new InvalidXlsxException("the sheet ends inside a cell");
                }
                if (_xml.NodeType != XmlNodeType.Element)
                {
                    _xml.Read();
                }
                else if (ReferenceEquals(_xml.LocalName, _names.Value))
                {
                    storedValue = _xml.ReadElementContentAsString();
                }
                else if (ReferenceEquals(_xml.LocalName, _names.Formula))
                {
                    hasFormula = true;
                    _xml.Skip();
                }
                else if (ReferenceEquals(_xml.LocalName, _names.InlineString))
                {
                    inlineText = XlsxPackage.ReadRichText(_xml, _names, isInline: true);
                }
                else
                {
                    _xml.Skip();
                }
            }
            _xml.Read();
        }

        var value = hasFormula ? FormulaResult(type, storedValue) : ConstantValue(type, storedValue, inlineText, styleIndex);
        if (value is not null)
        {
            _cells.Add(new XlsxCell(column, value));
        }
        return column;
    }

    /// <summary>A typed-in value, or null when the cell holds nothing.</summary>
    private object? ConstantValue(string? type, string? stored, string? inlineText, int styleIndex)
    {
        switch (type)
        {
            case null or "n":
                if (string.IsNullOrWhiteSpace(stored))
                {
                    return null;
                }
                var styles = NumberStyles.Float | (type is null ? NumberStyles.AllowThousands : NumberStyles.None);
                if (!double.TryParse(stored, styles, CultureInfo.InvariantCulture, out var number))
                {
                    throw new InvalidXlsxException($"“{stored}” is not a number");
                }
                return TypedNumber(number, _package.Styles?.KindOf(styleIndex) ?? XlsxNumberKind.Number);
            case "s":
                var strings = _package.SharedStrings;
                return int.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var index) && (uint)index < (uint)strings.Count
                    ? EmptyAsNull(strings[index])
                    : null;
            case "inlineStr":
                return EmptyAsNull(inlineText);
            case "str":
                return EmptyAsNull(stored);
            case "b":
                return string.IsNullOrEmpty(stored) ? null : ParseBoolean(stored);
            case "e":
                return null;
            case "d":
                return string.IsNullOrWhiteSpace(stored) ? null : StoredDate(stored, shiftFor1904: true)
                    ?? throw new InvalidXlsxException($"“{stored}” is not a date");
            default:
                throw new InvalidXlsxException($"cell type “{type}” is not valid");
        }
    }

    /// <summary>A formula's cached result ("" when there is none: the cell still holds a formula).</summary>
    private object FormulaResult(string? type, string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return string.Empty;
        }
        return type switch
        {
            "b" => ParseBoolean(stored),
            "n" => ParseFormulaNumber(stored) is { } number ? number : string.Empty,
            "d" => StoredDate(stored, shiftFor1904: false) ?? (object)string.Empty,
            _ => stored,
        };
    }

    /// <summary>ClosedXML keeps a number as its 15-significant-digit text (what Excel shows) and reads that back.</summary>
    private object TypedNumber(double number, XlsxNumberKind kind)
    {
        Span<char> text = stackalloc char[32];
        number.TryFormat(text, out var length, "G15", CultureInfo.InvariantCulture);
        text = text[..length];
        var shown = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return kind switch
        {
            XlsxNumberKind.DateTime => DateFromSerial(shown, shiftFor1904: true),
            XlsxNumberKind.TimeSpan => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
                ? span
                : TimeSpan.FromMilliseconds(Math.Round(TimeSpan.FromDays(shown).TotalMilliseconds)),
            XlsxNumberKind.Text => new string(text),
            _ => shown,
        };
    }

    /// <summary>An Excel serial date; a number outside the dates Excel can show stays a number.</summary>
    private object DateFromSerial(double serial, bool shiftFor1904)
    {
        if (serial < -657435.0 || serial >= 2958466.0)
        {
            return serial;
        }
        var date = DateTime.FromOADate(serial);
        return shiftFor1904 && _package.Uses1904Dates ? date.AddDays(1462) : date;
    }

    /// <summary>A <c>t="d"</c> value: a serial number, or an ISO 8601 date read as the clock time written.</summary>
    private object? StoredDate(string stored, bool shiftFor1904)
    {
        if (double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            return DateFromSerial(double.Parse(serial.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), shiftFor1904);
        }
        return DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.DateTime
            : null;
    }

    private static object ParseBoolean(string stored) => bool.TryParse(stored, out var value) ? value : stored != "0";

    private static double? ParseFormulaNumber(string stored)
    {
        var factor = 1.0;
        if (stored.EndsWith('%'))
        {
            stored = stored[..^1];
            factor = 0.01;
        }
        return double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number * factor : null;
    }

    private static string? EmptyAsNull(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>The column of a reference such as "AB12" (28).</summary>
    private static int ParseColumn(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > 16384)
            {
                break;
            }
        }
        if (i == 0 || column > 16384)
        {
            throw new InvalidXlsxException($"cell reference “{reference}” is not valid");
        }
        return column;
    }

    private static bool TryParseCell(string reference, out int row, out int column)
    {
        row = column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]) && column <= 16384; i++)
        {
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        }
        return i > 0 && column <= 16384
            && int.TryParse(reference.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out row) && row > 0;
    }

    private static bool TryParseRange(string? reference, out XlsxMergedRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(reference))
        {
            return false;
        }
        var colon = reference.IndexOf(':');
        var first = colon < 0 ? reference : reference[..colon];
        var last = colon < 0 ? reference : reference[(colon + 1)..];
        if (!TryParseCell(first, out var firstRow, out var firstColumn) || !TryParseCell(last, out var lastRow, out var lastColumn))
        {
            return false;
        }
        range = new XlsxMergedRange(
            Math.Min(firstRow, lastRow), Math.Min(firstColumn, lastColumn), Math.Max(firstRow, lastRow), Math.Max(firstColumn, lastColumn));
        return true;
    }
}
