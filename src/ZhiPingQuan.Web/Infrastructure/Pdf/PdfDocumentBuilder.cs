using SkiaSharp;
using ZhiPingQuan.Web.Infrastructure.Pdf.Charts;

namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>
/// Composes a printable document top to bottom: title, header lines, paragraphs, tables, seal boxes,
/// QR codes, and a footer on every page with "第 x 页 共 y 页". Get one from <see cref="PdfLayout.Create"/>.
/// <code>
/// var pdf = layout.Create(PdfPageSetup.A4Landscape)
///     .Title("2023年第一批智评券企业汇总表")
///     .HeaderLine("推荐单位（盖章）：浦东新区", "第三方机构（盖章）：上海智能制造质量监督服务中心")
///     .Table([PdfColumn.Fixed("序号", 36, PdfAlign.Center), PdfColumn.Relative("企业名称", 3)], rows)
///     .SealBoxes([new PdfSealBox("推荐单位", ["张敏 2023-11-10 10:20", "摘要 1a2b3c4d5e6f7a8b"])], new PdfQr(url, "扫码核验"))
///     .Footer("验证码 7KQ2-MX4D")
///     .ToBytes();
/// </code>
/// Sizes are points. Text is real text in the embedded font (selectable, searchable). Layout runs
/// first, then drawing, so the total page count is known on every page.
/// </summary>
public sealed class PdfDocumentBuilder
{
    public const float BodySize = 10.5f;   // 五号
    public const float TableSize = 10f;
    public const float TitleSize = 18f;    // 小二
    public const float FooterSize = 9f;    // 小五
    private const float BlockGap = 8f;

    private readonly PdfFonts _fonts;
    private readonly PdfPageSetup _setup;
    private readonly List<Block> _blocks = [];
    private string? _footer;
    private SKDocumentPdfMetadata _metadata = new() { Creator = "智评券服务平台", Producer = "智评券服务平台" };

    internal PdfDocumentBuilder(PdfFonts fonts, PdfPageSetup setup)
    {
        _fonts = fonts;
        _setup = setup;
    }

    /// <summary>The PDF's document properties (shown by viewers as the window title).</summary>
    public PdfDocumentBuilder Metadata(string title, string? author = null, string? subject = null)
    {
        _metadata.Title = title;
        _metadata.Author = author;
        _metadata.Subject = subject;
        return this;
    }

    /// <summary>Centred bold title.</summary>
    public PdfDocumentBuilder Title(string text, float size = TitleSize) =>
        Add(flow => PlaceText(flow, text, flow.Style.Font(size, bold: true), PdfAlign.Center), gapAfter: 10);

    /// <summary>A paragraph, wrapped to the page width; long paragraphs continue on the next page.</summary>
    public PdfDocumentBuilder Paragraph(string text, float size = BodySize, bool bold = false, PdfAlign align = PdfAlign.Left) =>
        Add(flow => PlaceText(flow, text, flow.Style.Font(size, bold), align));

    /// <summary>
    /// One line with a part on the left and a part on the right, e.g. "推荐单位（盖章）：浦东新区" …
    /// "第三方机构（盖章）：…". When both do not fit on one line, each wraps in its own half.
    /// </summary>
    public PdfDocumentBuilder HeaderLine(string left, string right, float size = BodySize) => Add(flow =>
    {
        var font = flow.Style.Font(size);
        const float between = 24f;
        IReadOnlyList<string> leftLines, rightLines;
        float leftWidth, rightWidth;
        if (font.MeasureText(left) + between + font.MeasureText(right) <= flow.Width)
        {
            (leftLines, rightLines) = ([left], [right]);
            (leftWidth, rightWidth) = (flow.Width, flow.Width);
        }
        else
        {
            leftWidth = rightWidth = (flow.Width - between) / 2;
            (leftLines, rightLines) = (flow.Style.Wrap(left, font, leftWidth), flow.Style.Wrap(right, font, rightWidth));
        }
        var height = Math.Max(leftLines.Count, rightLines.Count) * PdfStyle.LineHeight(font);
        flow.KeepTogether(height);
        var (x, top, width) = (flow.Left, flow.Y, flow.Width);
        flow.Draw((canvas, _) =>
        {
            flow.Style.DrawLines(canvas, leftLines, x, top, leftWidth, PdfAlign.Left, font);
            flow.Style.DrawLines(canvas, rightLines, x + width - rightWidth, top, rightWidth, PdfAlign.Right, font);
        });
        flow.Y += height;
    }, gapAfter: 4);

    /// <summary>
    /// A table with a grid. The header row is repeated at the top of every page the table reaches;
    /// a row is never split across pages unless it alone is taller than a page. Every row must have
    /// one cell per column; a null cell is empty. With <paramref name="keepLastRowWithNext"/> the last
    /// row moves to the next page (under the repeated header) rather than leave the next block alone there.
    /// </summary>
    public PdfDocumentBuilder Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string?>> rows, float size = TableSize,
        bool keepLastRowWithNext = false)
    {
        ArgumentOutOfRangeException.ThrowIfZero(columns.Count);
        var materialised = rows.ToList();
        for (var i = 0; i < materialised.Count; i++)
        {
            if (materialised[i].Count != columns.Count)
            {
                throw new ArgumentException($"row {i} has {materialised[i].Count} cells for {columns.Count} columns", nameof(rows));
            }
        }
        return Add(flow => new TablePlacement(flow, columns, materialised, size, keepLastRowWithNext ? BlockGap : null).Place());
    }

    /// <summary>
    /// Framed boxes side by side across the page (e.g. the two seals: who sealed, when, the first
    /// 16 hex digits of the hash), optionally with a QR code at the right end of the band. Kept on one page.
    /// </summary>
    public PdfDocumentBuilder SealBoxes(IReadOnlyList<PdfSealBox> boxes, PdfQr? qr = null) => Add(flow =>
    {
        var (laidOut, boxWidth, inner, height, qrHeight) = MeasureSealBoxes(flow, boxes, qr);
        const float between = SealBoxGap, padding = SealBoxPadding;
        var titleFont = flow.Style.Font(BodySize, bold: true);
        var lineFont = flow.Style.Font(TableSize);
        flow.KeepTogether(Math.Max(height, qrHeight));
        var (left, top) = (flow.Left, flow.Y);
        for (var i = 0; i < laidOut.Count; i++)
        {
            var (title, lines) = laidOut[i];
            var x = left + i * (boxWidth + between);
            flow.Draw((canvas, _) =>
            {
                canvas.DrawRect(x, top, boxWidth, height, flow.Style.Rule);
                flow.Style.DrawLines(canvas, title, x + padding, top + padding, inner, PdfAlign.Left, titleFont);
                var linesTop = top + padding + title.Count * PdfStyle.LineHeight(titleFont) + 4;
                flow.Style.DrawLines(canvas, lines, x + padding, linesTop, inner, PdfAlign.Left, lineFont);
            });
        }
        if (qr is not null)
        {
            PlaceQr(flow, qr, left + flow.Width - QrBlockWidth(qr, flow), top);
        }
        flow.Y += Math.Max(height, qrHeight);
    }, measure: flow =>
    {
        var m = MeasureSealBoxes(flow, boxes, qr);
        return Math.Max(m.Height, m.QrHeight);
    });

    private const float SealBoxGap = 18f, SealBoxPadding = 8f;

    private static (List<(IReadOnlyList<string> Title, List<string> Lines)> LaidOut, float BoxWidth, float Inner, float Height, float QrHeight)
        MeasureSealBoxes(PdfFlow flow, IReadOnlyList<PdfSealBox> boxes, PdfQr? qr)
    {
        const float minHeight = 84f, qrGap = 18f;
        var titleFont = flow.Style.Font(BodySize, bold: true);
        var lineFont = flow.Style.Font(TableSize);
        var qrWidth = qr is null ? 0 : QrBlockWidth(qr, flow) + qrGap;
        var boxWidth = boxes.Count == 0 ? 0 : (flow.Width - qrWidth - SealBoxGap * (boxes.Count - 1)) / boxes.Count;
        var inner = boxWidth - 2 * SealBoxPadding;
        var laidOut = boxes.Select(b => (
            Title: flow.Style.Wrap(b.Title, titleFont, inner),
            Lines: b.Lines.SelectMany(l => flow.Style.Wrap(l, lineFont, inner)).ToList())).ToList();
        var contentHeight = laidOut.Count == 0 ? 0 : laidOut.Max(b =>
            b.Title.Count * PdfStyle.LineHeight(titleFont) + 4 + b.Lines.Count * PdfStyle.LineHeight(lineFont));
        var height = Math.Max(minHeight, contentHeight + 2 * SealBoxPadding);
        var qrHeight = qr is null ? 0 : QrBlockHeight(qr, flow);
        return (laidOut, boxWidth, inner, height, qrHeight);
    }

    /// <summary>A QR code (vector squares from QRCoder's module matrix) with a caption under it; kept on one page.</summary>
    public PdfDocumentBuilder Qr(string payload, string? caption = null, float size = 80, PdfAlign align = PdfAlign.Right) => Add(flow =>
    {
        var qr = new PdfQr(payload, caption, size);
        var width = QrBlockWidth(qr, flow);
        var height = QrBlockHeight(qr, flow);
        flow.KeepTogether(height);
        var x = align switch
        {
            PdfAlign.Center => flow.Left + (flow.Width - width) / 2,
            PdfAlign.Right => flow.Left + flow.Width - width,
            _ => flow.Left,
        };
        PlaceQr(flow, qr, x, flow.Y);
        flow.Y += height;
    });

    /// <summary>A horizontal bar chart (decision 0014), kept on one page.</summary>
    public PdfDocumentBuilder BarChart(BarChart chart) => Add(flow =>
    {
        var height = BarChartDrawing.Height(chart, flow.Style);
        flow.KeepTogether(height);
        var (left, top, width) = (flow.Left, flow.Y, flow.Width);
        flow.Draw((canvas, page) =>
        {
            BarChartDrawing.Draw(canvas, flow.Style, chart, left, top, width);
            page.Charts.Add(chart.Caption);
        });
        flow.Y += height;
    }, measure: flow => BarChartDrawing.Height(chart, flow.Style));

    /// <summary>Empty space; at the bottom of a page it stops at the page end.</summary>
    public PdfDocumentBuilder Spacer(float points) => Add(flow => flow.Gap(points), gapAfter: 0);

    /// <summary>Text printed above the page number on every page, e.g. the verification code and a short signature.</summary>
    public PdfDocumentBuilder Footer(string text)
    {
        _footer = text;
        return this;
    }

    public byte[] ToBytes() => Render().Bytes;

    public PdfOutput Render()
    {
        using var style = new PdfStyle(_fonts);
        var footerFont = style.Font(FooterSize);
        var footerWidth = _setup.Width - _setup.Margins.Left - _setup.Margins.Right;
        var footerLines = _footer is null ? [] : style.Wrap(_footer, footerFont, footerWidth);
        var footerLineHeight = PdfStyle.LineHeight(footerFont);
        var footerHeight = (footerLines.Count + 1) * footerLineHeight + 10;

        var flow = new PdfFlow(_setup, footerHeight, style);
        for (var i = 0; i < _blocks.Count; i++)
        {
            var next = i + 1 < _blocks.Count ? _blocks[i + 1].Measure : null;
            flow.FollowingHeight = () => next?.Invoke(flow) ?? 0;
            _blocks[i].Place(flow);
        }

        var qrPayloads = new List<string>();
        var charts = new List<string>();
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, _metadata))
        {
            for (var i = 0; i < flow.Pages.Count; i++)
            {
                var page = new PageContext(i + 1, flow.Pages.Count, qrPayloads, charts);
                var canvas = document.BeginPage(_setup.Width, _setup.Height);
                foreach (var step in flow.Pages[i])
                {
                    step(canvas, page);
                }
                var footerTop = _setup.Height - _setup.Margins.Bottom - (footerLines.Count + 1) * footerLineHeight;
                style.DrawLines(canvas, footerLines, _setup.Margins.Left, footerTop, footerWidth, PdfAlign.Center, footerFont);
                style.DrawLines(canvas, [$"第 {page.PageNumber} 页 共 {page.PageCount} 页"],
                    _setup.Margins.Left, footerTop + footerLines.Count * footerLineHeight, footerWidth, PdfAlign.Center, footerFont);
                document.EndPage();
            }
            document.Close();
        }
        return new PdfOutput(stream.ToArray(), flow.Pages.Count, qrPayloads) { Charts = charts };
    }

    /// <param name="measure">The height the block needs to start on a page, for a block before it that keeps with it.</param>
    private PdfDocumentBuilder Add(Action<PdfFlow> place, float gapAfter = BlockGap, Func<PdfFlow, float>? measure = null)
    {
        _blocks.Add(new Block(flow =>
        {
            place(flow);
            flow.Gap(gapAfter);
        }, measure));
        return this;
    }

    private sealed record Block(Action<PdfFlow> Place, Func<PdfFlow, float>? Measure);

    private static void PlaceText(PdfFlow flow, string text, SKFont font, PdfAlign align)
    {
        var lineHeight = PdfStyle.LineHeight(font);
        foreach (var line in flow.Style.Wrap(text, font, flow.Width))
        {
            flow.KeepTogether(lineHeight);
            var (x, top, width) = (flow.Left, flow.Y, flow.Width);
            flow.Draw((canvas, _) => flow.Style.DrawLines(canvas, [line], x, top, width, align, font));
            flow.Y += lineHeight;
        }
    }

    private const float QrCaptionGap = 3f;

    private static float QrBlockWidth(PdfQr qr, PdfFlow flow) =>
        qr.Caption is null ? qr.Size : Math.Max(qr.Size, Math.Min(flow.Style.Font(FooterSize).MeasureText(qr.Caption), 2 * qr.Size));

    private static float QrBlockHeight(PdfQr qr, PdfFlow flow)
    {
        if (qr.Caption is null)
        {
            return qr.Size;
        }
        var font = flow.Style.Font(FooterSize);
        return qr.Size + QrCaptionGap + flow.Style.Wrap(qr.Caption, font, QrBlockWidth(qr, flow)).Count * PdfStyle.LineHeight(font);
    }

    private static void PlaceQr(PdfFlow flow, PdfQr qr, float x, float top)
    {
        var width = QrBlockWidth(qr, flow);
        var modules = QrModules.Encode(qr.Payload);
        var font = flow.Style.Font(FooterSize);
        var caption = qr.Caption is null ? [] : flow.Style.Wrap(qr.Caption, font, width);
        flow.Draw((canvas, page) =>
        {
            QrModules.Draw(canvas, modules, x + (width - qr.Size) / 2, top, qr.Size, flow.Style.Ink);
            page.QrPayloads.Add(qr.Payload);
            flow.Style.DrawLines(canvas, caption, x, top + qr.Size + QrCaptionGap, width, PdfAlign.Center, font);
        });
    }
}
