using SkiaSharp;
using UglyToad.PdfPig;
using ZhiPingQuan.Web.Infrastructure.Pdf;
using ZhiPingQuan.Web.Infrastructure.Pdf.Charts;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Pdf;

/// <summary>Bar charts drawn into the PDF (decision 0014): real text, bars as long as their values, "—" and no bar for a missing value.</summary>
public class PdfBarChartTests
{
    private static readonly string Output = Path.Combine(AppContext.BaseDirectory, "pdf-charts");

    [Fact]
    public void Bars_are_drawn_in_proportion_with_labels_and_values_as_text()
    {
        var output = PdfTestTools.Layout().Create(PdfPageSetup.A4Portrait)
            .Title("图表")
            .BarChart(new BarChart("覆盖率", [new BarChartItem("浦东新区", 80m), new BarChartItem("闵行区", 40m), new BarChartItem("黄浦区", null)], 100m, "%"))
            .Render();

        Assert.Equal(["覆盖率"], output.Charts);
        using (var pdf = PdfDocument.Open(output.Bytes))
        {
            var text = pdf.GetPage(1).Text;
            foreach (var s in new[] { "覆盖率", "浦东新区", "闵行区", "黄浦区", "80%", "40%", "—", "100%" })
            {
                Assert.Contains(s, text);
            }
        }
        var png = PdfTestTools.RenderPng(output.Bytes, 1, 72, Path.Combine(Output, "bars"));
        using var bitmap = SKBitmap.Decode(png);
        var rows = Enumerable.Range(0, bitmap.Height).Select(y => Enumerable.Range(0, bitmap.Width).Count(x => IsBar(bitmap.GetPixel(x, y)))).ToList();
        var longest = rows.Max();
        Assert.True(longest > 100, "no bar drawn");
        // Two bars, the second half as long as the first; the third item draws none.
        var bars = rows.Where(n => n > 10).Distinct().Order().ToList();
        Assert.InRange(bars.Min() / (double)longest, 0.45, 0.55);
        Assert.Equal(2, rows.Select((n, y) => (n, y)).Where(r => r.n > 10).GroupBy(r => r.n > longest * 0.75).Count());
    }

    [Fact]
    public void Without_a_maximum_the_scale_ends_at_a_round_number_above_the_largest_value()
    {
        Assert.Equal(10m, new BarChart("数量", [new BarChartItem("推荐", 7m)]).ScaleMax());
        Assert.Equal(20m, new BarChart("数量", [new BarChartItem("推荐", 13m)]).ScaleMax());
        Assert.Equal(500m, new BarChart("数量", [new BarChartItem("推荐", 260m)]).ScaleMax());
        Assert.Equal(1m, new BarChart("数量", [new BarChartItem("推荐", null)]).ScaleMax());
        Assert.Equal(100m, new BarChart("比率", [new BarChartItem("覆盖率", 3m)], 100m).ScaleMax());
    }

    private static bool IsBar(SKColor c) => c.Blue > 150 && c.Red < 90 && c.Green is > 80 and < 140;
}
