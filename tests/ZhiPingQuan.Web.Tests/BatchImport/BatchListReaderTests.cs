using ClosedXML.Excel;
using ZhiPingQuan.Web.Features.BatchImport;
using static ZhiPingQuan.Web.Tests.BatchImport.BatchListFiles;

namespace ZhiPingQuan.Web.Tests.BatchImport;

/// <summary>The reader copes with what districts do in Excel, and refuses what is not a list, with a Chinese reason.</summary>
public sealed class BatchListReaderTests
{
    private static BatchListReadResult Read(byte[] bytes, BatchListLimits? limits = null) =>
        new BatchListReader(limits ?? BatchListLimits.Default).Read(new MemoryStream(bytes));

    private static BatchListReadResult ReadOk(byte[] bytes, BatchListLimits? limits = null)
    {
        var result = Read(bytes, limits);
        Assert.True(result.Succeeded, result.Error);
        return result;
    }

    private static void AssertRefused(BatchListReadResult result, params string[] fragments)
    {
        Assert.False(result.Succeeded);
        Assert.Empty(result.Rows);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, result.Error);
        }
    }

    [Fact]
    public void Title_row_and_merged_cells_above_the_header_are_passed_over()
    {
        var result = ReadOk(TemplateList(ValidRow(1, Code(1)), ValidRow(2, Code(2), "上海第二测试有限公司")));

        Assert.Equal(3, result.HeaderRowNumber);
        Assert.Equal([4, 5], result.Rows.Select(r => r.RowNumber));
        var first = result.Rows[0];
        Assert.Equal("上海测试智能装备有限公司", first.EnterpriseName);
        Assert.Equal(Code(1), first.CreditCodeText);
        Assert.Equal("高端装备", first.IndustryText);
        Assert.Equal(25800.5m, first.AnnualOutputWanYuan);
        Assert.Equal("1、4", first.BasisText);
        Assert.Equal(120m, first.ContractAmountWanYuan);
        Assert.Equal("zhangsan@example.com", first.ContactEmail);
        Assert.Equal("上海第二测试有限公司", result.Rows[1].EnterpriseName);
    }

    [Fact]
    public void Header_in_row_7_below_a_merged_title_block_is_found()
    {
        var bytes = Workbook(sheet =>
        {
            sheet.Cell(1, 1).SetValue("上海市经济和信息化委员会");
            sheet.Range(1, 1, 2, 11).Merge();
            sheet.Cell(3, 1).SetValue("2026年“智评券”重点企业推荐名单");
            sheet.Range(3, 1, 3, 11).Merge();
            sheet.Cell(5, 1).SetValue("推荐单位（盖章）：浦东新区");
            sheet.Cell(6, 8).SetValue("填报日期：2026-05-01");
            Table(sheet, 7, TemplateHeaders, ValidRow(1, Code(3)));
        });

        var result = ReadOk(bytes);

        Assert.Equal(7, result.HeaderRowNumber);
        Assert.Equal(8, Assert.Single(result.Rows).RowNumber);
        Assert.Equal(Code(3), result.Rows[0].CreditCodeText);
    }

    [Fact]
    public void Header_below_row_10_is_not_searched_for()
    {
        var bytes = Workbook(sheet =>
        {
            sheet.Cell(1, 1).SetValue("名单");
            Table(sheet, 11, TemplateHeaders, ValidRow(1, Code(4)));
        });

        AssertRefused(Read(bytes), "前10行", "没有找到推荐名单的表头");
    }

    [Fact]
    public void Headers_with_half_or_full_width_brackets_stray_spaces_and_line_breaks_match()
    {
        string[] headers =
        [
            " 序 号", "企业名称*", "统一社会信用代码　", "所属行业(六大重点产业)", "年产值 (万元)", "推荐依据",
            "依据说明", "改造合同金额\n（万元）", "联系人", "联系电话", "电子邮箱",
        ];
        var result = ReadOk(Workbook(sheet => Table(sheet, 1, headers, ValidRow(1, Code(5)))));

        var row = Assert.Single(result.Rows);
        Assert.Empty(result.IgnoredHeaders);
        Assert.Equal("高端装备", row.IndustryText);
        Assert.Equal(25800.5m, row.AnnualOutputWanYuan);
        Assert.Equal(120m, row.ContractAmountWanYuan);
        Assert.Equal("1", row.SerialNumber);
    }

    [Fact]
    public void Columns_in_another_order_with_extra_columns_are_matched_by_name()
    {
        string[] headers = ["备注", "推荐依据", "统一社会信用代码", "区内编号", "年产值（万元）", "企业名称", "所属行业（六大重点产业）", "联系电话"];
        var bytes = Workbook(sheet => Table(sheet, 1, headers,
            ["重点跟踪", "2", Code(6), "PD-001", 30000m, "上海乱序列测试有限公司", "汽车", "13800000000"]));

        var result = ReadOk(bytes);

        var row = Assert.Single(result.Rows);
        Assert.Equal("上海乱序列测试有限公司", row.EnterpriseName);
        Assert.Equal(Code(6), row.CreditCodeText);
        Assert.Equal("汽车", row.IndustryText);
        Assert.Equal(30000m, row.AnnualOutputWanYuan);
        Assert.Equal("2", row.BasisText);
        Assert.Equal("13800000000", row.ContactPhone);
        Assert.Equal(["备注", "区内编号"], result.IgnoredHeaders);
        // The error workbook keeps every column of the list, the extra ones included.
        Assert.Equal(headers, result.OriginalHeaders);
        Assert.Equal("PD-001", row.OriginalCells[3]);
    }

    [Fact]
    public void Empty_rows_rows_of_spaces_and_rows_with_only_a_serial_number_are_skipped()
    {
        var bytes = TemplateList(
            ValidRow(1, Code(7)),
            [null, null, null, null, null, null, null, null, null, null, null],
            [2, null, null, null, null, null, null, null, null, null, null],
            [3, "  ", "　", null, null, null, null, null, null, null, null],
            ValidRow(4, Code(8), "上海第四行测试有限公司"));

        var result = ReadOk(bytes);

        Assert.Equal([4, 8], result.Rows.Select(r => r.RowNumber));
        Assert.Equal("上海第四行测试有限公司", result.Rows[1].EnterpriseName);
    }

    [Fact]
    public void Numbers_stored_as_text_and_numbers_stored_as_numbers_read_the_same()
    {
        var bytes = TemplateList(
            [1, "上海文本数字有限公司", Code(9), "汽车", "289955.27", "2", null, "262.54", "王五", "19617646183", null],
            [2, "上海数字单元格有限公司", Code(10), "汽车", 289955.27, 2, null, 262.54, "赵六", 19617646183L, null]);

        var result = ReadOk(bytes);

        foreach (var row in result.Rows)
        {
            Assert.Equal(289955.27m, row.AnnualOutputWanYuan);
            Assert.Null(row.AnnualOutputError);
            Assert.Equal(262.54m, row.ContractAmountWanYuan);
            Assert.Equal("2", row.BasisText);
            Assert.Equal("19617646183", row.ContactPhone);
        }
    }

    [Fact]
    public void Full_width_digits_and_letters_are_read_as_half_width()
    {
        var bytes = TemplateList(
            [1, "上海全角测试有限公司", "９１３１０１１５５９１６９３８５６Ａ", "电子信息", "１２３４５．６７", "１、４", null, "２５．５", null, "０２１－１２３４５６７８", "ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ"]);

        var row = Assert.Single(ReadOk(bytes).Rows);

        Assert.Equal(12345.67m, row.AnnualOutputWanYuan);
        Assert.Equal(25.5m, row.ContractAmountWanYuan);
        Assert.Equal("021-12345678", row.ContactPhone);
        Assert.Equal("abc@example.com", row.ContactEmail);
        // The code is normalised by the domain's parser (CreditCode.Normalise), which the import applies.
        Assert.Equal("91310115591693856A", ZhiPingQuan.Domain.Reference.CreditCode.Normalise(row.CreditCodeText));
    }

    [Fact]
    public void Stray_spaces_are_trimmed_and_collapsed_but_full_width_brackets_in_names_are_kept()
    {
        var bytes = TemplateList(
            [" 1 ", "  上海 浦江（集团）   精密有限公司　", " 9131 0115 5916 9385 6A ", " 高端 装备 ", " 12 345.60 ", " 1 , 4 ", "  说明  ", " 30 ", " 张 三 ", " 021 1234 5678 ", " a@example.com "]);

        var row = Assert.Single(ReadOk(bytes).Rows);

        Assert.Equal("上海 浦江（集团） 精密有限公司", row.EnterpriseName);
        Assert.Equal("91310115591693856A", ZhiPingQuan.Domain.Reference.CreditCode.Normalise(row.CreditCodeText));
        Assert.Equal(12345.60m, row.AnnualOutputWanYuan);
        Assert.Equal(30m, row.ContractAmountWanYuan);
        Assert.Equal("02112345678", row.ContactPhone);
        Assert.Equal("a@example.com", row.ContactEmail);
        Assert.Equal("说明", row.BasisDescription);
    }

    [Theory]
    [InlineData("289,955.27", "289955.27")]
    [InlineData("1，234，567", "1234567")]
    [InlineData("12,000万元", "12000")]
    [InlineData("15000万", "15000")]
    [InlineData("-3,000.5", "-3000.5")]
    public void Thousands_separators_and_a_trailing_unit_are_understood(string typed, string expected)
    {
        var row = Assert.Single(ReadOk(TemplateList([1, "上海千分位有限公司", Code(11), "汽车", typed, "4", null, null, null, null, null])).Rows);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), row.AnnualOutputWanYuan);
        Assert.Null(row.AnnualOutputError);
    }

    [Theory]
    [InlineData("1,2345")]
    [InlineData("一万二")]
    [InlineData("12.000.00")]
    [InlineData("约15000")]
    public void A_number_that_cannot_be_read_is_reported_on_its_row_not_guessed(string typed)
    {
        var row = Assert.Single(ReadOk(TemplateList([1, "上海乱填数字有限公司", Code(12), "汽车", typed, "4", null, null, null, null, null])).Rows);

        Assert.Null(row.AnnualOutputWanYuan);
        Assert.Contains("年产值", row.AnnualOutputError);
        Assert.Contains(typed, row.AnnualOutputError);
        Assert.Contains("不是有效的数字", row.AnnualOutputError);
    }

    [Fact]
    public void A_credit_code_that_Excel_turned_into_a_number_is_flagged_because_its_last_digits_are_lost()
    {
        var bytes = TemplateList([1, "上海数字代码有限公司", 913101187273829966d, "汽车", 50000m, "4", null, null, null, null, null]);

        var row = Assert.Single(ReadOk(bytes).Rows);

        Assert.Contains("存成了数字", row.CreditCodeCellError);
        Assert.Contains("文本", row.CreditCodeCellError);
    }

    [Fact]
    public void A_value_merged_down_several_rows_belongs_to_each_of_them()
    {
        var bytes = Workbook(sheet =>
        {
            Table(sheet, 1, TemplateHeaders,
                [1, "上海合并甲有限公司", Code(13), "汽车", 20000m, "4", null, null, null, null, null],
                [2, "上海合并乙有限公司", Code(14), null, 20000m, "4", null, null, null, null, null]);
            sheet.Range(2, 4, 3, 4).Merge();
        });

        var result = ReadOk(bytes);

        Assert.All(result.Rows, r => Assert.Equal("汽车", r.IndustryText));
    }

    [Fact]
    public void A_missing_required_column_is_named_in_the_refusal()
    {
        var headers = TemplateHeaders.Where(h => h != "推荐依据" && h != "年产值（万元）").ToArray();
        var bytes = Workbook(sheet => Table(sheet, 2, headers, ["1", "上海缺列有限公司", Code(15), "汽车", null, null, null, null, null]));

        AssertRefused(Read(bytes), "缺少必填列", "“推荐依据”", "“年产值（万元）”", "第2行");
    }

    [Fact]
    public void Optional_columns_may_be_left_out()
    {
        string[] headers = ["企业名称", "统一社会信用代码", "所属行业", "年产值", "推荐依据"];
        var row = Assert.Single(ReadOk(Workbook(sheet => Table(sheet, 1, headers, ["上海最少列有限公司", Code(16), "汽车", 20000m, "4"]))).Rows);

        Assert.Equal("上海最少列有限公司", row.EnterpriseName);
        Assert.Null(row.ContractAmountWanYuan);
        Assert.Equal(string.Empty, row.ContactName);
    }

    [Fact]
    public void More_rows_than_the_limit_are_refused_and_the_limit_itself_is_accepted()
    {
        var limits = BatchListLimits.Default with { MaxRows = 5 };
        var five = Enumerable.Range(1, 5).Select(i => ValidRow(i, Code(100 + i))).ToArray();
        var six = Enumerable.Range(1, 6).Select(i => ValidRow(i, Code(100 + i))).ToArray();

        Assert.Equal(5, ReadOk(TemplateList(five), limits).Rows.Count);
        AssertRefused(Read(TemplateList(six), limits), "超过单次导入上限5行", "第9行");
    }

    [Fact]
    public void The_default_limits_are_10_MB_and_20000_rows()
    {
        var reader = new BatchListReader();

        Assert.Equal(10L * 1024 * 1024, reader.Limits.MaxBytes);
        Assert.Equal(20_000, reader.Limits.MaxRows);
        Assert.Null(reader.SizeError(10L * 1024 * 1024));
        Assert.Contains("超过单次导入10MB的上限", reader.SizeError(10L * 1024 * 1024 + 1));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var bytes = TemplateList(ValidRow(1, Code(17)));
        var limits = BatchListLimits.Default with { MaxBytes = bytes.Length - 1 };

        AssertRefused(Read(bytes, limits), "超过单次导入", "上限");
        // A stream that cannot tell its length is measured while it is read.
        var unseekable = new BatchListReader(limits).Read(new NonSeekableStream(bytes));
        Assert.False(unseekable.Succeeded);
        Assert.Contains("上限", unseekable.Error);
    }

    [Fact]
    public void A_pdf_renamed_to_xlsx_is_refused_by_its_content()
    {
        AssertRefused(Read(PdfRenamedToXlsx()), "PDF", "只修改扩展名无效");
    }

    [Fact]
    public void A_file_with_only_the_xls_signature_is_refused_as_damaged()
    {
        AssertRefused(Read(LegacyXls()), "无法作为Excel工作簿打开", "另存为");
    }

    [Fact]
    public void A_corrupt_zip_is_refused()
    {
        AssertRefused(Read(CorruptZip()), "无法作为Excel工作簿打开");
    }

    [Fact]
    public void A_workbook_cut_in_half_is_refused()
    {
        AssertRefused(Read(TruncatedWorkbook()), "无法作为Excel工作簿打开");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        AssertRefused(Read([]), "空文件");
    }

    [Fact]
    public void An_empty_workbook_is_refused()
    {
        AssertRefused(Read(EmptyWorkbook()), "工作簿是空的");
    }

    [Fact]
    public void A_workbook_without_any_sheet_is_refused()
    {
        var result = Read(WorkbookWithoutSheets());

        Assert.False(result.Succeeded);
        Assert.Matches("没有工作表|无法作为Excel工作簿打开|工作簿是空的", result.Error);
    }

    [Fact]
    public void A_sheet_without_a_header_is_refused()
    {
        var bytes = Workbook(sheet =>
        {
            sheet.Cell(1, 1).SetValue("会议纪要");
            sheet.Cell(2, 1).SetValue("今天讨论了推荐工作。");
        });

        AssertRefused(Read(bytes), "没有找到推荐名单的表头");
    }

    [Fact]
    public void A_header_with_no_rows_below_it_is_refused()
    {
        AssertRefused(Read(TemplateList()), "没有任何企业数据");
    }

    [Fact]
    public void The_list_is_found_on_a_later_sheet_when_the_first_is_a_cover()
    {
        using var workbook = new XLWorkbook();
        workbook.Worksheets.Add("封面").Cell(1, 1).SetValue("浦东新区推荐材料");
        Table(workbook.Worksheets.Add("名单"), 2, TemplateHeaders, ValidRow(1, Code(18)));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var result = ReadOk(stream.ToArray());

        Assert.Equal("名单", result.SheetName);
        Assert.Equal(Code(18), Assert.Single(result.Rows).CreditCodeText);
    }

    [Fact]
    public void The_shared_sample_reads_30_rows_below_its_title()
    {
        var result = ReadOk(File.ReadAllBytes(SamplePath));

        Assert.Equal(3, result.HeaderRowNumber);
        Assert.Equal(30, result.Rows.Count);
        Assert.Equal(Enumerable.Range(4, 30), result.Rows.Select(r => r.RowNumber));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => i.ToString()), result.Rows.Select(r => r.SerialNumber));
        Assert.Equal("19617646183", result.Rows[0].ContactPhone);
        Assert.Equal("1、4", result.Rows[12].BasisText);
        Assert.Equal(20m, result.Rows[27].ContractAmountWanYuan);
        // 序号5's code is stored as the number 9.1310118727383E+17 in the sample: digits are lost.
        Assert.NotNull(result.Rows[4].CreditCodeCellError);
        Assert.All(result.Rows.Where(r => r.SerialNumber != "5"), r => Assert.Null(r.CreditCodeCellError));
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
