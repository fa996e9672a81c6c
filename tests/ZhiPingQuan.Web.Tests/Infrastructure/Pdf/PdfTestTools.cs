using System.Diagnostics;
using SkiaSharp;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure.Pdf;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Pdf;

/// <summary>The layout module on the machine's real font (Debian's fonts-noto-cjk, which test.sh installs).</summary>
public static class PdfTestTools
{
    private static readonly Lazy<PdfFonts> Fonts = new(() => new PdfFonts(new PdfFontOptions()));

    /// <summary>One font load for all tests (the first PDF of a process pays about half a second for it).</summary>
    public static PdfFonts SharedFonts
    {
        get
        {
            Assert.True(Fonts.Value.IsAvailable, $"the CJK font is missing ({Fonts.Value.Problem}): install fonts-noto-cjk");
            return Fonts.Value;
        }
    }

    public static PdfLayout Layout() => new(SharedFonts);

    /// <summary>The summary table's columns exactly as the notice's attachment has them.</summary>
    public static IReadOnlyList<PdfColumn> SummaryColumns { get; } =
    [
        PdfColumn.Fixed("序号", 34, PdfAlign.Center),
        PdfColumn.Relative("企业名称", 3.2f),
        PdfColumn.Fixed("统一社会信用代码", 128, PdfAlign.Center),
        PdfColumn.Relative("所属行业（六大重点产业）", 1.3f, PdfAlign.Center),
        PdfColumn.Fixed("智能制造能力成熟度分数", 72, PdfAlign.Right),
        PdfColumn.Fixed("智能工厂等级", 74, PdfAlign.Center),
        PdfColumn.Relative("联系方式", 1.7f),
    ];

    private static readonly string[] Industries = ["电子信息", "生命健康", "汽车", "高端装备", "先进材料", "时尚消费品"];
    private static readonly string[] Places = ["浦江", "张江", "金桥", "外高桥", "临港", "川沙", "周浦", "康桥", "航头", "惠南"];
    private static readonly string[] Trades = ["精密装备", "汽车零部件", "生物医药", "集成电路材料", "智能传感器", "新型显示", "纺织服饰", "医疗器械"];
    private static readonly string[] Levels = ["一级", "二级", "三级", "四级"];
    private static readonly string[] Contacts = ["张敏", "李建国", "王晓燕", "陈志强", "刘洋", "欧阳文华"];

    /// <summary>Rows like a district's summary table; the same every time (seeded), with a few long names that wrap.</summary>
    public static List<string[]> SummaryRows(int count)
    {
        var random = new Random(20231115);
        var rows = new List<string[]>();
        for (var i = 1; i <= count; i++)
        {
            var body = "91310" + new string(Enumerable.Range(0, 12).Select(_ => CreditCode.Alphabet[random.Next(CreditCode.Alphabet.Length)]).ToArray());
            var code = body + CreditCode.CheckCharacter(body);
            var name = i % 9 == 0
                ? $"上海{Places[i % Places.Length]}{Trades[i % Trades.Length]}智能制造科技股份有限公司（集团）第{i}分公司"
                : $"上海{Places[i % Places.Length]}{Trades[(i * 7) % Trades.Length]}有限公司";
            var score = (1.5m + random.Next(0, 350) / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            var contact = $"{Contacts[i % Contacts.Length]} 021-{random.Next(5000_0000, 6999_9999)}";
            rows.Add([i.ToString(System.Globalization.CultureInfo.InvariantCulture), name, code, Industries[i % Industries.Length], score, Levels[i % Levels.Length], contact]);
        }
        return rows;
    }

    /// <summary>Renders one page with poppler's pdftoppm (Debian poppler-utils, installed by test.sh) and returns the PNG's path.</summary>
    public static string RenderPng(byte[] pdf, int page, int dpi, string pngPathWithoutExtension, bool gray = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngPathWithoutExtension)!);
        var pdfPath = pngPathWithoutExtension + ".pdf";
        File.WriteAllBytes(pdfPath, pdf);
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", $"{page}", "-l", $"{page}", "-singlefile" })
        {
            start.ArgumentList.Add(arg);
        }
        if (gray)
        {
            start.ArgumentList.Add("-gray");
        }
        start.ArgumentList.Add(pdfPath);
        start.ArgumentList.Add(pngPathWithoutExtension);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("pdftoppm is missing: install poppler-utils (test.sh does)", e);
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
        }
        return pngPathWithoutExtension + ".png";
    }

    /// <summary>The QR codes ZXing finds in a rendered page, as a phone would read them from the paper.</summary>
    public static string? DecodeQr(string pngPath)
    {
        using var decoded = SKBitmap.Decode(pngPath);
        using var gray = new SKBitmap(decoded.Width, decoded.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(gray))
        {
            canvas.DrawBitmap(decoded, 0, 0);
        }
        var source = new RGBLuminanceSource(gray.Bytes, gray.Width, gray.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)?.Text;
    }

    /// <summary>.test-output/pdf at the repository's root (test.sh clears .test-output before a run).</summary>
    public static string OutputFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZhiPingQuan.sln")))
        {
            dir = dir.Parent;
        }
        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), ".test-output", "pdf");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
