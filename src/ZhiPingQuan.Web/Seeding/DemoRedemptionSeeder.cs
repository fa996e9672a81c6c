using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// The demo's redemptions (with <c>Demo:Tables</c>, after <see cref="DemoApplicationSeeder"/>): the 2023 pilot's passed
/// applications become redemptions, one in every state. Besides 紫竹 (passed by the third party, left waiting for approval),
/// five 2023 enterprises of 第一批 assessed in September (<see cref="AssessAsync"/>, before the units' tables, which list them) and passed
/// in the review are added: 临港 approved (waiting for payment),
/// 漕河泾 paid with a bank reference, 张江芯联 declined with a reason, 金桥智联 waiting for approval (so the commission has a
/// list to approve), and 莘庄数控, assessed by a district-level agency, passed but not redeemable (the commission's list says
/// why, and so does its application's page). The pilot's 第二批 (<see cref="DemoLifecycleSeeder"/>) had its redemptions
/// approved in one list in February 2024 and most of them paid in March. Approvals are kept on the year's budget row as the
/// approving page keeps them. Everything goes through the domain's methods.
/// </summary>
public sealed class DemoRedemptionSeeder(AppDbContext db, IClock clock, IFileStore files, PdfLayout layout, IPdfTextReader pdfText,
    DemoAssessments assessments, DemoHistory history, ILogger<DemoRedemptionSeeder> log)
{
    private const string CommissionOfficer = "王主任（市经信委）";
    private const string Reviewer = DemoAssessments.Reviewer;

    private sealed record Example(string Unit, bool DistrictAgency, string Name, string First17, int AssessedInSeptember, double PassedDaysAgo);

    /// <summary>临港 approved, 漕河泾 paid, 张江芯联 declined, 莘庄数控 not redeemable (a district-level agency), 金桥智联 waiting.</summary>
    private static readonly Example[] Examples =
    [
        new("浦东新区", false, "上海临港智造装备有限公司", "91310115MA1H7R011", 11, 20),
        new("闵行区", false, "上海漕河泾数控科技有限公司", "91310112MA1GRD013", 12, 25),
        new("浦东新区", false, "上海张江芯联电子有限公司", "91310115MA1H7R012", 13, 18),
        new("闵行区", true, "上海莘庄数控机床有限公司", "91310112MA1GRD014", 14, 16),
        new("浦东新区", false, "上海金桥智联机器人有限公司", "91310115MA1H7R016", 15, 3),
    ];

    private static readonly MaturityScore ExampleScore = new(3.05m);

    private bool CanMakePdfs()
    {
        try
        {
            layout.Create(PdfPageSetup.A4Portrait).Title("测试").ToBytes();
            return true;
        }
        catch (PdfFontUnavailableException)
        {
            log.LogWarning("PDF 字体不可用，未写入演示兑付（评估报告需要 PDF）。");
            return false;
        }
    }

    /// <summary>
    /// The five examples recommended to the pilot's 第一批 and assessed in September 2023 — before the units draft their tables, so
    /// the tables list them. Returns each unit's examples.
    /// </summary>
    public async Task<(IReadOnlyList<Enterprise> Pudong, IReadOnlyList<Enterprise> Minhang)> AssessAsync(Batch pilot, CancellationToken ct)
    {
        if (!CanMakePdfs())
        {
            return ([], []);
        }
        var pudong = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区", ct);
        var minhang = await db.RecommendingUnits.FirstAsync(u => u.Name == "闵行区", ct);
        var agencyA = await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyAName, ct);
        var districtAgency = new ServiceAgency("上海闵行数字化诊断服务有限公司", DemoDataSeeder.DemoCode("91310112MA1GRDA15"), AgencyLevel.District, minhang.Id,
            new DateOnly(2023, 1, 1));
        districtAgency.SetContact("沈联系人", "021-6412 0808", null);
        db.Organisations.Add(districtAgency);
        var tier = await db.SmartFactoryLevels.FirstAsync(l => l.Id == SmartFactoryLevel.SeedIds.Advanced, ct);
        await db.SaveChangesAsync(ct);
        var assessed = new List<Enterprise>();
        foreach (var x in Examples)
        {
            assessed.Add(await AssessedAsync(pilot, x.Unit == pudong.Name ? pudong : minhang, x.DistrictAgency ? districtAgency : agencyA, tier, x.Name, x.First17,
                Utc(2023, 9, x.AssessedInSeptember), ct));
        }
        return (assessed.Where(e => e.RecommendingUnitId == pudong.Id).ToList(), assessed.Where(e => e.RecommendingUnitId == minhang.Id).ToList());
    }

    /// <param name="pilotSecond">The pilot's 第二批, whose passed applications' redemptions are approved, and paid for the enterprises named in <paramref name="paid"/>.</param>
    public async Task SeedAsync(Batch pilot, Batch pilotSecond, IReadOnlyCollection<string> paid, CancellationToken ct)
    {
        if (!CanMakePdfs())
        {
            return;
        }
        var now = clock.UtcNow;
        DateTime Ago(double days) => now.AddDays(-days);
        var ids = new List<Guid>();
        foreach (var x in Examples)
        {
            ids.Add(await PassedAsync(pilot, x.Name, Ago(x.PassedDaysAgo), ct));
        }
        var (approved, paidOne, declined) = (ids[0], ids[1], ids[2]);

        var year = await db.ProgrammeYears.FirstAsync(y => y.Id == pilot.ProgrammeYearId, ct);
        var redemptions = await db.Redemptions.Where(r => r.ProgrammeYearId == year.Id).ToListAsync(ct);
        var committed = Money.Zero;

        // 第二批's redemptions were approved in one list in February 2024 and most paid in March (the pilot's whole path).
        var second = redemptions.Where(r => r.BatchId == pilotSecond.Id).OrderBy(r => r.CreatedAtUtc).ToList();
        var paidIds = await db.Enterprises.Where(e => paid.Contains(e.Name)).Select(e => e.Id).ToListAsync(ct);
        foreach (var (r, i) in second.Select((r, i) => (r, i)))
        {
            r.Approve(year.BudgetCap, committed, CommissionOfficer, Utc(2024, 2, 20), inList: true);
            await history.AsCommissionAsync(CommissionOfficer, Utc(2024, 2, 20), ct);
            committed += r.Amount;
            if (paidIds.Contains(r.EnterpriseId))
            {
                r.RecordPayment(new DateOnly(2024, 3, 15), $"ICBC-2024-{310 + i:000000}", CommissionOfficer, Utc(2024, 3, 15), fromList: true);
                await history.AsCommissionAsync(CommissionOfficer, Utc(2024, 3, 15), ct);
            }
        }

        foreach (var (enterpriseId, approvedAgo) in new[] { (paidOne, 12.0), (approved, 6.0) })
        {
            var r = redemptions.Single(x => x.EnterpriseId == enterpriseId);
            r.Approve(year.BudgetCap, committed, CommissionOfficer, Ago(approvedAgo));
            await history.AsCommissionAsync(CommissionOfficer, Ago(approvedAgo), ct);
            committed += r.Amount;
        }
        redemptions.Single(x => x.EnterpriseId == paidOne).RecordPayment(ShanghaiTime.Today(Ago(5)), "ICBC-2023-000815", CommissionOfficer, Ago(5));
        await history.AsCommissionAsync(CommissionOfficer, Ago(5), ct);
        redemptions.Single(x => x.EnterpriseId == declined).Decline("企业在评估期间发生重大安全生产事故，按项目规定本年度不予兑付。", CommissionOfficer, Ago(4));
        await history.AsCommissionAsync(CommissionOfficer, Ago(4), ct);
        db.RedemptionBudgets.Add(new RedemptionBudget(year.Id, committed));
        await db.SaveChangesAsync(ct);
        log.LogInformation("已写入演示兑付：2023年度第二批已批准、已支付，第一批待批准、已批准、已支付、不予兑付各有，另有一家区级服务机构评估的企业不能兑付。");
    }

    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>An enterprise recommended to the pilot, assessed on <paramref name="assessedAt"/>'s next day and confirmed.</summary>
    private async Task<Enterprise> AssessedAsync(Batch pilot, RecommendingUnit unit, ServiceAgency agency, SmartFactoryLevel tier, string name, string first17,
        DateTime assessedAt, CancellationToken ct)
    {
        var enterprise = new Enterprise(name, DemoDataSeeder.DemoCode(first17), KeyIndustry.HighEndEquipment, 18_600.00m, unit.Id);
        enterprise.SetContact("上海市示例路 88 号", "钱联系", "021-6666 0303", null);
        db.Organisations.Add(enterprise);
        var officer = $"{unit.Name}经办人";
        var recommendation = new Recommendation(enterprise, pilot, officer, assessedAt);
        recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿接受评估诊断")], [], false, enterprise);
        recommendation.Recommend(enterprise, pilot, officer, assessedAt);
        db.Recommendations.Add(recommendation);
        await assessments.ConfirmedAsync(recommendation, enterprise, agency, officer, $"{officer}（{unit.Name}）", ExampleScore, tier, async () =>
        {
            await using var content = new MemoryStream(ReportPdf(enterprise, tier.Name));
            var stored = await files.SaveAsync(new IncomingFile(content, $"{enterprise.Name}评估报告.pdf"), FileTypes.PdfOnly, FileTypes.DefaultMaxSizeBytes,
                agency.Id, DemoAssessments.AgencyStaff, null, ct);
            db.StoredFiles.Add(stored);
            return stored.Id;
        }, assessedAt, ct);
        return enterprise;
    }

    private byte[] ReportPdf(Enterprise enterprise, string tier) =>
        layout.Create(PdfPageSetup.A4Portrait).Title("智能制造能力成熟度评估报告（演示）")
            .Paragraph($"受评企业：{enterprise.Name}").Paragraph($"统一社会信用代码：{enterprise.CreditCode.Value}")
            .Paragraph($"智能制造能力成熟度分数：3.05（{ExampleScore.Level.ToChinese()}）；智能工厂等级：{tier}").ToBytes();

    /// <summary>The example's application, listed in its unit's submitted table, submitted and passed on <paramref name="passedAt"/>.</summary>
    private async Task<Guid> PassedAsync(Batch pilot, string name, DateTime passedAt, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.FirstAsync(e => e.Name == name, ct);
        var assessment = await db.Assessments.AsNoTracking().FirstAsync(a => a.EnterpriseId == enterprise.Id && a.BatchId == pilot.Id, ct);
        var listed = await (
            from r in db.SummaryTableRows
            join t in db.SummaryTables.Where(SummaryTableRules.CurrentAndSubmitted) on r.SummaryTableId equals t.Id
            where r.EnterpriseId == enterprise.Id && t.BatchId == pilot.Id
            select r).AnyAsync(ct);
        var application = new QuotaApplication(
            new ApplicationOrigin(enterprise.Id, pilot.ProgrammeYearId, pilot.Id, assessment.RecommendingUnitId, assessment.Id, assessment.AgencyId,
                assessment.ReportFileId!.Value, [RecommendationBasis.Voluntary]),
            new StatedAssessment(enterprise.Name, enterprise.CreditCode.Value, ExampleScore, ExampleScore.Level, assessment.SmartFactoryLevelName!),
            listed, passedAt.AddDays(-6), ("钱联系", "021-6666 0303", "demo.redemption@example.cn"));
        db.QuotaApplications.Add(application);
        var contact = $"钱联系（{enterprise.Name}）";
        await history.AsAsync(contact, passedAt.AddDays(-6), ct, enterprise.Id);
        application.Submit(passedAt.AddDays(-5), pilot.Deadline);
        await history.AsAsync(contact, passedAt.AddDays(-5), ct, enterprise.Id);
        // The report cross-check kept at the submission, as the application pages do it.
        using (var report = new MemoryStream(ReportPdf(enterprise, assessment.SmartFactoryLevelName!)))
        {
            application.RecordReportCheck(ReportTextCheck.Run(pdfText.Read(report), enterprise.Name, enterprise.CreditCode.Value, ExampleScore, ExampleScore.Level));
        }
        application.StartReview();
        db.ReviewDecisions.Add(application.Pass(Reviewer, passedAt, "材料齐全，各项检查通过。"));
        await history.AsThirdPartyAsync(Reviewer, passedAt, ct);
        await db.SaveChangesAsync(ct);
        return enterprise.Id;
    }
}
