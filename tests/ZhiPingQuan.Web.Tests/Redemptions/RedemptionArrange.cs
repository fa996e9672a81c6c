using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;

namespace ZhiPingQuan.Web.Tests.Redemptions;

/// <summary>
/// Arranges what comes before a redemption — a programme year of the test's own (standard amount, cap), enterprises
/// recommended, assessed by an agency, confirmed, and their applications passed — straight through the domain; the pass
/// makes the redemption in the same save, as the review page does.
/// </summary>
public static class RedemptionArrange
{
    public const string Commission = TableArrange.Commission;
    public const string AgencyA = TableArrange.AgencyA;
    public const string AgencyB = "agency.b@zpq.local";
    public static readonly Money Standard = new(100_000.00m);

    public sealed record Year(Guid YearId, Guid BatchId, int Number);

    public sealed record Passed(Guid EnterpriseId, string Name, string CreditCode, Guid ApplicationId, Guid AgencyId);

    public static async Task<Year> NewYearAsync(PortalFactory portal, Money? cap)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var number = Math.Max(2030, await db.ProgrammeYears.MaxAsync(y => y.Year) + 1);
        var year = new ProgrammeYear(number, Standard, cap);
        var batch = year.AddBatch("第一批", new DateOnly(2023, 12, 15));
        db.ProgrammeYears.Add(year);
        await db.SaveChangesAsync();
        return new Year(year.Id, batch.Id, number);
    }

    /// <summary>A district-level agency of 浦东新区 (its work is never redeemed).</summary>
    public static async Task<Guid> DistrictAgencyAsync(PortalFactory portal)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区");
        var agency = new ServiceAgency($"浦东区级评估{TestData.Tag()}有限公司", TestData.NewCreditCode(), AgencyLevel.District, unit.Id, new DateOnly(2023, 1, 1));
        db.Organisations.Add(agency);
        await db.SaveChangesAsync();
        return agency.Id;
    }

    /// <summary><paramref name="count"/> enterprises of 浦东新区 assessed (start 2023-09-01) by the agency, their applications passed.</summary>
    public static async Task<List<Passed>> PassedAsync(TablePortal portal, Year year, int count, Guid? agencyId = null, string? namePrefix = null)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区");
        var batch = await db.Batches.FirstAsync(b => b.Id == year.BatchId);
        var agency = agencyId is { } id
            ? await db.ServiceAgencies.FirstAsync(a => a.Id == id)
            : await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyAName);
        var tier = await db.SmartFactoryLevels.FirstAsync(l => l.Id == SmartFactoryLevel.SeedIds.Advanced);
        var at = portal.Now;
        var passed = new List<Passed>();
        for (var i = 0; i < count; i++)
        {
            var enterprise = new Enterprise($"{namePrefix}兑付测试企业{TestData.Tag()}有限公司", TestData.NewCreditCode(), KeyIndustry.HighEndEquipment, 20_000m, unit.Id);
            enterprise.SetContact(null, "张联系", "021-5000 1000", null);
            db.Organisations.Add(enterprise);
            var recommendation = new Recommendation(enterprise, batch, "测试推荐人", at);
            recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿评估")], [], false, enterprise);
            recommendation.Recommend(enterprise, batch, "测试推荐人", at);
            db.Recommendations.Add(recommendation);
            var assessment = new Assessment(recommendation, agency, "测试推荐人", at);
            assessment.ConfirmByEnterprise("企业联系人", at);
            assessment.DeclareConflict(false, null, "测试评估师", at);
            assessment.Start("测试评估师", at);
            var score = new MaturityScore(3.20m);
            assessment.UpdateRecord(null, new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 15), "张三、李四", null, score, score.Level, tier);
            foreach (var c in AssessmentCheckpointNames.All)
            {
                assessment.CompleteCheckpoint(c, at);
            }
            var report = new StoredFile(agency.Id, "评估报告.pdf", "application/pdf", 1024, new string('a', 64), $"test/{Guid.NewGuid():N}.pdf", "测试评估师", at);
            db.StoredFiles.Add(report);
            assessment.SubmitReport(report.Id, "测试评估师", at);
            assessment.ConfirmCompliance("测试审核员", at);
            assessment.ConfirmCompletion("测试推荐人", at);
            db.Assessments.Add(assessment);

            var application = new QuotaApplication(
                new ApplicationOrigin(enterprise.Id, year.YearId, batch.Id, unit.Id, assessment.Id, agency.Id, assessment.ReportFileId!.Value,
                    [RecommendationBasis.Voluntary]),
                new StatedAssessment(enterprise.Name, enterprise.CreditCode.Value, score, score.Level, tier.Name),
                listedInSubmittedSummaryTable: true, at, ("张联系", "021-5000 1000", "contact@example.cn"));
            application.Submit(at, batch.Deadline);
            application.StartReview();
            db.QuotaApplications.Add(application);
            db.ReviewDecisions.Add(application.Pass("测试审核员", at));
            passed.Add(new Passed(enterprise.Id, enterprise.Name, enterprise.CreditCode.Value, application.Id, agency.Id));
        }
        await db.SaveChangesAsync();
        return passed;
    }

    public static Task<List<Redemption>> RedemptionsAsync(PortalFactory portal, Year year) =>
        portal.WithDbAsync(db => db.Redemptions.AsNoTracking().Where(r => r.ProgrammeYearId == year.YearId).OrderBy(r => r.CreatedAtUtc).ToListAsync());

    public static Task<Redemption> RedemptionOfAsync(PortalFactory portal, Passed p) =>
        portal.WithDbAsync(db => db.Redemptions.AsNoTracking().FirstAsync(r => r.ApplicationId == p.ApplicationId));

    /// <summary>Posts the approval of these redemptions as the confirmation page does.</summary>
    public static Task<HttpResponseMessage> ApproveAsync(this HttpClient commission, IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        return PostListAsync(commission, "/Redemptions", "/Redemptions/Approve", list.Select(id => new KeyValuePair<string, string>("ids", id.ToString())));
    }

    public static async Task<HttpResponseMessage> PostListAsync(HttpClient client, string pageUrl, string actionUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await client.AntiforgeryTokenAsync(pageUrl);
        return await client.PostAsync(actionUrl, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    public static async Task<string> FlashAfterAsync(this HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"expected a redirect, got {(int)response.StatusCode}: {Text(await response.Content.ReadAsStringAsync())[..Math.Min(800, Text(await response.Content.ReadAsStringAsync()).Length)]}");
        return Text(await client.GetStringAsync(response.Headers.Location!.OriginalString));
    }

    public static string Text(string html) => TableArrange.Text(html);

    public static string PageVersion(string html)
    {
        var match = Regex.Match(html, "name=\"version\" value=\"([0-9a-f-]{36})\"");
        Assert.True(match.Success, "no hidden version on the page");
        return match.Groups[1].Value;
    }
}
