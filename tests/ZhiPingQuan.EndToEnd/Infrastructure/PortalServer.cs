using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace ZhiPingQuan.EndToEnd.Infrastructure;

/// <summary>
/// The real portal, started as a child process (<c>dotnet ZhiPingQuan.Web.dll</c>) in the Demo environment
/// on a free loopback port with its own SQLite file and file store, plus one headless Chromium shared by the
/// tests of a collection. Each xunit collection that uses it as a fixture gets its own server and data.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    // A portal of its own seeds the whole demo (PDFs, applications, redemptions) before it answers: minutes on a busy 2-core machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(300);
    private const int MaxOutputLines = 400;

    private readonly Queue<string> _output = new();
    private readonly string _tempDirectory = Path.Combine(Path.GetTempPath(), $"zpq-e2e-{Guid.NewGuid():N}");
    private Process? _process;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The portal fixture has not started.");

    /// <summary>The server's data folder (SQLite file e2e.db, the file store files/ and logs/).</summary>
    public string DataDirectory => _tempDirectory;

    /// <summary>The last lines the portal wrote to stdout/stderr.</summary>
    public string CapturedOutput => LastOutputLines(MaxOutputLines);

    /// <summary>The last <paramref name="count"/> lines the portal wrote (for failure messages).</summary>
    public string LastOutputLines(int count)
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output.Skip(Math.Max(0, _output.Count - count)));
        }
    }

    public async Task InitializeAsync()
    {
        try
        {
            Directory.CreateDirectory(Path.Combine(_tempDirectory, "files"));
            BaseUrl = $"http://127.0.0.1:{FreeTcpPort()}";
            StartProcess();
            await WaitUntilHealthyAsync();

            _playwright = await Playwright.CreateAsync();
            _browser = await LaunchChromiumAsync(_playwright);
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: leave no process or folder behind.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        StopProcess();
        DeleteTempDirectory();
    }

    /// <summary>Debian's Chromium (never a downloaded browser); <c>ZPQ_CHROMIUM</c> overrides the path.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ZPQ_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });

    private void StartProcess()
    {
        var dll = RepoPaths.WebDll;
        var contentRoot = RepoPaths.WebProjectDirectory;
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = contentRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Demo";
        start.Environment["DOTNET_ENVIRONMENT"] = "Demo";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_tempDirectory, "e2e.db")}";
        start.Environment["Storage__Root"] = Path.Combine(_tempDirectory, "files");
        start.Environment["Demo__Seed"] = "true";
        // The suite signs in far more often than people do, all from one address: the throttling has its own tests.
        start.Environment["Security__SignInAttemptsPerAddressPerMinute"] = "100000";
        start.Environment["Security__SignInAttemptsPerAccountPerMinute"] = "100000";
        // Keep the portal's log files out of the repository's App_Data.
        start.Environment["Logs__Path"] = Path.Combine(_tempDirectory, "logs");

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        if (!_process.Start())
        {
            throw new InvalidOperationException($"Could not start {start.FileName} {dll}");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        var last = "no answer yet";
        while (watch.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output
                throw new InvalidOperationException(
                    $"The portal exited with code {_process.ExitCode} before /healthz answered. Its last output:{Environment.NewLine}{LastOutputLines(80)}");
            }

            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"The portal did not answer 200 on {BaseUrl}/healthz within {StartTimeout.TotalSeconds:0} s (last: {last}). Its last output:{Environment.NewLine}{LastOutputLines(80)}");
    }

    private void StopProcess()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    private void DeleteTempDirectory()
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(_tempDirectory); attempt++)
        {
            try
            {
                Directory.Delete(_tempDirectory, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > MaxOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>The dotnet host running these tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
