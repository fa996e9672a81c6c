using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ZhiPingQuan.Benchmarks;

/// <summary>
/// The portal as deployed in pairs: two instances on one PostgreSQL behind nginx (scripts/two-instances.sh), loaded with
/// a mix of what people do. The district 浦东新区 first imports the generated 10 000-row batch list through the pages
/// (through nginx, so upload and confirm may land on different instances). Then <c>--connections</c> virtual users, each
/// with one keep-alive connection and its own cookies, loop without pause: sign in as one of the demo roles (district,
/// commission, third party, agency, enterprise; the sign-in page and the POST), then 20 requests of that role — its home
/// page, its list pages (the district's over the 10 000 enterprises), record pages found on those lists and an assessment
/// report download — then sign in again as someone else. After <c>--warmup</c> seconds (90: the runtime still compiles the
/// hot code for a minute and more after the load starts — 9 % of the machine's CPU in the measured minute after a 15 s
/// warm-up, 0.3 % after 90 s — and the goal is the portal under steady load) it measures for <c>--seconds</c>
/// and reports requests per second, p50, p99 and errors (non-2xx other than the sign-in's redirect, redirects to the
/// sign-in page, failed connections and timeouts), per kind of request and per instance.
/// Goal: no error and p99 under 500 ms at 64 connections.
/// <code>
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- cluster [--connections 64] [--seconds 60] [--warmup 90]
///     [--rows 10000] [--postgres "Host=…;Username=…;Password=…;Database=postgres"]
/// </code>
/// </summary>
public static partial class ClusterLoad
{
    private const string Password = "Zpq@2023demo";
    private const double P99GoalMs = 500;
    private const int RequestsPerSession = 20;

    private sealed record Role(string Name, string Account, int Weight, string[] Lists)
    {
        public List<string> Records { get; } = [];
        public List<string> Downloads { get; } = [];
    }

    private static List<Role> Roles() =>
    [
        new("区县", "district.pudong@zpq.local", 35,
            ["/Enterprises", "/Enterprises?page=50", "/Enterprises?q=" + Uri.EscapeDataString("基准测试第12"), "/Recommendations",
             "/Recommendations?page=50", "/Assignments", "/Assessments/Progress", "/SummaryTables"]),
        new("市经信委", "commission@zpq.local", 15, ["/RecommendationOverview", "/RecommendationOverview?q=51000012", "/Assessments/Tracking", "/SummaryTables/Inbox"]),
        new("第三方", "thirdparty@zpq.local", 15, ["/Assessments/Tracking", "/SummaryTables", "/RecommendationOverview"]),
        new("服务机构", "agency.a@zpq.local", 20, ["/Assignments/Tasks", "/Assessments"]),
        new("企业", "enterprise.a@zpq.local", 15, ["/Enterprises/Mine", "/Assignments/Mine"]),
    ];

    /// <param name="AuthenticatorKey">The second factor's key, for the roles that must enrol one (null for the others).</param>
    private sealed record Account(Role Role, string Email, string? AuthenticatorKey);

    private sealed record Sample(string Kind, double Ms, bool Bad, string? Instance, string Outcome);

    public static async Task<int> RunAsync(string[] args)
    {
        int connections = 64, seconds = 60, warmup = 90, rows = 10_000;
        string? postgres = null;
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--connections": connections = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rows": rows = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = Next(); break;
                default:
                    Console.Error.WriteLine("usage: -- cluster [--connections 64] [--seconds 60] [--warmup 90] [--rows 10000] [--postgres <connection string>]");
                    return 2;
            }
        }

        await using var cluster = await TwoInstanceScript.StartAsync(postgres);
        var baseUrl = cluster.ProxyUrl;
        Console.WriteLine($"两个实例经 nginx：{baseUrl}（{cluster.InstanceAUrl}、{cluster.InstanceBUrl}），PostgreSQL，Release，Demo 环境；{Environment.ProcessorCount} 核，负载 {ListLoad.LoadAverage()}");

        var listPath = Path.Combine(Path.GetTempPath(), $"zpq-cluster-list-{rows}.xlsx");
        ImportFixture.WriteValidList(listPath, rows);
        var watch = Stopwatch.StartNew();
        await using (var district = await ListLoad.PortalClient.SignInAsync(baseUrl, "district.pudong@zpq.local", Password))
        {
            Console.WriteLine($"经 nginx 上传并确认 {rows} 行名单：{await district.ImportListAsync(listPath)}（{watch.Elapsed.TotalSeconds:0.0} s）");
        }
        File.Delete(listPath);

        var roles = Roles();
        await DiscoverAsync(baseUrl, roles);
        foreach (var role in roles)
        {
            Console.WriteLine($"  {role.Name}：列表 {role.Lists.Length} 页，记录页 {role.Records.Count} 个，下载 {role.Downloads.Count} 个（{string.Join(" ", role.Records.Concat(role.Downloads).Take(3))} …）");
        }

        watch.Restart();
        var accounts = await CreateAccountsAsync(baseUrl, roles, connections);
        Console.WriteLine($"管理员经“账户管理”页面新建 {accounts.Count} 个账户（每个虚拟用户一个，各自经一次性激活链接设置密码，市经信委和第三方的账户再启用两步验证）：{string.Join("，", accounts.GroupBy(a => a.Role.Name).Select(g => $"{g.Key} {g.Count()}"))}（{watch.Elapsed.TotalSeconds:0.0} s）");

        var samples = new ConcurrentBag<Sample>();
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var total = Stopwatch.StartNew();
        // Users join one by one over the warm-up, as people arrive: not 64 password checks in the same instant.
        var users = Enumerable.Range(0, connections).Select(i => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(warmup * 0.8 * i / connections));
            await VirtualUserAsync(baseUrl, accounts[i], i, s =>
        {
            if (Volatile.Read(ref measuring))
            {
                samples.Add(s);
            }
            }, stop.Token);
        })).ToList();
        Console.WriteLine($"负载：{connections} 个虚拟用户（各一个连接，无停顿），预热 {warmup} s，测量 {seconds} s …");
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var cpuBefore = cluster.InstancesCpuSeconds();
        var machineBefore = MachineBusySeconds();
        var serversBefore = ProcessesCpuSeconds();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Volatile.Write(ref measuring, true);
        var measured = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Volatile.Write(ref measuring, false);
        var elapsed = measured.Elapsed.TotalSeconds;
        var cpu = cluster.InstancesCpuSeconds() - cpuBefore;
        var machine = MachineBusySeconds() - machineBefore;
        var serversAfter = ProcessesCpuSeconds();
        double Server(string name) => serversAfter.GetValueOrDefault(name) - serversBefore.GetValueOrDefault(name);
        var client = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientBefore;
        await stop.CancelAsync();
        await Task.WhenAll(users);

        var all = samples.ToList();
        Console.WriteLine();
        Console.WriteLine($"结果（{connections} 连接，{seconds} s，{rows} 行名单，两个实例经 nginx，PostgreSQL；结束时负载 {ListLoad.LoadAverage()}）");
        Console.WriteLine($"| {"请求",-8} | {"次数",7} | {"req/s",7} | {"p50 ms",7} | {"p99 ms",7} | {"错误",5} |");
        Console.WriteLine("|----------|---------|---------|---------|---------|-------|");
        foreach (var kind in new[] { "登录页", "登录", "首页", "列表", "记录", "下载" })
        {
            Row(kind, all.Where(s => s.Kind == kind).ToList(), elapsed);
        }
        Row("全部", all, elapsed);
        var byInstance = all.GroupBy(s => s.Instance ?? "（无）").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"各实例应答：{string.Join("，", byInstance)}");
        // CPU the two portal processes used while measured (from /proc): what a request costs, whatever else runs on the machine.
        Console.WriteLine($"两个门户进程在测量期间用 CPU {cpu:0.0} s（平均 {cpu / elapsed:0.00} 核），每个请求 {cpu * 1000 / Math.Max(1, all.Count):0.0} ms CPU");
        // Where the machine's cores went: the load client runs on the same cores as what it measures.
        Console.WriteLine($"整机 CPU 在测量期间平均忙 {machine / elapsed:0.00} 核（共 {Environment.ProcessorCount} 核）：门户 {cpu / elapsed:0.00}，负载客户端 {client / elapsed:0.00}，PostgreSQL {Server("postgres") / elapsed:0.00}，nginx {Server("nginx") / elapsed:0.00}，其余（系统等）{(machine - cpu - client - Server("postgres") - Server("nginx")) / elapsed:0.00}");
        foreach (var error in all.Where(s => s.Bad).GroupBy(s => $"{s.Kind} {s.Outcome}").OrderByDescending(g => g.Count()).Take(8))
        {
            Console.WriteLine($"  错误：{error.Key} × {error.Count()}");
        }
        var p99 = Percentile(all.Select(s => s.Ms).Order().ToArray(), 0.99);
        var bad = all.Count(s => s.Bad);
        var ok = bad == 0 && p99 < P99GoalMs && all.Count > 0;
        Console.WriteLine(ok
            ? $"结论：达到目标（无错误，p99 {p99:0} ms < {P99GoalMs:0} ms）。"
            : $"结论：未达到目标（错误 {bad}，p99 {p99:0} ms，目标无错误且 p99 < {P99GoalMs:0} ms）。");
        return ok ? 0 : 1;
    }

    private static void Row(string kind, List<Sample> samples, double seconds)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToArray();
        Console.WriteLine($"| {kind,-8} | {samples.Count,7} | {samples.Count / seconds,7:0.0} | {Percentile(sorted, 0.50),7:0.0} | {Percentile(sorted, 0.99),7:0.0} | {samples.Count(s => s.Bad),5} |");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Record pages linked from each role's lists, and the assessment reports linked from those records.</summary>
    private static async Task DiscoverAsync(string baseUrl, List<Role> roles)
    {
        foreach (var role in roles)
        {
            await using var client = await ListLoad.PortalClient.SignInAsync(baseUrl, role.Account, Password);
            for (var index = 0; index < role.Lists.Length; index++)
            {
                var list = role.Lists[index];
                var (status, html) = await client.GetAsync(list);
                if (status == HttpStatusCode.Redirect && await client.LocationAsync(list) is { } moved && !moved.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase))
                {
                    // A page that sends the role on (an enterprise's own record): load where it goes.
                    role.Lists[index] = list = moved;
                    (status, html) = await client.GetAsync(list);
                }
                if (status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{role.Name} {list} answered {(int)status} before the run");
                }
                foreach (Match m in RecordLink().Matches(html))
                {
                    var link = m.Groups[1].Value;
                    if (role.Records.Count < 6 && !role.Records.Contains(link) && (await client.GetAsync(link)).Status == HttpStatusCode.OK)
                    {
                        role.Records.Add(link);
                    }
                }
            }
            foreach (var record in role.Records.ToList())
            {
                var (_, html) = await client.GetAsync(record);
                foreach (Match m in ReportLink().Matches(html))
                {
                    var link = WebUtility.HtmlDecode(m.Groups[1].Value);
                    if (role.Downloads.Count < 3 && !role.Downloads.Contains(link) && (await client.GetAsync(link)).Status == HttpStatusCode.OK)
                    {
                        role.Downloads.Add(link);
                    }
                }
            }
        }
    }

    /// <summary>
    /// One account per virtual user, in the organisations of the demo accounts, shared out by the roles' weights: people
    /// sign in with their own accounts (several sessions signing in to one account at once is another matter).
    /// The administrator creates them on the 账户管理 pages; each is activated through its one-time link (shown to the
    /// administrator, no mail server here) and, where its role must, enrols a second factor — as a person would.
    /// </summary>
    private static async Task<List<Account>> CreateAccountsAsync(string baseUrl, List<Role> roles, int count)
    {
        await using var admin = await ListLoad.PortalClient.SignInAsync(baseUrl, "admin@zpq.local", Password);
        var total = roles.Sum(r => r.Weight);
        var accounts = new List<Account>();
        foreach (var role in roles)
        {
            var share = role == roles[^1] ? count - accounts.Count : (int)Math.Round((double)count * role.Weight / total);
            var (_, users) = await admin.GetAsync("/Users?q=" + Uri.EscapeDataString(role.Account));
            var userId = UserEditLink().Match(users) is { Success: true } u ? u.Groups[1].Value : throw new InvalidOperationException($"{role.Account} not found on /Users");
            var (_, edit) = await admin.GetAsync($"/Users/Edit/{userId}");
            var organisationId = SelectedOption().Match(edit) is { Success: true } o ? o.Groups[1].Value : throw new InvalidOperationException($"no organisation on {role.Account}'s edit page");
            for (var n = 0; n < share; n++)
            {
                var email = $"load{accounts.Count + 1:D3}.{Guid.NewGuid():N}"[..16] + "@zpq.local";
                var created = await admin.PostFormAsync($"/Users/Create?organisationId={organisationId}", "/Users/Create", new()
                {
                    ["OrganisationId"] = organisationId, ["Email"] = email, ["DisplayName"] = $"压测用户{accounts.Count + 1}",
                });
                var createdAt = created.Headers.Location?.OriginalString;
                if (created.StatusCode != HttpStatusCode.Redirect || createdAt is null)
                {
                    throw new InvalidOperationException($"creating {email} answered {(int)created.StatusCode}");
                }
                var (_, shown) = await admin.GetAsync(createdAt);
                var link = IssuedLink().Match(shown) is { Success: true } l ? new Uri(WebUtility.HtmlDecode(l.Groups[1].Value))
                    : throw new InvalidOperationException($"no activation link shown for {email}");
                await using var person = ListLoad.PortalClient.Anonymous(baseUrl);
                var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"] ?? throw new InvalidOperationException($"no token in {link}");
                var activated = await person.PostFormAsync(link.PathAndQuery, "/Account/Activate", new()
                {
                    ["Token"] = token, ["NewPassword"] = Password, ["ConfirmPassword"] = Password,
                });
                if (activated.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"activating {email} answered {(int)activated.StatusCode}");
                }
                var signedIn = await person.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = email, ["Password"] = Password });
                if (signedIn.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"{email}'s first sign-in answered {(int)signedIn.StatusCode}");
                }
                // A role that must use a second factor is sent to enrol one by the first page it asks for.
                string? key = null;
                if ((await person.LocationAsync("/"))?.Contains("/Account/TwoFactor", StringComparison.Ordinal) == true)
                {
                    var (_, enrol) = await person.GetAsync("/Account/TwoFactor");
                    key = AuthenticatorKey().Match(enrol) is { Success: true } k ? WebUtility.HtmlDecode(k.Groups[1].Value)
                        : throw new InvalidOperationException($"no authenticator key on {email}'s enrolment page");
                    var enrolled = await person.PostFormAsync("/Account/TwoFactor", "/Account/TwoFactor", new() { ["Code"] = Code(key) });
                    if (!(await enrolled.Content.ReadAsStringAsync()).Contains("两步验证已启用", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"{email} could not enrol a second factor");
                    }
                }
                accounts.Add(new Account(role, email, key));
            }
        }
        // Interleave the roles, so users joining one by one come in a mix.
        return accounts.Select((a, i) => (a, key: (i * 7919) % accounts.Count)).OrderBy(x => x.key).Select(x => x.a).ToList();
    }

    private static async Task VirtualUserAsync(string baseUrl, Account account, int seed, Action<Sample> record, CancellationToken stop)
    {
        var random = new Random(seed);
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var role = account.Role;
        while (!stop.IsCancellationRequested)
        {
            var cookies = new Dictionary<string, string>(StringComparer.Ordinal);

            var (page, _) = await SendAsync(http, cookies, HttpMethod.Get, "/Account/Login", null, "登录页", HttpStatusCode.OK, record);
            var token = page is null ? null : Token().Match(page) is { Success: true } t ? WebUtility.HtmlDecode(t.Groups[1].Value) : null;
            if (token is null)
            {
                continue;
            }
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = account.Email, ["Password"] = Password, ["__RequestVerificationToken"] = token,
            });
            var (_, signedIn) = await SendAsync(http, cookies, HttpMethod.Post, "/Account/Login", form, "登录", HttpStatusCode.Redirect, record);
            if (!signedIn)
            {
                continue;
            }
            if (account.AuthenticatorKey is { } key)
            {
                // The roles that must use a second factor type the authenticator's code on the next page.
                var (codePage, _) = await SendAsync(http, cookies, HttpMethod.Get, "/Account/LoginWithCode", null, "登录页", HttpStatusCode.OK, record);
                var codeToken = codePage is null ? null : Token().Match(codePage) is { Success: true } ct ? WebUtility.HtmlDecode(ct.Groups[1].Value) : null;
                if (codeToken is null)
                {
                    continue;
                }
                var code = new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = Code(key), ["__RequestVerificationToken"] = codeToken });
                var (_, passed) = await SendAsync(http, cookies, HttpMethod.Post, "/Account/LoginWithCode", code, "登录", HttpStatusCode.Redirect, record);
                if (!passed)
                {
                    continue;
                }
            }

            for (var n = 0; n < RequestsPerSession && !stop.IsCancellationRequested; n++)
            {
                var roll = random.Next(100);
                var (kind, path) = roll switch
                {
                    < 15 => ("首页", "/"),
                    < 65 => ("列表", role.Lists[random.Next(role.Lists.Length)]),
                    < 90 when role.Records.Count > 0 => ("记录", role.Records[random.Next(role.Records.Count)]),
                    _ when role.Downloads.Count > 0 => ("下载", role.Downloads[random.Next(role.Downloads.Count)]),
                    _ => ("列表", role.Lists[random.Next(role.Lists.Length)]),
                };
                await SendAsync(http, cookies, HttpMethod.Get, path, null, kind, HttpStatusCode.OK, record);
            }
        }
    }

    /// <summary>One request with the user's cookies; records its time and whether it went wrong; keeps the cookies it sets.</summary>
    private static async Task<(string? Body, bool Ok)> SendAsync(HttpClient http, Dictionary<string, string> cookies, HttpMethod method, string path,
        HttpContent? content, string kind, HttpStatusCode expected, Action<Sample> record)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsStringAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            var location = response.Headers.Location?.OriginalString ?? "";
            // Sent back to the sign-in page is a failure; on to the second factor's page is the sign-in going on.
            var ok = response.StatusCode == expected && (!location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)
                || location.Contains("/Account/LoginWithCode", StringComparison.OrdinalIgnoreCase));
            record(new Sample(kind, ms, !ok, response.Headers.TryGetValues("X-Portal-Instance", out var names) ? names.FirstOrDefault() : null,
                $"{(int)response.StatusCode}{(location.Length > 0 ? " → " + location : "")}"));
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';')[0];
                    var eq = pair.IndexOf('=');
                    var (name, value) = (pair[..eq], pair[(eq + 1)..]);
                    if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        cookies.Remove(name);
                    }
                    else
                    {
                        cookies[name] = value;
                    }
                }
            }
            return (body, ok);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            record(new Sample(kind, watch.Elapsed.TotalMilliseconds, true, null, e.GetType().Name));
            return (null, false);
        }
    }

    [GeneratedRegex("/Users/Edit/([0-9a-fA-F-]{36})")]
    private static partial Regex UserEditLink();

    [GeneratedRegex("<option value=\"([0-9a-fA-F-]{36})\" selected=\"selected\"")]
    private static partial Regex SelectedOption();

    [GeneratedRegex("data-testid=\"issued-link\">([^<]+)<")]
    private static partial Regex IssuedLink();

    [GeneratedRegex("data-testid=\"two-factor-key\">([^<]+)<")]
    private static partial Regex AuthenticatorKey();

    /// <summary>The authenticator's current code, by Otp.NET (as a phone computes it, not by the portal's own code).</summary>
    private static string Code(string base32Key) =>
        new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(base32Key.Replace(" ", "", StringComparison.Ordinal))).ComputeTotp(DateTime.UtcNow);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>A GET link to one record: /Controller/Action/{guid}, nothing that changes data.</summary>
    [GeneratedRegex("href=\"(/(?:Enterprises|Recommendations|Assessments|Assignments|SummaryTables)/(?:Details|Record)/[0-9a-fA-F-]{36})\"")]
    private static partial Regex RecordLink();

    [GeneratedRegex("href=\"(/Assessments/Report(?:Version)?/[0-9a-fA-F-]{36}[^\"]*)\"")]
    private static partial Regex ReportLink();

    /// <summary>CPU seconds all cores have been busy since boot (/proc/stat: everything but idle and I/O wait).</summary>
    private static double MachineBusySeconds()
    {
        // user nice system idle iowait irq softirq steal (the guest fields after them are counted in user already).
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (ticks.Sum() - ticks[3] - ticks[4]) / 100.0;
    }

    /// <summary>User + system CPU seconds of a process from its /proc/&lt;pid&gt;/stat line (clock ticks of 1/100 s).</summary>
    private static double StatCpuSeconds(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>
    /// CPU seconds of the PostgreSQL and nginx processes now running, by program name (/proc/&lt;pid&gt;/stat; a
    /// process that ends during the run takes its share with it, so these are lower bounds).
    /// </summary>
    private static Dictionary<string, double> ProcessesCpuSeconds()
    {
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var key = name.StartsWith("postgres", StringComparison.Ordinal) ? "postgres" : name.StartsWith("nginx", StringComparison.Ordinal) ? "nginx" : null;
                if (key is null)
                {
                    continue;
                }
                byName[key] = byName.GetValueOrDefault(key) + StatCpuSeconds(stat);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // Gone between the listing and the read, or not a process folder.
            }
        }
        return byName;
    }

    /// <summary>scripts/two-instances.sh as a child process; disposing closes its input, which makes it stop everything.</summary>
    private sealed class TwoInstanceScript : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        private TwoInstanceScript(Process process) => _process = process;

        public string ProxyUrl => _values["PORTAL_URL"];
        public string InstanceAUrl => _values["INSTANCE_A_URL"];
        public string InstanceBUrl => _values["INSTANCE_B_URL"];

        /// <summary>User + system CPU seconds of both portal processes so far (/proc/&lt;pid&gt;/stat, in clock ticks of 1/100 s).</summary>
        public double InstancesCpuSeconds() =>
            new[] { "INSTANCE_A_PID", "INSTANCE_B_PID" }.Sum(key => StatCpuSeconds(File.ReadAllText($"/proc/{_values[key]}/stat")));

        public static async Task<TwoInstanceScript> StartAsync(string? postgres)
        {
            var root = RepoRoot();
            var start = new ProcessStartInfo("bash") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Path.Combine(root, "scripts", "two-instances.sh"));
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(FreePort().ToString(CultureInfo.InvariantCulture));
            // Every virtual user signs in from this machine's one address, again and again: the per-address and
            // per-account sign-in limits (20 and 5 a minute), meant for people, would refuse the load itself.
            foreach (var limit in ListLoad.LoadSignInLimits)
            {
                start.ArgumentList.Add("--set");
                start.ArgumentList.Add(limit);
            }
            if (postgres is not null)
            {
                start.ArgumentList.Add("--postgres");
                start.ArgumentList.Add(postgres);
            }
            var script = new TwoInstanceScript(Process.Start(start) ?? throw new InvalidOperationException("bash did not start"));
            while (await script._process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "READY")
                {
                    return script;
                }
                if (line.IndexOf('=') is var i and > 0)
                {
                    script._values[line[..i]] = line[(i + 1)..];
                }
            }
            await script.DisposeAsync();
            throw new InvalidOperationException("two-instances.sh ended before READY (its messages are above)");
        }

        public async ValueTask DisposeAsync()
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.Dispose();
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
}
