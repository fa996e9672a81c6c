using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.Programmes;

namespace ZhiPingQuan.Web.Tests.Data;

/// <summary>
/// The migrations that copy each enterprise's name, industry and credit code onto its recommendations fill them for the
/// records that were there before them: records of two industries are taken back to the migration before (the copies dropped)
/// and forward again, and every copy then matches its enterprise.
/// </summary>
public abstract class RecommendationEnterpriseCopyMigrationTests(PortalFactory portal)
{
    private const string Copy = "RecommendationEnterpriseCopy";

    [Fact]
    public async Task Existing_recommendations_get_their_enterprises_name_and_industry()
    {
        await portal.WithDbAsync(async db =>
        {
            var unit = await db.RecommendingUnits.Where(u => u.Name == "浦东新区").Select(u => u.Id).FirstAsync();
            var batch = await db.Batches.FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批");
            foreach (var industry in new[] { KeyIndustry.LifeHealth, KeyIndustry.Automotive })
            {
                var enterprise = new Enterprise($"迁移测试企业{TestData.Tag()}有限公司", TestData.NewCreditCode(), industry, 12_000m, unit);
                db.Enterprises.Add(enterprise);
                db.Recommendations.Add(new Recommendation(enterprise, batch, "测试科长", Pilot2023Portal.Now));
            }
            return await db.SaveChangesAsync();
        });
        var migrations = await portal.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        var previous = migrations[migrations.FindIndex(m => m.EndsWith("_" + Copy, StringComparison.Ordinal)) - 1];

        await portal.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(previous);
            await migrator.MigrateAsync();
            return 0;
        });

        var rows = await portal.WithDbAsync(db => db.Recommendations.AsNoTracking()
            .Select(r => new { r.EnterpriseName, r.EnterpriseCreditCode, r.EnterpriseIndustry, r.Enterprise!.Name, r.Enterprise.CreditCode, r.Enterprise.Industry }).ToListAsync());
        Assert.True(rows.Count >= 2, $"{rows.Count} recommendations");
        Assert.Equal(2, rows.Select(r => r.Industry).Distinct().Count());
        Assert.All(rows, r => Assert.Equal((r.Name, r.CreditCode, r.Industry), (r.EnterpriseName, r.EnterpriseCreditCode, r.EnterpriseIndustry)));
        Assert.Equal(migrations.Last(), await portal.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).Last()));
    }
}

[Collection("sqlite")]
public sealed class RecommendationEnterpriseCopyMigrationTests_Sqlite(Pilot2023SqlitePortal portal) : RecommendationEnterpriseCopyMigrationTests(portal), IClassFixture<Pilot2023SqlitePortal>;

[Collection("postgres")]
public sealed class RecommendationEnterpriseCopyMigrationTests_Postgres(Pilot2023PostgresPortal portal) : RecommendationEnterpriseCopyMigrationTests(portal), IClassFixture<Pilot2023PostgresPortal>;
