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
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// The demo's redemptions (with <c>Demo:Tables</c>, after <see cref="DemoApplicationSeeder"/>): the 2023 pilot's passed
/// applications become redemptions, one in every state. Besides 紫竹 (passed by the third party, left waiting for approval),
/// five 2023 enterprises assessed in September and passed in the review are added: 临港 approved (waiting for payment),
/// 漕河泾 paid with a bank reference, 张江芯联 declined with a reason, 金桥智联 waiting for approval (so the commission has a
/// list to approve), and 莘庄数控, assessed by a district-level agency, passed but not redeemable (the commission's list says
/// why). These five are not rows of a submitted summary table (the pilot's
/// tables were submitted before): their review pages show that check as not passed. Approvals are kept on the year's
/// budget row as the approving page keeps them. Everything goes through the domain's methods.
/// </summary>
public sealed class DemoRedemptionSeeder(AppDbContext db, IClock clock, IFileStore files, PdfLayout layout, IPdfTextReader pdfText,
    ILogger<DemoRedemptionSeeder> log)
{
    private const string CommissionOfficer = "王主任（市经信委）";
    private const string Reviewer = "赵审核员（第三方）";
    private const string AgencyStaff = "周评估师（智评工业）";

    /// <param name="pilotSecond">The pilot's 第二批, whose passed applications' redemptions are approved, and paid for the enterprises named in <paramref name="paid"/>.</param>
    public async Task SeedAsync(Batch pilot, Batch pilotSecond, IReadOnlyCollection<string> paid, CancellationToken ct)
    {
        try
        {
            layout.Create(PdfPageSetup.A4Portrait).Title("测试").ToBytes();
        }
        catch (PdfFontUnavailableException)
        {
            log.LogWarning("PDF 字体不可用，未写入演示兑付（评估报告需要 PDF）。");
            return;
        }
        var now = clock.UtcNow;
        DateTime Ago(double days) => now.AddDays(-days);
        var pudong = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区", ct);
        var minhang = await db.RecommendingUnits.FirstAsync(u => u.Name == "闵行区", ct);
        var agencyA = await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyAName, ct);
        var districtAgency = new ServiceAgency("上海闵行数字化诊断服务有限公司", DemoDataSeeder.DemoCode("91310112MA1GRDA15"), AgencyLevel.District, minhang.Id,
            new DateOnly(2023, 1, 1));
        districtAgency.SetContact("沈联系人", "021-6412 0808", null);
        db.Organisations.Add(districtAgency);
        var tier = await db.SmartFactoryLevels.FirstAsync(l => l.Id == SmartFactoryLevel.SeedIds.Advanced, ct);
        await db.SaveChangesAsync(ct);

        var approved = await PassedAsync(pilot, pudong, agencyA, tier, "上海临港智造装备有限公司", "91310115MA1H7R011", Utc(2023, 9, 11), Ago(20), ct);
        var paidOne = await PassedAsync(pilot, minhang, agencyA, tier, "上海漕河泾数控科技有限公司", "91310112MA1GRD013", Utc(2023, 9, 12), Ago(25), ct);
        var declined = await PassedAsync(pilot, pudong, agencyA, tier, "上海张江芯联电子有限公司", "91310115MA1H7R012", Utc(2023, 9, 13), Ago(18), ct);
        await PassedAsync(pilot, minhang, districtAgency, tier, "上海莘庄数控机床有限公司", "91310112MA1GRD014", Utc(2023, 9, 14), Ago(16), ct);
        await PassedAsync(pilot, pudong, agencyA, tier, "上海金桥智联机器人有限公司", "91310115MA1H7R016", Utc(2023, 9, 15), Ago(3), ct);

        var year = await db.ProgrammeYears.FirstAsync(y => y.Id == pilot.ProgrammeYearId, ct);
        var redemptions = await db.Redemptions.Where(r => r.ProgrammeYearId == year.Id).ToListAsync(ct);
        var committed = Money.Zero;

        // 第二批's redemptions were approved in one list in February 2024 and most paid in March (the pilot's whole path).
        var second = redemptions.Where(r => r.BatchId == pilotSecond.Id).OrderBy(r => r.CreatedAtUtc).ToList();
        var paidIds = await db.Enterprises.Where(e => paid.Contains(e.Name)).Select(e => e.Id).ToListAsync(ct);
        foreach (var (r, i) in second.Select((r, i) => (r, i)))
        {
            r.Approve(year.BudgetCap, committed, CommissionOfficer, Utc(2024, 2, 20), inList: true);
            committed += r.Amount;
            if (paidIds.Contains(r.EnterpriseId))
            {
                r.RecordPayment(new DateOnly(2024, 3, 15), $"ICBC-2024-{310 + i:000000}", CommissionOfficer, Utc(2024, 3, 15), fromList: true);
            }
        }

        foreach (var (enterpriseId, approvedAgo) in new[] { (paidOne, 12.0), (approved, 6.0) })
        {
            var r = redemptions.Single(x => x.EnterpriseId == enterpriseId);
            r.Approve(year.BudgetCap, committed, CommissionOfficer, Ago(approvedAgo));
            committed += r.Amount;
        }
        redemptions.Single(x => x.EnterpriseId == paidOne).RecordPayment(ShanghaiTime.Today(Ago(5)), "ICBC-2023-000815", CommissionOfficer, Ago(5));
        redemptions.Single(x => x.EnterpriseId == declined).Decline("企业在评估期间发生重大安全生产事故，按项目规定本年度不予兑付。", CommissionOfficer, Ago(4));
        db.RedemptionBudgets.Add(new RedemptionBudget(year.Id, committed));
        await db.SaveChangesAsync(ct);
        log.LogInformation("已写入演示兑付：2023年度第二批已批准、已支付，第一批待批准、已批准、已支付、不予兑付各有，另有一家区级服务机构评估的企业不能兑付。");
    }

    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>An enterprise recommended to the pilot, assessed on <paramref name="assessedAt"/>'s next day, confirmed, its application passed.</summary>
    private async Task<Guid> PassedAsync(Batch pilot, RecommendingUnit unit, ServiceAgency agency, SmartFactoryLevel tier, string name, string first17,
        DateTime assessedAt, DateTime passedAt, CancellationToken ct)
    {
        var enterprise = new Enterprise(name, DemoDataSeeder.DemoCode(first17), KeyIndustry.HighEndEquipment, 18_600.00m, unit.Id);
        enterprise.SetContact("上海市示例路 88 号", "钱联系", "021-6666 0303", null);
        db.Organisations.Add(enterprise);
        var officer = $"{unit.Name}经办人";
        var recommendation = new Recommendation(enterprise, pilot, officer, assessedAt);
        recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿接受评估诊断")], [], false, enterprise);
        recommendation.Recommend(enterprise, pilot, officer, assessedAt);
        db.Recommendations.Add(recommendation);
        var assessment = new Assessment(recommendation, agency, officer, assessedAt.AddHours(1));
        assessment.ConfirmByEnterprise("钱联系", assessedAt.AddHours(2));
        assessment.DeclareConflict(false, null, AgencyStaff, assessedAt.AddHours(3));
        assessment.Start(AgencyStaff, assessedAt.AddHours(3));
        var visit = DateOnly.FromDateTime(ShanghaiTime.ToShanghai(assessedAt.AddDays(1)));
        var score = new MaturityScore(3.05m);
        assessment.UpdateRecord(null, visit, visit, "周评估师、郑评估师", null, score, score.Level, tier);
        foreach (var checkpoint in AssessmentCheckpointNames.All)
        {
            assessment.CompleteCheckpoint(checkpoint, assessedAt.AddDays(1));
        }
        var pdf = layout.Create(PdfPageSetup.A4Portrait).Title("智能制造能力成熟度评估报告（演示）")
            .Paragraph($"受评企业：{enterprise.Name}").Paragraph($"统一社会信用代码：{enterprise.CreditCode.Value}")
            .Paragraph($"智能制造能力成熟度分数：3.05（{score.Level.ToChinese()}）；智能工厂等级：{tier.Name}").ToBytes();
        await using (var content = new MemoryStream(pdf))
        {
            var stored = await files.SaveAsync(new IncomingFile(content, $"{enterprise.Name}评估报告.pdf"), FileTypes.PdfOnly, FileTypes.DefaultMaxSizeBytes,
                agency.Id, AgencyStaff, null, ct);
            db.StoredFiles.Add(stored);
            assessment.SubmitReport(stored.Id, AgencyStaff, assessedAt.AddDays(2));
        }
        assessment.ConfirmCompliance(Reviewer, assessedAt.AddDays(3));
        assessment.ConfirmCompletion(officer, assessedAt.AddDays(3).AddHours(2));
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(ct);

        var application = new QuotaApplication(
            new ApplicationOrigin(enterprise.Id, pilot.ProgrammeYearId, pilot.Id, unit.Id, assessment.Id, agency.Id, assessment.ReportFileId!.Value,
                [RecommendationBasis.Voluntary]),
            new StatedAssessment(enterprise.Name, enterprise.CreditCode.Value, score, score.Level, tier.Name),
            listedInSubmittedSummaryTable: true, passedAt.AddDays(-6), ("钱联系", "021-6666 0303", "demo.redemption@example.cn"));
        db.QuotaApplications.Add(application);
        application.Submit(passedAt.AddDays(-5), pilot.Deadline);
        // The report cross-check kept at the submission, as the application pages do it.
        using (var report = new MemoryStream(pdf))
        {
            application.RecordReportCheck(ReportTextCheck.Run(pdfText.Read(report), enterprise.Name, enterprise.CreditCode.Value, score, score.Level));
        }
        application.StartReview();
        db.ReviewDecisions.Add(application.Pass(Reviewer, passedAt, "材料齐全，各项检查通过。"));
        await db.SaveChangesAsync(ct);
        return enterprise.Id;
    }
}
