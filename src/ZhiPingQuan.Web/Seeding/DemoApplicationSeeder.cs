using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// The demo's quota applications (with <c>Demo:Tables</c>): the 2023 pilot's 第一批, whose enterprises are listed in the
/// submitted summary tables, has one application in every state, with small real evidence files — so each role finds work:
/// 浦东新区's 张江智能传感 withdrew and applied again (submitted, waiting), 金桥 is under review (a contract of 18 万元 gives a
/// warning), 外高桥 resubmitted after a return (已补正, a file replaced and the phone changed), the demo's 浦江精密 (enterprise.a)
/// is returned for supplement with a due date; 闵行区's 紫竹 passed, 莘庄 was rejected, and the demo's 闵联汽车 (enterprise.b)
/// has a draft missing its project approval. The pilot's deadline passed long ago, so the commission extended the batch (on
/// record, with a reason) to the end of next month: the steps can be tried. Everything goes through the domain's methods and
/// the file store.
/// </summary>
public sealed class DemoApplicationSeeder(AppDbContext db, IClock clock, IFileStore files, PdfLayout layout, IPdfTextReader pdfText,
    DemoHistory history, ILogger<DemoApplicationSeeder> log)
{
    private const string Reviewer = DemoAssessments.Reviewer;
    private const string CommissionOfficer = "王主任（市经信委）";

    /// <summary>The step's history lines as the application's contact person, at <paramref name="at"/>.</summary>
    private Task AsEnterpriseAsync(QuotaApplication a, DateTime at, CancellationToken ct) =>
        history.AsAsync($"{a.ContactPerson}（{a.EnterpriseName}）", at, ct, a.EnterpriseId);


    /// <param name="enterprises">张江, 金桥, 外高桥, 浦江精密 (浦东新区); 紫竹, 莘庄, 闵联汽车 (闵行区) — all listed in the pilot's 第一批.</param>
    public async Task SeedAsync(Batch pilot, IReadOnlyList<Enterprise> enterprises, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = ShanghaiTime.Today(now);
        var extended = new DateOnly(today.Year, today.Month, 1).AddMonths(2).AddDays(-1);
        if (extended > pilot.Deadline)
        {
            pilot.ExtendDeadline(extended, "试点企业额度申请集中受理，申请截止日期相应延长", CommissionOfficer, now.AddDays(-14));
            await history.AsCommissionAsync(CommissionOfficer, now.AddDays(-14), ct);
            await db.SaveChangesAsync(ct);
        }
        if (!CanMakePdfs())
        {
            log.LogWarning("PDF 字体不可用，未写入演示额度申请（评估报告和证明材料都需要 PDF）。");
            return;
        }
        var (zhangjiang, jinqiao, waigaoqiao, pujiang, zizhu, xinzhuang, minlian) =
            (enterprises[0], enterprises[1], enterprises[2], enterprises[3], enterprises[4], enterprises[5], enterprises[6]);
        DateTime Ago(double days) => now.AddDays(-days);

        // Withdrawn, then applied again and submitted: waiting for the third party.
        var withdrawn = await DraftAsync(pilot, zhangjiang, "zhangjiang", Ago(13), ct);
        await CompleteAsync(withdrawn, Ago(13), ct);
        await SubmitAsync(withdrawn, pilot, Ago(12), ct);
        withdrawn.Withdraw("合同扫描件不清晰，撤回后重新申请", Ago(11));
        await AsEnterpriseAsync(withdrawn, Ago(11), ct);
        await db.SaveChangesAsync(ct);
        var again = await DraftAsync(pilot, zhangjiang, "zhangjiang", Ago(10), ct);
        await CompleteAsync(again, Ago(10), ct, contractFile: "MES系统采购合同（清晰版）");
        await SubmitAsync(again, pilot, Ago(2), ct);

        // Under review, with a warning: the contract is not above 20 万元.
        var underReview = await DraftAsync(pilot, jinqiao, "jinqiao", Ago(9), ct);
        await CompleteAsync(underReview, Ago(9), ct, amount: 18.00m);
        await SubmitAsync(underReview, pilot, Ago(6), ct);
        underReview.StartReview();
        await history.AsThirdPartyAsync(Reviewer, Ago(5.5), ct);
        await db.SaveChangesAsync(ct);

        // Returned for two items, fixed and resubmitted: 已补正, with what changed.
        var resubmitted = await DraftAsync(pilot, waigaoqiao, "waigaoqiao", Ago(12), ct);
        await CompleteAsync(resubmitted, Ago(12), ct);
        await SubmitAsync(resubmitted, pilot, Ago(9), ct);
        var contract = resubmitted.Evidence.First(e => e.Kind == EvidenceKind.UpgradeContract);
        await ReturnAsync(resubmitted, pilot, Ago(7), ShanghaiTime.Today(Ago(7)).AddDays(10), ct,
            new SupplementItemInput(SupplementTarget.Evidence, "合同缺少双方盖章页，请上传盖章后的完整扫描件", contract.Id),
            new SupplementItemInput(SupplementTarget.Contact, "联系电话无法接通，请核实"));
        await ReplaceAsync(resubmitted, contract, "改造升级合同（盖章版）.pdf", Pdf("改造升级合同（盖章版）", resubmitted.EnterpriseName), Ago(5), ct);
        resubmitted.UpdateContact(resubmitted.ContactPerson, "021-5080 1388", resubmitted.ContactEmail);
        resubmitted.Resubmit("已上传盖章版合同，联系电话已更正。", Ago(4));
        await AsEnterpriseAsync(resubmitted, Ago(4), ct);
        await ReadReportAsync(resubmitted, ct);
        await db.SaveChangesAsync(ct);

        // enterprise.a: returned for supplement, due in 8 days.
        var returned = await DraftAsync(pilot, pujiang, "pujiang", Ago(8), ct);
        await CompleteAsync(returned, Ago(8), ct);
        await SubmitAsync(returned, pilot, Ago(6), ct);
        var approval = returned.Evidence.First(e => e.Kind == EvidenceKind.SmartFactoryApproval);
        var latest = QuotaApplication.LatestDueDate(ShanghaiTime.Today(Ago(2)), pilot.Deadline);
        await ReturnAsync(returned, pilot, Ago(2), latest < today.AddDays(8) ? latest : today.AddDays(8), ct,
            new SupplementItemInput(SupplementTarget.Evidence, "认定文件图片不完整，缺少发文单位和日期，请上传完整的批文", approval.Id));

        // Passed.
        var passed = await DraftAsync(pilot, zizhu, "zizhu", Ago(12), ct);
        await CompleteAsync(passed, Ago(12), ct);
        await SubmitAsync(passed, pilot, Ago(10), ct);
        passed.StartReview();
        db.ReviewDecisions.Add(passed.Pass(Reviewer, Ago(5), "材料齐全，各项检查通过。"));
        await history.AsThirdPartyAsync(Reviewer, Ago(5), ct);
        await db.SaveChangesAsync(ct);

        // Rejected: the only contract was signed before the programme year.
        var rejected = await DraftAsync(pilot, xinzhuang, "xinzhuang", Ago(12), ct);
        await CompleteAsync(rejected, Ago(12), ct, contractDate: new DateOnly(2022, 11, 20));
        await SubmitAsync(rejected, pilot, Ago(10), ct);
        rejected.StartReview();
        db.ReviewDecisions.Add(rejected.Reject("唯一的改造合同签订于2022年，不在2023年度，不符合推荐依据1的条件。", Reviewer, Ago(5)));
        await history.AsThirdPartyAsync(Reviewer, Ago(5), ct);
        await db.SaveChangesAsync(ct);

        // enterprise.b: a draft, its contract uploaded, the major project's approval still missing.
        var draft = await DraftAsync(pilot, minlian, "minlian", Ago(3), ct);
        await AddAsync(draft, EvidenceKind.UpgradeContract, "智能产线改造合同", "智能产线改造合同.pdf", Pdf("智能产线改造合同", draft.EnterpriseName),
            new ContractDetails(128.00m, KeyLink.Manufacturing, new DateOnly(2023, 5, 18)), Ago(3), ct);
        log.LogInformation("已写入演示额度申请：2023年第一批各状态各一份（含撤回后重新申请、退回补正、已补正），第一批截止日期已延长至{Deadline}。", pilot.Deadline);
    }

    /// <summary>
    /// Applications of enterprises listed in a submitted table of <paramref name="batch"/>, submitted on <paramref name="at"/> and
    /// decided by the third party a month later (or, for a recent batch, an hour ago): passed — which makes the redemption — or
    /// rejected for a contract outside the programme year.
    /// </summary>
    public async Task SeedDecidedAsync(Batch batch, IReadOnlyList<(Enterprise Enterprise, bool Passed)> decided, DateTime at, CancellationToken ct)
    {
        if (decided.Count == 0 || !CanMakePdfs())
        {
            return;
        }
        var decideAt = at.AddDays(30) < clock.UtcNow ? at.AddDays(30) : clock.UtcNow.AddHours(-1);
        foreach (var ((enterprise, passed), i) in decided.Select((d, i) => (d, i)))
        {
            var application = await DraftAsync(batch, enterprise, $"apply{enterprise.CreditCode.Value[^4..].ToLowerInvariant()}", at.AddHours(i), ct);
            await CompleteAsync(application, at.AddHours(i), ct);
            await SubmitAsync(application, batch, at.AddHours(i + 1), ct);
            application.StartReview();
            db.ReviewDecisions.Add(passed
                ? application.Pass(Reviewer, decideAt.AddMinutes(i), "材料齐全，各项检查通过。")
                : application.Reject("申请材料中的评估报告与证明材料所述改造项目不一致，且企业未能在审核期间说明。", Reviewer, decideAt.AddMinutes(i)));
            await history.AsThirdPartyAsync(Reviewer, decideAt.AddMinutes(i), ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private bool CanMakePdfs()
    {
        try
        {
            Pdf("测试", "测试");
            return true;
        }
        catch (PdfFontUnavailableException)
        {
            return false;
        }
    }

    /// <summary>A draft filled in from the records, as the application form pre-fills it, with the contact confirmed.</summary>
    private async Task<QuotaApplication> DraftAsync(Batch pilot, Enterprise enterprise, string mailbox, DateTime at, CancellationToken ct)
    {
        var row = await (
            from r in db.SummaryTableRows
            join t in db.SummaryTables.Where(SummaryTableRules.CurrentAndSubmitted) on r.SummaryTableId equals t.Id
            where r.EnterpriseId == enterprise.Id && t.BatchId == pilot.Id
            select r).AsNoTracking().FirstAsync(ct);
        var assessment = await db.Assessments.AsNoTracking().FirstAsync(a => a.Id == row.AssessmentId, ct);
        var recommendation = await db.Recommendations.AsNoTracking().FirstAsync(r => r.Id == assessment.RecommendationId, ct);
        var application = new QuotaApplication(
            new ApplicationOrigin(enterprise.Id, pilot.ProgrammeYearId, pilot.Id, assessment.RecommendingUnitId, assessment.Id, assessment.AgencyId,
                assessment.ReportFileId!.Value, recommendation.BasisList),
            new StatedAssessment(enterprise.Name, enterprise.CreditCode.Value, assessment.Score!.Value, assessment.StatedLevel!.Value, assessment.SmartFactoryLevelName!),
            listedInSubmittedSummaryTable: true, at,
            (enterprise.ContactName ?? "企业联系人", enterprise.ContactPhone ?? "021-6666 0202", $"{mailbox}@example.cn"));
        db.QuotaApplications.Add(application);
        await AsEnterpriseAsync(application, at, ct);
        await db.SaveChangesAsync(ct);
        return application;
    }

    /// <summary>One file of each kind the checklist requires, and a photo for 其他佐证材料.</summary>
    private async Task CompleteAsync(QuotaApplication a, DateTime at, CancellationToken ct, decimal amount = 86.50m, DateOnly? contractDate = null,
        string contractFile = "改造升级合同")
    {
        foreach (var kind in a.Checklist.Where(c => c.Required).Select(c => c.Kind))
        {
            switch (kind)
            {
                case EvidenceKind.UpgradeContract:
                    await AddAsync(a, kind, "MES系统与智能仓储改造合同", $"{contractFile}.pdf", Pdf(contractFile, a.EnterpriseName),
                        new ContractDetails(amount, KeyLink.Production, contractDate ?? new DateOnly(2023, 4, 12)), at, ct);
                    break;
                case EvidenceKind.MajorProjectApproval:
                    await AddAsync(a, kind, "区级重大产业项目立项批复", "重大项目立项批复.pdf", Pdf("重大产业项目立项批复", a.EnterpriseName), null, at, ct);
                    break;
                default:
                    await AddAsync(a, kind, "市级智能工厂认定文件", "智能工厂认定文件.png", Png(), null, at, ct);
                    break;
            }
        }
        await AddAsync(a, EvidenceKind.Other, "改造现场照片", "改造现场照片.png", Png(), null, at, ct);
    }

    private async Task AddAsync(QuotaApplication a, EvidenceKind kind, string title, string fileName, byte[] content, ContractDetails? contract, DateTime at,
        CancellationToken ct)
    {
        await using var stream = new MemoryStream(content);
        var stored = await files.SaveAsync(new IncomingFile(stream, fileName), FileTypes.Evidence, FileTypes.DefaultMaxSizeBytes, a.EnterpriseId,
            "企业联系人", null, ct);
        db.StoredFiles.Add(stored);
        a.AddEvidence(kind, title, stored.Id, contract, at);
        await AsEnterpriseAsync(a, at, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task ReplaceAsync(QuotaApplication a, EvidenceItem item, string fileName, byte[] content, DateTime at, CancellationToken ct)
    {
        var previous = await db.StoredFiles.FirstAsync(f => f.Id == item.FileId, ct);
        await using var stream = new MemoryStream(content);
        var stored = await files.SaveAsync(new IncomingFile(stream, fileName), FileTypes.Evidence, FileTypes.DefaultMaxSizeBytes, a.EnterpriseId,
            "企业联系人", previous, ct);
        db.StoredFiles.Add(stored);
        a.ReplaceEvidenceFile(item.Id, stored.Id, at);
        await AsEnterpriseAsync(a, at, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task SubmitAsync(QuotaApplication a, Batch pilot, DateTime at, CancellationToken ct)
    {
        a.Submit(at, pilot.Deadline);
        await AsEnterpriseAsync(a, at, ct);
        await ReadReportAsync(a, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task ReturnAsync(QuotaApplication a, Batch pilot, DateTime at, DateOnly due, CancellationToken ct, params SupplementItemInput[] items)
    {
        a.StartReview();
        db.ReviewDecisions.Add(a.ReturnForSupplement(items, due, pilot.Deadline, Reviewer, at));
        await history.AsThirdPartyAsync(Reviewer, at, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The report cross-check kept at each submission, as the application pages do it.</summary>
    private async Task ReadReportAsync(QuotaApplication a, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.AsNoTracking().FirstAsync(e => e.Id == a.EnterpriseId, ct);
        var assessment = await db.Assessments.AsNoTracking().FirstAsync(x => x.Id == a.AssessmentId, ct);
        var report = await db.StoredFiles.AsNoTracking().FirstAsync(f => f.Id == a.ReportFileId, ct);
        string? text;
        await using (var stream = files.OpenRead(report))
        {
            text = pdfText.Read(stream);
        }
        a.RecordReportCheck(ReportTextCheck.Run(text, enterprise.Name, enterprise.CreditCode.Value, assessment.Score!.Value, assessment.StatedLevel!.Value));
    }

    private byte[] Pdf(string title, string enterpriseName) =>
        layout.Create(PdfPageSetup.A4Portrait)
            .Title(title + "（演示）")
            .Paragraph($"单位：{enterpriseName}")
            .Paragraph("本文件为演示数据，仅用于体验平台功能。")
            .ToBytes();

    /// <summary>A small real PNG (a scanned-document stand-in).</summary>
    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(320, 200);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xF4, 0xF1, 0xE8));
            using var border = new SKPaint { Color = new SKColor(0xB0, 0x1E, 0x23), Style = SKPaintStyle.Stroke, StrokeWidth = 6, IsAntialias = true };
            canvas.DrawCircle(250, 140, 40, border);
            using var line = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), StrokeWidth = 3 };
            for (var y = 40; y <= 120; y += 20)
            {
                canvas.DrawLine(30, y, 200, y, line);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
