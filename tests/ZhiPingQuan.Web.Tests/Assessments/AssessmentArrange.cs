using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Assessments;

/// <summary>
/// The portal with its clock on 20 October 2023, 10:00 in Shanghai: the 2023 pilot's 第一批 (deadline
/// 15 November) is open and the demo agencies (valid 2023–2025) may be assigned.
/// </summary>
public abstract class AssessmentPortal : PortalFactory
{
    public static readonly DateTime Now = new(2023, 10, 20, 2, 0, 0, DateTimeKind.Utc);

    protected AssessmentPortal(DbProvider provider) : base(provider)
    {
        var clock = new Mock<IClock>();
        clock.SetupGet(c => c.UtcNow).Returns(Now);
        Clock = clock.Object;
    }
}

public sealed class AssessmentSqlitePortal() : AssessmentPortal(DbProvider.Sqlite);

public sealed class AssessmentPostgresPortal() : AssessmentPortal(DbProvider.Postgres);

/// <summary>
/// Arranges the steps before this feature — recommendation, assignment, the enterprise's agreement, the
/// agency's no-conflict declaration and acceptance — straight through the domain, as the assignment pages would.
/// </summary>
public static partial class AssessmentArrange
{
    public const string PudongDistrict = "district.pudong@zpq.local";
    public const string MinhangDistrict = "district.minhang@zpq.local";
    public const string AgencyA = "agency.a@zpq.local";
    public const string AgencyB = "agency.b@zpq.local";
    public const string ThirdParty = "thirdparty@zpq.local";
    public const string Commission = "commission@zpq.local";
    public const string EnterpriseA = "enterprise.a@zpq.local";

    /// <summary>
    /// An assessment in progress (or only assigned when <paramref name="start"/> is false) for a new
    /// enterprise of 浦东新区 — or for an existing enterprise named <paramref name="enterpriseName"/>.
    /// <paramref name="batchDeadline"/> puts it in a batch of its own programme year with that deadline,
    /// arranged a month before it (so it can be overdue on the fixture's day).
    /// </summary>
    public static async Task<Guid> AssessmentAsync(
        PortalFactory portal,
        string? enterpriseName = null,
        string agencyName = DemoDataSeeder.AgencyAName,
        string unitName = "浦东新区",
        DateOnly? batchDeadline = null,
        bool start = true)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unitId = await db.RecommendingUnits.Where(u => u.Name == unitName).Select(u => u.Id).FirstAsync();

        Enterprise enterprise;
        if (enterpriseName is null)
        {
            enterprise = new Enterprise($"评估测试企业{Tag()}有限公司", NewCreditCode(), KeyIndustry.HighEndEquipment, 20_000m, unitId);
            db.Organisations.Add(enterprise);
        }
        else
        {
            enterprise = await db.Organisations.OfType<Enterprise>().FirstAsync(e => e.Name == enterpriseName);
        }

        Batch batch;
        var at = AssessmentPortal.Now;
        if (batchDeadline is { } deadline)
        {
            var yearNumber = Math.Max(2030, await db.ProgrammeYears.MaxAsync(y => y.Year) + 1);
            var year = new ProgrammeYear(yearNumber, new Money(100_000.00m), null);
            batch = year.AddBatch("第一批", deadline);
            db.ProgrammeYears.Add(year);
            at = ShanghaiTime.EndOfDayUtc(deadline).AddDays(-30);
        }
        else
        {
            batch = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批");
        }

        var recommendation = new Recommendation(enterprise, batch, "测试推荐人", at);
        recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿评估")], [], false, enterprise);
        recommendation.Recommend(enterprise, batch, "测试推荐人", at);
        db.Recommendations.Add(recommendation);

        var agency = await db.ServiceAgencies.FirstAsync(a => a.Name == agencyName);
        var assessment = new Assessment(recommendation, agency, "测试推荐人", at);
        if (start)
        {
            assessment.ConfirmByEnterprise("测试企业联系人", at);
            assessment.DeclareConflict(false, null, "测试评估师", at);
            assessment.Start("测试评估师", at);
        }
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync();
        return assessment.Id;
    }

    /// <summary>A record complete enough to submit: dates, assessors, a consistent score and level, all checkpoints.</summary>
    public static async Task CompleteRecordAsync(PortalFactory portal, Guid id, decimal score = 3.20m, MaturityLevel level = MaturityLevel.Three)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var a = await db.Assessments.FirstAsync(x => x.Id == id);
        var tier = await db.SmartFactoryLevels.FirstAsync(l => l.Id == SmartFactoryLevel.SeedIds.Advanced);
        a.UpdateRecord(null, new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 15), "张三、李四", null, new MaturityScore(score), level, tier);
        foreach (var c in AssessmentCheckpointNames.All)
        {
            a.CompleteCheckpoint(c, AssessmentPortal.Now);
        }
        await db.SaveChangesAsync();
    }

    public static string Tag() => TestData.Tag();

    public static CreditCode NewCreditCode() => TestData.NewCreditCode();

    /// <summary>A small real-looking PDF (the signature is what the portal checks).</summary>
    public static byte[] Pdf(string text, int padding = 2_000)
    {
        var body = $"%PDF-1.4\n% {text}\n1 0 obj << /Type /Catalog >> endobj\n" + new string('x', padding) + "\n%%EOF\n";
        return System.Text.Encoding.UTF8.GetBytes(body);
    }

    /// <summary>A Windows executable's first bytes, to be renamed .pdf.</summary>
    public static byte[] Executable() =>
        [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, .. System.Text.Encoding.ASCII.GetBytes("This program cannot be run in DOS mode." + new string('\0', 500))];

    // ---------------------------------------------------------------------------------------- http

    /// <summary>The concurrency token a form of the page carries (hidden field "Version" or "version").</summary>
    /// <summary>The flag the page that asks before an irreversible step posts with its button.</summary>
    public static Dictionary<string, string> Confirmed => new() { ["confirmed"] = "true" };

    public static string HiddenVersion(string html, string fieldName = "version")
    {
        var match = Regex.Match(html, $"name=\"{fieldName}\" value=\"([0-9a-f-]{{36}})\"");
        Assert.True(match.Success, $"no hidden {fieldName} on the page");
        return match.Groups[1].Value;
    }

    /// <summary>Posts a multipart form (with an optional file) with the antiforgery token of <paramref name="pageUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string pageUrl, string actionUrl,
        IDictionary<string, string> fields, (string Field, string FileName, byte[] Content)? file)
    {
        var token = await client.AntiforgeryTokenAsync(pageUrl);
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }
        content.Add(new StringContent(token), "__RequestVerificationToken");
        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Content);
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            content.Add(bytes, f.Field, f.FileName);
        }
        return await client.PostAsync(actionUrl, content);
    }

    /// <summary>Submits the report from the record page (the page's own version token).</summary>
    public static async Task<HttpResponseMessage> SubmitReportAsync(this HttpClient agency, Guid id, byte[]? pdf, string fileName = "评估报告.pdf")
    {
        var page = await agency.GetStringAsync($"/Assessments/Record/{id}");
        var version = HiddenVersion(SubmitForm(page));
        return await agency.PostMultipartAsync($"/Assessments/Record/{id}", $"/Assessments/Submit/{id}",
            new Dictionary<string, string> { ["version"] = version },
            pdf is null ? null : ("report", fileName, pdf));
    }

    /// <summary>Saves the record form with these fields (the rest empty), with the page's version token.</summary>
    public static async Task<HttpResponseMessage> SaveRecordAsync(this HttpClient agency, Guid id, IDictionary<string, string> fields)
    {
        var page = await agency.GetStringAsync($"/Assessments/Record/{id}");
        var all = new Dictionary<string, string>(fields) { ["Version"] = HiddenVersion(page, "Version") };
        return await agency.PostFormAsync($"/Assessments/Record/{id}", $"/Assessments/Record/{id}", all);
    }

    public static async Task<HttpResponseMessage> PostWithPageVersionAsync(this HttpClient client, string pageUrl, string actionUrl, IDictionary<string, string>? fields = null)
    {
        var page = await client.GetStringAsync(pageUrl);
        var all = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["version"] = HiddenVersion(page) };
        return await client.PostFormAsync(pageUrl, actionUrl, all);
    }

    private static string SubmitForm(string html)
    {
        var start = html.IndexOf("data-testid=\"submit-form\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the record page has no submit form");
        return html[start..];
    }

    public static void AssertRedirect(HttpResponseMessage response, string pathStart)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}");
        Assert.StartsWith(pathStart, response.Headers.Location!.OriginalString);
    }

    public static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    /// <summary>Files under the storage root, without the portal's log files.</summary>
    public static string[] StoredFilesOnDisk(PortalFactory portal) =>
        Directory.GetFiles(portal.StorageRoot, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(portal.StorageRoot, "logs"), StringComparison.Ordinal))
            .Order().ToArray();

    public static Task<Assessment> LoadAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Assessments.AsNoTracking().FirstAsync(a => a.Id == id));

    public static Task<string> EnterpriseNameAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Enterprise!.Name).FirstAsync());

    public static Task<int> AuditCountAsync(PortalFactory portal, Guid id, AuditAction action) =>
        portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == id && e.Action == action));

    /// <summary>Visible text of a page: tags removed, entities decoded, whitespace collapsed.</summary>
    public static string Text(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");
}
