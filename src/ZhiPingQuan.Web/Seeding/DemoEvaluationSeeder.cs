using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// The demo's district evaluations (with <c>Demo:Tables</c>, after every other demo seeder, so the records are all there):
/// the 2023 pilot's evaluations of 浦东新区 and 闵行区 computed from the records by <see cref="EvaluationFigures"/> — the
/// query the commission's pages use —, scored and published; in the current year 浦东新区 has an unscored draft and the
/// other units none yet. The two districts' 2023 规上 counts are entered first when missing (the coverage denominator).
/// Everything goes through the domain's methods; nothing is written when the 2023 evaluations exist already.
/// </summary>
public sealed class DemoEvaluationSeeder(AppDbContext db, IClock clock, EvaluationFigures figures, DemoHistory history)
{
    private const string CommissionOfficer = "王主任（市经信委）";

    public async Task SeedAsync(CancellationToken ct)
    {
        var pilot = await db.ProgrammeYears.FirstOrDefaultAsync(y => y.Year == 2023, ct);
        if (pilot is null || await db.DistrictEvaluations.AnyAsync(e => e.ProgrammeYearId == pilot.Id, ct))
        {
            return;
        }
        var pudong = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区", ct);
        var minhang = await db.RecommendingUnits.FirstAsync(u => u.Name == "闵行区", ct);
        foreach (var (unit, focus, count) in new[]
                 {
                     (pudong, new[] { KeyIndustry.ElectronicInformation, KeyIndustry.LifeHealth, KeyIndustry.HighEndEquipment }, 1210),
                     (minhang, new[] { KeyIndustry.Automotive, KeyIndustry.AdvancedMaterials, KeyIndustry.HighEndEquipment }, 960),
                 })
        {
            if (!await db.UnitYearSettings.AnyAsync(s => s.RecommendingUnitId == unit.Id && s.ProgrammeYearId == pilot.Id, ct))
            {
                db.UnitYearSettings.Add(new UnitYearSettings(unit, pilot, focus, count));
            }
        }
        await db.SaveChangesAsync(ct);

        var now = clock.UtcNow;
        var counts = await figures.CountsAsync(pilot.Id, ct);
        var published = new[]
        {
            (pudong, 86.5m, "推荐企业数量充足，汇总表按时报送（第一批经退回重报后再次报送）；额度申请中有退回补正，建议加强申请材料的事前指导；请持续跟踪已评估企业的改造升级项目。"),
            (minhang, 82m, "按时完成推荐和汇总表报送；规上企业覆盖面仍需扩大，建议结合重点行业组织更多企业参加评估诊断。"),
        };
        foreach (var (unit, score, remarks) in published)
        {
            var evaluation = new DistrictEvaluation(unit.Id, pilot.Id, EvaluationIndicators.Compute(counts.GetValueOrDefault(unit.Id, EvaluationFigures.Zero)),
                now.AddDays(-3), $"2023年度{unit.Name}");
            db.DistrictEvaluations.Add(evaluation);
            evaluation.Score(score, remarks);
            await history.AsCommissionAsync(CommissionOfficer, now.AddDays(-3), ct);
            evaluation.Publish(CommissionOfficer, now.AddDays(-2));
            await history.AsCommissionAsync(CommissionOfficer, now.AddDays(-2), ct);
        }

        var today = ShanghaiTime.Today(clock);
        var current = await db.ProgrammeYears.FirstOrDefaultAsync(y => y.Year == today.Year && y.Year != 2023, ct);
        if (current is not null && !await db.DistrictEvaluations.AnyAsync(e => e.ProgrammeYearId == current.Id, ct))
        {
            db.DistrictEvaluations.Add(new DistrictEvaluation(pudong.Id, current.Id, await figures.IndicatorsAsync(current.Id, pudong.Id, ct), now,
                $"{current.Year}年度{pudong.Name}"));
        }
        await db.SaveChangesAsync(ct);
    }
}
