using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Data;

/// <summary>The rules the database itself enforces, on each real provider.</summary>
public abstract class DataModelTests(PortalFactory portal)
{
    private static readonly DateTime BeforeDeadline = new(2023, 11, 1, 2, 0, 0, DateTimeKind.Utc);

    private async Task<(Enterprise Enterprise, Batch Batch, ServiceAgency Agency)> DemoAsync(AppDbContext db) =>
        (await db.Enterprises.FirstAsync(e => e.Name == DemoDataSeeder.EnterpriseBName),
         await Batch2023Async(db, "第一批"),
         await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyBName));

    // The demo has the 2023 pilot and the current year, each with a 第一批 and a 第二批.
    private static Task<Batch> Batch2023Async(AppDbContext db, string name) =>
        db.Batches.FirstAsync(b => b.Name == name && db.ProgrammeYears.Any(p => p.Id == b.ProgrammeYearId && p.Year == 2023));

    private async Task<T> InScopeAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = portal.Scope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task The_migrations_match_the_model()
    {
        var pending = await InScopeAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending);
        var applied = await InScopeAsync(async db => (await db.Database.GetPendingMigrationsAsync()).Count());
        Assert.Equal(0, applied);
    }

    [Fact]
    public async Task A_record_with_owned_collections_is_read_in_one_statement_by_the_portals_own_choice()
    {
        var (sql, splitting) = await InScopeAsync(db => Task.FromResult((
            db.Assessments.AsNoTracking().Where(a => a.Id == Guid.Empty).ToQueryString(),
            db.GetService<IDbContextOptions>().Extensions.OfType<RelationalOptionsExtension>().Single().QuerySplittingBehavior)));

        // Chosen, not left to EF's default (which warns on every such query).
        Assert.Equal(QuerySplittingBehavior.SingleQuery, splitting);
        Assert.DoesNotContain("split-query", sql);
        Assert.Contains("AssessmentAssignmentChanges", sql);
        Assert.Contains("AssessmentReturns", sql);
    }

    [Fact]
    public async Task A_second_recommendation_for_the_same_enterprise_and_year_is_refused_by_the_database()
    {
        var enterpriseId = await InScopeAsync(async db =>
        {
            var (enterprise, batch, _) = await DemoAsync(db);
            db.Recommendations.Add(new Recommendation(enterprise, batch, "测试", BeforeDeadline));
            await db.SaveChangesAsync();
            return enterprise.Id;
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => InScopeAsync(async db =>
        {
            var (enterprise, _, _) = await DemoAsync(db);
            var second = await Batch2023Async(db, "第二批");
            db.Recommendations.Add(new Recommendation(enterprise, second, "测试", BeforeDeadline));
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(1, await InScopeAsync(db => db.Recommendations.CountAsync(r => r.EnterpriseId == enterpriseId)));
    }

    [Fact]
    public async Task A_second_active_application_and_a_second_redemption_in_a_year_are_refused_by_the_database()
    {
        var ids = await InScopeAsync(async db =>
        {
            var (enterprise, batch, agency) = await DemoAsync(db);
            var report = new StoredFile(enterprise.Id, "评估报告.pdf", "application/pdf", 1024, new string('a', 64), $"test/{Guid.NewGuid():N}.pdf", "测试", BeforeDeadline);
            db.StoredFiles.Add(report);
            // A withdrawn application leaves room for another in the same year (the index holds only active ones).
            var withdrawn = NewApplication(enterprise, batch, agency, report.Id);
            withdrawn.Withdraw("重新准备", BeforeDeadline);
            db.QuotaApplications.Add(withdrawn);
            var application = NewApplication(enterprise, batch, agency, report.Id);
            application.UpdateContact("钱经理", "021-6666 0202", "qian@example.cn");
            application.Submit(BeforeDeadline, batch.Deadline);
            application.StartReview();
            application.Pass("审核员", BeforeDeadline);
            db.QuotaApplications.Add(application);
            db.Redemptions.Add(Redemption.ForPassedApplication(application, new Money(100_000m), agency, new DateOnly(2023, 9, 1), BeforeDeadline));
            await db.SaveChangesAsync();
            return (enterprise.Id, application.Id, report.Id);
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => InScopeAsync(async db =>
        {
            var (enterprise, batch, agency) = await DemoAsync(db);
            db.QuotaApplications.Add(NewApplication(enterprise, batch, agency, ids.Item3));
            return await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<DbUpdateException>(() => InScopeAsync(async db =>
        {
            var application = await db.QuotaApplications.FirstAsync(a => a.Id == ids.Item2);
            var (_, _, agency) = await DemoAsync(db);
            db.Redemptions.Add(Redemption.ForPassedApplication(application, new Money(100_000m), agency, new DateOnly(2023, 9, 1), BeforeDeadline));
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(1, await InScopeAsync(db => db.Redemptions.CountAsync(r => r.EnterpriseId == ids.Item1)));
        Assert.Equal(2, await InScopeAsync(db => db.QuotaApplications.CountAsync(a => a.EnterpriseId == ids.Item1)));
    }

    private static QuotaApplication NewApplication(Enterprise enterprise, Batch batch, ServiceAgency agency, Guid reportId) =>
        new(new ApplicationOrigin(enterprise.Id, batch.ProgrammeYearId, batch.Id, enterprise.RecommendingUnitId, Guid.NewGuid(), agency.Id, reportId,
                [Domain.Reference.RecommendationBasis.Voluntary]),
            new StatedAssessment(enterprise.Name, enterprise.CreditCode.Value, new MaturityScore(2.5m), MaturityLevel.Two, "基础级"),
            listedInSubmittedSummaryTable: true, BeforeDeadline);

    [Fact]
    public async Task A_credit_code_registered_twice_is_refused_by_the_database()
    {
        var before = await InScopeAsync(db => db.Enterprises.CountAsync());
        await Assert.ThrowsAsync<DbUpdateException>(() => InScopeAsync(async db =>
        {
            var existing = await db.Enterprises.FirstAsync(e => e.Name == DemoDataSeeder.EnterpriseAName);
            db.Enterprises.Add(new Enterprise("冒名企业", existing.CreditCode, KeyIndustry.Automotive, 20_000m, existing.RecommendingUnitId));
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(before, await InScopeAsync(db => db.Enterprises.CountAsync()));
    }

    [Fact]
    public async Task Two_people_saving_the_same_record_at_once_the_second_is_told()
    {
        await using var scopeA = portal.Scope();
        await using var scopeB = portal.Scope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var unitA = await dbA.RecommendingUnits.FirstAsync(u => u.Name == "长宁区");
        var unitB = await dbB.RecommendingUnits.FirstAsync(u => u.Name == "长宁区");

        unitA.Rename("长宁区（甲）");
        await dbA.SaveChangesAsync();
        unitB.Rename("长宁区（乙）");
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());

        Assert.Equal("长宁区（甲）", await InScopeAsync(db => db.RecommendingUnits.Where(u => u.Id == unitA.Id).Select(u => u.Name).FirstAsync()));
        await InScopeAsync(async db =>
        {
            (await db.RecommendingUnits.FirstAsync(u => u.Id == unitA.Id)).Rename("长宁区");
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Times_come_back_as_UTC_and_money_keeps_two_decimals()
    {
        var year = await InScopeAsync(db => db.ProgrammeYears.FirstAsync(p => p.Year == 2023));
        Assert.Equal(100_000.00m, year.StandardAmount.Yuan);
        var entry = await InScopeAsync(db => db.AuditEntries.OrderBy(a => a.AtUtc).FirstOrDefaultAsync());
        if (entry is null)
        {
            await portal.Browser().SignInAsync("commission@zpq.local", PortalFactory.DemoPassword);
            entry = await InScopeAsync(db => db.AuditEntries.OrderBy(a => a.AtUtc).FirstAsync());
        }
        Assert.Equal(DateTimeKind.Utc, entry.AtUtc.Kind);
        Assert.InRange(entry.AtUtc, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(1));
    }
}

[Collection("sqlite")]
public sealed class DataModelTests_Sqlite(SqlitePortal portal) : DataModelTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class DataModelTests_Postgres(PostgresPortal portal) : DataModelTests(portal), IClassFixture<PostgresPortal>;
