using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace ZhiPingQuan.EndToEnd.Infrastructure;

/// <summary>
/// Two portal processes on one PostgreSQL database behind nginx, exactly as <c>scripts/two-instances.sh</c> sets them up
/// (the fixture runs the script and reads its READY block), with an SMTP sink in the test process as both instances'
/// mail server, and one headless Chromium. On the test run's PostgreSQL (<c>ZPQ_TEST_POSTGRES</c>, from ./test.sh) the
/// script makes a database of its own; without it the script starts a throw-away cluster. Closing the script's standard
/// input makes it stop everything it started.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly List<string> _output = [];
    private Process? _script;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public SmtpSink Smtp { get; private set; } = null!;

    /// <summary>nginx: what a browser talks to.</summary>
    public string ProxyUrl { get; private set; } = "";

    public string InstanceAUrl { get; private set; } = "";

    public string InstanceBUrl { get; private set; } = "";

    /// <summary>The instances' Npgsql connection string.</summary>
    public string Database { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The two-instance fixture has not started.");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output.TakeLast(120));
            }
        }
    }

    public async Task InitializeAsync()
    {
        try
        {
            Smtp = SmtpSink.Start();
            await StartScriptAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await PortalServer.LaunchChromiumAsync(_playwright);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartScriptAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepoPaths.RepoRoot,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.RepoRoot, "scripts", "two-instances.sh"));
        foreach (var argument in new[]
                 {
                     "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--configuration", RepoPaths.Configuration,
                     "--set", "Mail:Host=127.0.0.1",
                     "--set", $"Mail:Port={Smtp.Port}",
                     "--set", "Mail:UseTls=false",
                     "--set", "Mail:From=portal@zpq.local",
                     "--set", "Mail:PollSeconds=1",
                     "--set", "Mail:BatchSize=5",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        if (Environment.GetEnvironmentVariable("ZPQ_TEST_POSTGRES") is { Length: > 0 } postgres)
        {
            start.ArgumentList.Add("--postgres");
            start.ArgumentList.Add(postgres);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _script = new Process { StartInfo = start, EnableRaisingEvents = true };
        _script.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }
            Capture(line);
            var (key, value) = line.IndexOf('=') is var i and > 0 ? (line[..i], line[(i + 1)..]) : (line, "");
            switch (key)
            {
                case "PORTAL_URL": ProxyUrl = value; break;
                case "INSTANCE_A_URL": InstanceAUrl = value; break;
                case "INSTANCE_B_URL": InstanceBUrl = value; break;
                case "DATABASE": Database = value; break;
                case "READY": ready.TrySetResult(); break;
            }
        };
        _script.ErrorDataReceived += (_, e) => Capture(e.Data);
        _script.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"two-instances.sh exited before READY:{Environment.NewLine}{Output}"));
        _script.Start();
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();

        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"two-instances.sh did not say READY within {StartTimeout.TotalMinutes} minutes:{Environment.NewLine}{Output}");
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

        if (_script is not null)
        {
            // End of input: the script stops the instances, nginx and the database it made, then exits.
            try
            {
                _script.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await _script.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _script.Kill(entireProcessTree: true);
            }
            _script.Dispose();
            _script = null;
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
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
            _output.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition("two-instances")]
public sealed class TwoInstancesCollection : ICollectionFixture<TwoInstances>;
