using SkiaSharp;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Infrastructure.Pdf;

/// <summary>
/// Where the CJK font is (<c>Pdf:FontPath</c>, <c>Pdf:FontIndex</c>, <c>Pdf:BoldFontPath</c>,
/// <c>Pdf:BoldFontIndex</c>). The defaults are Debian's <c>fonts-noto-cjk</c>: in its collections
/// face 2 is Noto Sans CJK SC, which also covers Latin letters and digits.
/// </summary>
public sealed class PdfFontOptions
{
    public const string Section = "Pdf";
    public const string DefaultFontPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    public const string DefaultBoldFontPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    public const int DefaultFontIndex = 2;

    public string FontPath { get; set; } = DefaultFontPath;
    public int FontIndex { get; set; } = DefaultFontIndex;

    /// <summary>Optional. When missing, bold text is the regular face drawn emboldened.</summary>
    public string? BoldFontPath { get; set; } = DefaultBoldFontPath;
    public int? BoldFontIndex { get; set; }
}

/// <summary>Generating a PDF was asked for while the server has no usable CJK font.</summary>
public sealed class PdfFontUnavailableException()
    : DomainException("服务器缺少生成PDF所需的中文字体，暂时无法生成PDF文件。请联系系统管理员安装 fonts-noto-cjk 或设置配置项 Pdf:FontPath。");

/// <summary>
/// The typefaces, checked at start-up (cheap: the file opens and has Chinese glyphs) and loaded
/// once per process when the first PDF is made (the character-map rewrite of <see cref="FontFile"/>
/// reads the whole font, about half a second). A missing or unusable font does not stop the portal:
/// <see cref="Problem"/> says why (logged at start-up) and <see cref="Require"/> refuses to draw.
/// </summary>
public sealed class PdfFonts : IDisposable
{
    // A face without this glyph cannot draw the documents' Chinese (e.g. a Latin-only font was configured).
    private const char ChineseProbe = '汇';

    private readonly Lazy<Faces> _faces;

    public PdfFonts(PdfFontOptions options)
    {
        Options = options;
        Problem = Check(options.FontPath, options.FontIndex, out var family);
        FamilyName = family;
        if (Problem is null && !string.IsNullOrWhiteSpace(options.BoldFontPath))
        {
            BoldProblem = Check(options.BoldFontPath, BoldIndex, out _);
        }
        _faces = new Lazy<Faces>(LoadFaces, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public PdfFontOptions Options { get; }

    /// <summary>Why PDFs cannot be generated; null when the font is usable.</summary>
    public string? Problem { get; }

    /// <summary>Why the bold face is not used (bold is then the regular face emboldened); null when it is used or none was configured.</summary>
    public string? BoldProblem { get; private set; }

    public bool IsAvailable => Problem is null;

    public string? FamilyName { get; }

    private int BoldIndex => Options.BoldFontIndex ?? Options.FontIndex;

    /// <summary>The regular face; throws the Chinese <see cref="PdfFontUnavailableException"/> when there is none.</summary>
    public SKTypeface Require() => (Problem is null ? _faces.Value.Regular : null) ?? throw new PdfFontUnavailableException();

    /// <summary>
    /// The text as it will be drawn: code points the font draws with another code point's glyph become
    /// that code point (see <see cref="FontFile"/>), so what is drawn and what is copied out agree.
    /// </summary>
    internal string Normalise(string text)
    {
        var substitutes = _faces.Value.Substitutes;
        if (substitutes.Count == 0 || !text.EnumerateRunes().Any(r => substitutes.ContainsKey(r.Value)))
        {
            return text;
        }
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(substitutes.TryGetValue(rune.Value, out var kept) ? char.ConvertFromUtf32(kept) : rune.ToString());
        }
        return builder.ToString();
    }

    /// <summary>A font of the given size; bold uses the bold face, or fakes it when there is no bold face.</summary>
    internal SKFont CreateFont(float size, bool bold)
    {
        var regular = Require();
        if (bold && _faces.Value.Bold is { } boldFace)
        {
            return new SKFont(boldFace, size) { Subpixel = true };
        }
        return new SKFont(regular, size) { Subpixel = true, Embolden = bold };
    }

    private sealed record Faces(SKTypeface? Regular, SKTypeface? Bold, IReadOnlyDictionary<int, int> Substitutes);

    private Faces LoadFaces()
    {
        var none = new Dictionary<int, int>();
        if (Problem is not null)
        {
            return new Faces(null, null, none);
        }
        var (regular, substitutes) = Load(Options.FontPath, Options.FontIndex);
        if (regular is null || BoldProblem is not null || string.IsNullOrWhiteSpace(Options.BoldFontPath))
        {
            return new Faces(regular, null, substitutes ?? none);
        }
        var (bold, boldSubstitutes) = Load(Options.BoldFontPath, BoldIndex);
        // Text is substituted once for both faces, so the bold face must map characters as the regular one does.
        if (bold is not null && !(boldSubstitutes ?? none).OrderBy(p => p.Key).SequenceEqual((substitutes ?? none).OrderBy(p => p.Key)))
        {
            bold.Dispose();
            bold = null;
            BoldProblem = $"粗体字体 {Options.BoldFontPath} 与常规字体的字符映射不一致";
        }
        return new Faces(regular, bold, substitutes ?? none);
    }

    /// <summary>Null when the face opens and draws Chinese; otherwise why not.</summary>
    private static string? Check(string path, int index, out string? family)
    {
        family = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return "未配置字体文件路径（Pdf:FontPath）";
        }
        if (!File.Exists(path))
        {
            return $"字体文件不存在：{path}";
        }
        using var face = SKTypeface.FromFile(path, index);
        if (face is null)
        {
            return $"无法读取字体文件 {path} 的第 {index} 个字体（Pdf:FontIndex）";
        }
        family = face.FamilyName;
        return face.GetGlyph(ChineseProbe) == 0 ? $"字体 {family}（{path}，第 {index} 个）不含中文字形" : null;
    }

    /// <summary>The face with its character map rewritten (<see cref="FontFile"/>); as it is when the file is not one FontFile reads.</summary>
    private static (SKTypeface? Face, IReadOnlyDictionary<int, int>? Substitutes) Load(string path, int index)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed or locked since the start-up check: PDFs are refused as if it had been missing then.
            return (null, null);
        }
        var rewritten = FontFile.Read(bytes, index);
        using var data = SKData.CreateCopy(rewritten?.Data ?? bytes);
        return (SKTypeface.FromData(data, rewritten is null ? index : 0), rewritten?.Substitutes);
    }

    public void Dispose()
    {
        if (_faces.IsValueCreated)
        {
            _faces.Value.Regular?.Dispose();
            _faces.Value.Bold?.Dispose();
        }
    }
}
