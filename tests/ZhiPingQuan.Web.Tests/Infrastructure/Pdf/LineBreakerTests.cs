using SkiaSharp;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Pdf;

/// <summary>Line breaking by measuring with the real font.</summary>
public sealed class LineBreakerTests : IDisposable
{
    private readonly SKFont _font = PdfTestTools.SharedFonts.CreateFont(10, bold: false);

    public void Dispose() => _font.Dispose();

    [Fact]
    public void Chinese_breaks_between_any_two_characters_and_no_line_is_too_wide()
    {
        const string text = "企业应在批次截止日期前完成智能制造能力成熟度评估并上传评估报告和相关证明材料";
        var lines = LineBreaker.Wrap(text, _font, 95);

        Assert.True(lines.Count > 3);
        Assert.All(lines, l => Assert.True(_font.MeasureText(l) <= 95, $"“{l}” is too wide"));
        Assert.Equal(text, string.Concat(lines));
        // Greedy: each line but the last is full up to less than one character.
        Assert.All(lines.SkipLast(1), l => Assert.True(_font.MeasureText(l) > 95 - 10.5f));
    }

    [Fact]
    public void A_Latin_word_or_a_credit_code_moves_whole_to_the_next_line()
    {
        var lines = LineBreaker.Wrap("统一社会信用代码 91310115MA1K4XYZ0A 已核验", _font, 120);

        Assert.Contains("91310115MA1K4XYZ0A", lines.Select(l => l.Trim()).SelectMany(l => l.Split(' ')));
        Assert.DoesNotContain(lines, l => l.EndsWith("9131", StringComparison.Ordinal));
        // The space at the break is dropped, not carried to the next line's start.
        Assert.DoesNotContain(lines, l => l.StartsWith(' '));
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_between_characters()
    {
        var lines = LineBreaker.Wrap("https://zpq.example.cn/verify/7KQ2MX4D7KQ2MX4D", _font, 60);

        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(_font.MeasureText(l) <= 60));
        Assert.Equal("https://zpq.example.cn/verify/7KQ2MX4D7KQ2MX4D", string.Concat(lines));
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line_and_opening_never_ends_one()
    {
        var text = string.Concat(Enumerable.Repeat("合同（改造升级），金额二十万元。", 8));
        foreach (var width in new[] { 41f, 52f, 63f, 74f, 85f, 96f })
        {
            var lines = LineBreaker.Wrap(text, _font, width);
            Assert.Equal(text, string.Concat(lines));
            Assert.DoesNotContain(lines.Skip(1), l => "，。）".Contains(l[0]));
            Assert.DoesNotContain(lines.SkipLast(1), l => l[^1] == '（');
        }
    }

    [Fact]
    public void A_new_line_in_the_text_always_breaks_and_an_empty_line_is_kept()
    {
        var lines = LineBreaker.Wrap("第一行\n\n第三行", _font, 500);
        Assert.Equal(["第一行", "", "第三行"], lines);
        Assert.Equal([""], LineBreaker.Wrap(null, _font, 500));
    }
}
