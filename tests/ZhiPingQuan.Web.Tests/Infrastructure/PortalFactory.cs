using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Tests.Infrastructure;

/// <summary>
/// The real portal in-process on a real database (a SQLite file or a PostgreSQL database),
/// migrated and seeded with the demo data exactly as at a normal start.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DbProvider _provider;
    private TestDatabase? _database;

    // Every portal in the run watches its settings files and wwwroot: with one inotify instance per watcher, the
    // dozens of portals alive at once (each test class has its own) reach the machine's per-user limit (128) and a
    // start fails. Polling watchers use none; nothing in a test changes those files.
    static PortalFactory() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");

    public PortalFactory(DbProvider provider) => _provider = provider;

    /// <summary>
    /// A portal on a database the test made and disposes itself, connected with <paramref name="connectionString"/>
    /// (another database role, say) instead of the database's own.
    /// </summary>
    public PortalFactory(TestDatabase database, string connectionString) : this(database.Provider)
    {
        _database = database;
        _connectionString = connectionString;
    }

    private readonly string? _connectionString;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("fixture not initialised");

    public string StorageRoot { get; } = Infrastructure.StorageRoot.CreateTemp();

    /// <summary>
    /// Environment the host runs in: Demo, as run.sh starts it (the only environment besides Development that seeds the
    /// demo, whose accounts it exempts from two-factor sign-in); tests of the error page use Production.
    /// </summary>
    protected virtual string EnvironmentName => "Demo";

    /// <summary>Replace the clock (Moq) for deadline and error tests; null keeps the system clock.</summary>
    public IClock? Clock { get; set; }

    /// <summary>Replace the host's time (session lifetimes, cookie expiry) for session tests; null keeps the system's.</summary>
    public TimeProvider? Time { get; set; }

    public async Task InitializeAsync()
    {
        _database ??= await TestDatabase.CreateAsync(_provider);
        if (EnvironmentName == "Production")
        {
            // Production cookies are Secure: its browsers speak https (TLS ends at the proxy in front of the portal).
            ClientOptions.BaseAddress = new Uri("https://localhost");
        }
        // Starting the host migrates and seeds.
        _ = Server;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && _connectionString is null)
        {
            await _database.DisposeAsync();
        }
        try
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Database.ProviderName);
        builder.UseSetting("ConnectionStrings:Default", _connectionString ?? Database.ConnectionString);
        builder.UseSetting("Storage:Root", StorageRoot);
        builder.UseSetting("Logs:Path", Path.Combine(StorageRoot, "logs"));
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Tables", "false");
        // Tests sign in far more often than people: the throttling has tests of its own (SignInThrottleTests).
        builder.UseSetting("Security:SignInAttemptsPerAddressPerMinute", "100000");
        builder.UseSetting("Security:SignInAttemptsPerAccountPerMinute", "100000");
        builder.UseSetting("Mail:Host", "");
        // The hourly reminder job would add notices at moments no test chooses; reminder tests run it themselves.
        builder.UseSetting("Reminders:Enabled", "false");
        // Expected refusals (constraint violations) would otherwise flood the test output.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Fatal");
        builder.ConfigureServices(services =>
        {
            if (Clock is not null)
            {
                services.RemoveAll<IClock>();
                services.AddSingleton(Clock);
            }
            if (Time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Time);
            }
        });
    }

    /// <summary>A scope for reading or arranging data directly in the database.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInAsync(string email, string password = DemoPassword)
    {
        var client = Browser();
        var response = await client.SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in of {email} failed: {(int)response.StatusCode}");
        }
        return client;
    }

    public const string DemoPassword = "Zpq@2023demo";
}

public sealed class SqlitePortal() : PortalFactory(DbProvider.Sqlite);

public sealed class PostgresPortal() : PortalFactory(DbProvider.Postgres);

/// <summary>Form posts the way a browser makes them: with the antiforgery token from the page.</summary>
public static partial class PortalHttp
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = TokenPattern().Match(html);
        if (!match.Success)
        {
            throw new InvalidOperationException($"no antiforgery token on {pageUrl}");
        }
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>GETs the page for its token, then POSTs the form fields to <paramref name="actionUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string actionUrl, IDictionary<string, string> fields)
    {
        var token = await client.AntiforgeryTokenAsync(pageUrl);
        var content = new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        return await client.PostAsync(actionUrl, content);
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync("/Account/Login", "/Account/Login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
}

/// <summary>The host's time, moved by the test (session lifetimes, cookie expiry).</summary>
public sealed class MovableTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
