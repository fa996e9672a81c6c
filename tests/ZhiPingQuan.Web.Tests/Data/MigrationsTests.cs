using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Tests.Data;

/// <summary>
/// Each provider's migrations set matches the model: a forgotten `scripts/add-migration.sh`
/// fails here. No server is needed to compare the model with the migrations' snapshot.
/// </summary>
public sealed class MigrationsTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres", "SqlServer" };

    private static AppDbContext Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
        "SqlServer" => new SqlServerDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Provider_has_no_pending_model_changes(string provider)
    {
        using var db = Create(provider);
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: run scripts/add-migration.sh <Name>");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Provider_has_its_own_migrations(string provider)
    {
        using var db = Create(provider);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.Contains(migrations, m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }
}
