using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Npgsql;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// Two instances behind nginx (scripts/two-instances.sh): a browser signs in through the proxy and its requests land on
/// both instances (X-Portal-Instance); the sign-in cookie, antiforgery tokens and TempData made by one instance are
/// accepted by the other (shared data-protection keys in the database); the e-mail outbox is sent once across both.
/// </summary>
[Collection("two-instances")]
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private const string Password = BrowserTest.DemoPassword;
    private readonly TwoInstances _portal;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public TwoInstancesTests(TwoInstances portal) => _portal = portal;

    public async Task InitializeAsync()
    {
        _context = await _portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        _context.SetDefaultTimeout(20_000);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _context.CloseAsync();

    [Fact]
    public Task Through_nginx_a_signed_in_browser_is_served_by_both_instances() => RunAsync(async () =>
    {
        var pages = new List<(string Url, int Status, string? Instance)>();
        _page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document")
            {
                pages.Add((response.Url, response.Status, response.Headers.GetValueOrDefault("x-portal-instance")));
            }
        };

        await _page.GotoAsync(_portal.ProxyUrl + "/Account/Login");
        await _page.Locator("input[name=Email]").FillAsync("district.pudong@zpq.local");
        await _page.Locator("input[name=Password]").FillAsync(Password);
        await _page.Locator("button[type=submit]").ClickAsync();
        await Expect(_page.GetByTestId("home-title")).ToHaveTextAsync("推荐单位工作台");

        // Round-robin alternates requests (pages and their assets): after a few pages both instances have answered,
        // and each page still shows the signed-in user.
        foreach (var path in new[] { "/", "/Enterprises", "/Recommendations", "/Notifications", "/", "/Enterprises", "/Recommendations", "/Notifications" })
        {
            await _page.GotoAsync(_portal.ProxyUrl + path);
            await Expect(_page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
            await Expect(_page.GetByTestId("nav-user")).ToContainTextAsync("浦东新区");
        }

        var signedIn = pages.Where(p => p.Status == 200 && !p.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.All(signedIn, p => Assert.NotNull(p.Instance));
        Assert.Equal(["portal-a", "portal-b"], signedIn.Select(p => p.Instance!).Distinct().Order().ToArray());
    });

    [Fact]
    public Task A_form_from_one_instance_is_accepted_by_the_other_and_its_message_shown_by_the_first() => RunAsync(async () =>
    {
        await _page.GotoAsync(_portal.ProxyUrl + "/Account/Login");
        await _page.Locator("input[name=Email]").FillAsync("district.pudong@zpq.local");
        await _page.Locator("input[name=Password]").FillAsync(Password);
        await _page.Locator("button[type=submit]").ClickAsync();
        await Expect(_page.GetByTestId("home-title")).ToHaveTextAsync("推荐单位工作台");

        // The form (and its antiforgery token) from instance A; cookies are per host, so the sign-in holds on both ports.
        var form = await _page.GotoAsync(_portal.InstanceAUrl + "/Enterprises/Create");
        Assert.Equal("portal-a", form!.Headers["x-portal-instance"]);
        var name = $"上海双实例验证科技有限公司{Random.Shared.Next(1000, 9999)}";
        await _page.Locator("#Name").FillAsync(name);
        await _page.Locator("#CreditCode").FillAsync(NewCreditCode());
        await _page.Locator("#Industry").SelectOptionAsync(new SelectOptionValue { Label = "电子信息" });
        await _page.Locator("#AnnualOutputWanYuan").FillAsync("12000");
        var fields = await _page.Locator("form:has(#Name)").EvaluateAsync<string[][]>(
            "f => Array.from(new FormData(f)).map(([k, v]) => [k, String(v)])");
        Assert.Contains(fields, f => f[0] == "__RequestVerificationToken");

        // Posted to instance B, which checks the token A made and writes the message into TempData.
        var posted = _context.APIRequest.CreateFormData();
        foreach (var field in fields)
        {
            posted.Append(field[0], field[1]);
        }
        var answer = await _context.APIRequest.PostAsync(_portal.InstanceBUrl + "/Enterprises/Create",
            new APIRequestContextOptions { Form = posted, MaxRedirects = 0 });
        Assert.Equal("portal-b", answer.Headers["x-portal-instance"]);
        Assert.Equal(302, answer.Status);
        var location = answer.Headers["location"];
        Assert.Contains("/Enterprises/Details/", location);

        // Instance A reads B's TempData: the success message, once.
        var details = await _page.GotoAsync(_portal.InstanceAUrl + location);
        Assert.Equal("portal-a", details!.Headers["x-portal-instance"]);
        await Expect(_page.GetByTestId("flash-success")).ToContainTextAsync($"已登记企业：{name}");
        await Expect(_page.GetByTestId("enterprise-name")).ToHaveTextAsync(name);
        await _page.ReloadAsync();
        await Expect(_page.GetByTestId("flash-success")).ToHaveCountAsync(0);

        // A token that no instance made is refused by either.
        var forged = _context.APIRequest.CreateFormData();
        foreach (var field in fields)
        {
            forged.Append(field[0], field[0] == "__RequestVerificationToken" ? "CfDJ8forged" : field[1]);
        }
        var refused = await _context.APIRequest.PostAsync(_portal.ProxyUrl + "/Enterprises/Create",
            new APIRequestContextOptions { Form = forged, MaxRedirects = 0 });
        Assert.Equal(400, refused.Status);
    });

    [Fact]
    public async Task The_outbox_is_sent_once_across_both_instances()
    {
        // The demo's notices wait in the outbox; both instances poll it every second and claim mails one at a time.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        Dictionary<string, long> states;
        do
        {
            await Task.Delay(1000);
            states = await OutboxStatesAsync();
        }
        while ((states.GetValueOrDefault("Pending") > 0 || states.Count == 0) && DateTime.UtcNow < deadline);

        Assert.Equal(0, states.GetValueOrDefault("Pending"));
        var sentIds = await SentIdsAsync();
        Assert.True(sentIds.Count >= 5, $"the demo should leave mails in the outbox; states: {string.Join(", ", states)}");
        await Task.Delay(2000); // a duplicate, if any, would arrive right after
        var received = _portal.Smtp.Received.Select(m => m.MessageId).ToList();
        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.Equal(sentIds.Select(id => $"{id}@zhipingquan.outbox").Order(), received.Order());
    }

    private async Task<Dictionary<string, long>> OutboxStatesAsync()
    {
        await using var connection = new NpgsqlConnection(_portal.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"State\", COUNT(*) FROM \"OutboxEmails\" GROUP BY \"State\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            states[reader.GetString(0)] = reader.GetInt64(1);
        }
        return states;
    }

    private async Task<List<string>> SentIdsAsync()
    {
        await using var connection = new NpgsqlConnection(_portal.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT replace(\"Id\"::text, '-', '') FROM \"OutboxEmails\" WHERE \"State\" = 'Sent'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static string NewCreditCode()
    {
        var body = "91310115" + Random.Shared.Next(0, 999_999_999).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return body + CreditCode.CheckCharacter(body);
    }

    /// <summary>Keeps a screenshot and the script's output when the body fails.</summary>
    private async Task RunAsync(Func<Task> body, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        try
        {
            await body();
        }
        catch
        {
            try
            {
                Directory.CreateDirectory(RepoPaths.ScreenshotDirectory);
                await _page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(RepoPaths.ScreenshotDirectory, $"{nameof(TwoInstancesTests)}.{testName}.png"),
                    FullPage = true,
                });
            }
            catch (PlaywrightException)
            {
            }
            Console.Error.WriteLine(_portal.Output);
            throw;
        }
    }
}
