namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>Where documents start: <c>layout.Create(PdfPageSetup.A4Landscape).Title(…)…ToBytes()</c>.</summary>
public sealed class PdfLayout(PdfFonts fonts)
{
    /// <summary>A new document; throws <see cref="PdfFontUnavailableException"/> (Chinese message) when there is no usable font.</summary>
    public PdfDocumentBuilder Create(PdfPageSetup page)
    {
        fonts.Require();
        return new PdfDocumentBuilder(fonts, page);
    }
}
