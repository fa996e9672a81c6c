using System.Text;
using UglyToad.PdfPig;

namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>Reads the text layer of an uploaded PDF (the report cross-check of docs/domain.md §4.5).</summary>
public interface IPdfTextReader
{
    /// <summary>
    /// The text of the first pages, or null when the file cannot be read as a PDF. A scanned report gives an empty text:
    /// the caller decides what that means (a person must look), never a false failure.
    /// </summary>
    string? Read(Stream pdf);
}

/// <summary>
/// PdfPig (Apache-2.0) rather than our own parser: it copes with the font encodings and CMaps of real reports, including
/// the CJK fonts our own PDFs embed. Reads at most <see cref="MaxPages"/> pages — the values sit on the cover and the
/// summary pages — so a 300-page report does not hold a request.
/// </summary>
public sealed class PdfPigTextReader(ILogger<PdfPigTextReader> log) : IPdfTextReader
{
    public const int MaxPages = 30;
    public const int MaxCharacters = 400_000;

    public string? Read(Stream pdf)
    {
        try
        {
            using var document = PdfDocument.Open(pdf);
            var text = new StringBuilder();
            for (var number = 1; number <= Math.Min(document.NumberOfPages, MaxPages) && text.Length < MaxCharacters; number++)
            {
                text.AppendLine(document.GetPage(number).Text);
            }
            return text.ToString();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A damaged or encrypted report: the check asks a person to look rather than failing the application.
            log.LogWarning(e, "评估报告无法读取文字");
            return null;
        }
    }
}
