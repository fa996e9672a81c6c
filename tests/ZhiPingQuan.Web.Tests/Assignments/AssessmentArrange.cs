using ZhiPingQuan.Domain.Auditing;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Assignments;

/// <summary>
/// Arranging agencies, recommended enterprises and assessments straight through the domain and the
/// DbContext (each test makes its own, so tests sharing a fixture database do not disturb each other),
/// and reading pages back.
/// </summary>
public static partial class AssessmentArrange
{
    public const string Pudong = "浦东新区";
    public const string Minhang = "闵行区";
    public const string TestPassword = "Test#pass2023";

    /// <summary>A valid, random unified social credit code (check character computed).</summary>
    public static CreditCode NewCreditCode() => TestData.NewCreditCode();

    /// <summary>A word no other test's data contains.</summary>
    public static string Tag() => TestData.Tag();

    public static Task<Guid> UnitIdAsync(PortalFactory portal, string name) =>
        portal.WithDbAsync(db => db.RecommendingUnits.Where(u => u.Name == name).Select(u => u.Id).FirstAsync());

    public static Task<Guid> OrganisationIdOfAsync(PortalFactory portal, string email) =>
        portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.OrganisationId).FirstAsync());

    public static async Task<ServiceAgency> NewAgencyAsync(
        PortalFactory portal,
        AgencyLevel level = AgencyLevel.Municipal,
        string? unitName = null,
        DateOnly? validFrom = null,
        DateOnly? validTo = null,
        bool inCatalogue = true,
        string? name = null)
    {
        var unitId = unitName is null ? (Guid?)null : await UnitIdAsync(portal, unitName);
        var agency = new ServiceAgency(name ?? $"测试评估机构{Tag()}", NewCreditCode(), level, unitId,
            validFrom ?? new DateOnly(2020, 1, 1), validTo, inCatalogue);
        await portal.WithDbAsync(async db =>
        {
            db.ServiceAgencies.Add(agency);
            return await db.SaveChangesAsync();
        });
        return agency;
    }

    /// <summary>
    /// The demo agencies are seeded valid until 2025-12-31; tests run on today's date, so make them valid
    /// (only in this fixture's database) to use the demo accounts agency.a and agency.b.
    /// </summary>
    public static Task MakeDemoAgenciesValidAsync(PortalFactory portal) =>
        portal.WithDbAsync(async db =>
        {
            foreach (var agency in await db.ServiceAgencies.Where(a => a.Name == "上海智评工业咨询有限公司" || a.Name == "上海数智工厂评估技术有限公司").ToListAsync())
            {
                agency.SetValidity(agency.ValidFrom, null);
            }
            return await db.SaveChangesAsync();
        });

    public static Task<Guid> AgencyIdAsync(PortalFactory portal, string name) =>
        portal.WithDbAsync(db => db.ServiceAgencies.Where(a => a.Name == name).Select(a => a.Id).FirstAsync());

    /// <summary>
    /// A new enterprise of the unit, recommended (through the domain) to the current year's open 第一批
    /// on basis 4 (wishes to be assessed).
    /// </summary>
    public static async Task<Recommendation> RecommendedAsync(PortalFactory portal, string unitName = Pudong, bool districtFundedOnly = false, Enterprise? existing = null)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var year = ShanghaiTime.ToShanghai(now).Year;
        var batch = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.ProgrammeYear!.Year == year && b.Name == "第一批");
        var enterprise = existing;
        if (enterprise is null)
        {
            var unitId = await db.RecommendingUnits.Where(u => u.Name == unitName).Select(u => u.Id).FirstAsync();
            enterprise = new Enterprise($"测试企业{Tag()}有限公司", NewCreditCode(), KeyIndustry.HighEndEquipment,
                districtFundedOnly ? 5_000.00m : 20_000.00m, unitId);
            db.Enterprises.Add(enterprise);
        }
        var recommendation = new Recommendation(enterprise, batch, "测试", now);
        recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary)], [], districtFundedOnly, enterprise);
        recommendation.Recommend(enterprise, batch, "测试", now);
        db.Recommendations.Add(recommendation);
        await db.SaveChangesAsync();
        return recommendation;
    }

    /// <summary>An account of the given organisation and role (password <see cref="TestPassword"/>).</summary>
    public static async Task<string> NewUserAsync(PortalFactory portal, Guid organisationId, string role)
    {
        await using var scope = portal.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"user.{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "测试" + Tag(), OrganisationId = organisationId, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, TestPassword);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return email;
    }

    /// <summary>Changes one assessment through the domain and saves.</summary>
    public static Task ChangeAsync(PortalFactory portal, Guid assessmentId, Action<Assessment, AppDbContext> change) =>
        portal.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.FirstAsync(a => a.Id == assessmentId);
            change(assessment, db);
            return await db.SaveChangesAsync();
        });

    /// <summary>An assessment (state Assigned) made through the domain.</summary>
    public static async Task<Guid> AssignedAsync(PortalFactory portal, Recommendation recommendation, Guid agencyId)
    {
        return await portal.WithDbAsync(async db =>
        {
            var agency = await db.ServiceAgencies.FirstAsync(a => a.Id == agencyId);
            var rec = await db.Recommendations.FirstAsync(r => r.Id == recommendation.Id);
            var assessment = new Assessment(rec, agency, "测试", DateTime.UtcNow);
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            return assessment.Id;
        });
    }

    /// <summary>Moves an assessment on to ReportSubmitted through the domain (agreement, start, record, steps, report).</summary>
    public static Task SubmitReportAsync(PortalFactory portal, Guid assessmentId) =>
        ChangeAsync(portal, assessmentId, (a, db) =>
        {
            var now = DateTime.UtcNow;
            if (a.EnterpriseConfirmedAtUtc is null)
            {
                a.ConfirmByEnterprise("测试企业", now);
            }
            if (a.State == AssessmentState.Assigned)
            {
                a.DeclareConflict(false, null, "测试机构", now);
                a.Start("测试机构", now);
            }
            var level = db.SmartFactoryLevels.First(l => l.Id == SmartFactoryLevel.SeedIds.Advanced);
            var today = ShanghaiTime.ToShanghai(now);
            a.UpdateRecord(null, DateOnly.FromDateTime(today).AddDays(-2), DateOnly.FromDateTime(today).AddDays(-1), "张三、李四",
                null, new MaturityScore(2.56m), MaturityLevel.Two, level);
            foreach (var c in AssessmentCheckpointNames.All)
            {
                a.CompleteCheckpoint(c, now);
            }
            a.SubmitReport(Guid.NewGuid(), "测试机构", now);
        });

    /// <summary>ReportSubmitted → compliance → Confirmed (the recommendation moves to Assessed).</summary>
    public static Task ConfirmAsync(PortalFactory portal, Guid assessmentId) =>
        portal.WithDbAsync(async db =>
        {
            var a = await db.Assessments.FirstAsync(x => x.Id == assessmentId);
            a.ConfirmCompliance("测试第三方", DateTime.UtcNow);
            a.ConfirmCompletion("测试区", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

    public static Task<Assessment?> LoadAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id));

    /// <summary>The record's audit lines that describe a change or a read it allowed — not the refused look-ups (404s),
    /// which are written too (<see cref="AuditAction.RecordOutOfScope"/>) and counted by <see cref="RefusedLookupsAsync"/>.</summary>
    public static Task<int> AuditCountAsync(PortalFactory portal, Guid recordId) =>
        portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == recordId && a.Action != AuditAction.RecordOutOfScope));

    public static Task<int> RefusedLookupsAsync(PortalFactory portal, Guid recordId) =>
        portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == recordId && a.Action == AuditAction.RecordOutOfScope));

    /// <summary>POSTs with an antiforgery token from the home page (pages of other organisations' records answer 404 and carry none).</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string actionUrl, IDictionary<string, string> fields)
    {
        var token = await client.AntiforgeryTokenAsync("/");
        var content = new FormUrlEncodedContent(fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
        return await client.PostAsync(actionUrl, content);
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

    /// <summary>Follows a redirect and returns the page (with its flash message).</summary>
    public static async Task<string> FollowAsync(this HttpClient client, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return WebUtility.HtmlDecode(await client.GetStringAsync(redirect.Headers.Location!));
    }

    /// <summary>The page's error messages (the validation summary and the messages beside the fields), as the user reads them.</summary>
    public static string Errors(string html)
    {
        var summary = FormErrors().Match(html);
        var fields = FieldErrors().Matches(html).Select(m => m.Groups[1].Value);
        var text = string.Join("\n", (summary.Success ? [summary.Groups[1].Value] : Array.Empty<string>()).Concat(fields));
        return WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex("data-testid=\"form-errors\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex FormErrors();

    [GeneratedRegex("<span[^>]*field-validation-error[^>]*>(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex FieldErrors();

    public static async Task<string> HtmlAsync(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
