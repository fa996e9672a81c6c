using SkiaSharp;

namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>What a drawing step may need to know about the page it is drawn on.</summary>
internal sealed class PageContext(int pageNumber, int pageCount, List<string> qrPayloads, List<string> charts)
{
    public int PageNumber { get; } = pageNumber;
    public int PageCount { get; } = pageCount;

    /// <summary>QR payloads as they are drawn, in order (the document exposes them in <see cref="PdfOutput"/>).</summary>
    public List<string> QrPayloads { get; } = qrPayloads;

    /// <summary>The captions of the charts as they are drawn, in order.</summary>
    public List<string> Charts { get; } = charts;
}

internal delegate void DrawStep(SKCanvas canvas, PageContext page);

/// <summary>
/// The layout pass: blocks measure themselves and place drawing steps on pages, moving down a
/// cursor and starting new pages. Nothing is drawn until every page is known, so a footer can say
/// how many pages there are.
/// </summary>
internal sealed class PdfFlow(PdfPageSetup setup, float footerHeight, PdfStyle style)
{
    private readonly List<List<DrawStep>> _pages = [[]];

    public PdfStyle Style { get; } = style;
    public float Left { get; } = setup.Margins.Left;
    public float Width { get; } = setup.Width - setup.Margins.Left - setup.Margins.Right;
    public float Top { get; } = setup.Margins.Top;
    public float Bottom { get; } = setup.Height - setup.Margins.Bottom - footerHeight;

    /// <summary>Where the next block starts (distance from the top of the paper).</summary>
    public float Y { get; set; } = setup.Margins.Top;

    public float Remaining => Bottom - Y;

    /// <summary>How much height the block after the one being placed needs to start (0 when it does not say, or there is none).</summary>
    public Func<float> FollowingHeight { get; set; } = () => 0;
    public bool AtPageTop => Y <= Top;
    public IReadOnlyList<IReadOnlyList<DrawStep>> Pages => _pages;

    public void NewPage()
    {
        _pages.Add([]);
        Y = Top;
    }

    /// <summary>Starts a new page when <paramref name="height"/> does not fit below the cursor (unless the page is empty).</summary>
    public void KeepTogether(float height)
    {
        if (height > Remaining && !AtPageTop)
        {
            NewPage();
        }
    }

    public void Draw(DrawStep step) => _pages[^1].Add(step);

    /// <summary>Moves down by a gap, never past the bottom (a gap at the end of a page is not carried over).</summary>
    public void Gap(float points) => Y = Math.Min(Y + points, Bottom);
}

/// <summary>Fonts and pens of one rendering; fonts are made once per size and weight.</summary>
internal sealed class PdfStyle : IDisposable
{
    public const float Hairline = 0.5f;
    // Noto Sans CJK's ideographs sit in an em box from 0.88 em above the baseline to 0.12 em below.
    private const float IdeographicAscent = 0.88f;

    private readonly PdfFonts _fonts;
    private readonly Dictionary<(float, bool), SKFont> _cache = [];

    public PdfStyle(PdfFonts fonts)
    {
        _fonts = fonts;
        Ink = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Fill };
        Rule = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Hairline };
    }

    public SKPaint Ink { get; }
    public SKPaint Rule { get; }

    public SKFont Font(float size, bool bold = false)
    {
        if (!_cache.TryGetValue((size, bold), out var font))
        {
            font = _fonts.CreateFont(size, bold);
            _cache[(size, bold)] = font;
        }
        return font;
    }

    public static float LineHeight(SKFont font) => font.Size * 1.45f;

    public IReadOnlyList<string> Wrap(string? text, SKFont font, float width) => LineBreaker.Wrap(_fonts.Normalise(text ?? string.Empty), font, width);

    /// <summary>Draws lines of text top-down from <paramref name="top"/>, each centred in its line box.</summary>
    public void DrawLines(SKCanvas canvas, IReadOnlyList<string> lines, float x, float top, float width, PdfAlign align, SKFont font)
    {
        var lineHeight = LineHeight(font);
        var baseline = top + (lineHeight - font.Size) / 2 + IdeographicAscent * font.Size;
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                var (anchorX, textAlign) = align switch
                {
                    PdfAlign.Center => (x + width / 2, SKTextAlign.Center),
                    PdfAlign.Right => (x + width, SKTextAlign.Right),
                    _ => (x, SKTextAlign.Left),
                };
                canvas.DrawText(line, anchorX, baseline, textAlign, font, Ink);
            }
            baseline += lineHeight;
        }
    }

    public void Dispose()
    {
        foreach (var font in _cache.Values)
        {
            font.Dispose();
        }
        Ink.Dispose();
        Rule.Dispose();
    }
}
