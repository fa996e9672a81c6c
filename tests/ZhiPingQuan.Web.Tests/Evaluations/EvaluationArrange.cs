using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.Evaluations;

/// <summary>
/// A programme of the test's own whose evaluation figures are worked out by hand. In a new year, at the portal's clock
/// (20 October 2023), with 第一批 open until 15 December and 第二批 closing on 25 October:
/// <list type="bullet">
/// <item>浦东新区: E1–E5 recommended to 第一批 and confirmed; E6 recommended to 第二批, its report returned (not confirmed);
/// E7 district-funded only; E8 recommended and withdrawn. 规上 count 200. Its 第一批 table sealed and submitted on the 20th;
/// none for 第二批. Applications: E1 passed at once (its redemption approved), E2 returned once then passed (redemption
/// left waiting), E3 returned twice, E4 a draft, E5 submitted then withdrawn. Upgrade records: E1 a planned project, E2 a
/// cancelled one, E3 a cancelled and a completed one (an enterprise not assessed cannot have one).</item>
/// <item>闵行区: two enterprises recommended to 第一批 and confirmed; no 规上 count, no table, no application.</item>
/// </list>
/// Read on 26 October (第二批 closed): 浦东新区 recommended 6, assessed 5, coverage 5/200 = 2.50%, tables due 2 and on time
/// 1, applications 3, first pass 1 (33.33%), returns 3, redemptions 1, follow-up 2 (2/5 = 40.00%); 闵行区 recommended 2,
/// assessed 2, coverage —, tables 0/0, applications 0 (—), follow-up 0 (0.00%).
/// </summary>
public static class EvaluationArrange
{
    public static readonly DateTime ReadAt = TablePortal.Start.AddDays(6);

    public static readonly EvaluationIndicators PudongExpected = new(
        RecommendedCount: 6, AssessedCount: 5, AboveSizeCount: 200, CoveragePercent: 2.50m, TablesExpected: 2, TablesSubmittedOnTime: 1,
        ApplicationCount: 3, FirstPassCount: 1, FirstPassRatePercent: 33.33m, ReturnCount: 3, RedemptionCount: 1, FollowUpCount: 2,
        UpgradeFollowUpRatePercent: 40.00m);

    public static readonly EvaluationIndicators MinhangExpected = new(
        RecommendedCount: 2, AssessedCount: 2, AboveSizeCount: 0, CoveragePercent: null, TablesExpected: 0, TablesSubmittedOnTime: 0,
        ApplicationCount: 0, FirstPassCount: 0, FirstPassRatePercent: null, ReturnCount: 0, RedemptionCount: 0, FollowUpCount: 0,
        UpgradeFollowUpRatePercent: 0.00m);

    public sealed record Programme(Guid YearId, int Year, Guid PudongId, Guid MinhangId, IReadOnlyList<Arranged> Pudong);

    /// <summary>Arranges the programme at the portal's start time and leaves the clock on <see cref="ReadAt"/>.</summary>
    public static async Task<Programme> SeededAsync(TablePortal portal)
    {
        portal.Now = TablePortal.Start;
        var batch1 = await NewBatchAsync(portal);
        var (yearId, year, batch2) = await portal.WithDbAsync(async db =>
        {
            var b = await db.Batches.Include(x => x.ProgrammeYear).FirstAsync(x => x.Id == batch1);
            var second = b.ProgrammeYear!.AddBatch("第二批", new DateOnly(2023, 10, 25));
            await db.SaveChangesAsync();
            return (b.ProgrammeYearId, b.ProgrammeYear.Year, second.Id);
        });

        var pudong = (await EnterprisesAsync(portal, batch1, 5)).ToList();
        pudong.Add(await EnterpriseAsync(portal, batch2, Stage.Returned));
        await EnterpriseAsync(portal, batch1, Stage.DistrictFundedOnly);
        await EnterprisesAsync(portal, batch1, 2, unitName: "闵行区");

        var district = await portal.SignedInAsync(Pudong);
        var table = await SealedAsync(portal, batch1, district);
        await district.ActOkAsync(table, "Submit");

        await using (var scope = portal.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var at = portal.Now;
            var unit = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区");
            var programmeYear = await db.ProgrammeYears.FirstAsync(y => y.Id == yearId);
            db.UnitYearSettings.Add(new UnitYearSettings(unit, programmeYear, [KeyIndustry.HighEndEquipment], 200));

            // E8: recommended, then withdrawn before any agency was assigned.
            var b1 = await db.Batches.FirstAsync(b => b.Id == batch1);
            var e8 = new Enterprise($"撤回测试企业{TestData.Tag()}有限公司", TestData.NewCreditCode(), KeyIndustry.HighEndEquipment, 20_000m, unit.Id);
            db.Organisations.Add(e8);
            var recommendation = new Recommendation(e8, b1, "测试推荐人", at);
            recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿评估")], [], false, e8);
            recommendation.Recommend(e8, b1, "测试推荐人", at);
            recommendation.Withdraw("企业放弃本年度评估", "测试推荐人", at, assessmentAssigned: false);
            db.Recommendations.Add(recommendation);

            var due = new DateOnly(2023, 10, 25);
            var deadline = new DateOnly(2023, 12, 15);
            var applications = new List<QuotaApplication>();
            for (var i = 0; i < 5; i++)
            {
                applications.Add(await ApplicationAsync(db, pudong[i], yearId, batch1, unit.Id, at));
            }
            var (e1, e2, e3, e4, e5) = (applications[0], applications[1], applications[2], applications[3], applications[4]);
            foreach (var a in new[] { e1, e2, e3, e5 })
            {
                a.Submit(at, deadline);
            }
            e1.StartReview();
            db.ReviewDecisions.Add(e1.Pass("测试审核员", at));

            e2.StartReview();
            db.ReviewDecisions.Add(e2.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "联系电话无法接通")], due, deadline, "测试审核员", at));
            e2.UpdateContact("申请联系人", "021-6000 2000", "apply@example.cn");
            e2.Resubmit("电话已更正", at);
            e2.StartReview();
            db.ReviewDecisions.Add(e2.Pass("测试审核员", at));

            e3.StartReview();
            db.ReviewDecisions.Add(e3.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "联系电话无法接通")], due, deadline, "测试审核员", at));
            e3.UpdateContact("申请联系人", "021-6000 3000", "apply@example.cn");
            e3.Resubmit("电话已更正", at);
            e3.StartReview();
            db.ReviewDecisions.Add(e3.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "邮箱无效")], due, deadline, "测试审核员", at));

            e5.Withdraw("企业自行撤回", at);
            _ = e4; // a draft: never submitted

            await UpgradeAsync(db, pudong[0], at, [null]);
            await UpgradeAsync(db, pudong[1], at, [FollowUpProjectStatus.Cancelled]);
            await UpgradeAsync(db, pudong[2], at, [FollowUpProjectStatus.Cancelled, FollowUpProjectStatus.Completed]);
            await db.SaveChangesAsync();

            var redemption = await db.Redemptions.FirstAsync(r => r.ApplicationId == e1.Id);
            redemption.Approve(null, Money.Zero, "测试审批人", at);
            Assert.True(await db.Redemptions.AnyAsync(r => r.ApplicationId == e2.Id), "the second pass made a redemption too (left waiting)");
            await db.SaveChangesAsync();
        }
        portal.Now = ReadAt;
        var ids = await portal.WithDbAsync(async db => (
            await db.RecommendingUnits.Where(u => u.Name == "浦东新区").Select(u => u.Id).FirstAsync(),
            await db.RecommendingUnits.Where(u => u.Name == "闵行区").Select(u => u.Id).FirstAsync()));
        return new Programme(yearId, year, ids.Item1, ids.Item2, pudong);
    }

    private static async Task<QuotaApplication> ApplicationAsync(AppDbContext db, Arranged e, Guid yearId, Guid batchId, Guid unitId, DateTime at)
    {
        var assessment = await db.Assessments.FirstAsync(a => a.Id == e.AssessmentId);
        var tier = await db.SmartFactoryLevels.FirstAsync(l => l.Id == SmartFactoryLevel.SeedIds.Advanced);
        var report = new StoredFile(assessment.AgencyId, "评估报告.pdf", "application/pdf", 1024, new string('a', 64), $"test/{Guid.NewGuid():N}.pdf", "测试评估师", at);
        db.StoredFiles.Add(report);
        var score = new MaturityScore(3.20m);
        var application = new QuotaApplication(
            new ApplicationOrigin(e.EnterpriseId, yearId, batchId, unitId, assessment.Id, assessment.AgencyId, report.Id, [RecommendationBasis.Voluntary]),
            new StatedAssessment(e.Name, e.CreditCode, score, score.Level, tier.Name),
            listedInSubmittedSummaryTable: true, at, ("张联系", "021-5000 1000", "contact@example.cn"));
        db.QuotaApplications.Add(application);
        return application;
    }

    /// <summary>An upgrade record with one project per entry: null stays planned, otherwise taken to that status.</summary>
    private static async Task UpgradeAsync(AppDbContext db, Arranged e, DateTime at, FollowUpProjectStatus?[] projects)
    {
        var record = new UpgradeRecord(await db.Assessments.FirstAsync(a => a.Id == e.AssessmentId), at);
        record.AddProblem(CapabilityArea.Production, "数据采集覆盖不足", at);
        foreach (var status in projects)
        {
            var project = record.AddProject(new FollowUpProjectInput("产线数据采集改造", KeyLink.Production, 50m, new DateOnly(2023, 10, 1), null), at);
            switch (status)
            {
                case FollowUpProjectStatus.Cancelled:
                    record.CancelProject(project.Id, at);
                    break;
                case FollowUpProjectStatus.Completed:
                    record.CompleteProject(project.Id, new DateOnly(2023, 10, 15), at);
                    break;
            }
        }
        db.UpgradeRecords.Add(record);
    }
}
