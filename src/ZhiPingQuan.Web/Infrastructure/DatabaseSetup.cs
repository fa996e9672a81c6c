using ZhiPingQuan.Web.Infrastructure.Operations;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers the provider chosen by Database:Provider. Whatever the provider, the rest of the
    /// app asks for <see cref="AppDbContext"/>; each provider's subclass carries its own migrations.
    /// </summary>
    public static DatabaseProvider AddPortalDatabase(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        var providerText = config[ConfigKeys.Provider];
        var provider = string.IsNullOrWhiteSpace(providerText)
            ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var p)
                ? p
                : throw new InvalidOperationException($"Database:Provider 的值“{providerText}”无效，可选 Sqlite、SqlServer、Postgres。");

        var connectionString = config.GetConnectionString(ConfigKeys.ConnectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException($"使用 {provider} 时必须配置 ConnectionStrings:Default。");
            }
            var dataDir = Path.Combine(env.ContentRootPath, "App_Data");
            Directory.CreateDirectory(dataDir);
            connectionString = $"Data Source={Path.Combine(dataDir, "zhipingquan.db")}";
        }

        // The options are built once, not for each context: a request makes one or two contexts, and building their
        // options (the provider's extension, the warnings, the logging) was a tenth of a signed-in request's CPU.
        const ServiceLifetime optionsOnce = ServiceLifetime.Singleton;
        // A record with owned collections (an assessment's reassignments and returns, a recommendation's bases and
        // contracts) is read in one statement with its collections joined: each holds a handful of rows, so the joined
        // rows stay few and one round trip beats three. Said here once, so EF does not warn about it on every such
        // query; the loads of large collections (a summary table's rows, an application's evidence) say AsSplitQuery.
        const QuerySplittingBehavior oneStatement = QuerySplittingBehavior.SingleQuery;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<AppDbContext, SqliteAppDbContext>(
                    o => o.UseSqlite(connectionString, x => x.UseQuerySplittingBehavior(oneStatement)).AddInterceptors(new SqliteConnectionTuning()),
                    optionsLifetime: optionsOnce);
                break;
            case DatabaseProvider.Postgres:
                var tuned = ForPortal(connectionString);
                services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(tuned, x => x.UseQuerySplittingBehavior(oneStatement)), optionsLifetime: optionsOnce);
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<AppDbContext, SqlServerAppDbContext>(o => o.UseSqlServer(connectionString, x => x.UseQuerySplittingBehavior(oneStatement)), optionsLifetime: optionsOnce);
                break;
        }

        // Keys in the database: sign-in cookies survive restarts and work across several instances.
        services.AddPortalDataProtection(config, env);
        return provider;
    }

    /// <summary>
    /// Two of Npgsql's settings, each on unless the connection string sets it (measured in docs/benchmarks.md):
    /// <list type="bullet">
    /// <item>Statements are prepared. PostgreSQL parses and plans a statement each time it is sent, unless it is
    /// prepared, and the portal sends the same few hundred statements over and over (the session check alone on every
    /// request): a statement run twice on a pooled connection is prepared there and kept (up to 64 per connection, the
    /// least used dropped first). A fifth to a third less PostgreSQL CPU per list page. Behind a connection pooler that
    /// cannot keep prepared statements (PgBouncer before 1.21 in transaction mode), set <c>Max Auto Prepare=0</c>.</item>
    /// <item>A pooled connection is not reset each time it is handed out (<c>No Reset On Close</c>). EF opens the
    /// connection for each query, and each reset is a batch of seven commands (settings, cursors, listeners, advisory
    /// locks, sequences, temporary tables) that PostgreSQL runs before the next query: about a fifth of its work on a
    /// list page. The portal sets none of these things on a connection; an open transaction is still rolled back when
    /// the connection goes back to the pool.</item>
    /// </list>
    /// </summary>
    internal static string ForPortal(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            (tuned.MaxAutoPrepare, tuned.AutoPrepareMinUsages) = (64, 2);
        }
        if (!given.ContainsKey("No Reset On Close"))
        {
            tuned.NoResetOnClose = true;
        }
        return tuned.ConnectionString;
    }

    public static StorageOptions ResolveStorage(IConfiguration config, IWebHostEnvironment env)
    {
        var root = config[ConfigKeys.StorageRoot];
        if (string.IsNullOrWhiteSpace(root))
        {
            root = Path.Combine(env.ContentRootPath, "App_Data", "files");
        }
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        return new StorageOptions { Root = root };
    }
}
