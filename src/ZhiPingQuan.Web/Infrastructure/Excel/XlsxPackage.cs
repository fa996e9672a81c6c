using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace ZhiPingQuan.Web.Infrastructure.Excel;

/// <summary>The package is not a readable .xlsx: a broken ZIP, malformed XML, a missing or inconsistent part.</summary>
public sealed class InvalidXlsxException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The parts to read would unpack to more than the allowed size (a "zip bomb", or simply far too big).</summary>
public sealed class XlsxTooLargeException(long unpackedBytes, long limitBytes)
    : Exception($"the parts to read unpack to {unpackedBytes} bytes, over the limit of {limitBytes}")
{
    public long UnpackedBytes { get; } = unpackedBytes;
    public long LimitBytes { get; } = limitBytes;
}

/// <summary>One worksheet as the workbook lists it, in workbook order.</summary>
public sealed record XlsxSheet(string Name, bool Hidden, string PartName);

/// <summary>
/// A forward-only reader of an .xlsx package (ZipArchive + XmlReader), for reading lists of any length without
/// building a document object model: ClosedXML's DOM spends far more time than the reading itself needs.
/// Parts are found through their relationships as the Open Packaging Conventions say (never by assumed paths),
/// elements by local name (so Strict OOXML namespaces read too). Values are typed as ClosedXML 0.95's
/// <c>cell.Value</c> typed them (see <see cref="XlsxSheetReader"/>), so readers moved off ClosedXML keep their
/// behaviour.
/// Guards: before any part's content is parsed, the declared unpacked sizes of every part that may be read are
/// added up and refused over <c>maxUnpackedBytes</c>; a part that inflates beyond its declared size is refused
/// as damaged; XML allows no DTD and resolves nothing external.
/// </summary>
public sealed partial class XlsxPackage : IDisposable
{
    private const string OfficeDocumentType = "/officeDocument";
    private const string WorksheetType = "/worksheet";
    private const string SharedStringsType = "/sharedStrings";
    private const string StylesType = "/styles";

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _parts;
    private readonly XmlReaderSettings _xmlSettings;

    private XlsxPackage(ZipArchive zip)
    {
        _zip = zip;
        // Part names are case-insensitive (OPC); some writers also use backslashes or a leading slash.
        _parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            _parts.TryAdd(NormalisePartName(entry.FullName), entry);
        }
        _xmlSettings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
            // One name table for every part, so element names compare as references (see XlsxNames).
            NameTable = new NameTable(),
        };
        Names = new XlsxNames(_xmlSettings.NameTable);
    }

    /// <summary>Every worksheet in workbook order (chart and dialog sheets are not worksheets and are left out).</summary>
    public IReadOnlyList<XlsxSheet> Sheets { get; private set; } = [];

    /// <summary>Excel's 1904 date system (old Mac workbooks): serial numbers count from 1904-01-01.</summary>
    public bool Uses1904Dates { get; private set; }

    internal XlsxNames Names { get; }
    internal IReadOnlyList<string> SharedStrings { get; private set; } = [];
    internal XlsxStyles? Styles { get; private set; }

    /// <summary>
    /// Opens the package and reads its workbook, relationships, shared strings and styles (sheets are streamed
    /// later by <see cref="OpenSheet"/>). The stream is left open.
    /// </summary>
    /// <exception cref="InvalidXlsxException">Not a readable .xlsx package.</exception>
    /// <exception cref="XlsxTooLargeException">The parts would unpack to more than <paramref name="maxUnpackedBytes"/>.</exception>
    public static XlsxPackage Open(Stream content, long maxUnpackedBytes)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidXlsxException("not a ZIP package", e);
        }

        var package = new XlsxPackage(zip);
        try
        {
            package.Load(maxUnpackedBytes);
            return package;
        }
        catch (XmlException e)
        {
            package.Dispose();
            throw new InvalidXlsxException("a part's XML is malformed", e);
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    /// <summary>Streams a sheet's rows; the caller may stop at any row (and must dispose the reader).</summary>
    public XlsxSheetReader OpenSheet(XlsxSheet sheet) => new(this, CreateXmlReader(sheet.PartName));

    public void Dispose() => _zip.Dispose();

    private void Load(long maxUnpackedBytes)
    {
        // The small parts that say where everything is: each may not be larger than the whole budget.
        long unpacked = 0;
        void Budget(string part)
        {
            // A ZIP64 directory may declare sizes near long.MaxValue: saturate rather than overflow past the check.
            var length = Entry(part).Length;
            unpacked = length > long.MaxValue - unpacked ? long.MaxValue : unpacked + length;
            if (unpacked > maxUnpackedBytes)
            {
                throw new XlsxTooLargeException(unpacked, maxUnpackedBytes);
            }
        }

        const string rootRelationships = "_rels/.rels";
        Budget(rootRelationships);
        var workbookPart = ReadRelationships(rootRelationships, sourcePart: string.Empty)
            .FirstOrDefault(r => r.Type.EndsWith(OfficeDocumentType, StringComparison.Ordinal)).Target
            ?? throw new InvalidXlsxException("the package names no workbook part");
        Budget(workbookPart);
        var workbookRelationshipsPart = RelationshipsPartOf(workbookPart);
        var workbookRelationships = _parts.ContainsKey(workbookRelationshipsPart)
            ? ReadWorkbookRelationships(workbookRelationshipsPart, workbookPart, Budget)
            : [];
        var listed = ReadWorkbook(workbookPart);

        var sheets = new List<XlsxSheet>();
        foreach (var (name, hidden, relationshipId) in listed)
        {
            if (!workbookRelationships.TryGetValue(relationshipId, out var relationship))
            {
                throw new InvalidXlsxException($"sheet “{name}” points to a missing relationship {relationshipId}");
            }
            if (relationship.Type.EndsWith(WorksheetType, StringComparison.Ordinal))
            {
                Entry(relationship.Target); // a listed worksheet whose part is missing: the package is broken
                sheets.Add(new XlsxSheet(name, hidden, relationship.Target));
            }
        }

        string? PartOfType(string type) => workbookRelationships.Values
            .Where(r => r.Type.EndsWith(type, StringComparison.Ordinal) && _parts.ContainsKey(r.Target))
            .Select(r => r.Target).FirstOrDefault();
        var sharedStringsPart = PartOfType(SharedStringsType);
        var stylesPart = PartOfType(StylesType);

        // Everything that may still be read, counted before any of it is parsed: a part declaring gigabytes is
        // refused without being opened.
        foreach (var part in sheets.Select(s => s.PartName).Append(sharedStringsPart).Append(stylesPart).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Budget(part);
        }

        Sheets = sheets;
        SharedStrings = sharedStringsPart is null ? [] : ReadSharedStrings(sharedStringsPart);
        Styles = stylesPart is null ? null : XlsxStyles.Read(CreateXmlReader(stylesPart), Names);
    }

    private ZipArchiveEntry Entry(string part) =>
        _parts.TryGetValue(part, out var entry) ? entry : throw new InvalidXlsxException($"part {part} is missing");

    internal XmlReader CreateXmlReader(string part)
    {
        var entry = Entry(part);
        try
        {
            return XmlReader.Create(new DeclaredLengthStream(entry.Open(), entry.Length, part), _xmlSettings);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidXlsxException($"part {part} cannot be unpacked", e);
        }
    }

    private readonly record struct Relationship(string Type, string Target);

    private List<Relationship> ReadRelationships(string relationshipsPart, string sourcePart)
    {
        var relationships = new List<Relationship>();
        foreach (var (_, relationship) in ReadRelationshipsWithIds(relationshipsPart, sourcePart))
        {
            relationships.Add(relationship);
        }
        return relationships;
    }

    private Dictionary<string, Relationship> ReadWorkbookRelationships(string relationshipsPart, string workbookPart, Action<string> budget)
    {
        budget(relationshipsPart);
        var byId = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        foreach (var (id, relationship) in ReadRelationshipsWithIds(relationshipsPart, workbookPart))
        {
            byId.TryAdd(id, relationship);
        }
        return byId;
    }

    private IEnumerable<(string Id, Relationship Relationship)> ReadRelationshipsWithIds(string relationshipsPart, string sourcePart)
    {
        using var xml = CreateXmlReader(relationshipsPart);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || !ReferenceEquals(xml.LocalName, Names.Relationship))
            {
                continue;
            }
            var id = xml.GetAttribute("Id") ?? string.Empty;
            var type = xml.GetAttribute("Type") ?? string.Empty;
            var target = xml.GetAttribute("Target");
            if (target is null || string.Equals(xml.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            yield return (id, new Relationship(type, ResolveTarget(sourcePart, target)));
        }
    }

    private List<(string Name, bool Hidden, string RelationshipId)> ReadWorkbook(string workbookPart)
    {
        var sheets = new List<(string, bool, string)>();
        using var xml = CreateXmlReader(workbookPart);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (ReferenceEquals(xml.LocalName, Names.WorkbookProperties))
            {
                Uses1904Dates = IsTrue(xml.GetAttribute("date1904"));
            }
            else if (ReferenceEquals(xml.LocalName, Names.Sheet))
            {
                var name = xml.GetAttribute("name") ?? string.Empty;
                var state = xml.GetAttribute("state");
                var hidden = state is "hidden" or "veryHidden";
                string? relationshipId = null;
                while (xml.MoveToNextAttribute())
                {
                    // r:id — the relationships namespace differs between transitional and strict OOXML.
                    if (xml.LocalName == "id" && xml.NamespaceURI.Length > 0)
                    {
                        relationshipId = xml.Value;
                    }
                }
                sheets.Add((name, hidden, relationshipId ?? throw new InvalidXlsxException($"sheet “{name}” has no relationship id")));
            }
        }
        return sheets;
    }

    private string[] ReadSharedStrings(string part)
    {
        var strings = new List<string>();
        using var xml = CreateXmlReader(part);
        while (!xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && ReferenceEquals(xml.LocalName, Names.StringItem))
            {
                strings.Add(ReadRichText(xml, Names, isInline: false));
            }
            else
            {
                xml.Read();
            }
        }
        return strings.ToArray();
    }

    /// <summary>
    /// The text of an <c>&lt;si&gt;</c> or <c>&lt;is&gt;</c> element (positioned on it; leaves the reader after it):
    /// its runs concatenated when it has runs (rich text), else its <c>&lt;t&gt;</c>; phonetic guides
    /// (<c>&lt;rPh&gt;</c>, the furigana above Japanese text) are not part of the text.
    /// </summary>
    internal static string ReadRichText(XmlReader xml, XlsxNames names, bool isInline)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return string.Empty;
        }
        var depth = xml.Depth;
        string? plain = null;
        StringBuilder? runs = null;
        xml.Read();
        while (!(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth) && !xml.EOF)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                xml.Read();
            }
            else if (ReferenceEquals(xml.LocalName, names.Text) && plain is null)
            {
                plain = xml.ReadElementContentAsString();
            }
            else if (ReferenceEquals(xml.LocalName, names.Run))
            {
                runs ??= new StringBuilder();
                runs.Append(ReadRun(xml, names));
            }
            else
            {
                xml.Skip(); // <rPh>, <phoneticPr>, or a second <t> (not valid; the first one counts)
            }
        }
        xml.Read();

        // ClosedXML decodes _xHHHH_ in a plain shared string and normalises line breaks in runs and inline text;
        // Excel escapes control characters the same way in every <t>, so all of them are decoded here.
        if (runs is not null)
        {
            return DecodeEscapes(FixNewLines(runs.ToString()));
        }
        return plain is null ? string.Empty : DecodeEscapes(isInline ? FixNewLines(plain) : plain);
    }

    private static string ReadRun(XmlReader xml, XlsxNames names)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return string.Empty;
        }
        var depth = xml.Depth;
        var text = string.Empty;
        xml.Read();
        while (!(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth) && !xml.EOF)
        {
            if (xml.NodeType == XmlNodeType.Element && ReferenceEquals(xml.LocalName, names.Text))
            {
                text += xml.ReadElementContentAsString();
            }
            else if (xml.NodeType == XmlNodeType.Element)
            {
                xml.Skip(); // <rPr>: the run's font
            }
            else
            {
                xml.Read();
            }
        }
        xml.Read();
        return text;
    }

    /// <summary>
    /// OOXML writes characters XML cannot hold (a carriage return, control characters) as <c>_xHHHH_</c>, and a
    /// literal "_x" that looks like one as <c>_x005F_xHHHH_</c>. Decoded as ClosedXML does: an upper-case
    /// <c>_XHHHH_</c> is not an escape.
    /// </summary>
    internal static string DecodeEscapes(string text)
    {
        if (text.IndexOf('_') < 0)
        {
            return text;
        }
        return XmlConvert.DecodeName(UpperCaseEscape().Replace(text, "_x005F_$1_"));
    }

    [GeneratedRegex("_(X[0-9A-Fa-f]{4})_")]
    private static partial Regex UpperCaseEscape();

    /// <summary>ClosedXML's line-break normalisation of run text: every \n or \r\n becomes the platform's new line.</summary>
    private static string FixNewLines(string text) =>
        text.Contains('\n') ? NewLine().Replace(text, Environment.NewLine) : text;

    [GeneratedRegex(@"((?<!\r)\n|\r\n)")]
    private static partial Regex NewLine();

    internal static bool IsTrue(string? value) => value is "1" or "true" or "on";

    private static string RelationshipsPartOf(string part)
    {
        var slash = part.LastIndexOf('/');
        return slash < 0 ? $"_rels/{part}.rels" : $"{part[..slash]}/_rels/{part[(slash + 1)..]}.rels";
    }

    /// <summary>A relationship's target: absolute ("/xl/…") from the package root, else relative to the source part's folder.</summary>
    private static string ResolveTarget(string sourcePart, string target)
    {
        target = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var segments = new List<string>();
        if (!target.StartsWith('/'))
        {
            var slash = sourcePart.LastIndexOf('/');
            if (slash > 0)
            {
                segments.AddRange(sourcePart[..slash].Split('/'));
            }
        }
        foreach (var segment in target.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                continue;
            }
            segments.Add(segment);
        }
        return string.Join('/', segments);
    }

    private static string NormalisePartName(string name) => name.Replace('\\', '/').TrimStart('/');

    /// <summary>
    /// A part's stream that may not yield more bytes than the ZIP directory declared for it: the declared sizes
    /// are what the size guard added up, so a part lying about its size cannot slip past it.
    /// </summary>
    private sealed class DeclaredLengthStream(Stream inner, long declaredLength, string part) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(ReadInner(buffer.AsSpan(offset, count)));

        public override int Read(Span<byte> buffer) => Count(ReadInner(buffer));

        private int ReadInner(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidXlsxException($"part {part} cannot be unpacked", e);
            }
        }

        private int Count(int read)
        {
            _read += read;
            if (_read > declaredLength)
            {
                throw new InvalidXlsxException($"part {part} unpacks to more than the {declaredLength} bytes it declares");
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>Element names atomised in the package's name table, so the hot loops compare references, not strings.</summary>
internal sealed class XlsxNames(XmlNameTable table)
{
    public string Relationship { get; } = table.Add("Relationship");
    public string WorkbookProperties { get; } = table.Add("workbookPr");
    public string Sheet { get; } = table.Add("sheet");
    public string StringItem { get; } = table.Add("si");
    public string Text { get; } = table.Add("t");
    public string Run { get; } = table.Add("r");
    public string NumberFormat { get; } = table.Add("numFmt");
    public string CellFormats { get; } = table.Add("cellXfs");
    public string CellFormat { get; } = table.Add("xf");
    public string SheetData { get; } = table.Add("sheetData");
    public string Row { get; } = table.Add("row");
    public string Cell { get; } = table.Add("c");
    public string Value { get; } = table.Add("v");
    public string Formula { get; } = table.Add("f");
    public string InlineString { get; } = table.Add("is");
    public string MergeCell { get; } = table.Add("mergeCell");
    public string Reference { get; } = table.Add("r");
    public string Style { get; } = table.Add("s");
    public string Type { get; } = table.Add("t");
    public string SharedIndex { get; } = table.Add("si");
}

/// <summary>How a number cell's format makes ClosedXML type its value.</summary>
internal enum XlsxNumberKind
{
    Number,
    DateTime,
    TimeSpan,
    Text,
}

/// <summary>The cell formats of styles.xml, reduced to what typing a value needs: the kind of each format.</summary>
internal sealed class XlsxStyles(XlsxNumberKind[] kindOfCellFormat)
{
    /// <summary>The kind for a cell's <c>s</c> index; a missing or unknown index is General.</summary>
    public XlsxNumberKind KindOf(int cellFormatIndex) =>
        (uint)cellFormatIndex < (uint)kindOfCellFormat.Length ? kindOfCellFormat[cellFormatIndex] : XlsxNumberKind.Number;

    public static XlsxStyles Read(XmlReader xml, XlsxNames names)
    {
        var customFormats = new Dictionary<int, string>();
        var cellFormatIds = new List<int?>();
        using (xml)
        {
            var inCellFormats = false;
            var cellFormatsDepth = -1;
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement && inCellFormats && xml.Depth == cellFormatsDepth)
                {
                    inCellFormats = false;
                }
                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (ReferenceEquals(xml.LocalName, names.NumberFormat))
                {
                    // The first definition of an id counts, as in ClosedXML.
                    if (int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                        && xml.GetAttribute("formatCode") is { Length: > 0 } code)
                    {
                        customFormats.TryAdd(id, code);
                    }
                }
                else if (ReferenceEquals(xml.LocalName, names.CellFormats) && !xml.IsEmptyElement)
                {
                    inCellFormats = true;
                    cellFormatsDepth = xml.Depth;
                }
                else if (inCellFormats && ReferenceEquals(xml.LocalName, names.CellFormat) && xml.Depth == cellFormatsDepth + 1)
                {
                    cellFormatIds.Add(int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null);
                }
            }
        }
        return new XlsxStyles(cellFormatIds
            .Select(id => id is { } formatId
                ? customFormats.TryGetValue(formatId, out var code) ? KindOfFormatCode(code) : KindOfBuiltInFormat(formatId)
                : XlsxNumberKind.Number)
            .ToArray());
    }

    /// <summary>Excel's built-in formats: 14–22 and 45–47 are dates and times, 46 ([h]:mm:ss) a duration, 49 (@) text.</summary>
    internal static XlsxNumberKind KindOfBuiltInFormat(int id) => id switch
    {
        46 => XlsxNumberKind.TimeSpan,
        >= 14 and <= 22 or >= 45 and <= 47 => XlsxNumberKind.DateTime,
        49 => XlsxNumberKind.Text,
        _ => XlsxNumberKind.Number,
    };

    /// <summary>
    /// A custom format is a date when a date or time token (d h m s y) comes before any digit placeholder
    /// (# 0 ?). Quoted text, [colours/locales/elapsed-time brackets] and escaped or padding characters are not
    /// tokens — unlike ClosedXML, which took the "d" of "[Red]" for a day.
    /// </summary>
    internal static XlsxNumberKind KindOfFormatCode(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            switch (char.ToLowerInvariant(code[i]))
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    break;
                case '[':
                    var bracket = code.IndexOf(']', i + 1);
                    i = bracket < 0 ? code.Length : bracket;
                    break;
                case '\\' or '_' or '*':
                    i++; // the next character is a literal, a padding width or a fill character
                    break;
                case '#' or '0' or '?':
                    return XlsxNumberKind.Number;
                case 'd' or 'h' or 'm' or 's' or 'y':
                    return XlsxNumberKind.DateTime;
            }
        }
        return XlsxNumberKind.Number;
    }
}
