using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.Upgrades;

/// <summary>The demo's upgrade tracking (<c>Demo:Tables</c>): the 2023 pilot's assessed enterprises of 浦东新区 and 闵行区 in every state.</summary>
public abstract class DemoUpgradesTests(DemoTablesPortal portal)
{
    [Fact]
    public async Task The_pilot_has_records_in_every_state_and_the_district_finds_them()
    {
        var pilot = await portal.WithDbAsync(db => db.ProgrammeYears.Where(y => y.Year == 2023).Select(y => y.Id).FirstAsync());
        var records = await portal.WithDbAsync(db => db.UpgradeRecords.AsNoTracking().Include(u => u.Projects).Include(u => u.Problems).AsSplitQuery()
            .Where(u => u.ProgrammeYearId == pilot).ToListAsync());
        var assessed = await portal.WithDbAsync(db => db.Assessments.Where(AssessmentRules.Confirmed).CountAsync(a => a.ProgrammeYearId == pilot));

        Assert.Contains(records, r => r.Status == FollowUpStatus.InProgress && r.StartedWithinSixMonths);
        Assert.Contains(records, r => r.Status == FollowUpStatus.InProgress && !r.StartedWithinSixMonths);
        Assert.Contains(records, r => r.Status == FollowUpStatus.Completed);
        Assert.Contains(records, r => r.Status == FollowUpStatus.Planned);
        Assert.Contains(records, r => r.Projects.Any(p => p.Status == FollowUpProjectStatus.Cancelled));
        Assert.Contains(records, r => r.Status == FollowUpStatus.NotTracked && r.Problems.Count > 0);
        Assert.True(assessed > records.Count, "some assessed enterprises are not tracked yet");
        Assert.All(records, r => Assert.NotEmpty(r.Problems));

        var district = await portal.SignedInAsync(Pudong);
        var list = Text(await district.GetStringAsync($"/Upgrades?yearId={pilot}"));
        Assert.Contains("实施中", list);
        Assert.Contains("未跟踪", list);
        Assert.Contains("评估后六个月内启动项目", list);
    }
}

[Collection("sqlite")]
public sealed class DemoUpgradesTests_Sqlite(DemoTablesSqlitePortal portal) : DemoUpgradesTests(portal), IClassFixture<DemoTablesSqlitePortal>;

[Collection("postgres")]
public sealed class DemoUpgradesTests_Postgres(DemoTablesPostgresPortal portal) : DemoUpgradesTests(portal), IClassFixture<DemoTablesPostgresPortal>;
