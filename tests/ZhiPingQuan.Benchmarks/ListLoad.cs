using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace ZhiPingQuan.Benchmarks;

/// <summary>
/// Load on the list pages of a large district. Starts the built portal (Release) as a child process on a fresh
/// database — a temp SQLite file, or a new database on the PostgreSQL server given with <c>--postgres</c> — with
/// the demo seed, signs in as 浦东新区, imports the generated 10 000-row batch list through the real upload and
/// confirm pages, and then drives each page with <c>wrk</c> (32 connections, a bounded time each) with the
/// sign-in cookie. <c>/healthz</c> is the baseline: a page's goal is at least 30 % of its requests per second
/// with p99 under 300 ms. Each page is measured in every round (pages interleaved, so a noisy minute on a shared
/// machine hits all of them alike) and the table shows the median of the rounds.
/// <code>
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- lists [--postgres "Host=…;Username=…;Password=…;Database=postgres"]
///     [--rows 10000] [--seconds 10] [--rounds 3] [--connections 32] [--only Enterprises,healthz] [--hold seconds]
/// </code>
/// </summary>
public static partial class ListLoad
{
    private const string District = "district.pudong@zpq.local";
    private const string Commission = "commission@zpq.local";
    private const string Password = "Zpq@2023demo";
    private const double RatioGoal = 0.30;
    private const double P99GoalMs = 300;

    /// <summary>
    /// The pages measured. Names are searched the way a district does: part of the generated names
    /// ("上海基准测试第{n}号智能制造有限公司"), and part of the middle of the credit codes
    /// ("91310115" + (100 000 000 + i) + check character).
    /// </summary>
    private static IReadOnlyList<Target> Targets(int rows)
    {
        // Row i has the code "91310115" + (100 000 000 + i) + check character: this middle part is that of rows
        // 1200…1299 (100 codes) when the list has them, else of the first rows.
        var codePart = rows > 1299 ? "51000012" : "5100000";
        return
        [
            new("healthz", "/healthz", null),
            // Reference points, not list pages (not held to the goal): what every signed-in request costs before a page
            // does anything (the cookie and the session check), and a signed-in page with the layout and a form but no list.
            new("参照 healthz 登录态", "/healthz", District, Reference: true),
            new("参照 无列表页面", "/Account/ChangePassword", District, Reference: true),
            new("Enterprises", "/Enterprises", District),
            new("Enterprises p50", "/Enterprises?page=50", District),
            new("Enterprises 名称", "/Enterprises?q=" + Uri.EscapeDataString("基准测试第12"), District),
            new("Enterprises 代码", "/Enterprises?q=" + codePart, District),
            new("Recommendations", "/Recommendations", District),
            new("Recommendations p50", "/Recommendations?page=50", District),
            new("Assignments", "/Assignments", District),
            new("Assign. Unassigned", "/Assignments/Unassigned", District),
            new("Assessments Progress", "/Assessments/Progress", District),
            new("RecOverview", "/RecommendationOverview", Commission),
            new("RecOverview 代码", "/RecommendationOverview?q=" + codePart, Commission),
        ];
    }

    private sealed class Target(string name, string path, string? account, bool Reference = false)
    {
        public string Name { get; } = name;
        public string Path { get; } = path;
        public string? Account { get; } = account;

        /// <summary>Measured to show what a list page's cost is made of; not a list page, so not held to the goal.</summary>
        public bool IsReference { get; } = Reference;

        /// <summary>The page's own count ("共 N 条"), read once before the run.</summary>
        public string Shown { get; set; } = "—";
    }

    /// <param name="PortalCpuMsPerRequest">
    /// CPU time of the portal's process per request during the run (user + system, from the OS): unlike requests per
    /// second it hardly moves with what else the machine runs, so the ratio of two pages' figures is what their
    /// throughputs' ratio would be on a machine the portal had to itself (the database server's CPU not counted).
    /// </param>
    private sealed record Run(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Bad, double PortalCpuMsPerRequest = 0);

    /// <summary>
    /// The sign-in limits of a portal under load (both modes): every sign-in of a run comes from this machine's one
    /// address, again and again, and the limits meant for people (20 and 5 a minute) would refuse the load itself.
    /// </summary>
    internal static readonly string[] LoadSignInLimits =
        ["Security:SignInAttemptsPerAddressPerMinute=100000", "Security:SignInAttemptsPerAccountPerMinute=100000"];

    private sealed class Options
    {
        public string? Postgres { get; set; }
        public int Rows { get; set; } = 10_000;
        public int Seconds { get; set; } = 10;
        public int Rounds { get; set; } = 3;
        public int Connections { get; set; } = 32;
        public HashSet<string>? Only { get; set; }
        public int HoldSeconds { get; set; }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: -- lists [--postgres <connection string>] [--rows N] [--seconds N] [--rounds N] [--connections N] [--only name,name] [--hold seconds]");
            return 2;
        }
        var wrk = FindOnPath("wrk");
        if (wrk is null)
        {
            Console.WriteLine("未找到 wrk：请先安装（Debian：apt-get install wrk）。本次改用内置的 HttpClient 负载循环（同样的连接数与时长，客户端开销更大，比值偏低）。");
        }
        var targets = Targets(options.Rows).Where(t => options.Only is null || t.Name == "healthz" || t.IsReference || options.Only.Contains(t.Name)).ToList();

        await using var database = await BenchDatabase.CreateAsync(options.Postgres);
        using var portal = new PortalProcess(database);
        Console.WriteLine($"数据库：{database.Description}；门户：{portal.BaseUrl}（Release，Demo 环境，日志 {portal.LogFile}）");
        await portal.StartAsync();

        var listPath = Path.Combine(portal.Folder, "batch-list.xlsx");
        ImportFixture.WriteValidList(listPath, options.Rows);
        var watch = Stopwatch.StartNew();
        await using (var district = await PortalClient.SignInAsync(portal.BaseUrl, District, Password))
        {
            var imported = await district.ImportListAsync(listPath);
            Console.WriteLine($"已通过“批量导入”页面上传并确认 {options.Rows} 行名单：{imported}（{watch.Elapsed.TotalSeconds:0.0} s）");
        }

        if (options.HoldSeconds > 0)
        {
            // To look at the loaded portal by hand (wrk, dotnet-trace, EXPLAIN): it stays up this long, then goes on.
            await using var d = await PortalClient.SignInAsync(portal.BaseUrl, District, Password);
            await using var c = await PortalClient.SignInAsync(portal.BaseUrl, Commission, Password);
            Console.WriteLine($"门户保持运行 {options.HoldSeconds} s：{portal.BaseUrl}，进程 {portal.ProcessId}，数据库 {portal.DatabaseText}");
            Console.WriteLine($"区县 Cookie: {d.CookieHeader()}");
            Console.WriteLine($"市经信委 Cookie: {c.CookieHeader()}");
            await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
        }

        // What each page shows (and that it answers 200 with the cookie) before it is measured.
        foreach (var account in targets.Select(t => t.Account).Distinct())
        {
            await using var client = account is null ? PortalClient.Anonymous(portal.BaseUrl) : await PortalClient.SignInAsync(portal.BaseUrl, account, Password);
            foreach (var target in targets.Where(t => t.Account == account))
            {
                var (status, html) = await client.GetAsync(target.Path);
                if (status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{target.Path} answered {(int)status} before the run");
                }
                var total = TotalPattern().Match(html);
                target.Shown = total.Success ? total.Groups[1].Value + " 条" : "—";
            }
        }

        Console.WriteLine($"负载：每页 {options.Connections} 个连接；先把每页预热 3 s，每次测量前再预热 2 s，再测 {options.Seconds} s；共 {options.Rounds} 轮（每轮依次测全部页面），取中位数。负载 {LoadAverage()}");
        // One pass over every page first: the portal's code is compiled optimised only after it has run a while
        // (tiered JIT), and the first page measured would otherwise pay for what all pages share.
        foreach (var target in targets)
        {
            await using var client = target.Account is null ? PortalClient.Anonymous(portal.BaseUrl) : await PortalClient.SignInAsync(portal.BaseUrl, target.Account, Password);
            await LoadAsync(wrk, portal.BaseUrl + target.Path, client.CookieHeader(), options.Connections, 3);
        }
        var results = targets.ToDictionary(t => t, _ => new List<Run>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var target in targets)
            {
                // A fresh sign-in per run: the cookie is re-validated after a minute (security stamp), and wrk,
                // unlike a browser, would keep sending the old one and make every request pay for it.
                await using var client = target.Account is null ? PortalClient.Anonymous(portal.BaseUrl) : await PortalClient.SignInAsync(portal.BaseUrl, target.Account, Password);
                var url = portal.BaseUrl + target.Path;
                var cookie = client.CookieHeader();
                await LoadAsync(wrk, url, cookie, options.Connections, 2);
                var cpuBefore = portal.CpuTime();
                var run = await LoadAsync(wrk, url, cookie, options.Connections, options.Seconds);
                run = run with { PortalCpuMsPerRequest = (portal.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, run.Requests) };
                results[target].Add(run);
                Console.WriteLine($"  第{round}轮 {target.Name,-22} {run.RequestsPerSecond,8:0} req/s  p50 {run.P50Ms,6:0.0} ms  p99 {run.P99Ms,6:0.0} ms  非2xx/错误 {run.Bad}  门户 CPU {run.PortalCpuMsPerRequest:0.00} ms/请求");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"结果（{database.Description}，{options.Rows} 行名单，{options.Connections} 连接，{options.Rounds} 轮中位数；{(wrk is null ? "HttpClient 负载" : "wrk")}；结束时负载 {LoadAverage()}）");
        Console.WriteLine($"| {"页面",-22} | {"路径",-40} | {"行数",8} | {"req/s",7} | {"/healthz",8} | {"p50 ms",7} | {"p99 ms",7} | {"非2xx/错误",9} | {"CPU ms/请求",10} | {"CPU 比",7} |");
        Console.WriteLine($"|{new string('-', 24)}|{new string('-', 42)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 11)}|{new string('-', 12)}|{new string('-', 9)}|");
        var baseline = Median(results[targets[0]].Select(r => r.RequestsPerSecond));
        var baselineCpu = Median(results[targets[0]].Select(r => r.PortalCpuMsPerRequest));
        var failed = new List<string>();
        foreach (var target in targets)
        {
            var runs = results[target];
            var rps = Median(runs.Select(r => r.RequestsPerSecond));
            var p99 = Median(runs.Select(r => r.P99Ms));
            var bad = runs.Sum(r => r.Bad);
            var ratio = rps / baseline;
            if (target.Account is not null && !target.IsReference && (ratio < RatioGoal || p99 >= P99GoalMs || bad > 0))
            {
                failed.Add(target.Name);
            }
            var cpu = Median(runs.Select(r => r.PortalCpuMsPerRequest));
            Console.WriteLine($"| {target.Name,-22} | {target.Path,-40} | {target.Shown,8} | {rps,7:0} | {ratio,7:0%} | {Median(runs.Select(r => r.P50Ms)),7:0.0} | {p99,7:0.0} | {bad,9} | {cpu,10:0.00} | {(cpu > 0 ? baselineCpu / cpu : 0),6:0%} |");
        }
        Console.WriteLine(failed.Count == 0
            ? $"结论：每个列表页都达到目标（≥ {RatioGoal:0%} 的 /healthz 吞吐，p99 < {P99GoalMs:0} ms，无错误）。"
            : $"结论：未达到目标的页面：{string.Join("、", failed)}。");
        Console.WriteLine("“CPU 比”＝/healthz 每请求的门户 CPU ÷ 该页每请求的门户 CPU：机器不空闲时，它比 req/s 之比更接近门户独占两核时的吞吐之比。");
        return 0;
    }

    private static Options? Parse(string[] args)
    {
        var options = new Options();
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--postgres": options.Postgres = Next(); break;
                case "--rows": options.Rows = NextInt(); break;
                case "--seconds": options.Seconds = NextInt(); break;
                case "--rounds": options.Rounds = NextInt(); break;
                case "--connections": options.Connections = NextInt(); break;
                case "--hold": options.HoldSeconds = NextInt(); break;
                case "--only": options.Only = Next().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(); break;
                default: return null;
            }
        }
        return options.Rows > 0 && options.Seconds is > 0 and <= 120 && options.Rounds is > 0 and <= 20 && options.Connections is > 0 and <= 256 ? options : null;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    [GeneratedRegex(@"共 (\d+) 条")]
    private static partial Regex TotalPattern();

    private static Task<Run> LoadAsync(string? wrk, string url, string cookie, int connections, int seconds) =>
        wrk is null ? HttpClientLoad.RunAsync(url, cookie, connections, seconds) : WrkAsync(wrk, url, cookie, connections, seconds);

    /// <summary>
    /// wrk counts only 4xx/5xx as bad; its script here also counts a redirect (to the sign-in page, say) and
    /// prints one line the harness reads.
    /// </summary>
    private const string WrkScript = """
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) bad = 0 end
        function response(status, headers, body)
          if status < 200 or status > 299 then bad = bad + 1 end
        end
        function done(summary, latency, requests)
          local n = 0
          for _, t in ipairs(threads) do n = n + t:get("bad") end
          local e = summary.errors
          io.write(string.format("ZPQ %d %d %d %d %d\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(99), n + e.connect + e.read + e.write + e.timeout))
        end
        """;

    private static async Task<Run> WrkAsync(string wrk, string url, string cookie, int connections, int seconds)
    {
        var script = Path.Combine(Path.GetTempPath(), "zpq-lists-wrk.lua");
        await File.WriteAllTextAsync(script, WrkScript);
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--timeout", "10s", "-s", script })
        {
            start.ArgumentList.Add(a);
        }
        if (cookie.Length > 0)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("Cookie: " + cookie);
        }
        start.ArgumentList.Add(url);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("ZPQ ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk gave no result: {output}{error}");
        var n = line.Split(' ').Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Run(n[0] / (n[1] / 1e6), n[2] / 1000.0, n[3] / 1000.0, n[0], n[4]);
    }

    internal sealed partial class PortalClient : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly CookieContainer _cookies = new();
        private readonly Uri _base;

        private PortalClient(string baseUrl)
        {
            _base = new Uri(baseUrl);
            _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
            {
                BaseAddress = _base,
                Timeout = TimeSpan.FromMinutes(5),
            };
        }

        public static PortalClient Anonymous(string baseUrl) => new(baseUrl);

        public static async Task<PortalClient> SignInAsync(string baseUrl, string email, string password)
        {
            var client = new PortalClient(baseUrl);
            var response = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = email, ["Password"] = password });
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Login", StringComparison.OrdinalIgnoreCase) == true)
            {
                throw new InvalidOperationException($"sign-in of {email} failed: {(int)response.StatusCode}");
            }
            return client;
        }

        /// <summary>Every cookie the portal set (the sign-in cookie may come in chunks), as one Cookie header.</summary>
        public string CookieHeader() => _cookies.GetCookieHeader(_base);

        /// <summary>Where a page redirects to (null when it does not).</summary>
        public async Task<string?> LocationAsync(string path)
        {
            using var response = await _http.GetAsync(path);
            return response.Headers.Location?.OriginalString;
        }

        public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
        {
            using var response = await _http.GetAsync(path);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        /// <summary>The district's way: choose the open batch, upload the list, read the preview, confirm.</summary>
        public async Task<string> ImportListAsync(string listPath)
        {
            var (_, index) = await GetAsync("/BatchImport");
            var batchId = OpenBatchPattern().Match(index) is { Success: true } m ? m.Groups[1].Value
                : throw new InvalidOperationException("no open batch on /BatchImport");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(Token(index)), "__RequestVerificationToken" },
                { new StringContent(batchId), "batchId" },
            };
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(listPath));
            file.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            form.Add(file, "file", "推荐名单.xlsx");
            using var uploaded = await _http.PostAsync("/BatchImport/Upload", form);
            var preview = uploaded.Headers.Location?.OriginalString;
            if (uploaded.StatusCode != HttpStatusCode.Redirect || preview is null || !preview.Contains("Preview", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"upload answered {(int)uploaded.StatusCode}");
            }
            var confirm = preview.Replace("Preview", "Confirm", StringComparison.Ordinal);
            using var confirmed = await PostFormAsync(preview, confirm, []);
            var result = confirmed.Headers.Location?.OriginalString;
            if (confirmed.StatusCode != HttpStatusCode.Redirect || result is null || !result.Contains("Result", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"confirm answered {(int)confirmed.StatusCode} → {result}");
            }
            var (_, page) = await GetAsync(result);
            return FlashPattern().Match(page) is { Success: true } flash ? WebUtility.HtmlDecode(flash.Groups[1].Value) : result;
        }

        public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string actionUrl, Dictionary<string, string> fields)
        {
            var (_, html) = await GetAsync(pageUrl);
            fields["__RequestVerificationToken"] = Token(html);
            return await _http.PostAsync(actionUrl, new FormUrlEncodedContent(fields));
        }

        private static string Token(string html) =>
            TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
                : throw new InvalidOperationException("no antiforgery token on the page");

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();

        [GeneratedRegex("<option value=\"([0-9a-fA-F-]{36})\"(?: selected=\"selected\")?>")]
        private static partial Regex OpenBatchPattern();

        [GeneratedRegex("data-testid=\"flash-success\">([^<]*)<")]
        private static partial Regex FlashPattern();

        public ValueTask DisposeAsync()
        {
            _http.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A fresh database for one benchmark: a temp SQLite file, or a new database on the given PostgreSQL server.</summary>
    private sealed class BenchDatabase : IAsyncDisposable
    {
        private readonly string? _adminConnectionString;
        private readonly string? _name;

        private BenchDatabase(string provider, string connectionString, string description, string? admin, string? name)
        {
            Provider = provider;
            ConnectionString = connectionString;
            Description = description;
            _adminConnectionString = admin;
            _name = name;
        }

        public string Provider { get; }
        public string ConnectionString { get; }
        public string Description { get; }

        public static async Task<BenchDatabase> CreateAsync(string? postgres)
        {
            if (postgres is null)
            {
                // The portal's folder holds the file; it goes with the folder.
                return new BenchDatabase("Sqlite", "", "SQLite（临时文件）", null, null);
            }
            var name = $"zpq_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(postgres))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
                await using var version = new NpgsqlCommand("SHOW server_version", connection);
                var builder = new NpgsqlConnectionStringBuilder(postgres) { Database = name };
                return new BenchDatabase("Postgres", builder.ConnectionString, $"PostgreSQL {await version.ExecuteScalarAsync()}（新建库 {name}）", postgres, name);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_adminConnectionString is null)
            {
                return;
            }
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The built portal (<c>dotnet ZhiPingQuan.Web.dll</c>, Release) on a free loopback port, as the browser tests start it.</summary>
    private sealed class PortalProcess : IDisposable
    {
        private readonly BenchDatabase _database;
        private Process? _process;
        private Task? _copyOut;
        private Task? _copyErr;
        private FileStream? _log;

        public PortalProcess(BenchDatabase database)
        {
            _database = database;
            Folder = Path.Combine(Path.GetTempPath(), $"zpq-lists-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path.Combine(Folder, "files"));
            BaseUrl = $"http://127.0.0.1:{FreePort()}";
        }

        public string Folder { get; }
        public string BaseUrl { get; }
        public string LogFile => Path.Combine(Folder, "portal-output.txt");
        public int ProcessId => _process?.Id ?? 0;

        /// <summary>The portal process's CPU time so far (user + system).</summary>
        public TimeSpan CpuTime()
        {
            _process!.Refresh();
            return _process.TotalProcessorTime;
        }
        public string DatabaseText => _database.Provider == "Sqlite" ? Path.Combine(Folder, "portal.db") : _database.ConnectionString;

        public async Task StartAsync()
        {
            var root = RepoRoot();
            var web = Path.Combine(root, "src", "ZhiPingQuan.Web");
            var dll = Path.Combine(web, "bin", "Release", "net10.0", "ZhiPingQuan.Web.dll");
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException($"{dll} not found: build it first (dotnet build -c Release)");
            }
            var configuration = typeof(ListLoad).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
            if (configuration != "Release")
            {
                Console.WriteLine($"注意：基准程序本身是 {configuration} 构建；门户始终用 Release 构建（{dll}）。");
            }
            var start = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
            {
                WorkingDirectory = web,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in new[] { dll, "--contentRoot", web, "--urls", BaseUrl })
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Demo";
            start.Environment["DOTNET_ENVIRONMENT"] = "Demo";
            start.Environment.Remove("ASPNETCORE_URLS");
            start.Environment["Database__Provider"] = _database.Provider;
            start.Environment["ConnectionStrings__Default"] = _database.Provider == "Sqlite"
                ? $"Data Source={Path.Combine(Folder, "portal.db")}"
                : _database.ConnectionString;
            start.Environment["Storage__Root"] = Path.Combine(Folder, "files");
            start.Environment["Logs__Path"] = Path.Combine(Folder, "logs");
            start.Environment["Demo__Seed"] = "true";
            // A fresh sign-in before every run, all from this one address: limits meant for people would refuse them.
            foreach (var limit in LoadSignInLimits)
            {
                var (key, value) = (limit[..limit.IndexOf('=')], limit[(limit.IndexOf('=') + 1)..]);
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            _process = Process.Start(start) ?? throw new InvalidOperationException("the portal did not start");
            // The portal logs every request as it would in production; its output is copied to a file in bulk.
            _log = new FileStream(LogFile, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            var sink = Stream.Synchronized(_log);
            _copyOut = _process.StandardOutput.BaseStream.CopyToAsync(sink);
            _copyErr = _process.StandardError.BaseStream.CopyToAsync(sink);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the portal exited with code {_process.ExitCode}; see {LogFile}");
                }
                try
                {
                    using var response = await http.GetAsync(BaseUrl + "/healthz");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                await Task.Delay(250);
            }
            throw new TimeoutException($"the portal did not answer /healthz within 120 s; see {LogFile}");
        }

        public void Dispose()
        {
            if (_process is not null)
            {
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
                }
                Task.WaitAll([_copyOut ?? Task.CompletedTask, _copyErr ?? Task.CompletedTask], TimeSpan.FromSeconds(5));
                _process.Dispose();
            }
            _log?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ZhiPingQuan.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new DirectoryNotFoundException("ZhiPingQuan.sln not found above " + AppContext.BaseDirectory);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>When wrk is missing: the same number of connections for the same time, from this process.</summary>
    private static class HttpClientLoad
    {
        public static async Task<Run> RunAsync(string url, string cookie, int connections, int seconds)
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
            var until = Stopwatch.StartNew();
            var latencies = new List<double>[connections];
            long bad = 0;
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
            {
                var mine = latencies[i] = [];
                var watch = new Stopwatch();
                while (until.Elapsed.TotalSeconds < seconds)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (cookie.Length > 0)
                    {
                        request.Headers.Add("Cookie", cookie);
                    }
                    watch.Restart();
                    try
                    {
                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        if (!response.IsSuccessStatusCode || (int)response.StatusCode >= 300)
                        {
                            Interlocked.Increment(ref bad);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref bad);
                    }
                    mine.Add(watch.Elapsed.TotalMilliseconds);
                }
            }));
            var elapsed = until.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToArray();
            double At(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
            return new Run(all.Length / elapsed, At(0.50), At(0.99), all.Length, bad);
        }
    }
}
