using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Assessments;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Assessments.AssessmentArrange;

namespace ZhiPingQuan.Web.Tests.Home;

/// <summary>
/// Every count on every role's home page leads to the list filtered to exactly the records it counts: the number on
/// the home page and the list's "共 N 条" agree, for to-dos and figures alike.
/// </summary>
public abstract partial class HomeCountsTests(AssessmentPortal portal)
{
    [GeneratedRegex("<a\\b[^>]*data-testid=\"home-count\"[^>]*>", RegexOptions.Singleline)]
    private static partial Regex CountLink();

    [GeneratedRegex("\\bhref=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("\\bdata-count=\"(\\d+)\"")]
    private static partial Regex DataCount();

    [GeneratedRegex("共 (\\d+) 条")]
    private static partial Regex ListTotal();

    private static readonly string[] Accounts =
        [Commission, PudongDistrict, EnterpriseA, AgencyA, ThirdParty, "admin@zpq.local", "security@zpq.local", "audit@zpq.local"];

    [Fact]
    public async Task Every_home_count_equals_the_total_of_the_list_it_links_to()
    {
        await ArrangeWorkInEveryStateAsync();
        var checkedLinks = 0;
        var nonZero = 0;
        foreach (var account in Accounts)
        {
            var client = await portal.SignedInAsync(account);
            var home = await client.GetStringAsync("/");
            var links = CountLink().Matches(home).Select(m => m.Value).ToList();
            Assert.NotEmpty(links);
            foreach (var link in links)
            {
                var href = WebUtility.HtmlDecode(Href().Match(link).Groups[1].Value);
                var count = int.Parse(DataCount().Match(link).Groups[1].Value);
                var response = await client.GetAsync(href);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{account}: {href} answered {(int)response.StatusCode}");
                var total = ListTotal().Match(await response.Content.ReadAsStringAsync());
                Assert.True(total.Success, $"{account}: {href} shows no total");
                Assert.True(count == int.Parse(total.Groups[1].Value), $"{account}: home shows {count}, {href} lists {total.Groups[1].Value}");
                checkedLinks++;
                nonZero += count > 0 ? 1 : 0;
            }
        }
        Assert.True(checkedLinks >= 15, $"only {checkedLinks} counts checked");
        Assert.True(nonZero >= 6, $"only {nonZero} counts were above zero: the arrangement did not reach every list");
    }

    /// <summary>Assessments of 浦东新区 waiting for each party, so the counts are not all zero.</summary>
    private async Task ArrangeWorkInEveryStateAsync()
    {
        await AssessmentAsync(portal);                                                       // agency: in progress
        await AssessmentAsync(portal, enterpriseName: DemoDataSeeder.EnterpriseAName, start: false); // enterprise: to agree
        var toCheck = await AssessmentAsync(portal);                                          // third party: to check
        await CompleteRecordAsync(portal, toCheck);
        var toConfirm = await AssessmentAsync(portal);                                        // district: to confirm
        await CompleteRecordAsync(portal, toConfirm);
        await portal.WithDbAsync(async db =>
        {
            foreach (var a in await db.Assessments.Where(x => x.Id == toCheck || x.Id == toConfirm).ToListAsync())
            {
                a.SubmitReport(Guid.NewGuid(), "测试评估师", AssessmentPortal.Now);
                if (a.Id == toConfirm)
                {
                    a.ConfirmCompliance("测试第三方", AssessmentPortal.Now);
                }
            }
            return await db.SaveChangesAsync();
        });
        var conflicted = await AssessmentAsync(portal, start: false);                        // district: to reassign
        await portal.WithDbAsync(async db =>
        {
            var a = await db.Assessments.FirstAsync(x => x.Id == conflicted);
            a.ConfirmByEnterprise("测试企业联系人", AssessmentPortal.Now);
            a.DeclareConflict(true, "曾为该企业提供咨询", "测试评估师", AssessmentPortal.Now);
            return await db.SaveChangesAsync();
        });
        var accepting = await AssessmentAsync(portal, start: false);                          // agency: to accept
        await portal.WithDbAsync(async db =>
        {
            (await db.Assessments.FirstAsync(x => x.Id == accepting)).ConfirmByEnterprise("测试企业联系人", AssessmentPortal.Now);
            return await db.SaveChangesAsync();
        });
    }
}

[Collection("sqlite")]
public sealed class HomeCountsTests_Sqlite(AssessmentSqlitePortal portal) : HomeCountsTests(portal), IClassFixture<AssessmentSqlitePortal>;

[Collection("postgres")]
public sealed class HomeCountsTests_Postgres(AssessmentPostgresPortal portal) : HomeCountsTests(portal), IClassFixture<AssessmentPostgresPortal>;
