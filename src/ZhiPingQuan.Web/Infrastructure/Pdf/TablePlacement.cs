using SkiaSharp;

namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>
/// Lays a table out on the flow: resolves column widths, wraps every cell, repeats the header row
/// on each page, keeps rows whole (moving a row that does not fit to the next page), and splits a
/// row by lines only when it alone is taller than a page.
/// </summary>
internal sealed class TablePlacement
{
    private const float PaddingX = 4f;
    private const float PaddingY = 3f;

    private readonly PdfFlow _flow;
    private readonly IReadOnlyList<PdfColumn> _columns;
    private readonly float[] _widths;
    private readonly SKFont _font;
    private readonly SKFont _headerFont;
    private readonly float _lineHeight;
    private readonly float _headerLineHeight;
    private readonly List<IReadOnlyList<string>> _header;
    private readonly List<List<IReadOnlyList<string>>> _rows;
    private readonly float? _keepLastRowWithNext;
    private float _headerBottom;

    /// <param name="keepLastRowWithNext">
    /// The gap after the table when its last row must stay on the page of the block that follows (e.g. the seal boxes, so
    /// the seals never stand on a page of their own, detached from the content they certify); null otherwise.
    /// </param>
    public TablePlacement(PdfFlow flow, IReadOnlyList<PdfColumn> columns, IReadOnlyList<IReadOnlyList<string?>> rows, float size, float? keepLastRowWithNext = null)
    {
        _flow = flow;
        _keepLastRowWithNext = keepLastRowWithNext;
        _columns = columns;
        _widths = ResolveWidths(columns, flow.Width);
        _font = flow.Style.Font(size);
        _headerFont = flow.Style.Font(size, bold: true);
        _lineHeight = PdfStyle.LineHeight(_font);
        _headerLineHeight = PdfStyle.LineHeight(_headerFont);
        _header = columns.Select((c, i) => flow.Style.Wrap(c.Header, _headerFont, _widths[i] - 2 * PaddingX)).ToList();
        _rows = rows.Select(r => r.Select((cell, i) => flow.Style.Wrap(cell, _font, _widths[i] - 2 * PaddingX)).ToList()).ToList();
    }

    private float HeaderHeight => _header.Max(c => c.Count) * _headerLineHeight + 2 * PaddingY;

    private float RowHeight(List<IReadOnlyList<string>> cells) => cells.Max(c => c.Count) * _lineHeight + 2 * PaddingY;

    public void Place()
    {
        // The header is never left alone at the bottom of a page: it goes with the first row.
        _flow.KeepTogether(HeaderHeight + (_rows.Count > 0 ? RowHeight(_rows[0]) : 0));
        PlaceHeader();
        for (var i = 0; i < _rows.Count; i++)
        {
            var row = _rows[i];
            var height = RowHeight(row);
            if (height > _flow.Remaining && !OnlyHeaderOnPage)
            {
                ContinueOnNewPage();
            }
            else if (i == _rows.Count - 1 && _keepLastRowWithNext is { } gap && !OnlyHeaderOnPage)
            {
                var withNext = height + gap + _flow.FollowingHeight();
                // Only when the row and the next block fit together under a repeated header on a fresh page.
                if (withNext > _flow.Remaining && withNext <= _flow.Bottom - _flow.Top - HeaderHeight)
                {
                    ContinueOnNewPage();
                }
            }
            if (height <= _flow.Remaining)
            {
                PlaceRow(row, height, PdfAlignVertical.Middle);
                continue;
            }
            PlaceSplit(row);
        }
    }

    private bool OnlyHeaderOnPage => _flow.Y <= _headerBottom;

    private void ContinueOnNewPage()
    {
        _flow.NewPage();
        PlaceHeader();
    }

    private void PlaceHeader()
    {
        PlaceRow(_header, HeaderHeight, PdfAlignVertical.Middle, header: true);
        _headerBottom = _flow.Y;
    }

    /// <summary>A row taller than a whole page: as many lines as fit, then the rest under the header on the next page.</summary>
    private void PlaceSplit(List<IReadOnlyList<string>> row)
    {
        var from = 0;
        var total = row.Max(c => c.Count);
        while (from < total)
        {
            var fit = Math.Max(1, (int)((_flow.Remaining - 2 * PaddingY) / _lineHeight));
            var part = row.Select(c => (IReadOnlyList<string>)c.Skip(from).Take(fit).ToList()).ToList();
            PlaceRow(part, part.Max(c => c.Count) * _lineHeight + 2 * PaddingY, PdfAlignVertical.Top);
            from += fit;
            if (from < total)
            {
                ContinueOnNewPage();
            }
        }
    }

    private enum PdfAlignVertical { Top, Middle }

    private void PlaceRow(List<IReadOnlyList<string>> cells, float height, PdfAlignVertical vertical, bool header = false)
    {
        var (left, top) = (_flow.Left, _flow.Y);
        var font = header ? _headerFont : _font;
        var lineHeight = header ? _headerLineHeight : _lineHeight;
        var widths = _widths;
        var columns = _columns;
        var style = _flow.Style;
        _flow.Draw((canvas, _) =>
        {
            var x = left;
            for (var i = 0; i < cells.Count; i++)
            {
                canvas.DrawRect(x, top, widths[i], height, style.Rule);
                var textHeight = cells[i].Count * lineHeight;
                var textTop = vertical == PdfAlignVertical.Middle ? top + (height - textHeight) / 2 : top + PaddingY;
                var align = header ? PdfAlign.Center : columns[i].Align;
                style.DrawLines(canvas, cells[i], x + PaddingX, textTop, widths[i] - 2 * PaddingX, align, font);
                x += widths[i];
            }
        });
        _flow.Y += height;
    }

    private static float[] ResolveWidths(IReadOnlyList<PdfColumn> columns, float available)
    {
        var fixedTotal = columns.Where(c => !c.IsRelative).Sum(c => c.Width);
        var shares = columns.Where(c => c.IsRelative).Sum(c => c.Width);
        var rest = available - fixedTotal;
        if (rest < 0 || (shares > 0 && rest < columns.Count(c => c.IsRelative) * 2 * PaddingX))
        {
            throw new ArgumentException($"the fixed columns ({fixedTotal:0.#} pt) leave no room in a width of {available:0.#} pt", nameof(columns));
        }
        if (shares <= 0)
        {
            // Only fixed columns: the table is as wide as they are.
            return columns.Select(c => c.Width).ToArray();
        }
        return columns.Select(c => c.IsRelative ? rest * c.Width / shares : c.Width).ToArray();
    }
}
