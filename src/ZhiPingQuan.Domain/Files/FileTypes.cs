using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Files;

/// <summary>What the first bytes of a file say it is.</summary>
public enum FileSignatureKind
{
    Unknown,
    Pdf,
    Png,
    Jpeg,

    /// <summary>A ZIP container: .xlsx, .docx and .ofd are all ZIP packages.</summary>
    Zip,
}

/// <summary>
/// A file type the portal accepts: its extension, the MIME type it is served with, its signature and — for the ZIP
/// packages (.xlsx, .docx, .ofd) — the parts its own format always holds, so that any ZIP renamed .docx is refused.
/// </summary>
public sealed record AllowedFileType(string Extension, string ContentType, FileSignatureKind Signature, string Description)
{
    /// <summary>Entry names (paths inside the ZIP, '/'-separated) every file of this type holds; empty for non-packages.</summary>
    public IReadOnlyList<string> PackageParts { get; init; } = [];

    /// <summary>Whether browsers show the type themselves (PDF and images): only these are served inline.</summary>
    public bool ViewableInBrowser { get; init; }
}

/// <summary>
/// Recognises a file by its first bytes, so a renamed executable is not taken for a PDF
/// because its name ends in .pdf. Pure: give it the head of the content.
/// </summary>
public static class FileSignature
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs at most.</summary>
    public const int BytesNeeded = 8;

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    public static FileSignatureKind Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PdfMagic))
        {
            return FileSignatureKind.Pdf;
        }
        if (head.StartsWith(PngMagic))
        {
            return FileSignatureKind.Png;
        }
        if (head.StartsWith(JpegMagic))
        {
            return FileSignatureKind.Jpeg;
        }
        if (head.StartsWith(ZipMagic))
        {
            return FileSignatureKind.Zip;
        }
        return FileSignatureKind.Unknown;
    }

    public static bool Matches(FileSignatureKind expected, ReadOnlySpan<byte> head) =>
        expected != FileSignatureKind.Unknown && Detect(head) == expected;
}

/// <summary>The outcome of checking an upload: the type it is, or why it is refused (in Chinese).</summary>
public sealed record FileCheckResult(AllowedFileType? Type, string? Error)
{
    public bool IsAllowed => Type is not null && Error is null;
}

/// <summary>
/// The upload rule of docs/domain.md §4.4: PDF, JPG, PNG, OFD, XLSX, DOCX only, checked by content and
/// not only by the extension, with a size limit. Assessment reports narrow it to <see cref="PdfOnly"/>.
/// </summary>
public static class FileTypes
{
    /// <summary>The default size limit, shown in the upload forms.</summary>
    public const long DefaultMaxSizeBytes = 20L * 1024 * 1024;

    public static readonly AllowedFileType Pdf = new(".pdf", "application/pdf", FileSignatureKind.Pdf, "PDF") { ViewableInBrowser = true };
    public static readonly AllowedFileType Jpg = new(".jpg", "image/jpeg", FileSignatureKind.Jpeg, "JPG图片") { ViewableInBrowser = true };
    public static readonly AllowedFileType Jpeg = new(".jpeg", "image/jpeg", FileSignatureKind.Jpeg, "JPG图片") { ViewableInBrowser = true };
    public static readonly AllowedFileType Png = new(".png", "image/png", FileSignatureKind.Png, "PNG图片") { ViewableInBrowser = true };

    // The parts each package format requires: OFD (GB/T 33190) starts at OFD.xml; OOXML packages have [Content_Types].xml
    // and their main part (xl/workbook.xml, word/document.xml) at the places every producer writes them.
    public static readonly AllowedFileType Ofd = new(".ofd", "application/ofd", FileSignatureKind.Zip, "OFD版式文件") { PackageParts = ["OFD.xml"] };
    public static readonly AllowedFileType Xlsx = new(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileSignatureKind.Zip, "Excel工作簿")
    {
        PackageParts = ["[Content_Types].xml", "xl/workbook.xml"],
    };
    public static readonly AllowedFileType Docx = new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileSignatureKind.Zip, "Word文档")
    {
        PackageParts = ["[Content_Types].xml", "word/document.xml"],
    };

    /// <summary>Every type accepted as application evidence.</summary>
    public static IReadOnlyList<AllowedFileType> Evidence { get; } = [Pdf, Jpg, Jpeg, Png, Ofd, Xlsx, Docx];

    /// <summary>Assessment reports are PDF.</summary>
    public static IReadOnlyList<AllowedFileType> PdfOnly { get; } = [Pdf];

    /// <summary>For an input's accept attribute, e.g. ".pdf,.jpg,…".</summary>
    public static string AcceptAttribute(IReadOnlyList<AllowedFileType> types) => string.Join(',', types.Select(t => t.Extension));

    /// <summary>"PDF、JPG、…" for the hint beside the upload field.</summary>
    public static string DescribeExtensions(IReadOnlyList<AllowedFileType> types) =>
        string.Join('、', types.Select(t => t.Extension.TrimStart('.').ToUpperInvariant()).Distinct());

    public static string DescribeSize(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024m * 1024m):0.#}MB" : $"{Math.Ceiling(bytes / 1024m):0}KB";

    public static AllowedFileType? FindByFileName(string? fileName, IReadOnlyList<AllowedFileType> types)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        return types.FirstOrDefault(t => t.Extension == extension);
    }

    /// <summary>
    /// Checks an upload by name, size and first bytes. <paramref name="head"/> is the start of the
    /// content (at least <see cref="FileSignature.BytesNeeded"/> bytes when the file is that long).
    /// </summary>
    public static FileCheckResult Check(
        string? fileName,
        long sizeBytes,
        ReadOnlySpan<byte> head,
        IReadOnlyList<AllowedFileType> allowed,
        long maxSizeBytes = DefaultMaxSizeBytes)
    {
        var shownName = Path.GetFileName(fileName ?? string.Empty);
        if (string.IsNullOrWhiteSpace(shownName))
        {
            return new FileCheckResult(null, "请选择要上传的文件。");
        }
        var type = FindByFileName(shownName, allowed);
        if (type is null)
        {
            return new FileCheckResult(null, $"文件“{shownName}”的类型不允许上传，只接受{DescribeExtensions(allowed)}格式。");
        }
        if (sizeBytes <= 0 || head.IsEmpty)
        {
            return new FileCheckResult(null, $"文件“{shownName}”是空文件。");
        }
        if (sizeBytes > maxSizeBytes)
        {
            return new FileCheckResult(null, $"文件“{shownName}”大小为{DescribeSize(sizeBytes)}，超过{DescribeSize(maxSizeBytes)}的上限。");
        }
        if (!FileSignature.Matches(type.Signature, head))
        {
            return new FileCheckResult(null, $"文件“{shownName}”的内容不是{type.Description}格式（只修改扩展名无效），请上传真实的{type.Description}文件。");
        }
        return new FileCheckResult(type, null);
    }

    /// <summary>
    /// The second half of the content check for a ZIP package: null when <paramref name="entryNames"/> (the paths inside the
    /// archive) hold every part of <paramref name="type"/>'s format, else why it is refused (a ZIP renamed .docx is not a
    /// Word document). Types that are not packages always pass.
    /// </summary>
    public static string? PackageError(AllowedFileType type, string? fileName, IEnumerable<string> entryNames)
    {
        if (type.PackageParts.Count == 0)
        {
            return null;
        }
        var present = entryNames.Select(n => n.Replace('\\', '/').TrimStart('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = type.PackageParts.Where(p => !present.Contains(p)).ToList();
        return missing.Count == 0
            ? null
            : $"文件“{Path.GetFileName(fileName ?? string.Empty)}”不是真实的{type.Description}（压缩包中没有{type.Description}必有的{string.Join("、", missing)}），请上传真实的{type.Description}文件。";
    }

    /// <summary>The refusal for a package that cannot be opened as a ZIP at all.</summary>
    public static string DamagedPackage(AllowedFileType type, string? fileName) =>
        $"文件“{Path.GetFileName(fileName ?? string.Empty)}”已损坏，无法作为{type.Description}打开，请重新导出后上传。";

    /// <summary>Whether files of this content type may be shown in the browser (PDF and images); everything else is downloaded.</summary>
    public static bool IsViewableInBrowser(string? contentType) =>
        Evidence.Any(t => t.ViewableInBrowser && string.Equals(t.ContentType, contentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>As <see cref="Check"/>, throwing a <see cref="DomainException"/> with the reason when refused.</summary>
    public static AllowedFileType EnsureAllowed(
        string? fileName,
        long sizeBytes,
        ReadOnlySpan<byte> head,
        IReadOnlyList<AllowedFileType> allowed,
        long maxSizeBytes = DefaultMaxSizeBytes)
    {
        var result = Check(fileName, sizeBytes, head, allowed, maxSizeBytes);
        return result.Type ?? throw new DomainException(result.Error!);
    }
}
