using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Pdf;

/// <summary>Without its font the portal still runs; only making a PDF is refused, in Chinese.</summary>
public sealed class PdfFontTests
{
    [Fact]
    public void A_missing_font_file_refuses_to_make_a_PDF_with_a_Chinese_message()
    {
        using var fonts = new PdfFonts(new PdfFontOptions { FontPath = "/nonexistent/NotoSansCJK-Regular.ttc" });

        Assert.False(fonts.IsAvailable);
        Assert.Contains("/nonexistent/NotoSansCJK-Regular.ttc", fonts.Problem);
        var error = Assert.Throws<PdfFontUnavailableException>(() => new PdfLayout(fonts).Create(PdfPageSetup.A4Landscape));
        Assert.IsAssignableFrom<DomainException>(error);
        Assert.Contains("缺少生成PDF所需的中文字体", error.Message);
        Assert.Contains("Pdf:FontPath", error.Message);
    }

    [Fact]
    public void A_face_index_the_collection_does_not_have_or_a_font_without_Chinese_is_not_used()
    {
        using var noSuchFace = new PdfFonts(new PdfFontOptions { FontIndex = 99 });
        Assert.False(noSuchFace.IsAvailable);
        Assert.Contains("Pdf:FontIndex", noSuchFace.Problem);

        const string latinOnly = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        if (File.Exists(latinOnly))
        {
            using var latin = new PdfFonts(new PdfFontOptions { FontPath = latinOnly, FontIndex = 0 });
            Assert.False(latin.IsAvailable);
            Assert.Contains("不含中文字形", latin.Problem);
        }
    }

    [Fact]
    public void Without_a_bold_face_bold_text_is_drawn_with_the_regular_face()
    {
        using var fonts = new PdfFonts(new PdfFontOptions { BoldFontPath = "/nonexistent/Bold.ttc" });
        Assert.True(fonts.IsAvailable);
        Assert.NotNull(fonts.BoldProblem);

        var bytes = new PdfLayout(fonts).Create(PdfPageSetup.A4Portrait).Title("加粗标题").ToBytes();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        Assert.Contains("加粗标题", pdf.GetPage(1).Text);
    }

    [Fact]
    public void The_start_up_check_warns_when_the_font_is_missing_and_names_the_setting()
    {
        using var missing = new PdfFonts(new PdfFontOptions { FontPath = "/nonexistent/font.ttc" });
        var log = new ListLogger();

        PdfFontCheck.Report(missing, log);

        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("/nonexistent/font.ttc", warning.Message);
        Assert.Contains("Pdf:FontPath", warning.Message);

        using var present = new PdfFonts(new PdfFontOptions());
        var quiet = new ListLogger();
        PdfFontCheck.Report(present, quiet);
        Assert.DoesNotContain(quiet.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(quiet.Entries, e => e.Message.Contains("Noto Sans CJK SC", StringComparison.Ordinal));
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}

/// <summary>The portal configured with a font path that does not exist.</summary>
public sealed class PortalWithoutPdfFont() : PortalFactory(DbProvider.Sqlite)
{
    public const string MissingFont = "/nonexistent/fonts/NotoSansCJK-Regular.ttc";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Pdf:FontPath", MissingFont);
    }
}

/// <summary>The font is a file on the machine, not a database matter: one provider is enough here.</summary>
public sealed class PortalWithoutPdfFontTests(PortalWithoutPdfFont portal) : IClassFixture<PortalWithoutPdfFont>
{
    [Fact]
    public async Task The_portal_starts_and_signs_in_but_refuses_to_make_a_PDF()
    {
        var client = await portal.SignedInAsync("district.pudong@zpq.local");
        var home = await client.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);

        var fonts = portal.Services.GetRequiredService<PdfFonts>();
        Assert.False(fonts.IsAvailable);
        Assert.Contains(PortalWithoutPdfFont.MissingFont, fonts.Problem);
        var error = Assert.Throws<PdfFontUnavailableException>(() => portal.Services.GetRequiredService<PdfLayout>().Create(PdfPageSetup.A4Landscape));
        Assert.Contains("中文字体", error.Message);
    }
}
