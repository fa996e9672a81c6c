using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Operations;

/// <summary>The demo portal with its summary tables (more tables with rows) plus files saved through the file store.</summary>
public abstract class BackupPortal(DbProvider provider) : PortalFactory(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Tables", "true");
    }
}

public sealed class BackupSqlitePortal() : BackupPortal(DbProvider.Sqlite);

public sealed class BackupPostgresPortal() : BackupPortal(DbProvider.Postgres);

/// <summary>
/// scripts/backup.sh and scripts/restore.sh as an operator runs them (bash, sqlite3 or pg_dump/pg_restore): a portal
/// with data is backed up while it runs, restored into an empty database and file store, and compared table by table,
/// record by record and file by file. A damaged archive and a target with data are refused and change nothing.
/// </summary>
public abstract class BackupRestoreTests(BackupPortal portal) : IDisposable
{
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_portal_has_the_same_rows_records_and_files()
    {
        var stored = await SaveFilesAsync();
        var work = Temp();
        var archive = Path.Combine(work, "backup.tar.gz");

        var backup = await RunScriptAsync("backup.sh", "--provider", portal.Database.ProviderName,
            "--connection", portal.Database.ConnectionString, "--storage", portal.StorageRoot, "--out", archive);
        Assert.True(backup.ExitCode == 0, backup.Output);

        await using var target = await TestDatabase.CreateAsync(portal.Database.Provider);
        var targetFiles = Path.Combine(work, "restored-files");
        var restore = await RunScriptAsync("restore.sh", "--in", archive, "--provider", target.ProviderName,
            "--connection", target.ConnectionString, "--storage", targetFiles);
        Assert.True(restore.ExitCode == 0, restore.Output);

        await using var source = portal.Scope();
        var sourceDb = source.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var restoredDb = Open(target);

        // Every table, with the same number of rows (the migrations history too).
        var sourceCounts = await RowCountsAsync(sourceDb);
        var restoredCounts = await RowCountsAsync(restoredDb);
        Assert.Contains("AspNetUsers", sourceCounts.Keys);
        Assert.True(sourceCounts["SummaryTables"] > 0 && sourceCounts["StoredFiles"] >= stored.Count, "the demo portal should have data");
        Assert.Equal(sourceCounts, restoredCounts);

        // A few records, field by field.
        Assert.Equal(await Users(sourceDb), await Users(restoredDb));
        Assert.Equal(await Files(sourceDb), await Files(restoredDb));
        Assert.Equal(
            await sourceDb.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).ToListAsync(),
            await restoredDb.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).ToListAsync());

        // The files: the same paths with the same SHA-256, and each stored file's content matches its record's hash.
        Assert.Equal(Hashes(portal.StorageRoot), Hashes(targetFiles));
        foreach (var file in await restoredDb.StoredFiles.ToListAsync())
        {
            Assert.Equal(file.Sha256, Sha256(Path.Combine(targetFiles, file.StorageKey)));
        }
        Assert.All(stored, f => Assert.True(File.Exists(Path.Combine(targetFiles, f.StorageKey)), f.OriginalFileName));

        // Restoring again over the restored portal is refused: it holds data now.
        var again = await RunScriptAsync("restore.sh", "--in", archive, "--provider", target.ProviderName,
            "--connection", target.ConnectionString, "--storage", targetFiles);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("不为空", again.Output);
        Assert.Equal(restoredCounts, await RowCountsAsync(restoredDb));
    }

    [Fact]
    public async Task A_damaged_archive_is_refused_before_anything_changes()
    {
        var work = Temp();
        var archive = Path.Combine(work, "backup.tar.gz");
        var backup = await RunScriptAsync("backup.sh", "--provider", portal.Database.ProviderName,
            "--connection", portal.Database.ConnectionString, "--storage", portal.StorageRoot, "--out", archive);
        Assert.True(backup.ExitCode == 0, backup.Output);

        // Unpack, change one byte of the database copy, pack again: the manifest no longer matches.
        var unpacked = Directory.CreateDirectory(Path.Combine(work, "unpacked")).FullName;
        Assert.Equal(0, (await RunAsync("tar", "-C", unpacked, "-xzf", archive)).ExitCode);
        var dump = Directory.GetFiles(Path.Combine(unpacked, "database")).Single();
        var bytes = await File.ReadAllBytesAsync(dump);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(dump, bytes);
        var damaged = Path.Combine(work, "damaged.tar.gz");
        Assert.Equal(0, (await RunAsync("tar", "-C", unpacked, "-czf", damaged, ".")).ExitCode);

        await using var target = await TestDatabase.CreateAsync(portal.Database.Provider);
        var targetFiles = Path.Combine(work, "restored-files");
        var restore = await RunScriptAsync("restore.sh", "--in", damaged, "--provider", target.ProviderName,
            "--connection", target.ConnectionString, "--storage", targetFiles);

        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("备份文件已损坏", restore.Output);
        Assert.False(Directory.Exists(targetFiles), "no file may be restored from a damaged archive");
        await using var restoredDb = Open(target);
        Assert.Empty(await RowCountsAsync(restoredDb));
    }

    private async Task<List<StoredFile>> SaveFilesAsync()
    {
        await using var scope = portal.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IFileStore>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owner = await db.Organisations.Select(o => o.Id).FirstAsync();
        var saved = new List<StoredFile>();
        foreach (var (name, size) in new[] { ("评估报告.pdf", 40_000), ("整改说明 附件.pdf", 3_000) })
        {
            var content = new byte[size];
            RandomNumberGenerator.Fill(content);
            "%PDF-1.7\n"u8.CopyTo(content);
            var file = await store.SaveAsync(new IncomingFile(new MemoryStream(content), name), FileTypes.PdfOnly, 1_000_000, owner, "backup-test");
            db.StoredFiles.Add(file);
            saved.Add(file);
        }
        await db.SaveChangesAsync();
        return saved;
    }

    private static async Task<List<string>> Users(AppDbContext db) =>
        await db.Users.OrderBy(u => u.Email).Select(u => u.Email + "|" + u.PasswordHash + "|" + u.SecurityStamp + "|" + u.OrganisationId).ToListAsync();

    private static async Task<List<string>> Files(AppDbContext db) =>
        (await db.StoredFiles.ToListAsync())
            .Select(f => $"{f.Id}|{f.OriginalFileName}|{f.SizeBytes}|{f.Sha256}|{f.StorageKey}|{f.AtUtc:O}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Rows per table, from the database's own catalogue (so a table the model forgets still counts).</summary>
    private static async Task<SortedDictionary<string, long>> RowCountsAsync(AppDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }
        try
        {
            var catalogue = db.Database.IsNpgsql()
                ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            var tables = new List<string>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = catalogue;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
            }
            return counts;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static AppDbContext Open(TestDatabase database) => database.Provider switch
    {
        DbProvider.Sqlite => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(database.ConnectionString).Options),
        _ => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database.ConnectionString).Options),
    };

    /// <summary>Relative path → SHA-256 of every file under a folder (logs are not data and are not backed up).</summary>
    private static SortedDictionary<string, string> Hashes(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f))
                .Where(f => !f.StartsWith("logs" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .ToDictionary(f => f, f => Sha256(Path.Combine(root, f))),
            StringComparer.Ordinal);

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private string Temp()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"zpq-backup-test-{Guid.NewGuid():N}")).FullName;
        _folders.Add(folder);
        return folder;
    }

    private static Task<(int ExitCode, string Output)> RunScriptAsync(string script, params string[] arguments) =>
        RunAsync("bash", [RepositoryFiles.PathOf("scripts", script), .. arguments]);

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The scripts read the portal's own variables as defaults: the test gives every value explicitly.
        foreach (var name in new[] { "Database__Provider", "ConnectionStrings__Default", "Storage__Root" })
        {
            start.Environment.Remove(name);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

public sealed class BackupRestoreTests_Sqlite(BackupSqlitePortal portal) : BackupRestoreTests(portal), IClassFixture<BackupSqlitePortal>;

public sealed class BackupRestoreTests_Postgres(BackupPostgresPortal portal) : BackupRestoreTests(portal), IClassFixture<BackupPostgresPortal>;
