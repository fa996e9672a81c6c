namespace ZhiPingQuan.Web.Infrastructure.Pdf;

public static class PdfLayoutRegistration
{
    /// <summary>
    /// Registers <see cref="PdfLayout"/> with the font from the <c>Pdf</c> section, and a start-up
    /// check that logs a warning when the font is missing (the portal starts anyway; only PDF
    /// generation is refused, with a Chinese message).
    /// </summary>
    public static IServiceCollection AddPdfLayout(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new PdfFontOptions();
        configuration.GetSection(PdfFontOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<PdfFonts>();
        services.AddSingleton<PdfLayout>();
        services.AddHostedService<PdfFontCheck>();
        services.AddSingleton<IPdfTextReader, PdfPigTextReader>();
        return services;
    }
}

/// <summary>Loads the font at start-up and says in the log whether PDFs can be generated.</summary>
public sealed class PdfFontCheck(PdfFonts fonts, ILogger<PdfFontCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Report(fonts, logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static void Report(PdfFonts fonts, ILogger logger)
    {
        if (!fonts.IsAvailable)
        {
            logger.LogWarning("PDF 字体不可用：{Problem}。门户照常运行，但生成 PDF（汇总表、兑付通知等）会失败。请安装 fonts-noto-cjk 或设置 Pdf:FontPath / Pdf:FontIndex。",
                fonts.Problem);
            return;
        }
        if (fonts.BoldProblem is not null)
        {
            logger.LogInformation("PDF 粗体字体不可用（{Problem}），粗体改用常规字体加粗绘制。", fonts.BoldProblem);
        }
        logger.LogInformation("PDF 字体：{Family}（{Path}，第 {Index} 个字形）", fonts.FamilyName, fonts.Options.FontPath, fonts.Options.FontIndex);
    }
}
