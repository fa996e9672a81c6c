using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// The demo's upgrade tracking (with <c>Demo:Tables</c>, after the other demo seeders). Driven by the data, not by names:
/// the confirmed assessments of 浦东新区 and 闵行区 in the 2023 pilot, oldest confirmation first, take the scenarios in turn —
/// a project started within six months (实施中), one completed, one only planned, none at all (未跟踪), one started later
/// than six months, one cancelled beside a planned one, problems without a project — and again from the start when there
/// are more enterprises than scenarios. In the current year the first two confirmed assessments of those units get a
/// started and a planned project. Everything goes through the domain's methods, so each record has its history. Runs once:
/// nothing is written when upgrade records exist.
/// </summary>
public sealed class DemoUpgradeSeeder(AppDbContext db, IClock clock, ILogger<DemoUpgradeSeeder> log)
{
    private enum Scenario { StartedWithin, Completed, Planned, NotTracked, StartedLate, Cancelled, ProblemsOnly }

    private static readonly Scenario[] Pilot =
        [Scenario.StartedWithin, Scenario.Completed, Scenario.Planned, Scenario.NotTracked, Scenario.StartedLate, Scenario.Cancelled, Scenario.ProblemsOnly];

    private static readonly (CapabilityArea Area, string Text)[] Findings =
    [
        (CapabilityArea.Equipment, "关键工序设备数控化率不足60%，老旧设备无数据接口"),
        (CapabilityArea.Network, "车间工业网络未全覆盖，设备联网率低"),
        (CapabilityArea.Data, "生产数据靠人工抄录，未形成统一的数据采集与管理"),
        (CapabilityArea.Production, "计划排产依赖经验，未与设备状态和物料库存联动"),
        (CapabilityArea.Integration, "ERP 与车间 MES 未集成，订单进度需人工汇总"),
        (CapabilityArea.OrganisationStrategy, "尚无成文的智能制造发展规划和专项预算"),
        (CapabilityArea.InformationSecurity, "工控系统未做安全分区，无安全审计"),
        (CapabilityArea.Logistics, "仓储以人工台账为主，出入库无条码追溯"),
        (CapabilityArea.PersonnelSkills, "缺少既懂工艺又懂数据的复合型人员"),
    ];

    private static readonly (string Name, KeyLink Link, decimal Amount)[] Projects =
    [
        ("MES 制造执行系统升级", KeyLink.Manufacturing, 126.00m),
        ("设备联网与数据采集平台", KeyLink.Production, 85.50m),
        ("智能仓储与条码追溯改造", KeyLink.Warehousing, 212.00m),
        ("能源管理系统建设", KeyLink.EnergySavingEnvironmental, 46.80m),
        ("在线质量检测系统", KeyLink.Testing, 38.00m),
        ("研发设计协同平台", KeyLink.Design, 64.00m),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.UpgradeRecords.AnyAsync(ct))
        {
            return;
        }
        var units = await db.RecommendingUnits.Where(u => u.Name == "浦东新区" || u.Name == "闵行区").Select(u => u.Id).ToListAsync(ct);
        var today = ShanghaiTime.Today(clock);
        var pilotYear = await db.ProgrammeYears.Where(y => y.Year == 2023).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);
        var currentYear = await db.ProgrammeYears.Where(y => y.Year == today.Year).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);

        var written = 0;
        if (pilotYear is { } pilot)
        {
            var assessed = await ConfirmedAsync(pilot, units, ct);
            for (var i = 0; i < assessed.Count; i++)
            {
                written += Write(assessed[i], Pilot[i % Pilot.Length], i, today) ? 1 : 0;
            }
        }
        if (currentYear is { } current && current != pilotYear)
        {
            var assessed = await ConfirmedAsync(current, units, ct);
            for (var i = 0; i < Math.Min(2, assessed.Count); i++)
            {
                written += Write(assessed[i], i == 0 ? Scenario.StartedWithin : Scenario.Planned, i + 3, today) ? 1 : 0;
            }
        }
        await db.SaveChangesAsync(ct);
        log.LogInformation("已写入演示改造升级跟踪：{Count}家企业。", written);
    }

    private Task<List<Assessment>> ConfirmedAsync(Guid yearId, List<Guid> units, CancellationToken ct) =>
        db.Assessments.AsNoTracking().Where(AssessmentRules.Confirmed)
            .Where(a => a.ProgrammeYearId == yearId && units.Contains(a.RecommendingUnitId))
            .OrderBy(a => a.DistrictConfirmedAtUtc).ThenBy(a => a.Id).ToListAsync(ct);

    /// <summary>One enterprise's record in the scenario; <paramref name="n"/> varies the findings and projects.</summary>
    private bool Write(Assessment assessment, Scenario scenario, int n, DateOnly today)
    {
        if (scenario == Scenario.NotTracked)
        {
            return false;
        }
        var now = clock.UtcNow;
        var record = new UpgradeRecord(assessment, now);
        var on = record.AssessedOn;
        DateOnly NoLaterThanToday(DateOnly d) => d > today ? today : d;

        for (var k = 0; k < 2 + n % 2; k++)
        {
            var (area, text) = Findings[(n * 2 + k) % Findings.Length];
            record.AddProblem(area, text, now);
        }
        var (name, link, amount) = Projects[n % Projects.Length];
        FollowUpProject Add(DateOnly? start = null, DateOnly? end = null) =>
            record.AddProject(new FollowUpProjectInput(name, link, amount, start, end), now);
        switch (scenario)
        {
            case Scenario.StartedWithin:
                record.StartProject(Add(end: on.AddMonths(10)).Id, NoLaterThanToday(on.AddDays(40)), now);
                break;
            case Scenario.Completed:
                var done = Add();
                record.StartProject(done.Id, NoLaterThanToday(on.AddDays(25)), now);
                record.CompleteProject(done.Id, NoLaterThanToday(on.AddMonths(7)), now);
                break;
            case Scenario.Planned:
                Add(today.AddMonths(2), today.AddMonths(10));
                break;
            case Scenario.StartedLate:
                record.StartProject(Add().Id, NoLaterThanToday(on.AddMonths(9)), now);
                break;
            case Scenario.Cancelled:
                record.CancelProject(Add().Id, now);
                var (otherName, otherLink, otherAmount) = Projects[(n + 1) % Projects.Length];
                record.AddProject(new FollowUpProjectInput(otherName, otherLink, otherAmount, today.AddMonths(1), today.AddMonths(8)), now);
                break;
            case Scenario.ProblemsOnly:
                break;
        }
        db.UpgradeRecords.Add(record);
        return true;
    }
}
