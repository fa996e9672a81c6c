namespace ZhiPingQuan.Web.Infrastructure.Pdf;

public enum PdfAlign
{
    Left,
    Center,
    Right,
}

/// <summary>Page margins in points (1 pt = 1/72 inch; 15 mm ≈ 42.5 pt).</summary>
public sealed record PdfMargins(float Top, float Right, float Bottom, float Left)
{
    public static PdfMargins All(float points) => new(points, points, points, points);

    /// <summary>15 mm on every side.</summary>
    public static PdfMargins Default { get; } = All(42.5f);
}

/// <summary>Paper size and margins, in points.</summary>
public sealed record PdfPageSetup(float Width, float Height, PdfMargins Margins)
{
    private const float A4Short = 595.28f;
    private const float A4Long = 841.89f;

    public static PdfPageSetup A4Portrait { get; } = new(A4Short, A4Long, PdfMargins.Default);

    public static PdfPageSetup A4Landscape { get; } = new(A4Long, A4Short, PdfMargins.Default);
}

/// <summary>
/// A table column: a fixed width in points, or a share of the width the fixed columns leave.
/// Cells are aligned as the column says (numbers: <see cref="PdfAlign.Right"/>); headers are always centred.
/// </summary>
public sealed record PdfColumn(string Header, float Width, bool IsRelative, PdfAlign Align)
{
    public static PdfColumn Fixed(string header, float points, PdfAlign align = PdfAlign.Left) => new(header, points, false, align);

    public static PdfColumn Relative(string header, float share = 1, PdfAlign align = PdfAlign.Left) => new(header, share, true, align);
}

/// <summary>A framed box with a bold title and lines under it, e.g. an electronic seal: who, when, hash prefix.</summary>
public sealed record PdfSealBox(string Title, IReadOnlyList<string> Lines);

/// <summary>A QR code drawn as vector squares, with a caption under it.</summary>
public sealed record PdfQr(string Payload, string? Caption = null, float Size = 80);

/// <summary>The finished document, with what was drawn in it that a test or a caller may want to check.</summary>
public sealed record PdfOutput(byte[] Bytes, int PageCount, IReadOnlyList<string> QrPayloads)
{
    /// <summary>The captions of the charts drawn, in order.</summary>
    public IReadOnlyList<string> Charts { get; init; } = [];
}
