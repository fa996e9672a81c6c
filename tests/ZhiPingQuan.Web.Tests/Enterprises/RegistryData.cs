using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Enterprises;

/// <summary>
/// Arranging registry and recommendation data straight through the domain and the DbContext. Every
/// enterprise gets a fresh valid credit code and a name with a unique tag, so tests sharing one
/// fixture's database never see each other's records.
/// </summary>
public static partial class RegistryData
{
    public const string Pudong = "浦东新区";
    public const string Minhang = "闵行区";
    public const string PudongDistrict = "district.pudong@zpq.local";
    public const string MinhangDistrict = "district.minhang@zpq.local";

    /// <summary>A valid 统一社会信用代码 no other test uses (random body, computed check character).</summary>
    public static string NewCode() => TestData.NewCreditCode().Value;

    /// <summary>A short tag that makes names unique per test ("T7F3A9C2").</summary>
    public static string Tag() => "T" + TestData.Tag();

    public static Task<Guid> UnitIdAsync(PortalFactory portal, string unitName) =>
        portal.WithDbAsync(db => db.Organisations.OfType<RecommendingUnit>().Where(u => u.Name == unitName).Select(u => u.Id).FirstAsync());

    public static async Task<Enterprise> EnterpriseAsync(PortalFactory portal, string unitName, string name,
        decimal output = 56_000.00m, KeyIndustry industry = KeyIndustry.HighEndEquipment, string? code = null)
    {
        var unitId = await UnitIdAsync(portal, unitName);
        return await portal.WithDbAsync(async db =>
        {
            var enterprise = new Enterprise(name, CreditCode.Parse(code ?? NewCode()), industry, output, unitId);
            db.Organisations.Add(enterprise);
            await db.SaveChangesAsync();
            return enterprise;
        });
    }

    public static Task<Enterprise?> FindEnterpriseAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id));

    public static Task<int> EnterpriseCountAsync(PortalFactory portal) =>
        portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>().CountAsync());

    public static Task<int> AuditCountAsync(PortalFactory portal, AuditAction action) =>
        portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action));

    /// <summary>The batch of a programme year by name (e.g. 2023 "第一批").</summary>
    public static Task<Batch> BatchAsync(PortalFactory portal, int year, string name) =>
        portal.WithDbAsync(db => db.Batches.AsNoTracking().Include(b => b.ProgrammeYear).FirstAsync(b => b.ProgrammeYear!.Year == year && b.Name == name));

    /// <summary>Recommends an enterprise directly through the domain (basis 4), at <paramref name="utcNow"/>.</summary>
    public static Task<Recommendation> RecommendAsync(PortalFactory portal, Guid enterpriseId, Guid batchId, DateTime utcNow)
        => portal.WithDbAsync(async db =>
        {
            var enterprise = await db.Organisations.OfType<Enterprise>().FirstAsync(e => e.Id == enterpriseId);
            var batch = await db.Batches.FirstAsync(b => b.Id == batchId);
            var recommendation = new Recommendation(enterprise, batch, "测试", utcNow);
            recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿")], [], false, enterprise);
            recommendation.Recommend(enterprise, batch, "测试", utcNow);
            db.Recommendations.Add(recommendation);
            await db.SaveChangesAsync();
            return recommendation;
        });

    public static Task<Recommendation?> FindRecommendationAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.Recommendations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id));

    public static Task<List<Recommendation>> RecommendationsOfAsync(PortalFactory portal, Guid enterpriseId) =>
        portal.WithDbAsync(db => db.Recommendations.AsNoTracking().Where(r => r.EnterpriseId == enterpriseId).ToListAsync());

    /// <summary>The current Shanghai year: the demo data sets up a programme year for it with two open batches.</summary>
    public static int CurrentYear => ShanghaiTime.Today(new SystemClock()).Year;

    [GeneratedRegex("name=\"(?:Form\\.)?Version\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex VersionField();

    /// <summary>The concurrency token a form page carries in its hidden Version field.</summary>
    public static async Task<string> VersionOnPageAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var match = VersionField().Match(html);
        Assert.True(match.Success, $"no Version field on {url}");
        return match.Groups[1].Value;
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
