using System.IO.Compression;
using ClosedXML.Excel;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Tests.BatchImport;

/// <summary>Workbooks built in the test, the shared sample, and the broken files a district might upload.</summary>
public static class BatchListFiles
{
    public static readonly string[] TemplateHeaders =
    [
        "序号", "企业名称", "统一社会信用代码", "所属行业（六大重点产业）", "年产值（万元）", "推荐依据",
        "依据说明", "改造合同金额（万元）", "联系人", "联系电话", "电子邮箱",
    ];

    /// <summary>The programme's sample list (a copy of the one the districts were sent), committed beside the other fixtures.</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "BatchImport", "Fixtures", "district-batch-sample.xlsx");

    /// <summary>A valid credit code made from a tag: distinct tags give distinct codes.</summary>
    public static string Code(int n, string prefix = "91310115")
    {
        var body = prefix + n.ToString("D9");
        return body + CreditCode.CheckCharacter(body);
    }

    /// <summary>A workbook whose sheet is filled by <paramref name="fill"/>, as bytes.</summary>
    public static byte[] Workbook(Action<IXLWorksheet> fill, string sheetName = "推荐名单")
    {
        using var workbook = new XLWorkbook();
        fill(workbook.Worksheets.Add(sheetName));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Writes a header row and data rows (text cells unless a value is a number).</summary>
    public static void Table(IXLWorksheet sheet, int headerRow, IReadOnlyList<string> headers, params object?[][] rows)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Cell(headerRow, c + 1).SetValue(headers[c]);
        }
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(headerRow + 1 + r, c + 1);
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string s:
                        cell.DataType = XLDataType.Text;
                        cell.SetValue(s);
                        break;
                    case decimal m:
                        cell.SetValue(m);
                        break;
                    case double d:
                        cell.SetValue(d);
                        break;
                    case int i:
                        cell.SetValue(i);
                        break;
                    case long l:
                        cell.SetValue(l);
                        break;
                }
            }
        }
    }

    /// <summary>One complete, valid row in template order.</summary>
    public static object?[] ValidRow(int serial, string code, string name = "上海测试智能装备有限公司") =>
        [serial, name, code, "高端装备", 25800.5m, "1、4", "生产线数字化改造项目", 120m, "张三", "021-12345678", "zhangsan@example.com"];

    /// <summary>A list in template layout: title (merged), hint, header in row 3.</summary>
    public static byte[] TemplateList(params object?[][] rows) => Workbook(sheet =>
    {
        sheet.Cell(1, 1).SetValue("2026年重点企业推荐名单（测试）");
        sheet.Range(1, 1, 1, 11).Merge();
        Table(sheet, 3, TemplateHeaders, rows);
    });

    public static byte[] PdfRenamedToXlsx() =>
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>Starts like a ZIP (what .xlsx files are) but the rest is garbage.</summary>
    public static byte[] CorruptZip()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        bytes[0] = 0x50;
        bytes[1] = 0x4B;
        bytes[2] = 0x03;
        bytes[3] = 0x04;
        return bytes;
    }

    /// <summary>A real list cut in half, as an interrupted download leaves it.</summary>
    public static byte[] TruncatedWorkbook()
    {
        var whole = TemplateList(ValidRow(1, Code(1)));
        return whole[..(whole.Length / 2)];
    }

    /// <summary>A workbook with one sheet and nothing in it.</summary>
    public static byte[] EmptyWorkbook() => Workbook(_ => { });

    /// <summary>A valid ZIP package whose workbook part lists no sheet at all.</summary>
    public static byte[] WorkbookWithoutSheets()
    {
        var source = EmptyWorkbook();
        using var output = new MemoryStream();
        using (var input = new ZipArchive(new MemoryStream(source), ZipArchiveMode.Read))
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName == "xl/workbook.xml")
                {
                    text = System.Text.RegularExpressions.Regex.Replace(text, "<(\\w+:)?sheets>.*</(\\w+:)?sheets>", "<$1sheets />",
                        System.Text.RegularExpressions.RegexOptions.Singleline);
                }
                if (entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
                {
                    continue;
                }
                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open());
                writer.Write(text);
            }
        }
        return output.ToArray();
    }

    /// <summary>The legacy .xls (OLE2 compound file) signature.</summary>
    public static byte[] LegacyXls() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0];

    // ---- the other formats (committed fixtures, see Fixtures/README.md) and broken variants of them ----------

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "BatchImport", "Fixtures", name));

    /// <summary>The .xls with its workbook stream renamed: a compound file (as a non-BIFF .et is) with no workbook in it.</summary>
    public static byte[] WithoutWorkbookStream(byte[] xls)
    {
        var name = System.Text.Encoding.Unicode.GetBytes("Workbook");
        var bytes = (byte[])xls.Clone();
        var at = bytes.AsSpan().IndexOf(name);
        if (at < 0)
        {
            throw new InvalidOperationException("no Workbook stream in the fixture");
        }
        System.Text.Encoding.Unicode.GetBytes("Wxrkbook").CopyTo(bytes, at);
        return bytes;
    }

    /// <summary>The .xls with the version of its workbook BOF record (BIFF8: 0x0600) changed.</summary>
    public static byte[] WithBiffVersion(byte[] xls, ushort version)
    {
        byte[] bof = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]; // BOF, 16 bytes, BIFF8, workbook globals
        var bytes = (byte[])xls.Clone();
        var at = bytes.AsSpan().IndexOf(bof);
        if (at < 0)
        {
            throw new InvalidOperationException("no BIFF8 workbook BOF in the fixture");
        }
        BitConverter.TryWriteBytes(bytes.AsSpan(at + 4, 2), version);
        return bytes;
    }

    /// <summary>The sample's title and header lines in UTF-8, its rows in GBK: a list pasted together from two exports.</summary>
    public static byte[] MixedEncodings()
    {
        static IEnumerable<byte[]> Lines(byte[] bytes) => SplitLines(bytes);
        var utf8 = Lines(Fixture("district-batch-sample-utf8.csv")).Take(3);
        var gbk = Lines(Fixture("district-batch-sample-gbk.csv")).Skip(3);
        return utf8.Concat(gbk).SelectMany(l => l).ToArray();
    }

    /// <summary>The UTF-8 sample with one more row whose name opens a quote that is never closed.</summary>
    public static byte[] UnclosedQuote() =>
        [.. Fixture("district-batch-sample-utf8.csv"), .. System.Text.Encoding.UTF8.GetBytes($"31,\"上海未闭合引号有限公司,{Code(62)},汽车,20000,4,,,,,\n")];

    /// <summary>An executable's first bytes and zeros, named .csv.</summary>
    public static byte[] BinaryNamedCsv()
    {
        var bytes = new byte[2048];
        new Random(7).NextBytes(bytes);
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        bytes[2] = 0;
        return bytes;
    }

    /// <summary>Lines with their line break kept.</summary>
    private static List<byte[]> SplitLines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < bytes.Length)
        {
            lines.Add(bytes[start..]);
        }
        return lines;
    }
}
