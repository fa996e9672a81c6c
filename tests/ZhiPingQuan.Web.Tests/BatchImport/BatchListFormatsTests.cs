using System.Text;
using ZhiPingQuan.Web.Features.BatchImport;
using static ZhiPingQuan.Web.Tests.BatchImport.BatchListFiles;

namespace ZhiPingQuan.Web.Tests.BatchImport;

/// <summary>
/// The formats offices save a list in — .xls (and WPS's .et when BIFF), CSV in UTF-8 or GBK — read through
/// the same header search and cell rules as .xlsx; and what is not one of them, refused in Chinese.
/// </summary>
public sealed class BatchListFormatsTests
{
    private static BatchListReadResult Read(byte[] bytes, string fileName, BatchListLimits? limits = null) =>
        new BatchListReader(limits ?? BatchListLimits.Default).Read(new MemoryStream(bytes), fileName);

    private static BatchListReadResult ReadOk(byte[] bytes, string fileName)
    {
        var result = Read(bytes, fileName);
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

    /// <summary>What the import uses of a row: every parsed field and the cell errors.</summary>
    private static object Parsed(BatchListRow r) => new
    {
        r.RowNumber, r.SerialNumber, r.EnterpriseName, r.CreditCodeText, r.CreditCodeCellError, r.IndustryText,
        r.AnnualOutputWanYuan, r.AnnualOutputError, r.BasisText, r.BasisDescription, r.ContractAmountWanYuan, r.ContractAmountError,
        r.ContactName, r.ContactPhone, r.ContactEmail,
    };

    public static TheoryData<string, string> SampleFormats => new()
    {
        { "district-batch-sample.xls", "旧版Excel工作簿（.xls）" },
        { "district-batch-sample-utf8.csv", "CSV文本（UTF-8编码，逗号分隔）" },
        { "district-batch-sample-gbk.csv", "CSV文本（GB18030/GBK编码，逗号分隔）" },
    };

    [Theory]
    [MemberData(nameof(SampleFormats))]
    public void The_shared_sample_saved_in_another_format_reads_as_the_xlsx_does(string fixture, string format)
    {
        var xlsx = ReadOk(File.ReadAllBytes(SamplePath), "district-batch-sample.xlsx");

        var other = ReadOk(Fixture(fixture), fixture);

        Assert.Equal(format, other.FormatDescription);
        Assert.Equal(3, other.HeaderRowNumber);
        Assert.Equal(xlsx.OriginalHeaders, other.OriginalHeaders);
        Assert.Equal(30, other.Rows.Count);
        Assert.Equal(xlsx.Rows.Select(Parsed), other.Rows.Select(Parsed));
        Assert.Contains("存成了数字（913101187273830000）", other.Rows[4].CreditCodeCellError);
    }

    [Fact]
    public void A_UTF8_CSV_with_a_byte_order_mark_reads_as_one_without()
    {
        var plain = ReadOk(Fixture("district-batch-sample-utf8.csv"), "a.csv");

        var marked = ReadOk([0xEF, 0xBB, 0xBF, .. Fixture("district-batch-sample-utf8.csv")], "b.csv");

        Assert.Equal("序号", marked.OriginalHeaders[0]);
        Assert.Equal(plain.Rows.Select(Parsed), marked.Rows.Select(Parsed));
    }

    [Fact]
    public void The_encoding_is_told_by_the_bytes_not_the_name()
    {
        var gbk = ReadOk(Fixture("district-batch-sample-gbk.csv"), "名单.xlsx");

        Assert.Equal("CSV文本（GB18030/GBK编码，逗号分隔）", gbk.FormatDescription);
        Assert.Equal("上海沪华电子科技有限公司", gbk.Rows[0].EnterpriseName);
    }

    [Fact]
    public void An_xls_keeps_the_quirks_of_the_xlsx_it_was_saved_from()
    {
        var xlsx = ReadOk(Fixture("batch-list-quirks.xlsx"), "quirks.xlsx");

        var xls = ReadOk(Fixture("batch-list-quirks.xls"), "quirks.xls");

        Assert.Equal(xlsx.Rows.Select(Parsed), xls.Rows.Select(Parsed));
        var fullWidth = xls.Rows[0];
        Assert.Equal(12345.67m, fullWidth.AnnualOutputWanYuan);
        Assert.Equal(25.5m, fullWidth.ContractAmountWanYuan);
        Assert.Equal("021-12345678", fullWidth.ContactPhone);
        Assert.Equal("abc@example.com", fullWidth.ContactEmail);
        Assert.Equal("91310115591693856A", ZhiPingQuan.Domain.Reference.CreditCode.Normalise(fullWidth.CreditCodeText));
        Assert.Equal(289955.27m, xls.Rows[1].AnnualOutputWanYuan);
        Assert.Equal("19617646183", xls.Rows[1].ContactPhone);
        Assert.Equal(["高端装备", "高端装备"], xls.Rows.Skip(2).Take(2).Select(r => r.IndustryText));
        Assert.Contains("存成了数字", xls.Rows[4].CreditCodeCellError);
        Assert.Equal(3, xls.HeaderRowNumber);
    }

    [Fact]
    public void A_WPS_et_file_that_is_BIFF_reads_as_an_xls()
    {
        var et = ReadOk(Fixture("district-batch-sample.xls"), "名单.et");

        Assert.Equal(30, et.Rows.Count);
    }

    [Fact]
    public void A_WPS_et_file_that_is_not_BIFF_is_refused_with_how_to_save_it()
    {
        AssertRefused(Read(WithoutWorkbookStream(Fixture("district-batch-sample.xls")), "名单.et"), "WPS表格（.et）", "不是与Excel兼容的格式", "另存为");
    }

    [Fact]
    public void An_office_file_without_a_workbook_named_xls_is_refused_as_not_a_workbook()
    {
        AssertRefused(Read(WithoutWorkbookStream(Fixture("district-batch-sample.xls")), "名单.xls"), "没有Excel工作表", "只修改扩展名无效");
    }

    [Fact]
    public void A_truncated_xls_is_refused_as_damaged()
    {
        var whole = Fixture("district-batch-sample.xls");

        AssertRefused(Read(whole[..(whole.Length / 2)], "名单.xls"), "无法作为Excel工作簿打开");
    }

    [Fact]
    public void An_xls_of_an_unknown_BIFF_version_is_refused_naming_the_version()
    {
        AssertRefused(Read(WithBiffVersion(Fixture("district-batch-sample.xls"), 0x0700), "名单.xls"), "版本无法识别", "另存为.xlsx");
        AssertRefused(Read(WithBiffVersion(Fixture("district-batch-sample.xls"), 0x0200), "名单.xls"), "版本无法识别");
    }

    [Fact]
    public void An_xls_declaring_more_cells_than_the_limit_is_refused()
    {
        var limits = BatchListLimits.Default with { MaxCells = 200 };

        AssertRefused(Read(Fixture("district-batch-sample.xls"), "名单.xls", limits), "单元格超过200个");
        AssertRefused(Read(Fixture("district-batch-sample-utf8.csv"), "名单.csv", limits), "单元格超过200个");
    }

    [Fact]
    public void Tab_separated_text_with_quoted_commas_and_line_breaks_reads_record_by_record()
    {
        var csv = "推荐名单（制表符）\n" +
                  "企业名称\t统一社会信用代码\t所属行业\t年产值（万元）\t推荐依据\t依据说明\n" +
                  $"\"上海引号, 逗号有限公司\"\t{Code(60)}\t汽车\t\"20,000\"\t4\t\"第一行\r\n第二行，含\"\"引号\"\"\"\n" +
                  $"上海第二家有限公司\t{Code(61)}\t汽车\t30000\t3\t\n";

        var result = ReadOk(Encoding.UTF8.GetBytes(csv), "名单.txt");

        Assert.Equal("CSV文本（UTF-8编码，制表符分隔）", result.FormatDescription);
        Assert.Equal(2, result.HeaderRowNumber);
        Assert.Equal([3, 4], result.Rows.Select(r => r.RowNumber));
        Assert.Equal("上海引号, 逗号有限公司", result.Rows[0].EnterpriseName);
        Assert.Equal(20000m, result.Rows[0].AnnualOutputWanYuan);
        Assert.Equal("第一行 第二行，含\"引号\"", result.Rows[0].BasisDescription);
        Assert.Equal(Code(61), result.Rows[1].CreditCodeText);
    }

    [Fact]
    public void Comma_separated_text_with_full_width_digits_and_a_code_shown_in_scientific_notation()
    {
        var csv = "企业名称,统一社会信用代码,所属行业,年产值（万元）,推荐依据,联系电话\n" +
                  "上海全角有限公司,９１３１０１１５５９１６９３８５６Ａ,电子信息,\"１２，３４５．６７\",１、４,０２１－１２３４５６７８\n" +
                  "上海科学计数有限公司,9.13101E+17,汽车,50000,4,\n";

        var result = ReadOk(Encoding.UTF8.GetBytes(csv), "名单.csv");

        Assert.Equal(12345.67m, result.Rows[0].AnnualOutputWanYuan);
        Assert.Equal("021-12345678", result.Rows[0].ContactPhone);
        Assert.Contains("存成了数字（913101000000000000）", result.Rows[1].CreditCodeCellError);
    }

    [Fact]
    public void A_CSV_header_below_row_10_is_not_searched_for_and_an_empty_CSV_is_refused()
    {
        var late = string.Concat(Enumerable.Repeat("说明,,\n", 10)) + "企业名称,统一社会信用代码,所属行业,年产值,推荐依据\n";

        AssertRefused(Read(Encoding.UTF8.GetBytes(late), "名单.csv"), "前10行", "没有找到推荐名单的表头");
        AssertRefused(Read(Encoding.UTF8.GetBytes(",,\n,,\n"), "名单.csv"), "没有任何内容");
    }

    [Fact]
    public void A_CSV_with_more_rows_than_the_limit_is_refused()
    {
        var limits = BatchListLimits.Default with { MaxRows = 29 };

        AssertRefused(Read(Fixture("district-batch-sample-gbk.csv"), "名单.csv", limits), "超过单次导入上限29行", "第33行");
    }

    [Fact]
    public void A_CSV_mixing_UTF8_and_GBK_lines_is_refused_naming_both_encodings()
    {
        AssertRefused(Read(MixedEncodings(), "名单.csv"), "无法确定文件的文字编码", "UTF-8", "GB18030/GBK", "第1行", "第4行");
    }

    [Fact]
    public void A_CSV_in_neither_encoding_is_refused_naming_both()
    {
        byte[] bytes = [.. "abc,def\n"u8, .. "上海,"u8, 0xFF, 0xFE, 0x80, (byte)'\n'];

        AssertRefused(Read(bytes, "名单.csv"), "无法确定文件的文字编码", "UTF-8和GB18030/GBK");
    }

    [Fact]
    public void A_CSV_with_a_quote_that_never_closes_is_refused_naming_its_row()
    {
        AssertRefused(Read(UnclosedQuote(), "名单.csv"), "第34行", "引号", "没有对应的结束引号");
    }

    [Fact]
    public void A_binary_file_named_csv_is_refused_by_its_content()
    {
        AssertRefused(Read(BinaryNamedCsv(), "名单.csv"), "不是CSV文本", "只修改扩展名无效");
    }

    [Fact]
    public void UTF16_text_is_refused_with_how_to_save_it()
    {
        AssertRefused(Read([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("企业名称\t统一社会信用代码\n")], "名单.txt"), "UTF-16", "CSV UTF-8");
    }
}
