using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Pdf;

/// <summary>Documents made by the layout module, read back with PdfPig the way a reader or a search engine would.</summary>
public sealed partial class PdfLayoutTests
{
    private static readonly string HeaderRowText = string.Concat(PdfTestTools.SummaryColumns.Select(c => c.Header));

    private static (PdfOutput Output, List<string[]> Rows) SixtyRowTable()
    {
        var rows = PdfTestTools.SummaryRows(60);
        var output = PdfTestTools.Layout().Create(PdfPageSetup.A4Landscape)
            .Title("2023年第一批智评券企业汇总表")
            .HeaderLine("推荐单位（盖章）：浦东新区", "第三方机构（盖章）：上海智能制造质量监督服务中心")
            .Table(PdfTestTools.SummaryColumns, rows)
            .Footer("验证码：7KQ2-MX4D")
            .Render();
        return (output, rows);
    }

    [GeneratedRegex(@"第\s*(\d+)\s*页\s*共\s*(\d+)\s*页")]
    private static partial Regex PageNumberPattern();

    [Fact]
    public void A_60_row_table_spans_pages_and_repeats_its_header_row_on_every_page()
    {
        var (output, rows) = SixtyRowTable();
        using var pdf = PdfDocument.Open(output.Bytes);

        Assert.True(pdf.NumberOfPages > 1, $"60 rows on {pdf.NumberOfPages} page(s)");
        Assert.Equal(pdf.NumberOfPages, output.PageCount);
        foreach (var page in pdf.GetPages())
        {
            var text = page.Text;
            var header = text.IndexOf(HeaderRowText, StringComparison.Ordinal);
            Assert.True(header >= 0, $"page {page.Number} has no header row");
            // The header comes before every row of the page: the first row drawn on it follows it.
            var firstRowOnPage = rows.First(r => text.Contains(r[1] + r[2], StringComparison.Ordinal));
            Assert.True(header < text.IndexOf(firstRowOnPage[1], StringComparison.Ordinal), $"page {page.Number}: header after the rows");
            Assert.Single(Regex.Matches(text, Regex.Escape(HeaderRowText)));
        }
    }

    [Fact]
    public void Every_page_says_its_number_and_the_right_total()
    {
        var (output, _) = SixtyRowTable();
        using var pdf = PdfDocument.Open(output.Bytes);
        var total = pdf.NumberOfPages;

        foreach (var page in pdf.GetPages())
        {
            var match = PageNumberPattern().Match(page.Text);
            Assert.True(match.Success, $"no page number on page {page.Number}");
            Assert.Equal(page.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[1].Value);
            Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value);
        }
        Assert.Contains($"第 1 页 共 {total} 页", string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)));
    }

    [Fact]
    public void Every_cell_is_extractable_text_and_each_row_stays_on_one_page()
    {
        var (output, rows) = SixtyRowTable();
        using var pdf = PdfDocument.Open(output.Bytes);
        var pages = pdf.GetPages().Select(p => (Text: p.Text, Words: p.GetWords().Select(w => w.Text).ToHashSet())).ToList();

        foreach (var row in rows)
        {
            // A whole row (its cells drawn one after the other) is on exactly one page.
            var rowText = string.Concat(row);
            var onPages = pages.Count(p => p.Text.Contains(rowText, StringComparison.Ordinal));
            Assert.True(onPages == 1, $"row {row[0]} found whole on {onPages} pages");
            // The 18-character credit code is one word: never split by a line break or a page.
            Assert.Equal(18, row[2].Length);
            Assert.Single(pages, p => p.Words.Contains(row[2]));
        }
    }

    [Fact]
    public void Title_and_header_line_are_on_the_first_page_and_the_paper_is_A4_landscape()
    {
        var (output, _) = SixtyRowTable();
        using var pdf = PdfDocument.Open(output.Bytes);
        var first = pdf.GetPage(1);

        Assert.Contains("2023年第一批智评券企业汇总表", first.Text);
        Assert.Contains("推荐单位（盖章）：浦东新区", first.Text);
        Assert.Contains("第三方机构（盖章）：上海智能制造质量监督服务中心", first.Text);
        Assert.DoesNotContain("推荐单位（盖章）", pdf.GetPage(2).Text);
        foreach (var page in pdf.GetPages())
        {
            Assert.Equal(842, page.Width, 0.5);
            Assert.Equal(595, page.Height, 0.5);
        }

        // The header line's two parts share a baseline, at the left and right margins.
        var words = first.GetWords().ToList();
        var left = words.Single(w => w.Text.StartsWith("推荐单位", StringComparison.Ordinal));
        var right = words.Single(w => w.Text.StartsWith("第三方机构", StringComparison.Ordinal));
        Assert.Equal(left.BoundingBox.Bottom, right.BoundingBox.Bottom, 1.5);
        Assert.Equal(PdfMargins.Default.Left, left.BoundingBox.Left, 1.5);
        Assert.Equal(842 - PdfMargins.Default.Right, right.BoundingBox.Right, 1.5);
    }

    [Fact]
    public void A_portrait_document_is_A4_portrait()
    {
        var bytes = PdfTestTools.Layout().Create(PdfPageSetup.A4Portrait).Title("兑付通知").Paragraph("正文").ToBytes();
        using var pdf = PdfDocument.Open(bytes);
        var page = Assert.Single(pdf.GetPages());
        Assert.Equal(595, page.Width, 0.5);
        Assert.Equal(842, page.Height, 0.5);
        Assert.Contains("第 1 页 共 1 页", string.Join(" ", page.GetWords().Select(w => w.Text)));
    }

    [Fact]
    public void Numbers_in_a_right_aligned_column_end_at_the_same_x()
    {
        var columns = new[] { PdfColumn.Relative("项目"), PdfColumn.Fixed("金额（元）", 120, PdfAlign.Right) };
        var bytes = PdfTestTools.Layout().Create(PdfPageSetup.A4Portrait)
            .Table(columns, [["评估券", "50000.00"], ["合计", "1250000.00"], ["差额", "7.5"]])
            .ToBytes();
        using var pdf = PdfDocument.Open(bytes);
        var words = pdf.GetPage(1).GetWords().ToList();
        var rights = new[] { "50000.00", "1250000.00", "7.5" }.Select(n => words.Single(w => w.Text == n).BoundingBox.Right).ToList();

        Assert.All(rights, r => Assert.Equal(rights[0], r, 0.5));
        // …at the column's right edge less the cell padding (4 pt).
        Assert.Equal(595.28 - PdfMargins.Default.Right - 4, rights[0], 1.0);
    }

    [Fact]
    public void A_row_that_does_not_fit_moves_whole_to_the_next_page_under_a_repeated_header()
    {
        var columns = new[] { PdfColumn.Fixed("序号", 40, PdfAlign.Center), PdfColumn.Relative("说明") };
        var longText = string.Concat(Enumerable.Repeat("企业按要求完成改造升级并提交合同与发票，", 12));
        var rows = Enumerable.Range(1, 14).Select(i => (IReadOnlyList<string?>)[$"{i}", $"第{i}行：{longText}"]).ToList();
        var output = PdfTestTools.Layout().Create(PdfPageSetup.A4Portrait).Table(columns, rows).Render();
        using var pdf = PdfDocument.Open(output.Bytes);
        var pages = pdf.GetPages().ToList();

        Assert.True(pages.Count > 1);
        foreach (var i in Enumerable.Range(1, 14))
        {
            var cell = $"{i}第{i}行：{longText}";
            Assert.Single(pages, p => p.Text.Contains(cell, StringComparison.Ordinal));
        }
        Assert.All(pages, p => Assert.StartsWith("序号说明", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_taller_than_a_page_is_split_by_lines_and_loses_no_text()
    {
        var columns = new[] { PdfColumn.Fixed("序号", 40), PdfColumn.Relative("意见") };
        var paragraphs = Enumerable.Range(1, 90).Select(i => $"第{i}条意见：材料齐全。").ToList();
        var output = PdfTestTools.Layout().Create(PdfPageSetup.A4Portrait)
            .Table(columns, [["1", string.Join("\n", paragraphs)], ["2", "末行"]])
            .Render();
        using var pdf = PdfDocument.Open(output.Bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));

        Assert.True(output.PageCount >= 2);
        Assert.All(paragraphs, p => Assert.Contains(p, text));
        Assert.Contains("2末行", text);
    }

    [Fact]
    public void Seal_boxes_show_who_sealed_when_and_the_hash_prefix()
    {
        var bytes = PdfTestTools.Layout().Create(PdfPageSetup.A4Landscape)
            .SealBoxes([
                new PdfSealBox("推荐单位电子盖章", ["浦东新区经信委 张敏", "2023-11-10 10:20", "摘要 1a2b3c4d5e6f7a8b"]),
                new PdfSealBox("第三方机构电子盖章", ["王晓燕", "2023-11-12 15:42", "摘要 9f8e7d6c5b4a3f2e"]),
            ])
            .ToBytes();
        using var pdf = PdfDocument.Open(bytes);
        var page = pdf.GetPage(1);
        var words = page.GetWords().ToList();

        Assert.Contains("推荐单位电子盖章浦东新区经信委 张敏2023-11-10 10:20摘要 1a2b3c4d5e6f7a8b", page.Text);
        Assert.Contains("第三方机构电子盖章王晓燕2023-11-12 15:42摘要 9f8e7d6c5b4a3f2e", page.Text);
        // Side by side: same top line, the second box to the right of the first.
        var first = words.Single(w => w.Text == "推荐单位电子盖章");
        var second = words.Single(w => w.Text == "第三方机构电子盖章");
        Assert.Equal(first.BoundingBox.Top, second.BoundingBox.Top, 1.0);
        Assert.True(second.BoundingBox.Left > 842 / 2 - 20);
    }

    [Fact]
    public void Long_Latin_words_and_credit_codes_are_not_split_and_wrapped_text_keeps_every_character()
    {
        var note = "联系人 Zhang Min（zhang.min@pudong.example.cn）确认 91310115MA1K4XYZ0A 的评估报告已上传。";
        var bytes = PdfTestTools.Layout().Create(PdfPageSetup.A4Portrait)
            .Table([PdfColumn.Fixed("备注", 220)], [[note]])
            .ToBytes();
        using var pdf = PdfDocument.Open(bytes);
        var page = pdf.GetPage(1);
        var words = page.GetWords().Select(w => w.Text).ToList();

        Assert.Contains("91310115MA1K4XYZ0A", words);
        Assert.Contains(words, w => w.Contains("zhang.min@pudong.example.cn", StringComparison.Ordinal));
        Assert.Contains(note.Replace(" ", "", StringComparison.Ordinal), page.Text.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Ideographs_that_share_a_glyph_with_another_code_point_are_extracted_as_the_ideograph()
    {
        // In Noto Sans CJK 一 (U+4E00) and ⼀ (U+2F00) are one glyph, as are 胶 (U+80F6) and 㬵 (U+3B35).
        // Every common ideograph whose glyph also has a lower code point must still come back as itself.
        using var original = SkiaSharp.SKTypeface.FromFile(PdfFontOptions.DefaultFontPath, PdfFontOptions.DefaultFontIndex);
        var lowestByGlyph = new Dictionary<ushort, int>();
        for (var c = 0x2E80; c <= 0x9FFF; c++)
        {
            var glyph = original.GetGlyph(c);
            if (glyph != 0)
            {
                lowestByGlyph.TryAdd(glyph, c);
            }
        }
        var shadowed = Enumerable.Range(0x4E00, 0x9FA5 - 0x4E00 + 1)
            .Where(c => original.GetGlyph(c) is var g && g != 0 && lowestByGlyph[g] < c && lowestByGlyph[g] is < 0x4E00)
            .Select(c => (char)c).ToArray();
        Assert.Contains('一', shadowed);
        Assert.Contains('胶', shadowed);
        var lines = shadowed.Chunk(40).Select(c => new string(c)).ToList();
        var builder = PdfTestTools.Layout().Create(PdfPageSetup.A4Portrait);
        foreach (var line in lines)
        {
            builder.Paragraph(line);
        }
        builder.Paragraph("部首写法：⼀⽅⽣⾦⻋㬵");
        using var pdf = PdfDocument.Open(builder.ToBytes());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));

        Assert.DoesNotContain(text, c => c is >= '\u2E80' and <= '\u2FDF');
        Assert.All(lines, line => Assert.Contains(line, text));
        Assert.Contains("部首写法：一方生金车胶", text);
    }
}
