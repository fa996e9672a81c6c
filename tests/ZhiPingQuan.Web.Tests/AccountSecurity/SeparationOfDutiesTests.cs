using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.AccountSecurity;

/// <summary>
/// 三权分立 (docs/decisions/0013-sessions-and-separation-of-duties.md): the system administrator keeps accounts and organisations, the
/// security administrator locks, unlocks and resets, the audit administrator reads and exports the trail — and none of
/// them reads a business record (recommendations, assessments, summary tables, the registry's record pages).
/// </summary>
public abstract class SeparationOfDutiesTests(PortalFactory portal)
{
    private static void AssertRefused(HttpResponseMessage response, string url)
    {
        var refused = response.StatusCode == HttpStatusCode.NotFound
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/AccessDenied"));
        Assert.True(refused, $"{url} answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    public static TheoryData<string> BusinessPages => new()
    {
        "/Recommendations", "/RecommendationOverview", "/Assessments/Tracking", "/Assessments", "/SummaryTables", "/SummaryTables/Inbox",
        "/Enterprises", "/Enterprises/Export", "/Assignments", "/Programmes", "/UnitSettings/All",
    };

    [Theory]
    [MemberData(nameof(BusinessPages))]
    public async Task No_administrator_reads_business_records(string url)
    {
        foreach (var email in new[] { "admin@zpq.local", "security@zpq.local", "audit@zpq.local" })
        {
            var client = await portal.SignedInAsync(email);
            AssertRefused(await client.GetAsync(url), $"{email} {url}");
        }
    }

    [Fact]
    public async Task No_administrator_opens_a_recommendation_an_assessment_or_an_enterprise_record()
    {
        var (recommendation, assessment, enterprise) = await portal.WithDbAsync(async db => (
            await db.Recommendations.Select(r => r.Id).FirstOrDefaultAsync(),
            await db.Assessments.Select(a => a.Id).FirstOrDefaultAsync(),
            await db.Organisations.OfType<ZhiPingQuan.Domain.Organisations.Enterprise>().Select(e => e.Id).FirstAsync()));
        foreach (var email in new[] { "admin@zpq.local", "security@zpq.local", "audit@zpq.local" })
        {
            var client = await portal.SignedInAsync(email);
            AssertRefused(await client.GetAsync($"/Enterprises/Details/{enterprise}"), email);
            if (recommendation != Guid.Empty)
            {
                AssertRefused(await client.GetAsync($"/Recommendations/Details/{recommendation}"), email);
            }
            if (assessment != Guid.Empty)
            {
                AssertRefused(await client.GetAsync($"/Assessments/Details/{assessment}"), email);
            }
        }
        Assert.DoesNotContain(RecordScope(typeof(ZhiPingQuan.Domain.Recommendations.Recommendation)), Roles.Administrators.Contains);
        Assert.DoesNotContain(Roles.Admin, Roles.ProgrammeWide);
    }

    private static IEnumerable<string> RecordScope(Type type)
    {
        var scope = RecordScopes.Find(type)!;
        return Roles.All.Where(role => scope.Allows(Activator.CreateInstance(type, nonPublic: true)!,
            new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role), new System.Security.Claims.Claim(PortalClaims.OrganisationId, Guid.NewGuid().ToString())], "test")),
            nameof(ZhiPingQuan.Web.Authorization.Operations.Read)));
    }

    [Fact]
    public async Task Each_administrator_has_only_their_own_pages()
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var security = await portal.SignedInAsync("security@zpq.local");
        var audit = await portal.SignedInAsync("audit@zpq.local");
        var operatorId = await AccountTesting.OrganisationIdAsync(portal, ZhiPingQuan.Domain.Organisations.OrganisationKind.Operator);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Users/Create?organisationId={operatorId}")).StatusCode);
        AssertRefused(await admin.GetAsync("/Audit"), "admin /Audit");
        AssertRefused(await admin.GetAsync("/Users/Security"), "admin /Users/Security");

        Assert.Equal(HttpStatusCode.OK, (await security.GetAsync("/Users")).StatusCode);
        Assert.Contains("须两步验证", await security.GetStringAsync("/Users/Security"));
        AssertRefused(await security.GetAsync("/Organisations"), "security /Organisations");
        AssertRefused(await security.GetAsync($"/Users/Create?organisationId={operatorId}"), "security /Users/Create");
        AssertRefused(await security.GetAsync("/Audit"), "security /Audit");

        Assert.Equal(HttpStatusCode.OK, (await audit.GetAsync("/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await audit.GetAsync("/Audit/Export")).StatusCode);
        AssertRefused(await audit.GetAsync("/Users"), "audit /Users");
        AssertRefused(await audit.GetAsync("/Organisations"), "audit /Organisations");
        AssertRefused(await audit.GetAsync("/CreditCodeExceptions"), "audit /CreditCodeExceptions");
    }
}

[Collection("sqlite")]
public sealed class SeparationOfDutiesTests_Sqlite(SqlitePortal portal) : SeparationOfDutiesTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class SeparationOfDutiesTests_Postgres(PostgresPortal portal) : SeparationOfDutiesTests(portal), IClassFixture<PostgresPortal>;
