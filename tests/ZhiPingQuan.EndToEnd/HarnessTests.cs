using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// Checks of the browser-test machinery itself, without the portal: when these fail, the other browser
/// tests' failures say nothing about the app.
/// </summary>
public sealed class HarnessTests
{
    [Fact]
    public void Playwright_driver_ships_with_the_build()
    {
        // Microsoft.Playwright copies its node driver next to the tests; nothing is downloaded at run time.
        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright", "node", "linux-x64", "node");
        Assert.True(File.Exists(driver), $"Playwright driver missing: {driver}");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, ".playwright", "package", "cli.js")));
    }

    [Fact]
    public async Task Chromium_renders_chinese_text_and_takes_a_screenshot()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await PortalServer.LaunchChromiumAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });

        await page.SetContentAsync("<html lang=zh-CN><body><h1 data-testid=probe>智评券 评估诊断</h1></body></html>");
        await Expect(page.GetByTestId("probe")).ToHaveTextAsync("智评券 评估诊断");
        Assert.Equal("zh-CN", await page.EvaluateAsync<string>("navigator.language"));

        Directory.CreateDirectory(RepoPaths.ScreenshotDirectory);
        var path = Path.Combine(RepoPaths.ScreenshotDirectory, "HarnessTests.chromium.png");
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });

        Assert.True(png.Length > 1000, "screenshot suspiciously small");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(File.Exists(path));
    }
}

/// <summary>The portal fixture itself: the real server answers and a browser can reach it.</summary>
[Collection("portal")]
public sealed class PortalHarnessTests(PortalServer server) : BrowserTest(server)
{
    [Fact]
    public Task Portal_answers_healthz_in_the_browser() => RunAsync(async () =>
    {
        var response = await Page.GotoAsync("/healthz");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.StartsWith(Server.BaseUrl, Page.Url, StringComparison.Ordinal);
        var shot = await ScreenshotAsync("PortalHarnessTests.healthz");
        Assert.True(new FileInfo(shot).Length > 0);
    });
}
