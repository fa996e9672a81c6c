using System.Globalization;
using SkiaSharp;

namespace ZhiPingQuan.Web.Infrastructure.Pdf.Charts;

/// <summary>One bar: its label, its value (null: no bar, "—"), and the text printed at its end (the value by default).</summary>
public sealed record BarChartItem(string Label, decimal? Value, string? ValueText = null);

/// <summary>
/// A horizontal bar chart for a printed report (decision 0014): a caption, one bar per item with its label on the left and
/// its value at the bar's end, a light grid with the scale under it. <see cref="Max"/> fixes the scale (100 for
/// percentages); without it the scale runs to a round number above the largest value.
/// </summary>
public sealed record BarChart(string Caption, IReadOnlyList<BarChartItem> Items, decimal? Max = null, string ScaleSuffix = "")
{
    public const float BarHeight = 11f;
    public const float BarGap = 6f;

    /// <summary>The end of the scale: <see cref="Max"/>, or 1, 2 or 5 times a power of ten above the largest value.</summary>
    public decimal ScaleMax()
    {
        if (Max is { } max && max > 0)
        {
            return max;
        }
        var largest = Items.Select(i => i.Value ?? 0).DefaultIfEmpty(0).Max();
        if (largest <= 0)
        {
            return 1;
        }
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)largest)));
        foreach (var step in new[] { 1m, 2m, 5m, 10m })
        {
            if (largest <= step * power)
            {
                return step * power;
            }
        }
        return 10 * power;
    }

    public static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>Draws a <see cref="BarChart"/> with vector shapes and real text in the document's font (selectable, searchable).</summary>
internal static class BarChartDrawing
{
    private const float CaptionSize = 10.5f, LabelSize = 9f, ScaleSize = 8f, Padding = 4f;
    private static readonly SKColor BarColour = new(0x2F, 0x6D, 0xB5);
    private static readonly SKColor GridColour = new(0xC8, 0xCD, 0xD3);

    public static float Height(BarChart chart, PdfStyle style) =>
        PdfStyle.LineHeight(style.Font(CaptionSize, bold: true)) + Padding
        + Math.Max(1, chart.Items.Count) * (BarChart.BarHeight + BarChart.BarGap)
        + PdfStyle.LineHeight(style.Font(ScaleSize)) + Padding;

    /// <summary>Draws at (<paramref name="left"/>, <paramref name="top"/>) across <paramref name="width"/>, as tall as <see cref="Height"/>.</summary>
    public static void Draw(SKCanvas canvas, PdfStyle style, BarChart chart, float left, float top, float width)
    {
        var captionFont = style.Font(CaptionSize, bold: true);
        var labelFont = style.Font(LabelSize);
        var scaleFont = style.Font(ScaleSize);
        style.DrawLines(canvas, style.Wrap(chart.Caption, captionFont, width).Take(1).ToList(), left, top, width, PdfAlign.Left, captionFont);
        var barsTop = top + PdfStyle.LineHeight(captionFont) + Padding;

        var labels = chart.Items.Select(i => style.Wrap(i.Label, labelFont, width * 0.3f).FirstOrDefault() ?? string.Empty).ToList();
        var values = chart.Items.Select(i => i.ValueText ?? (i.Value is { } v ? BarChart.Format(v) + chart.ScaleSuffix : "—")).ToList();
        var labelWidth = labels.Select(l => labelFont.MeasureText(l)).DefaultIfEmpty(0).Max() + 6;
        var valueWidth = values.Select(v => labelFont.MeasureText(v)).DefaultIfEmpty(0).Max() + 6;
        var plotLeft = left + labelWidth;
        var plotWidth = Math.Max(20, width - labelWidth - valueWidth);
        var plotHeight = Math.Max(1, chart.Items.Count) * (BarChart.BarHeight + BarChart.BarGap);
        var scaleMax = chart.ScaleMax();
        // Whole steps: 0, 20 … 100 and 0, 2 … 10, or 0, 5 … 20 for a scale that starts with 2.
        var ticks = scaleMax / (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)scaleMax))) == 2 ? 4 : 5;

        using var grid = new SKPaint { Color = GridColour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = PdfStyle.Hairline };
        using var bar = new SKPaint { Color = BarColour, IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var t = 0; t <= ticks; t++)
        {
            var x = plotLeft + plotWidth * t / ticks;
            canvas.DrawLine(x, barsTop, x, barsTop + plotHeight, t == 0 ? style.Rule : grid);
            var tick = BarChart.Format(scaleMax * t / ticks) + chart.ScaleSuffix;
            style.DrawLines(canvas, [tick], x - 30, barsTop + plotHeight + 1, 60, PdfAlign.Center, scaleFont);
        }
        for (var i = 0; i < chart.Items.Count; i++)
        {
            var rowTop = barsTop + i * (BarChart.BarHeight + BarChart.BarGap) + BarChart.BarGap / 2;
            var lineTop = rowTop + (BarChart.BarHeight - PdfStyle.LineHeight(labelFont)) / 2;
            style.DrawLines(canvas, [labels[i]], left, lineTop, labelWidth - 6, PdfAlign.Right, labelFont);
            var length = 0f;
            if (chart.Items[i].Value is { } value && value > 0)
            {
                length = (float)(Math.Min(value, scaleMax) / scaleMax) * plotWidth;
                canvas.DrawRect(plotLeft, rowTop, length, BarChart.BarHeight, bar);
            }
            style.DrawLines(canvas, [values[i]], plotLeft + length + 3, lineTop, valueWidth, PdfAlign.Left, labelFont);
        }
    }
}
