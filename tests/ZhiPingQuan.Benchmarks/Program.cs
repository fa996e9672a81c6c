using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.BatchImport;
using ExcelDataReader;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Benchmarks;

/// <summary>
/// Batch list import against the bare read of the same file by ClosedXML (the goal's yardstick: import ≤ 1.5×
/// that read and &lt; 256 MB memory growth, for 10 000 valid rows, docs/domain.md §4.1) and by ExcelDataReader (the
/// library the import reads with, so the ratio shows what checking and writing add to reading).
/// <code>
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- import [rows]   # Stopwatch harness: 3 warm-ups, 5 measured runs (medians), memory
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- profile [rows]  # where the time goes: read, check, write
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- imports [rows]  # imports only, for a profiler
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- list [rows] [path]  # writes the generated list, to try in the portal
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- bdn [rows]      # the same three cases under BenchmarkDotNet (in-process, 3 warm-ups, 5 iterations)
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- lists [--postgres "…"]  # list pages of a large district under load (see ListLoad)
/// dotnet run -c Release --project tests/ZhiPingQuan.Benchmarks -- cluster [--connections 64]  # two instances behind nginx under a mixed load (see ClusterLoad)
/// </code>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "import";
        if (command == "lists")
        {
            return await ListLoad.RunAsync(args);
        }
        if (command == "cluster")
        {
            return await ClusterLoad.RunAsync(args);
        }
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        switch (command)
        {
            case "import":
                return await ImportHarness.RunAsync(rows);
            case "profile":
                return await ImportHarness.ProfileAsync(rows);
            case "imports":
                return await ImportHarness.ImportsOnlyAsync(rows);
            case "list":
                var path = Path.GetFullPath(args.Length > 2 ? args[2] : $"batch-list-{rows}.xlsx");
                ImportFixture.WriteValidList(path, rows);
                Console.WriteLine($"已生成 {rows} 行有效名单：{path}（企业名称与信用代码每次相同，可在门户中上传试用）");
                return 0;
            case "bdn":
                Environment.SetEnvironmentVariable(ImportBenchmarks.RowsVariable, rows.ToString(CultureInfo.InvariantCulture));
                var config = ManualConfig.CreateMinimumViable()
                    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                        .WithWarmupCount(ImportHarness.WarmUps).WithIterationCount(ImportHarness.MeasuredRuns).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1))
                    .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
                    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
                BenchmarkRunner.Run<ImportBenchmarks>(config);
                return 0;
            default:
                Console.Error.WriteLine("usage: -- import [rows] | profile [rows] | imports [rows] | list [rows] [path] | bdn [rows] | lists [options] | cluster [options]");
                return 2;
        }
    }
}

/// <summary>A generated list, an empty migrated SQLite database to copy per run, and the import wired as in the portal.</summary>
public sealed class ImportFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"zpq-bench-{Guid.NewGuid():N}");
    private int _runs;

    private ImportFixture(int rows)
    {
        Directory.CreateDirectory(_folder);
        Rows = rows;
        ListPath = Path.Combine(_folder, "list.xlsx");
        TemplateDatabase = Path.Combine(_folder, "template.db");
    }

    public int Rows { get; }
    public string ListPath { get; }
    public string TemplateDatabase { get; }
    public Guid UnitId { get; private set; }
    public Guid BatchId { get; private set; }

    public static async Task<ImportFixture> CreateAsync(int rows)
    {
        var fixture = new ImportFixture(rows);
        WriteValidList(fixture.ListPath, rows);
        await fixture.CreateTemplateDatabaseAsync();
        return fixture;
    }

    /// <summary>
    /// A list as a district fills the template: title, header in row 3, unique valid codes (as text),
    /// outputs above 1 亿, all four bases, basis-1 rows with a contract above 20 万元, contacts.
    /// </summary>
    public static void WriteValidList(string path, int rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("推荐名单");
        sheet.Cell(1, 1).SetValue("基准测试名单");
        sheet.Range(1, 1, 1, 11).Merge();
        string[] headers = ["序号", "企业名称", "统一社会信用代码", "所属行业（六大重点产业）", "年产值（万元）", "推荐依据", "依据说明", "改造合同金额（万元）", "联系人", "联系电话", "电子邮箱"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(3, c + 1).SetValue(headers[c]);
        }
        var industries = KeyIndustries.All.Select(i => i.ToChinese()).ToArray();
        string[] bases = ["1", "2", "3", "4", "1、4", "2，3"];
        var random = new Random(2023);
        for (var i = 0; i < rows; i++)
        {
            var r = 4 + i;
            var body = "91310115" + (100_000_000 + i).ToString(CultureInfo.InvariantCulture);
            var code = body + CreditCode.CheckCharacter(body);
            var basis = bases[i % bases.Length];
            sheet.Cell(r, 1).SetValue(i + 1);
            sheet.Cell(r, 2).SetValue($"上海基准测试第{i + 1}号智能制造有限公司");
            sheet.Cell(r, 3).DataType = XLDataType.Text;
            sheet.Cell(r, 3).SetValue(code);
            sheet.Cell(r, 4).SetValue(industries[i % industries.Length]);
            sheet.Cell(r, 5).SetValue(Math.Round(10_000m + random.Next(0, 50_000_000) / 100m, 2));
            sheet.Cell(r, 6).DataType = XLDataType.Text;
            sheet.Cell(r, 6).SetValue(basis);
            sheet.Cell(r, 7).SetValue("生产线数字化改造项目");
            if (basis.StartsWith('1'))
            {
                sheet.Cell(r, 8).SetValue(Math.Round(20.01m + random.Next(0, 100_000) / 100m, 2));
            }
            sheet.Cell(r, 9).SetValue("联系人" + (i % 97));
            sheet.Cell(r, 10).DataType = XLDataType.Text;
            sheet.Cell(r, 10).SetValue("1380000" + (i % 10_000).ToString("D4", CultureInfo.InvariantCulture));
            sheet.Cell(r, 11).SetValue($"contact{i}@example.com");
        }
        workbook.SaveAs(path);
    }

    private async Task CreateTemplateDatabaseAsync()
    {
        await using var db = OpenContext(TemplateDatabase);
        await db.Database.MigrateAsync();
        var units = RecommendingUnit.CreateSeed();
        db.Organisations.AddRange(units);
        var today = ShanghaiTime.Today(new SystemClock());
        var year = new ProgrammeYear(today.Year, new Money(100_000m));
        var batch = year.AddBatch("第一批", today.AddDays(60));
        // Set-up data, not the commission's act: no audit lines (and this context has no event dispatcher to write them).
        year.TakeEvents();
        db.ProgrammeYears.Add(year);
        await db.SaveChangesAsync();
        UnitId = units.First(u => u.Name == "浦东新区").Id;
        BatchId = batch.Id;
    }

    public static SqliteAppDbContext OpenContext(string file) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file}").Options);

    /// <summary>A fresh copy of the empty database for one run (not timed).</summary>
    public string FreshDatabase()
    {
        SqliteConnection.ClearAllPools();
        var copy = Path.Combine(_folder, $"run-{Interlocked.Increment(ref _runs)}.db");
        File.Copy(TemplateDatabase, copy, overwrite: true);
        return copy;
    }

    /// <summary>ClosedXML's bare read: open the workbook and touch every used cell's value (the goal's yardstick).</summary>
    public long BareRead()
    {
        long cells = 0;
        using var workbook = new XLWorkbook(ListPath);
        foreach (var sheet in workbook.Worksheets)
        {
            foreach (var cell in sheet.CellsUsed())
            {
                if (cell.Value is not null)
                {
                    cells++;
                }
            }
        }
        return cells;
    }

    /// <summary>ExcelDataReader's bare read: every sheet, every row, every cell's value.</summary>
    public long BareReadExcelDataReader()
    {
        long cells = 0;
        using var stream = File.OpenRead(ListPath);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        do
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetValue(i) is not null)
                    {
                        cells++;
                    }
                }
            }
        }
        while (reader.NextResult());
        return cells;
    }

    /// <summary>
    /// The portal's whole import, as its two requests do it: the upload (stream the file to the store, read it,
    /// check every row against the rules and the database, keep the verdict) and the confirm (load the verdict,
    /// check the rows again inside the transaction, write, audit).
    /// </summary>
    public async Task<BatchImportOutcome> ImportAsync(string databaseFile)
    {
        var stored = await UploadAsync(databaseFile);
        await using var db = OpenContext(databaseFile);
        var verdict = await Store.FindVerdictAsync(stored) ?? throw new InvalidOperationException("no verdict");
        var outcome = await Service(db).ImportAsync(stored, verdict, "基准测试");
        Store.DeleteUpload(UnitId, stored.Id);
        if (outcome.Created != Rows || outcome.Invalid != 0)
        {
            throw new InvalidOperationException($"expected {Rows} new rows and no error, got {outcome.Created} new, {outcome.Invalid} invalid");
        }
        return outcome;
    }

    /// <summary>The upload's work (what the preview shows): store, read, check, keep the verdict — nothing written to the database.</summary>
    public async Task<StoredImport> UploadAsync(string databaseFile)
    {
        await using var db = OpenContext(databaseFile);
        var service = Service(db);
        var batch = await service.FindBatchAsync(BatchId) ?? throw new InvalidOperationException("no batch");
        StoredImport stored;
        await using (var upload = File.OpenRead(ListPath))
        {
            stored = await Store.SaveAsync(UnitId, BatchId, "list.xlsx", upload, long.MaxValue, null, "基准测试") ?? throw new InvalidOperationException("not stored");
        }
        BatchImportVerdict verdict;
        await using (var content = Store.OpenUpload(stored))
        {
            verdict = await service.CheckUploadAsync(content, stored, batch);
        }
        await Store.SaveVerdictAsync(stored, verdict);
        return stored;
    }

    private BatchImportStore? _store;

    private BatchImportStore Store => _store ??= new BatchImportStore(new StorageOptions { Root = Path.Combine(_folder, "files") }, new SystemClock());

    private BatchImportService Service(AppDbContext db)
    {
        var clock = new SystemClock();
        return new BatchImportService(db, clock, new AuditTrail(db, new BenchmarkUser(UnitId), clock, new HistoryReplay()), new BatchListReader(),
            new ProgrammeChoices(db, clock));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class BenchmarkUser(Guid unitId) : ICurrentUser
    {
        public Guid? UserId => null;
        public string UserName => "基准测试";
        public Guid? OrganisationId => unitId;
        public string OrganisationName => "浦东新区";
        public string? RemoteAddress => null;
        public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity());
    }
}

/// <summary>
/// Stopwatch harness: three warm-ups and five measured runs of each case, alternating, each import into a
/// fresh copy of the database. Memory: a sampler (every 5 ms) records the process working set and the
/// managed heap during each import; growth = peak during the run minus the value just before it.
/// </summary>
public static class ImportHarness
{
    public const int WarmUps = 3;
    public const int MeasuredRuns = 5;

    public static async Task<int> RunAsync(int rows)
    {
        Console.WriteLine($"生成 {rows} 行有效名单并准备数据库…");
        using var fixture = await ImportFixture.CreateAsync(rows);
        Console.WriteLine($"名单 {new FileInfo(fixture.ListPath).Length / 1024.0 / 1024.0:0.00} MB；.NET {Environment.Version}；{Environment.ProcessorCount} 核");

        // The very first import of the process, after free memory went back to the system, is the fair test
        // of memory growth: later runs reuse memory the earlier ones made the process take.
        long coldWorkingSet, coldHeap;
        var coldDatabase = fixture.FreshDatabase();
        Settle(returnMemory: true);
        using (var coldSampler = new MemorySampler())
        {
            await fixture.ImportAsync(coldDatabase);
            (coldWorkingSet, coldHeap) = coldSampler.Stop();
        }
        Console.WriteLine($"首次导入（冷进程）：工作集增长峰值 {coldWorkingSet / 1048576.0:0.0} MB｜托管堆增长峰值 {coldHeap / 1048576.0:0.0} MB");

        // Warm-up: JIT (tiered: the hot loops of both cases are recompiled optimised only after a few
        // calls — one warm-up left the first measured import at twice its steady time), EF model, statics.
        for (var i = 0; i < WarmUps; i++)
        {
            fixture.BareRead();
            fixture.BareReadExcelDataReader();
            await fixture.ImportAsync(fixture.FreshDatabase());
        }

        var reads = new List<double>();
        var edrReads = new List<double>();
        var imports = new List<double>();
        var workingSetGrowth = new List<long>();
        var heapGrowth = new List<long>();
        for (var run = 1; run <= MeasuredRuns; run++)
        {
            Settle();
            var watch = Stopwatch.StartNew();
            var cells = fixture.BareRead();
            reads.Add(watch.Elapsed.TotalSeconds);

            Settle();
            watch.Restart();
            var edrCells = fixture.BareReadExcelDataReader();
            edrReads.Add(watch.Elapsed.TotalSeconds);

            var database = fixture.FreshDatabase();
            Settle();
            using var sampler = new MemorySampler();
            watch.Restart();
            await fixture.ImportAsync(database);
            imports.Add(watch.Elapsed.TotalSeconds);
            var (ws, heap) = sampler.Stop();
            workingSetGrowth.Add(ws);
            heapGrowth.Add(heap);
            Console.WriteLine($"第{run}次：ClosedXML 裸读 {reads[^1]:0.000} s（{cells} 个单元格）｜ExcelDataReader 裸读 {edrReads[^1]:0.000} s（{edrCells} 个单元格）｜" +
                $"导入 {imports[^1]:0.000} s｜工作集增长峰值 {ws / 1048576.0:0.0} MB｜托管堆增长峰值 {heap / 1048576.0:0.0} MB");
        }

        var read = Median(reads);
        var edrRead = Median(edrReads);
        var import = Median(imports);
        var ratio = import / read;
        var peakWs = Math.Max(coldWorkingSet, workingSetGrowth.Max()) / 1048576.0;
        var peakHeap = Math.Max(coldHeap, heapGrowth.Max()) / 1048576.0;
        Console.WriteLine();
        Console.WriteLine($"中位数（{MeasuredRuns}次）：ClosedXML 裸读 {read:0.000} s；ExcelDataReader 裸读 {edrRead:0.000} s；" +
            $"完整导入（上传：读取+校验+保存结论；确认：事务内再校验+写入 SQLite） {import:0.000} s");
        Console.WriteLine($"比值：完整导入 / ClosedXML 裸读 {ratio:0.00}（目标 ≤ 1.5）；完整导入 / ExcelDataReader 裸读 {import / edrRead:0.00}");
        Console.WriteLine($"导入期间内存增长（含首次导入，各次中最大）：工作集 {peakWs:0.0} MB，托管堆 {peakHeap:0.0} MB（目标 < 256 MB）；进程峰值工作集 {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} MB");
        var met = ratio <= 1.5 && peakWs < 256;
        Console.WriteLine(met ? "结论：达到目标。" : "结论：未达到目标。");
        return 0;
    }

    /// <summary>Imports only, one after another (to run under a profiler such as dotnet-trace).</summary>
    public static async Task<int> ImportsOnlyAsync(int rows)
    {
        using var fixture = await ImportFixture.CreateAsync(rows);
        for (var run = 1; run <= WarmUps + MeasuredRuns; run++)
        {
            var database = fixture.FreshDatabase();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var collections = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            await fixture.ImportAsync(database);
            Console.WriteLine($"导入 {watch.Elapsed.TotalSeconds:0.000} s｜分配 {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0.0} MB｜" +
                $"垃圾回收 {GC.CollectionCount(0) - collections} 次，暂停 {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms");
        }
        return 0;
    }

    /// <summary>Where an import's time goes: reading, the upload's checks and verdict, the confirm's checks and writing.</summary>
    public static async Task<int> ProfileAsync(int rows)
    {
        using var fixture = await ImportFixture.CreateAsync(rows);
        for (var i = 0; i < WarmUps; i++)
        {
            fixture.BareRead();
            fixture.BareReadExcelDataReader();
            await fixture.ImportAsync(fixture.FreshDatabase());
        }
        for (var run = 1; run <= MeasuredRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            fixture.BareRead();
            var bare = watch.Elapsed.TotalSeconds;
            watch.Restart();
            fixture.BareReadExcelDataReader();
            var edr = watch.Elapsed.TotalSeconds;
            watch.Restart();
            await using (var content = File.OpenRead(fixture.ListPath))
            {
                new BatchListReader().Read(content);
            }
            var read = watch.Elapsed.TotalSeconds;
            watch.Restart();
            await fixture.UploadAsync(fixture.FreshDatabase());
            var upload = watch.Elapsed.TotalSeconds;
            watch.Restart();
            await fixture.ImportAsync(fixture.FreshDatabase());
            var import = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"ClosedXML 裸读 {bare:0.000} s｜ExcelDataReader 裸读 {edr:0.000} s｜名单读取 {read:0.000} s｜" +
                $"上传（存储+读取+校验+保存结论） {upload:0.000} s｜完整导入 {import:0.000} s｜确认约 {import - upload:0.000} s");
        }
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>
    /// Collects before a run. With <paramref name="returnMemory"/>, also hands free memory back to the
    /// system (aggressive mode decommits), so the working set before the run is what the process really
    /// holds — not what generating the 10 000-row list once took. Timed runs keep the memory a running
    /// portal would keep.
    /// </summary>
    private static void Settle(bool returnMemory = false)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, returnMemory ? GCCollectionMode.Aggressive : GCCollectionMode.Forced, blocking: true, compacting: returnMemory);
    }

    private sealed class MemorySampler : IDisposable
    {
        private readonly long _workingSetBefore;
        private readonly long _heapBefore;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _workingSetPeak;
        private long _heapPeak;

        public MemorySampler()
        {
            using var process = Process.GetCurrentProcess();
            _workingSetBefore = process.WorkingSet64;
            _heapBefore = GC.GetTotalMemory(false);
            _workingSetPeak = _workingSetBefore;
            _heapPeak = _heapBefore;
            _loop = Task.Run(async () =>
            {
                using var self = Process.GetCurrentProcess();
                while (!_stop.IsCancellationRequested)
                {
                    Sample(self);
                    try
                    {
                        await Task.Delay(5, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
        }

        private void Sample(Process self)
        {
            self.Refresh();
            _workingSetPeak = Math.Max(_workingSetPeak, self.WorkingSet64);
            _heapPeak = Math.Max(_heapPeak, GC.GetTotalMemory(false));
        }

        public (long WorkingSet, long Heap) Stop()
        {
            _stop.Cancel();
            _loop.Wait();
            using var self = Process.GetCurrentProcess();
            Sample(self);
            return (_workingSetPeak - _workingSetBefore, _heapPeak - _heapBefore);
        }

        public void Dispose() => _stop.Dispose();
    }
}

/// <summary>The same two cases under BenchmarkDotNet (in-process: the EF and ClosedXML setup stays as in the harness).</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    public const string RowsVariable = "ZPQ_BENCH_ROWS";
    private ImportFixture _fixture = null!;
    private string _database = string.Empty;

    [GlobalSetup]
    public void Setup() =>
        _fixture = ImportFixture.CreateAsync(int.Parse(Environment.GetEnvironmentVariable(RowsVariable) ?? "10000", CultureInfo.InvariantCulture)).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Import))]
    public void FreshDatabase() => _database = _fixture.FreshDatabase();

    [Benchmark(Baseline = true, Description = "ClosedXML 裸读")]
    public long BareRead() => _fixture.BareRead();

    [Benchmark(Description = "ExcelDataReader 裸读")]
    public long BareReadExcelDataReader() => _fixture.BareReadExcelDataReader();

    [Benchmark(Description = "完整导入")]
    public int Import() => _fixture.ImportAsync(_database).GetAwaiter().GetResult().Created;

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();
}
