using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ZhiPingQuan.Web.Tests.Infrastructure;

public sealed class TestDatabaseTests
{
    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task Each_database_is_working_empty_and_separate(DbProvider provider)
    {
        await using var first = await TestDatabase.CreateAsync(provider);
        await using var second = await TestDatabase.CreateAsync(provider);

        Assert.NotEqual(first.ConnectionString, second.ConnectionString);
        Assert.Equal(provider.ToString(), first.ProviderName);

        await using (var connection = Open(first))
        {
            Assert.Equal(0L, await CountTablesAsync(connection, provider));
            await ExecuteAsync(connection, "CREATE TABLE probe (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)");
            await ExecuteAsync(connection, "INSERT INTO probe (id, name) VALUES (1, '浦东新区'), (2, '闵行区')");
            Assert.Equal(2L, await ScalarAsync(connection, "SELECT COUNT(*) FROM probe"));
            Assert.Equal("浦东新区", await ScalarTextAsync(connection, "SELECT name FROM probe WHERE id = 1"));
        }

        await using (var connection = Open(second))
        {
            Assert.Equal(0L, await CountTablesAsync(connection, provider));
        }
    }

    [Fact]
    public async Task Disposing_a_sqlite_database_deletes_its_files()
    {
        var database = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        await using (var connection = Open(database))
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL");
            await ExecuteAsync(connection, "CREATE TABLE probe (id INTEGER)");
        }

        Assert.True(File.Exists(database.SqliteFile));
        await database.DisposeAsync();

        Assert.False(File.Exists(database.SqliteFile));
        Assert.False(File.Exists(database.SqliteFile + "-wal"));
        Assert.False(File.Exists(database.SqliteFile + "-shm"));
    }

    [Fact]
    public async Task Disposing_a_postgres_database_drops_it()
    {
        var database = await TestDatabase.CreateAsync(DbProvider.Postgres);
        await using (var connection = Open(database))
        {
            await ExecuteAsync(connection, "CREATE TABLE probe (id INTEGER)");
        }

        var admin = Environment.GetEnvironmentVariable(TestDatabase.PostgresEnvironmentVariable)!;
        Assert.True(await PostgresDatabaseExistsAsync(admin, database.DatabaseName!));

        // The closed connection still sits in the pool: dispose must clear it (and FORCE ends any other session).
        await database.DisposeAsync();

        Assert.False(await PostgresDatabaseExistsAsync(admin, database.DatabaseName!));
    }

    [Fact]
    public void Storage_root_is_a_fresh_empty_folder()
    {
        var first = StorageRoot.CreateTemp();
        var second = StorageRoot.CreateTemp();
        try
        {
            Assert.NotEqual(first, second);
            Assert.True(Directory.Exists(first));
            Assert.Empty(Directory.EnumerateFileSystemEntries(first));
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    private static DbConnection Open(TestDatabase database)
    {
        DbConnection connection = database.Provider == DbProvider.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    private static Task<long> CountTablesAsync(DbConnection connection, DbProvider provider) => ScalarAsync(
        connection,
        provider == DbProvider.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'");

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<string?> ScalarTextAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task<bool> PostgresDatabaseExistsAsync(string adminConnectionString, string name)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
