using System.IO.Compression;
using System.Text;
using System.Xml;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>
/// What ExcelDataReader 3.6 cannot do with an .xlsx package, done before it reads: it looks for the workbook at
/// xl/workbook.xml and for each part at the path its relationship names relative to xl/, in the transitional
/// namespaces. A package is laid out otherwise when another tool found its parts through the relationships,
/// as the Open Packaging Conventions say (a workbook at book/main.xml, a sheet at ../sheets/list.xml), or when
/// Excel saved it as "Strict Open XML". Such a package is copied, in memory, to the layout and namespaces
/// ExcelDataReader expects; every other package (Excel's, WPS's, LibreOffice's, ClosedXML's) is read as it is.
/// A package whose relationships lead nowhere is damaged: <see cref="InvalidDataException"/>.
/// </summary>
internal static class XlsxLayout
{
    private const string StrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string StrictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    private const string TransitionalMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string TransitionalRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private sealed record Relationship(string Id, string Type, string Target, string WrittenTarget);

    /// <summary>Null when ExcelDataReader can read the package as it is; else the package rewritten for it.</summary>
    public static MemoryStream? Normalise(Stream content)
    {
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        var parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            parts.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
        }
        ZipArchiveEntry Part(string name) =>
            parts.TryGetValue(name, out var entry) ? entry : throw new InvalidDataException($"part {name} is missing");

        var workbookPart = ReadRelationships(Part("_rels/.rels"), string.Empty)
            .FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal))?.Target
            ?? throw new InvalidDataException("the package names no workbook");
        var workbook = Part(workbookPart);
        var slash = workbookPart.LastIndexOf('/');
        var relationshipsPart = slash < 0 ? $"_rels/{workbookPart}.rels" : $"{workbookPart[..slash]}/_rels/{workbookPart[(slash + 1)..]}.rels";
        var relationships = parts.TryGetValue(relationshipsPart, out var rels) ? ReadRelationships(rels, workbookPart) : [];
        var used = relationships.Where(r => IsType(r, "worksheet") || IsType(r, "sharedStrings") || IsType(r, "styles")).ToList();
        foreach (var sheet in used.Where(r => IsType(r, "worksheet")))
        {
            Part(sheet.Target); // a listed sheet whose part is missing: the package is broken
        }

        var strict = RootNamespace(workbook) == StrictMain;
        var standard = string.Equals(workbookPart, "xl/workbook.xml", StringComparison.OrdinalIgnoreCase)
            && used.All(r => string.Equals(r.Target, "xl/" + r.WrittenTarget, StringComparison.OrdinalIgnoreCase));
        if (standard && !strict)
        {
            return null;
        }

        var copy = new MemoryStream();
        using (var output = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Write(string name, string text)
            {
                using var writer = new StreamWriter(output.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
            Write("_rels/.rels",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{TransitionalRelationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Write("xl/workbook.xml", Transitional(workbook));
            var written = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            var sheetNumber = 0;
            foreach (var relationship in used)
            {
                var kind = relationship.Type[(relationship.Type.LastIndexOf('/') + 1)..];
                var target = kind == "worksheet" ? $"worksheets/sheet{++sheetNumber}.xml" : $"{kind}.xml";
                if (!parts.TryGetValue(relationship.Target, out var entry))
                {
                    continue; // shared strings or styles named but absent: read as without them
                }
                Write("xl/" + target, Transitional(entry));
                written.Append($"<Relationship Id=\"{SecurityElementEscape(relationship.Id)}\" Type=\"{TransitionalRelationships}/{kind}\" Target=\"{target}\"/>");
            }
            Write("xl/_rels/workbook.xml.rels", written.Append("</Relationships>").ToString());
        }
        copy.Position = 0;
        return copy;
    }

    private static bool IsType(Relationship r, string kind) => r.Type.EndsWith("/" + kind, StringComparison.Ordinal);

    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private static List<Relationship> ReadRelationships(ZipArchiveEntry part, string sourcePart)
    {
        var relationships = new List<Relationship>();
        using var xml = XmlReader.Create(part.Open(), Settings);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                && xml.GetAttribute("Target") is { } target
                && !string.Equals(xml.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
            {
                relationships.Add(new Relationship(xml.GetAttribute("Id") ?? string.Empty, xml.GetAttribute("Type") ?? string.Empty,
                    Resolve(sourcePart, target), target));
            }
        }
        return relationships;
    }

    private static string RootNamespace(ZipArchiveEntry part)
    {
        using var xml = XmlReader.Create(part.Open(), Settings);
        return xml.MoveToContent() == XmlNodeType.Element ? xml.NamespaceURI : string.Empty;
    }

    private static string Transitional(ZipArchiveEntry part)
    {
        using var reader = new StreamReader(part.Open());
        return reader.ReadToEnd().Replace(StrictMain, TransitionalMain, StringComparison.Ordinal)
            .Replace(StrictRelationships, TransitionalRelationships, StringComparison.Ordinal);
    }

    /// <summary>A relationship's target: from the package root when it starts with "/", else from the source part's folder.</summary>
    private static string Resolve(string sourcePart, string target)
    {
        target = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var segments = new List<string>();
        if (!target.StartsWith('/') && sourcePart.LastIndexOf('/') is > 0 and var slash)
        {
            segments.AddRange(sourcePart[..slash].Split('/'));
        }
        foreach (var segment in target.Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                segments.Add(segment);
            }
        }
        return string.Join('/', segments);
    }

    private static string SecurityElementEscape(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;
}
