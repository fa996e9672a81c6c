using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.SummaryTables;

/// <summary>
/// The portal with a clock the test moves (deadlines are the point): it starts on 20 October 2023, 10:00 in Shanghai.
/// Tests of one fixture run one after another; a test that moves the clock puts it back.
/// </summary>
public abstract class TablePortal : PortalFactory
{
    public static readonly DateTime Start = new(2023, 10, 20, 2, 0, 0, DateTimeKind.Utc);

    protected TablePortal(DbProvider provider) : base(provider)
    {
        var clock = new Mock<IClock>();
        clock.SetupGet(c => c.UtcNow).Returns(() => Now);
        Clock = clock.Object;
    }

    public DateTime Now { get; set; } = Start;
}

public sealed class TableSqlitePortal() : TablePortal(DbProvider.Sqlite);

public sealed class TablePostgresPortal() : TablePortal(DbProvider.Postgres);

/// <summary>
/// Arranges what comes before a summary table — enterprises recommended, assessed and confirmed — straight through the
/// domain, in a batch of a programme year of the test's own, and drives the table's pages as a browser would.
/// </summary>
public static class TableArrange
{
    public const string Pudong = "district.pudong@zpq.local";
    public const string Minhang = "district.minhang@zpq.local";
    public const string ThirdParty = "thirdparty@zpq.local";
    public const string Commission = "commission@zpq.local";
    public const string AgencyA = "agency.a@zpq.local";
    public const string EnterpriseA = "enterprise.a@zpq.local";

    /// <summary>How far an arranged enterprise gets.</summary>
    public enum Stage
    {
        Confirmed,
        Returned,
        Reassigned,
        DistrictFundedOnly,
    }

    /// <summary>A batch (第一批) of a new programme year; the deadline defaults to 15 December 2023.</summary>
    public static async Task<Guid> NewBatchAsync(PortalFactory portal, DateOnly? deadline = null)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var number = Math.Max(2030, await db.ProgrammeYears.MaxAsync(y => y.Year) + 1);
        var year = new ProgrammeYear(number, new Money(100_000.00m), null);
        var batch = year.AddBatch("第一批", deadline ?? new DateOnly(2023, 12, 15));
        db.ProgrammeYears.Add(year);
        await db.SaveChangesAsync();
        return batch.Id;
    }

    public sealed record Arranged(Guid EnterpriseId, Guid? AssessmentId, Guid RecommendationId, string Name, string CreditCode);

    /// <summary>A new enterprise of the unit, recommended to the batch and taken to <paramref name="stage"/>.</summary>
    public static async Task<Arranged> EnterpriseAsync(
        TablePortal portal, Guid batchId, Stage stage = Stage.Confirmed, string unitName = "浦东新区", decimal score = 3.20m,
        string? contactName = "张联系", string? name = null, KeyIndustry industry = KeyIndustry.HighEndEquipment)
    {
        var all = await EnterprisesAsync(portal, batchId, 1, stage, unitName, score, contactName, name, industry);
        return all[0];
    }

    public static async Task<IReadOnlyList<Arranged>> EnterprisesAsync(
        TablePortal portal, Guid batchId, int count, Stage stage = Stage.Confirmed, string unitName = "浦东新区", decimal score = 3.20m,
        string? contactName = "张联系", string? name = null, KeyIndustry industry = KeyIndustry.HighEndEquipment)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unitId = await db.RecommendingUnits.Where(u => u.Name == unitName).Select(u => u.Id).FirstAsync();
        var batch = await db.Batches.FirstAsync(b => b.Id == batchId);
        var agency = await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyAName);
        var otherAgency = await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyBName);
        var tier = await db.SmartFactoryLevels.FirstAsync(l => l.Id == SmartFactoryLevel.SeedIds.Advanced);
        var at = portal.Now;
        var arranged = new List<Arranged>();
        for (var i = 0; i < count; i++)
        {
            var enterprise = new Enterprise(name ?? $"汇总表测试企业{TestData.Tag()}有限公司", TestData.NewCreditCode(), industry, 20_000m, unitId);
            if (contactName is not null)
            {
                enterprise.SetContact(null, contactName, $"021-5{i:D3} {1000 + i}", null);
            }
            db.Organisations.Add(enterprise);
            var recommendation = new Recommendation(enterprise, batch, "测试推荐人", at);
            recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿评估")], [],
                stage == Stage.DistrictFundedOnly, enterprise);
            recommendation.Recommend(enterprise, batch, "测试推荐人", at);
            db.Recommendations.Add(recommendation);
            Assessment? assessment = null;
            if (stage != Stage.DistrictFundedOnly)
            {
                assessment = new Assessment(recommendation, agency, "测试推荐人", at);
                assessment.ConfirmByEnterprise("企业联系人", at);
                assessment.DeclareConflict(false, null, "测试评估师", at);
                assessment.Start("测试评估师", at);
                if (stage == Stage.Reassigned)
                {
                    assessment.Reassign(otherAgency, "评估人员调整", "测试推荐人", at);
                }
                else
                {
                    assessment.UpdateRecord(null, new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 15), "张三、李四", null,
                        new MaturityScore(score), new MaturityScore(score).Level, tier);
                    foreach (var c in AssessmentCheckpointNames.All)
                    {
                        assessment.CompleteCheckpoint(c, at);
                    }
                    assessment.SubmitReport(Guid.NewGuid(), "测试评估师", at);
                    if (stage == Stage.Returned)
                    {
                        assessment.Return("报告缺页", "测试审核员", at);
                    }
                    else
                    {
                        assessment.ConfirmCompliance("测试审核员", at);
                        assessment.ConfirmCompletion("测试推荐人", at.AddSeconds(i));
                    }
                }
                db.Assessments.Add(assessment);
            }
            arranged.Add(new Arranged(enterprise.Id, assessment?.Id, recommendation.Id, enterprise.Name, enterprise.CreditCode.Value));
        }
        await db.SaveChangesAsync();
        return arranged;
    }

    // ---------------------------------------------------------------------------------------- pages

    /// <summary>The district drafts its table for the batch (from the 生成汇总表 page); returns the new table's id.</summary>
    public static async Task<Guid> DraftAsync(HttpClient district, Guid batchId)
    {
        var response = await district.PostFormAsync($"/SummaryTables/Build?batchId={batchId}", $"/SummaryTables/Create?batchId={batchId}",
            new Dictionary<string, string>());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"drafting answered {(int)response.StatusCode}: {Text(await response.Content.ReadAsStringAsync())}");
        var match = Regex.Match(response.Headers.Location!.OriginalString, "/SummaryTables/Details/([0-9a-f-]{36})");
        Assert.True(match.Success, response.Headers.Location.OriginalString);
        return Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>Posts one of the table page's forms with the version the page shows.</summary>
    public static async Task<HttpResponseMessage> ActAsync(this HttpClient client, Guid tableId, string action, IDictionary<string, string>? fields = null)
    {
        var page = $"/SummaryTables/Details/{tableId}";
        var html = await client.GetStringAsync(page);
        var all = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["version"] = HiddenVersion(html) };
        return await client.PostFormAsync(page, $"/SummaryTables/{action}/{tableId}", all);
    }

    /// <summary>Posts to an action with the table's current version from the database (for users the page offers no form to).</summary>
    public static async Task<HttpResponseMessage> PostWithVersionAsync(this HttpClient client, PortalFactory portal, Guid tableId, string action)
    {
        var version = (await LoadAsync(portal, tableId)).Version;
        return await client.PostFormAsync($"/SummaryTables/Details/{tableId}", $"/SummaryTables/{action}/{tableId}",
            new Dictionary<string, string> { ["version"] = version.ToString() });
    }

    public static async Task ActOkAsync(this HttpClient client, Guid tableId, string action, IDictionary<string, string>? fields = null, string? expectedPath = null)
    {
        var response = await client.ActAsync(tableId, action, fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var text = Text(await response.Content.ReadAsStringAsync());
            Assert.Fail($"{action} answered {(int)response.StatusCode}: {text[..Math.Min(800, text.Length)]}");
        }
        Assert.StartsWith(expectedPath ?? $"/SummaryTables/Details/{tableId}", response.Headers.Location!.OriginalString);
    }

    /// <summary>Draft → both seals, through the pages.</summary>
    public static async Task<Guid> SealedAsync(TablePortal portal, Guid batchId, HttpClient? district = null)
    {
        district ??= await portal.SignedInAsync(Pudong);
        var id = await DraftAsync(district, batchId);
        await district.ActOkAsync(id, "SealDistrict");
        await (await portal.SignedInAsync(ThirdParty)).ActOkAsync(id, "SealThirdParty");
        return id;
    }

    public static async Task<Guid> SubmittedAsync(TablePortal portal, Guid batchId)
    {
        var district = await portal.SignedInAsync(Pudong);
        var id = await SealedAsync(portal, batchId, district);
        await district.ActOkAsync(id, "Submit");
        return id;
    }

    public static string HiddenVersion(string html)
    {
        var match = Regex.Match(html, "name=\"version\" value=\"([0-9a-f-]{36})\"");
        Assert.True(match.Success, "no hidden version on the page");
        return match.Groups[1].Value;
    }

    public static Task<SummaryTable> LoadAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.SummaryTables.AsNoTracking().Include(t => t.Rows).Include(t => t.Seals).Include(t => t.DroppedRows)
            .AsSplitQuery().FirstAsync(t => t.Id == id));

    public static Task<RecommendationState> RecommendationStateAsync(PortalFactory portal, Guid recommendationId) =>
        portal.WithDbAsync(db => db.Recommendations.Where(r => r.Id == recommendationId).Select(r => r.State).FirstAsync());

    /// <summary>Visible text of a page: tags removed, entities decoded, whitespace collapsed.</summary>
    public static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    public static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}
