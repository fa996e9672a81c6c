using Microsoft.Data.Sqlite;
using Npgsql;

namespace ZhiPingQuan.Web.Tests.Infrastructure;

/// <summary>The database engines the tests run against; the names match the app's <c>Database:Provider</c> values.</summary>
public enum DbProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, empty database for one test (or one fixture): a temp SQLite file, or a new database on the
/// throw-away PostgreSQL cluster that <c>./test.sh</c> starts and announces in <c>ZPQ_TEST_POSTGRES</c>.
/// Disposing deletes it. We never mock the database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresEnvironmentVariable = "ZPQ_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresAdminConnectionString;
    private readonly string? _postgresDatabaseName;
    private bool _disposed;

    private TestDatabase(DbProvider provider, string connectionString, string? sqliteFile, string? adminConnectionString, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresAdminConnectionString = adminConnectionString;
        _postgresDatabaseName = databaseName;
    }

    public DbProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The value for the app's <c>Database:Provider</c> configuration key.</summary>
    public string ProviderName => Provider switch
    {
        DbProvider.Sqlite => "Sqlite",
        DbProvider.Postgres => "Postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(Provider), Provider, null),
    };

    /// <summary>The SQLite file (null for PostgreSQL).</summary>
    public string? SqliteFile => _sqliteFile;

    /// <summary>The PostgreSQL database name (null for SQLite).</summary>
    public string? DatabaseName => _postgresDatabaseName;

    public static async Task<TestDatabase> CreateAsync(DbProvider provider)
    {
        switch (provider)
        {
            case DbProvider.Sqlite:
            {
                var file = Path.Combine(Path.GetTempPath(), $"zpq-test-{Guid.NewGuid():N}.db");
                return new TestDatabase(provider, $"Data Source={file}", file, null, null);
            }
            case DbProvider.Postgres:
            {
                var admin = Environment.GetEnvironmentVariable(PostgresEnvironmentVariable);
                if (string.IsNullOrWhiteSpace(admin))
                {
                    throw new InvalidOperationException(
                        "未设置 ZPQ_TEST_POSTGRES：请用 ./test.sh 运行（它会启动 PostgreSQL） / ZPQ_TEST_POSTGRES not set: run ./test.sh");
                }

                var name = $"zpq_test_{Guid.NewGuid():N}";
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await command.ExecuteNonQueryAsync();
                }

                var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
                return new TestDatabase(provider, builder.ConnectionString, null, admin, name);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Provider == DbProvider.Sqlite && _sqliteFile is not null)
        {
            // Pooled connections keep the file open; release them before deleting.
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                var path = _sqliteFile + suffix;
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }
        else if (Provider == DbProvider.Postgres && _postgresAdminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Fresh folders for the app's file store (<c>Storage:Root</c>) in tests.</summary>
public static class StorageRoot
{
    public static string CreateTemp()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zpq-files-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
