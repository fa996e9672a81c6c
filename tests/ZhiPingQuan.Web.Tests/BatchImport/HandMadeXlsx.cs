using System.IO.Compression;
using System.Text;

namespace ZhiPingQuan.Web.Tests.BatchImport;

/// <summary>
/// .xlsx packages written part by part with ZipArchive, for what ClosedXML never writes: rich text, inline
/// strings, cached formula results, cells without references, parts at unusual paths, broken or huge parts.
/// </summary>
public static class HandMadeXlsx
{
    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public const string RelationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    /// <summary>One worksheet: its name, its state ("hidden", "veryHidden" or null) and the XML inside &lt;sheetData&gt;.</summary>
    public sealed record Sheet(string Name, string? State, string SheetData, string AfterSheetData = "");

    /// <summary>A package in Excel's usual layout (xl/workbook.xml, xl/worksheets/sheetN.xml …).</summary>
    public static byte[] Workbook(IReadOnlyList<Sheet> sheets, string? sharedStrings = null, string? styles = null, string workbookProperties = "")
    {
        var parts = new List<(string, string)>
        {
            ("[Content_Types].xml", ContentTypes),
            ("_rels/.rels", Relationships(("rId1", "officeDocument", "xl/workbook.xml"))),
        };
        var relationships = new List<(string, string, string)>();
        var sheetElements = new StringBuilder();
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            relationships.Add(($"rId{i + 1}", "worksheet", $"worksheets/sheet{i + 1}.xml"));
            var state = sheet.State is null ? string.Empty : $" state=\"{sheet.State}\"";
            sheetElements.Append($"<sheet name=\"{sheet.Name}\" sheetId=\"{i + 1}\"{state} r:id=\"rId{i + 1}\"/>");
            parts.Add(($"xl/worksheets/sheet{i + 1}.xml", Worksheet(sheet.SheetData, sheet.AfterSheetData)));
        }
        if (sharedStrings is not null)
        {
            relationships.Add(("rIdStrings", "sharedStrings", "sharedStrings.xml"));
            parts.Add(("xl/sharedStrings.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{MainNamespace}\">{sharedStrings}</sst>"));
        }
        if (styles is not null)
        {
            relationships.Add(("rIdStyles", "styles", "styles.xml"));
            parts.Add(("xl/styles.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"{MainNamespace}\">{styles}</styleSheet>"));
        }
        parts.Add(("xl/workbook.xml",
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipNamespace}\">{workbookProperties}<sheets>{sheetElements}</sheets></workbook>"));
        parts.Add(("xl/_rels/workbook.xml.rels", Relationships([.. relationships])));
        return Zip([.. parts]);
    }

    /// <summary>One visible sheet named 推荐名单.</summary>
    public static byte[] Workbook(string sheetData, string? sharedStrings = null, string? styles = null) =>
        Workbook([new Sheet("推荐名单", null, sheetData)], sharedStrings, styles);

    public static string Worksheet(string sheetData, string afterSheetData = "") =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipNamespace}\"><sheetData>{sheetData}</sheetData>{afterSheetData}</worksheet>";

    /// <summary>A relationships part; a type without "/" is a standard officeDocument relationship type.</summary>
    public static string Relationships(params (string Id, string Type, string Target)[] relationships)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        foreach (var (id, type, target) in relationships)
        {
            sb.Append($"<Relationship Id=\"{id}\" Type=\"{(type.Contains('/') ? type : RelationshipType + type)}\" Target=\"{target}\"/>");
        }
        return sb.Append("</Relationships>").ToString();
    }

    public static byte[] Zip(params (string Name, string Text)[] parts)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return output.ToArray();
    }

    /// <summary>A row of inline-string cells from column A, e.g. a header.</summary>
    public static string InlineRow(int row, params string[] texts) =>
        $"<row r=\"{row}\">{string.Concat(texts.Select((t, i) => $"<c r=\"{(char)('A' + i)}{row}\" t=\"inlineStr\"><is><t>{t}</t></is></c>"))}</row>";

    /// <summary>The five required columns of the list, as an inline-string header in row 1.</summary>
    public static string RequiredHeader => InlineRow(1, "企业名称", "统一社会信用代码", "所属行业", "年产值（万元）", "推荐依据");

    private const string ContentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
}
