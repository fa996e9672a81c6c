using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Assessments;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Search;

/// <summary>
/// "企业名称或信用代码" behaves the same on every list that shows enterprises: part of the name (Latin letters
/// without case) or any part of the credit code, typed loosely. And the lists that page from an index keep
/// the order they had: every page is the slice of the whole ordered list the database gives.
/// </summary>
public abstract partial class EnterpriseSearchListTests(PortalFactory portal)
{
    private const string Pudong = AssessmentArrange.PudongDistrict;

    private sealed record Made(Guid EnterpriseId, string Name, string CreditCode);

    /// <summary>An enterprise of 浦东新区 recommended in the 2023 pilot's 第一批, with an assessment by agency A in progress unless <paramref name="assess"/> is false.</summary>
    private async Task<Made> EnterpriseAsync(string name, bool assess)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unitId = await db.RecommendingUnits.Where(u => u.Name == "浦东新区").Select(u => u.Id).FirstAsync();
        var batch = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批");
        var enterprise = new Enterprise(name, TestData.NewCreditCode(), KeyIndustry.HighEndEquipment, 20_000m, unitId);
        db.Organisations.Add(enterprise);
        var at = AssessmentPortal.Now;
        var recommendation = new Recommendation(enterprise, batch, "测试推荐人", at);
        recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿评估")], [], false, enterprise);
        recommendation.Recommend(enterprise, batch, "测试推荐人", at);
        db.Recommendations.Add(recommendation);
        if (assess)
        {
            var agency = await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyAName);
            var assessment = new Assessment(recommendation, agency, "测试推荐人", at);
            assessment.ConfirmByEnterprise("测试企业联系人", at);
            assessment.DeclareConflict(false, null, "测试评估师", at);
            assessment.Start("测试评估师", at);
            db.Assessments.Add(assessment);
        }
        await db.SaveChangesAsync();
        return new Made(enterprise.Id, name, enterprise.CreditCode.Value);
    }

    /// <summary>Every list that shows the assessed enterprise, with who reads it.</summary>
    public static TheoryData<string, string> AssessedLists => new()
    {
        { Pudong, "/Enterprises" },
        { Pudong, "/Recommendations" },
        { Pudong, "/Assignments" },
        { Pudong, "/Assessments/Progress" },
        { AssessmentArrange.AgencyA, "/Assessments" },
        { AssessmentArrange.ThirdParty, "/Assessments/Tracking" },
        { AssessmentArrange.Commission, "/Assessments/Tracking" },
        { AssessmentArrange.Commission, "/RecommendationOverview" },
    };

    private static string Q(string text) => Uri.EscapeDataString(text);

    [Theory]
    [MemberData(nameof(AssessedLists))]
    public async Task Each_list_finds_an_enterprise_by_a_middle_part_of_its_credit_code_and_by_part_of_its_name(string account, string list)
    {
        var tag = TestData.Tag();
        var found = await EnterpriseAsync($"{tag}甲检索精密Abc有限公司", assess: true);
        var other = await EnterpriseAsync($"{TestData.Tag()}乙检索精密Abc有限公司", assess: true);
        var client = await portal.SignedInAsync(account);

        // Eight characters from the middle of the code, typed in lower case and with a space.
        var part = found.CreditCode[6..10].ToLowerInvariant() + " " + found.CreditCode[10..14];
        var byCode = await client.GetStringAsync($"{list}?q={Q(part)}");
        Assert.Contains(found.Name, byCode);
        Assert.DoesNotContain(other.Name, byCode);

        // Part of the name, its Latin letters (the tag's hex digits and "Abc") in the other case.
        var byName = await client.GetStringAsync($"{list}?q={Q((tag + "甲检索精密aBC").ToLowerInvariant())}");
        Assert.Contains(found.Name, byName);
        Assert.DoesNotContain(other.Name, byName);

        // The whole code, in full-width characters.
        var fullWidth = string.Concat(found.CreditCode.Select(c => (char)(c + 0xFEE0)));
        Assert.Contains(found.Name, await client.GetStringAsync($"{list}?q={Q(fullWidth)}"));

        var neither = await client.GetStringAsync($"{list}?q={Q(tag + "不存在")}");
        Assert.DoesNotContain(found.Name, neither);
    }

    [Fact]
    public async Task The_unassigned_list_finds_an_enterprise_by_a_middle_part_of_its_credit_code_and_by_part_of_its_name()
    {
        var tag = TestData.Tag();
        var waiting = await EnterpriseAsync($"{tag}待指派检索Xyz有限公司", assess: false);
        var other = await EnterpriseAsync($"{TestData.Tag()}待指派检索Xyz有限公司", assess: false);
        var client = await portal.SignedInAsync(Pudong);

        var byCode = await client.GetStringAsync($"/Assignments/Unassigned?q={Q(waiting.CreditCode[5..13])}");
        Assert.Contains(waiting.Name, byCode);
        Assert.DoesNotContain(other.Name, byCode);
        var byName = await client.GetStringAsync($"/Assignments/Unassigned?q={Q(tag.ToLowerInvariant() + "待指派检索xYZ")}");
        Assert.Contains(waiting.Name, byName);
        Assert.DoesNotContain(other.Name, byName);
    }

    [Fact]
    public async Task The_unassigned_count_is_the_number_of_recommendations_waiting_for_an_agency()
    {
        await EnterpriseAsync($"{TestData.Tag()}待指派计数有限公司", assess: false);
        await EnterpriseAsync($"{TestData.Tag()}已指派计数有限公司", assess: true);
        var unitId = await Programmes.Arrange.UnitIdAsync(portal, "浦东新区");
        // The list's own definition, counted row by row.
        var expected = await portal.WithDbAsync(db => db.Recommendations.CountAsync(r => r.RecommendingUnitId == unitId
            && r.State == RecommendationState.Recommended && !r.DistrictFundedOnly && !db.Assessments.Any(a => a.RecommendationId == r.Id)));
        var client = await portal.SignedInAsync(Pudong);

        Assert.Contains($"共 {expected} 条", await client.GetStringAsync("/Assignments/Unassigned"));
        Assert.Contains($"待指派的企业 <span class=\"badge text-bg-light\">{expected}</span>", await client.GetStringAsync("/Assignments"));
    }

    [Fact]
    public async Task Deep_pages_are_slices_of_the_same_order_on_the_registry_the_recommendations_and_the_overview()
    {
        var tag = TestData.Tag();
        // 45 enterprises, two of each name: the id decides between equal names.
        for (var i = 0; i < 45; i++)
        {
            await EnterpriseAsync($"{tag}分页{i / 2:00}有限公司", assess: false);
        }
        var unitId = await Programmes.Arrange.UnitIdAsync(portal, "浦东新区");
        var registry = await portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>()
            .Where(e => e.RecommendingUnitId == unitId && e.Name.StartsWith(tag))
            .OrderBy(e => e.Name).ThenBy(e => e.Id).Select(e => e.Id).ToListAsync());
        var recommendations = await portal.WithDbAsync(db => db.Recommendations
            .Where(r => r.RecommendingUnitId == unitId && r.Enterprise!.Name.StartsWith(tag))
            .OrderByDescending(r => r.CreatedAtUtc).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync());
        var overview = await portal.WithDbAsync(db => db.Recommendations
            .Where(r => r.Enterprise!.Name.StartsWith(tag))
            .OrderBy(r => r.RecommendingUnit!.SortOrder).ThenBy(r => r.RecommendedAtUtc).ThenBy(r => r.Enterprise!.Name).ThenBy(r => r.Id)
            .Select(r => r.EnterpriseId).ToListAsync());
        Assert.Equal(45, registry.Count);
        var district = await portal.SignedInAsync(Pudong);
        var commission = await portal.SignedInAsync(AssessmentArrange.Commission);

        for (var page = 1; page <= 3; page++)
        {
            var expected = registry.Skip((page - 1) * 20).Take(20).ToList();
            Assert.Equal(expected, Ids(await district.GetStringAsync($"/Enterprises?q={tag}&page={page}"), "Enterprises"));
            Assert.Equal(expected, Ids(await district.GetStringAsync($"/Enterprises?q={tag}&page={page}"), "Enterprises"));
            Assert.Equal(recommendations.Skip((page - 1) * 20).Take(20).ToList(),
                Ids(await district.GetStringAsync($"/Recommendations?q={tag}&page={page}"), "Recommendations"));
            Assert.Equal(overview.Skip((page - 1) * 20).Take(20).ToList(),
                Ids(await commission.GetStringAsync($"/RecommendationOverview?q={tag}&page={page}"), "Enterprises"));
        }
        // Past the last page: the last page, as before.
        Assert.Equal(registry.Skip(40).ToList(), Ids(await district.GetStringAsync($"/Enterprises?q={tag}&page=9"), "Enterprises"));
    }

    [Fact]
    public async Task The_registry_search_and_its_export_agree()
    {
        var tag = TestData.Tag();
        var made = await EnterpriseAsync($"{tag}导出检索有限公司", assess: false);
        var client = await portal.SignedInAsync(Pudong);

        var response = await client.GetAsync($"/Enterprises/Export?q={Q(made.CreditCode[4..12])}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await response.Content.ReadAsStreamAsync());
        var names = workbook.Worksheet(1).RowsUsed().Skip(1).Select(r => r.Cell(2).GetString()).ToList();
        Assert.Equal([made.Name], names);
    }

    /// <summary>The ids a list links to, in order ("/Enterprises/Details/{id}" and the like).</summary>
    private static List<Guid> Ids(string html, string controller) =>
        Regex.Matches(html, $"href=\"/{controller}/Details/([0-9a-fA-F-]{{36}})(?:\\?back=[^\"]*)?\"").Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
}

[Collection("sqlite")]
public sealed class EnterpriseSearchListTests_Sqlite(AssessmentSqlitePortal portal) : EnterpriseSearchListTests(portal), IClassFixture<AssessmentSqlitePortal>;

[Collection("postgres")]
public sealed class EnterpriseSearchListTests_Postgres(AssessmentPostgresPortal portal) : EnterpriseSearchListTests(portal), IClassFixture<AssessmentPostgresPortal>;
