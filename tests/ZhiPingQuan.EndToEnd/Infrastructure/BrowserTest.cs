using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ZhiPingQuan.EndToEnd.Infrastructure;

/// <summary>
/// Base of the browser tests: each test gets a fresh browser context (zh-CN, Asia/Shanghai, 1366×900,
/// no cookies) and page on the collection's <see cref="PortalServer"/>.
/// <para>
/// xunit 2 has no "test failed" hook, so write every test body as <c>=> RunAsync(async () => { ... })</c>:
/// when the body throws, RunAsync saves a full-page screenshot to
/// <c>.test-output/screenshots/&lt;TestClass&gt;.&lt;TestName&gt;[.&lt;variant&gt;].png</c> and rethrows.
/// </para>
/// </summary>
public abstract partial class BrowserTest(PortalServer server) : IAsyncLifetime
{
    public const string DemoPassword = "Zpq@2023demo";

    static BrowserTest()
    {
        // The first request of a page may build the EF model or a view: give assertions room on 2 cores.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    protected PortalServer Server { get; } = server;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Matches any URL of the sign-in page (with or without ReturnUrl).</summary>
    protected static Regex LoginUrl { get; } = LoginUrlRegex();

    public async Task InitializeAsync()
    {
        Context = await Server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        Context.SetDefaultTimeout(20_000);
        Page = await Context.NewPageAsync();
    }

    public async Task DisposeAsync() => await Context.CloseAsync();

    /// <summary>Opens the sign-in page, fills e-mail and password and submits; waits for the answer page.</summary>
    protected async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.Locator("input[name=Email]").FillAsync(email);
        await Page.Locator("input[name=Password]").FillAsync(password);
        await Page.Locator("button[type=submit]").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Saves a full-page screenshot as .test-output/screenshots/&lt;name&gt;.png and returns its path.</summary>
    protected async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(RepoPaths.ScreenshotDirectory);
        var path = Path.Combine(RepoPaths.ScreenshotDirectory, SafeFileName(name) + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>
    /// Runs a test body; on failure saves a screenshot named after the test class, the test method and the
    /// optional <paramref name="variant"/> (use it in theories so cases do not overwrite each other), then rethrows.
    /// </summary>
    protected async Task RunAsync(Func<Task> body, string? variant = null, [CallerMemberName] string testName = "")
    {
        try
        {
            await body();
        }
        catch
        {
            var name = $"{GetType().Name}.{testName}" + (variant is null ? "" : $".{variant}");
            try
            {
                await ScreenshotAsync(name);
            }
            catch (Exception screenshotError)
            {
                // The test's own failure matters more than a missing picture.
                Console.Error.WriteLine($"Could not save screenshot {name}: {screenshotError.Message}");
            }

            throw;
        }
    }

    private static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) || c == ' ' ? '_' : c).ToArray());
    }

    [GeneratedRegex("/Account/Login", RegexOptions.IgnoreCase)]
    private static partial Regex LoginUrlRegex();
}
