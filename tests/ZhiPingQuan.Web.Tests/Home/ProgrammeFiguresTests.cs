using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.Redemptions;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.Home;

/// <summary>
/// The home pages' programme figures against numbers worked out by hand on a programme year of the test's own: two batches,
/// 浦东新区 taking enterprises to every step, 闵行区 two assessments; the commission sees both, each district only its own.
/// </summary>
public abstract class ProgrammeFiguresTests(TablePortal portal)
{
    private sealed record Arranged(Guid YearId, int Year);

    /// <summary>
    /// 第一批: 浦东新区 three confirmed (level 三级) and listed in its submitted table — one with a draft application, one
    /// submitted, one passed (its redemption waits) —, one returned by the third party (recommended, not assessed), one
    /// district-funded only (not counted); 闵行区 two confirmed at level 二级, not listed. 第二批: 浦东新区 two passed (三级),
    /// both approved, one paid. Cap 500 000, 规上 counts 50 and 40.
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var firstBatchId = await NewBatchAsync(portal);
        var (yearId, yearNumber, secondBatchId) = await portal.WithDbAsync(async db =>
        {
            var year = await db.ProgrammeYears.Include(y => y.Batches).FirstAsync(y => y.Batches.Any(b => b.Id == firstBatchId));
            year.SetAmounts(year.StandardAmount, new Money(500_000m));
            var second = year.AddBatch("第二批", new DateOnly(2023, 12, 20));
            foreach (var (unit, count) in new[] { ("浦东新区", 50), ("闵行区", 40) })
            {
                var u = await db.RecommendingUnits.FirstAsync(x => x.Name == unit);
                db.UnitYearSettings.Add(new UnitYearSettings(u, year, [KeyIndustry.HighEndEquipment], count));
            }
            await db.SaveChangesAsync();
            return (year.Id, year.Year, second.Id);
        });

        var listed = await EnterprisesAsync(portal, firstBatchId, 3, Stage.Confirmed, "浦东新区", 3.20m);
        await EnterpriseAsync(portal, firstBatchId, Stage.Returned);
        await EnterpriseAsync(portal, firstBatchId, Stage.DistrictFundedOnly);
        await EnterprisesAsync(portal, firstBatchId, 2, Stage.Confirmed, "闵行区", 2.10m);
        await SubmittedAsync(portal, firstBatchId);
        await ApplyAsync(listed[0].EnterpriseId, Outcome.Draft);
        await ApplyAsync(listed[1].EnterpriseId, Outcome.Submitted);
        await ApplyAsync(listed[2].EnterpriseId, Outcome.Passed);

        var year2 = new RedemptionArrange.Year(yearId, secondBatchId, yearNumber);
        var passed = await RedemptionArrange.PassedAsync(portal, year2, 2);
        var commission = await portal.SignedInAsync(Commission);
        var ids = new List<Guid>();
        foreach (var p in passed)
        {
            ids.Add((await RedemptionArrange.RedemptionOfAsync(portal, p)).Id);
        }
        await commission.FlashAfterAsync(await commission.ApproveAsync(ids));
        await portal.WithDbAsync(async db =>
        {
            var r = await db.Redemptions.FirstAsync(x => x.Id == ids[0]);
            r.RecordPayment(new DateOnly(2023, 10, 20), "ICBC-TEST-0001", "测试", portal.Now);
            return await db.SaveChangesAsync();
        });
        return new Arranged(yearId, yearNumber);
    }

    private enum Outcome { Draft, Submitted, Passed }

    private async Task ApplyAsync(Guid enterpriseId, Outcome outcome)
    {
        await portal.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.AsNoTracking().FirstAsync(a => a.EnterpriseId == enterpriseId);
            var enterprise = await db.Enterprises.AsNoTracking().FirstAsync(e => e.Id == enterpriseId);
            var batch = await db.Batches.AsNoTracking().FirstAsync(b => b.Id == assessment.BatchId);
            var report = new StoredFile(assessment.AgencyId, "评估报告.pdf", "application/pdf", 1024, new string('a', 64), $"test/{Guid.NewGuid():N}.pdf", "测试评估师", portal.Now);
            db.StoredFiles.Add(report);
            var application = new QuotaApplication(
                new ApplicationOrigin(enterpriseId, assessment.ProgrammeYearId, assessment.BatchId, assessment.RecommendingUnitId, assessment.Id,
                    assessment.AgencyId, report.Id, [RecommendationBasis.Voluntary]),
                new StatedAssessment(enterprise.Name, enterprise.CreditCode.Value, assessment.Score!.Value, assessment.StatedLevel!.Value, assessment.SmartFactoryLevelName!),
                listedInSubmittedSummaryTable: true, portal.Now, ("张联系", "021-5000 1000", "contact@example.cn"));
            db.QuotaApplications.Add(application);
            if (outcome != Outcome.Draft)
            {
                application.Submit(portal.Now, batch.Deadline);
            }
            if (outcome == Outcome.Passed)
            {
                application.StartReview();
                db.ReviewDecisions.Add(application.Pass("测试审核员", portal.Now));
            }
            return await db.SaveChangesAsync();
        });
    }

    private async Task<ProgrammeYearFigures> FiguresAsync(Guid yearId, string? unitName)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Guid? unit = unitName is null ? null : await db.RecommendingUnits.Where(u => u.Name == unitName).Select(u => u.Id).FirstAsync();
        return (await scope.ServiceProvider.GetRequiredService<ProgrammeFigures>().ForYearAsync(yearId, unit, default))!;
    }

    private static void AssertFunnel(ProgrammeYearFigures f, string batch, params int[] expected) =>
        Assert.Equal(expected, f.Batches.Single(b => b.BatchName == batch).Counts.Values);

    [Fact]
    public async Task The_commission_sees_the_whole_programme_as_worked_out_by_hand_and_each_district_only_its_unit()
    {
        var arranged = await ArrangeAsync();

        var all = await FiguresAsync(arranged.YearId, null);
        Assert.Equal(["第一批", "第二批"], all.Batches.Select(b => b.BatchName));
        //                               推荐 评估 列入 申请 通过 兑换 支付
        AssertFunnel(all, "第一批", 6, 5, 3, 2, 1, 0, 0);
        AssertFunnel(all, "第二批", 2, 2, 0, 2, 2, 2, 1);
        Assert.Equal([8, 7, 3, 4, 3, 2, 1], all.Total.Values);
        Assert.Equal(new BudgetFigures(500_000m, 200_000m, 100_000m, 100_000m), all.Budget);
        Assert.Equal(300_000m, all.Budget.Remaining);
        Assert.Equal(40m, all.Budget.UsedPercent);
        var pudong = Assert.Single(all.Coverage, u => u.UnitName == "浦东新区");
        Assert.Equal((6, 5, (int?)50, (decimal?)10m), (pudong.Recommended, pudong.Assessed, pudong.AboveSizeCount, pudong.CoveragePercent));
        var minhang = Assert.Single(all.Coverage, u => u.UnitName == "闵行区");
        Assert.Equal((2, 2, (int?)40, (decimal?)5m), (minhang.Recommended, minhang.Assessed, minhang.AboveSizeCount, minhang.CoveragePercent));
        Assert.Equal(19, all.Coverage.Count);
        Assert.Equal([0, 0, 2, 5, 0, 0], all.Levels.Select(l => l.Count));

        var own = await FiguresAsync(arranged.YearId, "浦东新区");
        AssertFunnel(own, "第一批", 4, 3, 3, 2, 1, 0, 0);
        AssertFunnel(own, "第二批", 2, 2, 0, 2, 2, 2, 1);
        Assert.Equal(new BudgetFigures(null, 200_000m, 100_000m, 100_000m), own.Budget);
        Assert.Equal("浦东新区", Assert.Single(own.Coverage).UnitName);
        Assert.Equal([0, 0, 0, 5, 0, 0], own.Levels.Select(l => l.Count));

        // 闵行区 never sees 浦东新区's work, not even folded into a total or the budget.
        var other = await FiguresAsync(arranged.YearId, "闵行区");
        AssertFunnel(other, "第一批", 2, 2, 0, 0, 0, 0, 0);
        AssertFunnel(other, "第二批", 0, 0, 0, 0, 0, 0, 0);
        Assert.Equal(new BudgetFigures(null, 0m, 0m, 0m), other.Budget);
        Assert.Equal("闵行区", Assert.Single(other.Coverage).UnitName);
        Assert.Equal([0, 0, 2, 0, 0, 0], other.Levels.Select(l => l.Count));
    }

    [Fact]
    public async Task The_home_pages_show_the_charts_with_their_numbers_and_a_district_none_of_another_unit()
    {
        var arranged = await ArrangeAsync();

        var commission = Text(await (await portal.SignedInAsync(Commission)).GetStringAsync($"/?yearId={arranged.YearId}"));
        Assert.Contains($"{arranged.Year}年度项目概况（全市）", commission);
        Assert.Contains("第一批 6 5 3 2 1 0 0", commission);
        Assert.Contains("第二批 2 2 0 2 2 2 1", commission);
        Assert.Contains("合计 8 7 3 4 3 2 1", commission);
        Assert.Contains("预算上限 500,000.00 元", commission);
        Assert.Contains("浦东新区 6 5 50 10%", commission);
        Assert.Contains("闵行区 2 2 40 5%", commission);

        var minhangHtml = await (await portal.SignedInAsync(Minhang)).GetStringAsync($"/?yearId={arranged.YearId}");
        var minhang = Text(minhangHtml);
        Assert.Contains($"{arranged.Year}年度项目概况（本单位）", minhang);
        Assert.Contains("第一批 2 2 0 0 0 0 0", minhang);
        Assert.Contains("闵行区 2 2 40 5%", minhang);
        Assert.DoesNotContain("浦东新区", minhang);
        Assert.DoesNotContain("预算上限", minhang);
        Assert.Contains("data-chart=", minhangHtml);
        Assert.Contains("/lib/chartjs/dist/chart.umd.js", minhangHtml);

        // An unknown year shows the latest one rather than fail; another role gets no charts.
        Assert.Contains("年度项目概况（全市）", Text(await (await portal.SignedInAsync(Commission)).GetStringAsync($"/?yearId={Guid.NewGuid()}")));
        Assert.DoesNotContain("项目概况", Text(await (await portal.SignedInAsync(ThirdParty)).GetStringAsync($"/?yearId={arranged.YearId}")));
    }
}

[Collection("sqlite")]
public sealed class ProgrammeFiguresTests_Sqlite(TableSqlitePortal portal) : ProgrammeFiguresTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class ProgrammeFiguresTests_Postgres(TablePostgresPortal portal) : ProgrammeFiguresTests(portal), IClassFixture<TablePostgresPortal>;
