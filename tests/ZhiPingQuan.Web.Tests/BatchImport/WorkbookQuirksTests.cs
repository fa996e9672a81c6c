using System.IO.Compression;
using System.Text;
using ZhiPingQuan.Web.Features.BatchImport;
using static ZhiPingQuan.Web.Tests.BatchImport.BatchListFiles;
using static ZhiPingQuan.Web.Tests.BatchImport.HandMadeXlsx;

namespace ZhiPingQuan.Web.Tests.BatchImport;

/// <summary>
/// Lists in .xlsx packages that ClosedXML never writes but other tools and Excel do (rich text, inline strings,
/// cached formula results, dates, hidden sheets, cells without references, parts at other paths, strict
/// namespaces, merges), read as the district sees them; and hostile or broken packages, refused in Chinese.
/// </summary>
public sealed class WorkbookQuirksTests
{
    private const string DamagedMessage = "无法作为Excel工作簿打开";

    /// <summary>Cell formats: 0 General, 1 date (14), 2 yyyy年m月d日, 3 [Red]0.00, 4 date and time (22), 5 text (49), 6 [$-804]yyyy/m/d.</summary>
    private const string Styles =
        "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>" +
        "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00\"/><numFmt numFmtId=\"166\" formatCode=\"[$-804]yyyy/m/d\"/></numFmts>" +
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>" +
        "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"22\"/><xf numFmtId=\"49\"/><xf numFmtId=\"166\"/></cellXfs>";

    private static BatchListReadResult Read(byte[] bytes, BatchListLimits? limits = null) =>
        new BatchListReader(limits ?? BatchListLimits.Default).Read(new MemoryStream(bytes));

    private static BatchListReadResult ReadOk(byte[] bytes)
    {
        var result = Read(bytes);
        Assert.True(result.Succeeded, result.Error);
        return result;
    }

    /// <summary>A list whose enterprise name (A2) is the given cell XML, the rest valid.</summary>
    private static byte[] ListWithNameCell(string nameCell, string? sharedStrings = null, string? styles = null, string otherCells = "") =>
        Workbook(InlineRow(1, "企业名称", "统一社会信用代码", "所属行业", "年产值（万元）", "推荐依据", "依据说明", "联系人") +
            $"<row r=\"2\">{nameCell}<c r=\"B2\" t=\"inlineStr\"><is><t>{Code(50)}</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>汽车</t></is></c>" +
            $"<c r=\"D2\"><v>30000</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>4</t></is></c>{otherCells}</row>", sharedStrings, styles);

    [Fact]
    public void Rich_text_names_join_their_runs_without_the_phonetic_guide()
    {
        const string strings =
            "<si><r><t>上海</t></r><r><rPr><b/><sz val=\"11\"/></rPr><t xml:space=\"preserve\">浦江 </t></r><r><t>精密</t></r>" +
            "<rPh sb=\"0\" eb=\"2\"><t>シャンハイ</t></rPh><phoneticPr fontId=\"1\"/></si>";

        var row = Assert.Single(ReadOk(ListWithNameCell("<c r=\"A2\" t=\"s\"><v>0</v></c>", strings)).Rows);

        Assert.Equal("上海浦江 精密", row.EnterpriseName);
    }

    [Fact]
    public void Inline_strings_plain_and_rich_are_read()
    {
        var plain = Assert.Single(ReadOk(ListWithNameCell("<c r=\"A2\" t=\"inlineStr\"><is><t>上海内联文本有限公司</t></is></c>")).Rows);
        var rich = Assert.Single(ReadOk(ListWithNameCell("<c r=\"A2\" t=\"inlineStr\"><is><r><t>上海内联</t></r><r><rPr><i/></rPr><t>富文本有限公司</t></r></is></c>")).Rows);

        Assert.Equal("上海内联文本有限公司", plain.EnterpriseName);
        Assert.Equal("上海内联富文本有限公司", rich.EnterpriseName);
    }

    [Fact]
    public void An_escaped_line_break_in_a_name_is_a_line_break_not_the_escape()
    {
        var row = Assert.Single(ReadOk(ListWithNameCell("<c r=\"A2\" t=\"s\"><v>0</v></c>", "<si><t>上海换行_x000D_测试有限公司</t></si>")).Rows);

        Assert.Equal("上海换行 测试有限公司", row.EnterpriseName);
    }

    [Fact]
    public void A_red_number_format_is_a_number_not_a_date()
    {
        var package = Workbook(RequiredHeader +
            $"<row r=\"2\">{InlineCells(2, "上海红色格式有限公司", Code(51), "汽车")}<c r=\"D2\" s=\"3\"><v>25800.5</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>4</t></is></c></row>",
            styles: Styles);

        Assert.Equal(25800.5m, Assert.Single(ReadOk(package).Rows).AnnualOutputWanYuan);
    }

    [Fact]
    public void A_1904_workbook_counts_its_dates_from_1904()
    {
        var package = Workbook([new Sheet("名单", null, InlineRow(1, "企业名称", "统一社会信用代码", "所属行业", "年产值（万元）", "推荐依据", "依据说明") +
                $"<row r=\"2\">{InlineCells(2, "上海1904日期有限公司", Code(52), "汽车")}<c r=\"D2\"><v>30000</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>4</t></is></c><c r=\"F2\" s=\"1\"><v>45000</v></c></row>")],
            styles: Styles, workbookProperties: "<workbookPr date1904=\"1\"/>");

        Assert.Equal("2027-03-16", Assert.Single(ReadOk(package).Rows).BasisDescription);
    }

    [Fact]
    public void A_visible_list_is_taken_before_a_hidden_one_in_front_of_it()
    {
        var list = RequiredHeader + ListRow(2, "上海隐藏表测试有限公司", Code(32));
        var package = Workbook([
            new Sheet("隐藏名单", "hidden", list),
            new Sheet("可见名单", null, RequiredHeader + ListRow(2, "上海可见表测试有限公司", Code(33))),
            new Sheet("备用", "veryHidden", list),
        ]);

        var result = ReadOk(package);

        Assert.Equal("可见名单", result.SheetName);
        Assert.Equal("上海可见表测试有限公司", Assert.Single(result.Rows).EnterpriseName);
    }

    [Fact]
    public void A_formulas_cached_result_is_used_in_the_list_never_a_recalculation()
    {
        var package = Workbook(RequiredHeader +
            $"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>上海公式测试有限公司</t></is></c><c r=\"B2\" t=\"str\"><f>\"{Code(30)}\"</f><v>{Code(30)}</v></c>" +
            "<c r=\"C2\" t=\"inlineStr\"><is><t>汽车</t></is></c><c r=\"D2\" t=\"n\"><f>1+1</f><v>25800.5</v></c><c r=\"E2\"><f>\"4\"</f><v>4</v></c></row>");

        var row = Assert.Single(ReadOk(package).Rows);

        Assert.Equal(Code(30), row.CreditCodeText);
        Assert.Equal(25800.5m, row.AnnualOutputWanYuan);
        Assert.Equal("4", row.BasisText);
    }

    [Fact]
    public void A_date_in_the_list_reads_as_the_date_the_district_sees()
    {
        var package = Workbook(InlineRow(1, "企业名称", "统一社会信用代码", "所属行业", "年产值（万元）", "推荐依据", "依据说明", "联系人") +
            $"<row r=\"2\">{InlineCells(2, "上海日期测试有限公司", Code(31), "汽车")}<c r=\"D2\"><v>30000</v></c>" +
            "<c r=\"E2\" t=\"inlineStr\"><is><t>4</t></is></c><c r=\"F2\" s=\"1\"><v>45000</v></c><c r=\"G2\" s=\"4\"><v>45000.5</v></c></row>",
            styles: Styles);

        var row = Assert.Single(ReadOk(package).Rows);

        Assert.Equal("2023-03-15", row.BasisDescription);
        Assert.Equal("2023-03-15 12:00", row.ContactName);
    }

    [Fact]
    public void A_list_on_a_hidden_sheet_is_found_when_no_visible_sheet_has_one()
    {
        var package = Workbook([
            new Sheet("说明", null, InlineRow(1, "填表说明")),
            new Sheet("隐藏名单", "hidden", RequiredHeader + ListRow(2, "上海隐藏表测试有限公司", Code(34))),
        ]);

        var result = ReadOk(package);

        Assert.Equal("隐藏名单", result.SheetName);
        Assert.Equal(Code(34), Assert.Single(result.Rows).CreditCodeText);
    }

    [Fact]
    public void A_list_written_without_references_reads_with_the_right_row_numbers()
    {
        static string Row(params string[] texts) =>
            $"<row>{string.Concat(texts.Select(t => $"<c t=\"inlineStr\"><is><t>{t}</t></is></c>"))}</row>";
        var package = Workbook(
            Row("企业名称", "统一社会信用代码", "所属行业", "年产值（万元）", "推荐依据") +
            Row("上海无引用甲有限公司", Code(35), "汽车", "20000", "4") +
            Row("上海无引用乙有限公司", Code(36), "汽车", "30000", "3"));

        var result = ReadOk(package);

        Assert.Equal(1, result.HeaderRowNumber);
        Assert.Equal([2, 3], result.Rows.Select(r => r.RowNumber));
        Assert.Equal(Code(36), result.Rows[1].CreditCodeText);
        Assert.Equal(30000m, result.Rows[1].AnnualOutputWanYuan);
    }

    [Fact]
    public void The_workbook_part_is_found_through_the_package_relationships_wherever_it_is()
    {
        var package = Zip(
            ("_rels/.rels", Relationships(("rId1", "officeDocument", "/book/main.xml"))),
            ("book/main.xml",
                $"<?xml version=\"1.0\"?><workbook xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipNamespace}\"><sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>"),
            ("book/_rels/main.xml.rels", Relationships(
                ("s1", "worksheet", "../sheets/list.xml"),
                ("ss", "sharedStrings", "/data/strings.xml"),
                ("st", "styles", "look.xml"))),
            ("sheets/list.xml", Worksheet(
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>" +
                $"<row r=\"2\">{InlineCells(2, "上海别处路径有限公司", Code(37), "汽车")}<c r=\"D2\"><v>20000</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>4</t></is></c><c r=\"F2\" s=\"1\"><v>45000</v></c></row>")),
            ("data/strings.xml",
                $"<sst xmlns=\"{MainNamespace}\"><si><t>企业名称</t></si><si><t>统一社会信用代码</t></si><si><t>所属行业</t></si><si><t>年产值（万元）</t></si><si><t>推荐依据</t></si><si><t>依据说明</t></si></sst>"),
            ("book/look.xml", $"<styleSheet xmlns=\"{MainNamespace}\">{Styles}</styleSheet>"),
            // A decoy at the usual path: a reader assuming xl/workbook.xml would find no list.
            ("xl/workbook.xml", $"<workbook xmlns=\"{MainNamespace}\"><sheets/></workbook>"));

        var result = ReadOk(package);

        Assert.Equal("名单", result.SheetName);
        var row = Assert.Single(result.Rows);
        Assert.Equal("上海别处路径有限公司", row.EnterpriseName);
        Assert.Equal(20000m, row.AnnualOutputWanYuan);
        Assert.Equal("2023-03-15", row.BasisDescription);
    }

    [Fact]
    public void Strict_OOXML_namespaces_read_like_transitional_ones()
    {
        const string strictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main";
        const string strictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";
        var package = Zip(
            ("_rels/.rels", Relationships(("rId1", strictRelationships + "/officeDocument", "xl/workbook.xml"))),
            ("xl/workbook.xml",
                $"<s:workbook xmlns:s=\"{strictMain}\" xmlns:r=\"{strictRelationships}\"><s:sheets><s:sheet name=\"严格\" sheetId=\"1\" r:id=\"rId1\"/></s:sheets></s:workbook>"),
            ("xl/_rels/workbook.xml.rels", Relationships(("rId1", strictRelationships + "/worksheet", "worksheets/sheet1.xml"))),
            ("xl/worksheets/sheet1.xml", Worksheet(RequiredHeader + ListRow(2, "上海严格格式有限公司", Code(38))).Replace(MainNamespace, strictMain)));

        var result = ReadOk(package);

        Assert.Equal("严格", result.SheetName);
        Assert.Equal("上海严格格式有限公司", Assert.Single(result.Rows).EnterpriseName);
    }

    [Fact]
    public void A_value_merged_below_the_last_filled_row_adds_no_rows()
    {
        var bytes = BatchListFiles.Workbook(sheet =>
        {
            Table(sheet, 1, TemplateHeaders,
                [1, "上海合并尾部甲有限公司", Code(40), "汽车", 20000m, "4", null, null, null, null, null],
                [2, "上海合并尾部乙有限公司", Code(41), null, 20000m, "4", null, null, null, null, null]);
            sheet.Range(2, 4, 8, 4).Merge();
        });

        var result = ReadOk(bytes);

        Assert.Equal([2, 3], result.Rows.Select(r => r.RowNumber));
        Assert.All(result.Rows, r => Assert.Equal("汽车", r.IndustryText));
    }

    [Fact]
    public void A_merged_cell_shows_the_merges_value_not_what_it_holds_itself()
    {
        var package = AddMerge(Workbook(RequiredHeader +
            ListRow(2, "上海合并覆盖甲有限公司", Code(42)) +
            $"<row r=\"3\">{InlineCells(3, "上海合并覆盖乙有限公司", Code(43), "残留文字")}<c r=\"D3\"><v>20000</v></c><c r=\"E3\" t=\"inlineStr\"><is><t>4</t></is></c></row>"),
            "C2:C3");

        var result = ReadOk(package);

        Assert.Equal(["汽车", "汽车"], result.Rows.Select(r => r.IndustryText));
    }

    [Fact]
    public void The_default_unpacked_limit_is_200_MB()
    {
        Assert.Equal(200L * 1024 * 1024, BatchListLimits.Default.MaxUnpackedBytes);
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_its_huge_part_is_unpacked()
    {
        // One sheet part of 210 MB of rows that deflates to a few hundred KB: small enough to pass the upload limit.
        var bomb = ZipWithHugeSheet(210L * 1024 * 1024);
        Assert.True(bomb.Length < BatchListLimits.Default.MaxBytes);
        var upload = new CountingStream(bomb);

        var result = new BatchListReader().Read(upload);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Rows);
        Assert.Contains("解压后的内容超过200MB", result.Error);
        // Only the ZIP directory and the small parts were read: the sheet's compressed bytes never were.
        Assert.True(upload.BytesRead < bomb.Length / 10, $"{upload.BytesRead} of {bomb.Length} bytes were read");
    }

    [Fact]
    public void The_unpacked_limit_counts_every_part_that_may_be_read()
    {
        var list = TemplateList(ValidRow(1, Code(44)));

        Assert.True(Read(list).Succeeded);
        var refused = Read(list, BatchListLimits.Default with { MaxUnpackedBytes = 2000 });
        Assert.False(refused.Succeeded);
        Assert.Contains("解压后的内容超过", refused.Error);
    }

    [Fact]
    public void A_part_that_unpacks_to_more_than_it_declares_is_refused()
    {
        var package = Workbook(RequiredHeader + ListRow(2, "上海谎报大小有限公司", Code(45)));
        var lying = WithDeclaredSize(package, "xl/worksheets/sheet1.xml", 100);

        Assert.True(Read(package).Succeeded);
        var result = Read(lying);
        Assert.False(result.Succeeded);
        Assert.Contains(DamagedMessage, result.Error);
    }

    [Fact]
    public void A_number_cell_holding_text_is_reported_on_its_row_not_for_the_whole_file()
    {
        var package = Workbook(RequiredHeader +
            $"<row r=\"2\">{InlineCells(2, "上海数字文本有限公司", Code(53), "汽车")}<c r=\"D2\"><v>十二</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>4</t></is></c></row>");

        var row = Assert.Single(ReadOk(package).Rows);

        Assert.Null(row.AnnualOutputWanYuan);
        Assert.Contains("“十二”不是有效的数字", row.AnnualOutputError);
    }

    public static TheoryData<string, byte[]> BrokenPackages => new()
    {
        { "sheet cut off mid-cell", WithSheetPart(Workbook(RequiredHeader), "sheet1.xml", Worksheet(RequiredHeader)[..^40]) },
        { "shared strings not XML", Workbook(RequiredHeader, sharedStrings: "<si><t>未闭合</si>") },
        { "styles not XML", Workbook(RequiredHeader, styles: "<cellXfs><xf numFmtId=\"14\"></cellXfs>") },
        { "a DTD with an entity bomb", WithSheetPart(Workbook(RequiredHeader), "sheet1.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
            $"<worksheet xmlns=\"{MainNamespace}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>") },
        { "a sheet pointing to a missing part", Zip(
            ("_rels/.rels", Relationships(("rId1", "officeDocument", "xl/workbook.xml"))),
            ("xl/workbook.xml", $"<workbook xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipNamespace}\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", Relationships(("rId1", "worksheet", "worksheets/gone.xml")))) },
        { "no package relationships", Zip(("xl/workbook.xml", $"<workbook xmlns=\"{MainNamespace}\"/>")) },
    };

    [Theory]
    [MemberData(nameof(BrokenPackages))]
    public void Bad_XML_or_inconsistent_parts_inside_a_valid_zip_are_refused(string why, byte[] package)
    {
        var result = Read(package);

        Assert.False(result.Succeeded, why);
        Assert.Empty(result.Rows);
        Assert.Contains(DamagedMessage, result.Error);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static string InlineCells(int row, params string[] texts) =>
        string.Concat(texts.Select((t, i) => $"<c r=\"{(char)('A' + i)}{row}\" t=\"inlineStr\"><is><t>{t}</t></is></c>"));

    /// <summary>A valid row under <see cref="HandMadeXlsx.RequiredHeader"/>.</summary>
    private static string ListRow(int row, string name, string code) =>
        $"<row r=\"{row}\">{InlineCells(row, name, code, "汽车")}<c r=\"D{row}\"><v>20000</v></c><c r=\"E{row}\" t=\"inlineStr\"><is><t>4</t></is></c></row>";

    private static byte[] AddMerge(byte[] package, string reference) =>
        RewritePart(package, "xl/worksheets/sheet1.xml", xml => xml.Replace("</sheetData>", $"</sheetData><mergeCells count=\"1\"><mergeCell ref=\"{reference}\"/></mergeCells>"));

    private static byte[] RewritePart(byte[] package, string part, Func<string, string> rewrite)
    {
        using var input = new ZipArchive(new MemoryStream(package));
        var parts = input.Entries.Select(e =>
        {
            var text = new StreamReader(e.Open()).ReadToEnd();
            return (e.FullName, e.FullName == part ? rewrite(text) : text);
        }).ToArray();
        return Zip(parts);
    }

    /// <summary>The package with one worksheet part's whole text replaced.</summary>
    private static byte[] WithSheetPart(byte[] package, string fileName, string text) =>
        RewritePart(package, "xl/worksheets/" + fileName, _ => text);

    private static byte[] ZipWithHugeSheet(long unpackedBytes)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
            Add("_rels/.rels", Relationships(("rId1", "officeDocument", "xl/workbook.xml")));
            Add("xl/workbook.xml", $"<workbook xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipNamespace}\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add("xl/_rels/workbook.xml.rels", Relationships(("rId1", "worksheet", "worksheets/sheet1.xml")));
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            sheet.Write(Encoding.UTF8.GetBytes(Worksheet(RequiredHeader).Replace("</sheetData></worksheet>", string.Empty)));
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<row><c><v>0</v></c></row>", 40_000)));
            for (long written = 0; written < unpackedBytes; written += chunk.Length)
            {
                sheet.Write(chunk);
            }
            sheet.Write("</sheetData></worksheet>"u8);
        }
        return output.ToArray();
    }

    /// <summary>Rewrites the uncompressed size a part declares, in its local header and in the ZIP directory.</summary>
    private static byte[] WithDeclaredSize(byte[] package, string part, uint declared)
    {
        var bytes = (byte[])package.Clone();
        var name = Encoding.UTF8.GetBytes(part);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04
                && i + 30 + name.Length <= bytes.Length && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), declared);
            }
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02
                && i + 46 + name.Length <= bytes.Length && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), declared);
            }
        }
        return bytes;
    }

    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(base.Read(buffer));

        public override int ReadByte()
        {
            var value = base.ReadByte();
            BytesRead += value < 0 ? 0 : 1;
            return value;
        }

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
