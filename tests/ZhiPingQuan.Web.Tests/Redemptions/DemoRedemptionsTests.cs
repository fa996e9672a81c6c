using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.Redemptions.RedemptionArrange;

namespace ZhiPingQuan.Web.Tests.Redemptions;

/// <summary>The demo's 2023 pilot: a redemption in every state, the budget row agreeing with them, and the to-dos on the home pages.</summary>
public abstract class DemoRedemptionsTests(DemoTablesPortal portal)
{
    [Fact]
    public async Task The_pilot_has_a_redemption_in_every_state_and_the_home_pages_link_to_the_work()
    {
        var pilot = await portal.WithDbAsync(db => db.ProgrammeYears.FirstAsync(y => y.Year == 2023));
        var redemptions = await portal.WithDbAsync(db => db.Redemptions.AsNoTracking().Where(r => r.ProgrammeYearId == pilot.Id).ToListAsync());
        Assert.Equal(Enum.GetValues<RedemptionState>().Order(), redemptions.Select(r => r.State).Distinct().Order());
        var committed = redemptions.Where(r => r.State.CountsAgainstBudget()).Sum(r => r.Amount.Yuan);
        Assert.Equal(committed * 100m, await portal.WithDbAsync(db => db.RedemptionBudgets.Where(b => b.ProgrammeYearId == pilot.Id).Select(b => b.CommittedFen).FirstAsync()));

        var commission = await portal.SignedInAsync(Commission);
        var home = Text(await commission.GetStringAsync("/"));
        Assert.Contains("2023年度待批准的额度兑付", home);
        var list = Text(await commission.GetStringAsync($"/Redemptions?yearId={pilot.Id}"));
        Assert.Contains("已审核通过但不能兑付（1）", list);
        Assert.Contains("上海莘庄数控机床有限公司", list);

        // The pilot is complete end to end: 第二批's redemptions were approved and most paid; 14 + 12 enterprises recommended.
        var second = redemptions.Where(r => r.BatchId != redemptions.Single(x => x.State == RedemptionState.Declined).BatchId).ToList();
        Assert.Equal(7, second.Count);
        Assert.Equal(5, second.Count(r => r.State == RedemptionState.Paid));
        Assert.Equal(2, second.Count(r => r.State == RedemptionState.Approved));
        Assert.Equal(2, redemptions.Count(r => r.State == RedemptionState.PendingApproval));
        var units = await portal.WithDbAsync(db => db.Recommendations.Where(r => r.ProgrammeYearId == pilot.Id && r.State != Domain.Recommendations.RecommendationState.Withdrawn)
            .Join(db.RecommendingUnits, r => r.RecommendingUnitId, u => u.Id, (r, u) => u.Name).ToListAsync());
        Assert.Equal(14, units.Count(u => u == "浦东新区"));
        Assert.Equal(12, units.Count(u => u == "闵行区"));

        // The current year has redemptions waiting for approval too, and the home page lists both years' work.
        var thisYear = DateTime.UtcNow.AddHours(8).Year;
        var current = await portal.WithDbAsync(db => db.Redemptions.Where(r => db.ProgrammeYears.Any(y => y.Id == r.ProgrammeYearId && y.Year == thisYear))
            .Select(r => r.State).ToListAsync());
        Assert.Equal(3, current.Count(s => s == RedemptionState.PendingApproval));
        Assert.Matches($"{thisYear}年度待批准的额度兑付 3 ", home);
        Assert.Matches("2023年度待批准的额度兑付 2 ", home);

        var agency = await portal.SignedInAsync(AgencyA);
        Assert.Contains("2023年度已批准、待支付的兑付（可下载兑付通知）", Text(await agency.GetStringAsync("/")));
        Assert.Contains("下载兑付通知 (PDF)", Text(await agency.GetStringAsync("/Redemptions")));
    }
}

[Collection("sqlite")]
public sealed class DemoRedemptionsTests_Sqlite(DemoTablesSqlitePortal portal) : DemoRedemptionsTests(portal), IClassFixture<DemoTablesSqlitePortal>;

[Collection("postgres")]
public sealed class DemoRedemptionsTests_Postgres(DemoTablesPostgresPortal portal) : DemoRedemptionsTests(portal), IClassFixture<DemoTablesPostgresPortal>;
