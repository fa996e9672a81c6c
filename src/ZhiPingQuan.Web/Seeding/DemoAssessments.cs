using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// The one path the demo takes an assessment along to its confirmation (docs/domain.md §4.1–§4.2), for the lifecycle's
/// and the redemption examples' enterprises alike, with each step's history written as who took it (<see cref="DemoHistory"/>).
/// </summary>
public sealed class DemoAssessments(AppDbContext db, DemoHistory history)
{
    /// <summary>The agency's assessor as the records name them.</summary>
    public const string AgencyStaff = "周评估师（智评工业）";

    /// <summary>The third party's reviewer as the records name them.</summary>
    public const string Reviewer = "赵审核员（第三方）";

    /// <summary>Where the demo leaves an assessment on its path (docs/domain.md §4.2).</summary>
    public enum Stage
    {
        /// <summary>Assigned; the enterprise has not answered.</summary>
        Assigned,

        /// <summary>The enterprise declined the agency: the district must reassign.</summary>
        DeclinedByEnterprise,

        /// <summary>The enterprise agreed: the agency must declare and accept.</summary>
        Agreed,

        /// <summary>The agency declared a conflict of interest: the district must reassign.</summary>
        ConflictDeclared,

        /// <summary>The agency accepted and is assessing.</summary>
        InProgress,

        /// <summary>The report is submitted: the third party must check it.</summary>
        ReportSubmitted,

        /// <summary>The third party returned the report: the agency must correct it.</summary>
        Returned,

        /// <summary>The third party confirmed compliance: the district must confirm completion.</summary>
        ComplianceConfirmed,

        /// <summary>The district confirmed: the result is final.</summary>
        Confirmed,
    }

    /// <summary>
    /// A recommendation just made on <paramref name="at"/> (added, not yet saved) is assigned an hour later, confirmed by the
    /// enterprise's contact, started, recorded with its checkpoints done the next day, its report submitted the day after,
    /// checked by the third party and confirmed by the district on the third day; then saved.
    /// </summary>
    /// <param name="officer">The district's officer as the records name them.</param>
    /// <param name="officerInHistory">The same person as a history line names them: "李科长（浦东新区）".</param>
    /// <param name="report">Stores the report and gives its file (after the record is written, before it is submitted).</param>
    public Task ConfirmedAsync(Recommendation recommendation, Enterprise enterprise, ServiceAgency agency, string officer, string officerInHistory,
        MaturityScore score, SmartFactoryLevel tier, Func<Task<Guid>> report, DateTime at, CancellationToken ct) =>
        UpToAsync(Stage.Confirmed, recommendation, enterprise, agency, officer, officerInHistory, score, tier, report, at, ct);

    /// <summary>The same path, stopped at <paramref name="stage"/> (the declining and the declaring stages branch off it); then saved.</summary>
    public async Task UpToAsync(Stage stage, Recommendation recommendation, Enterprise enterprise, ServiceAgency agency, string officer,
        string officerInHistory, MaturityScore score, SmartFactoryLevel tier, Func<Task<Guid>> report, DateTime at, CancellationToken ct)
    {
        await WalkAsync();
        await db.SaveChangesAsync(ct);

        // Each step in turn, returning where the demo leaves this one.
        async Task WalkAsync()
        {
            var unitId = enterprise.RecommendingUnitId;
            var staff = $"周评估师（{agency.Name}）";
            await history.AsAsync(officerInHistory, at, ct, unitId);
            var assessment = new Assessment(recommendation, agency, officer, at.AddHours(1));
            db.Assessments.Add(assessment);
            await history.AsAsync(officerInHistory, at.AddHours(1), ct, unitId);
            if (stage == Stage.Assigned)
            {
                return;
            }
            var contact = enterprise.ContactName ?? "企业联系人";
            if (stage == Stage.DeclinedByEnterprise)
            {
                assessment.DeclineByEnterprise("该机构曾为本企业提供信息化咨询服务，希望另请其他服务机构评估", contact, at.AddHours(2));
                await history.AsAsync($"{contact}（{enterprise.Name}）", at.AddHours(2), ct, enterprise.Id);
                return;
            }
            assessment.ConfirmByEnterprise(contact, at.AddHours(2));
            await history.AsAsync($"{contact}（{enterprise.Name}）", at.AddHours(2), ct, enterprise.Id);
            if (stage == Stage.Agreed)
            {
                return;
            }
            if (stage == Stage.ConflictDeclared)
            {
                assessment.DeclareConflict(true, "本机构近两年为该企业实施过MES项目，与评估诊断存在利益冲突", AgencyStaff, at.AddHours(3));
                await history.AsAsync(staff, at.AddHours(3), ct, agency.Id);
                return;
            }
            assessment.DeclareConflict(false, null, AgencyStaff, at.AddHours(3));
            assessment.Start(AgencyStaff, at.AddHours(3));
            await history.AsAsync(staff, at.AddHours(3), ct, agency.Id);
            if (stage == Stage.InProgress)
            {
                return;
            }
            var visit = DateOnly.FromDateTime(ShanghaiTime.ToShanghai(at.AddDays(1)));
            assessment.UpdateRecord(null, visit, visit, "周评估师、郑评估师", null, score, score.Level, tier);
            foreach (var checkpoint in AssessmentCheckpointNames.All)
            {
                assessment.CompleteCheckpoint(checkpoint, at.AddDays(1));
            }
            await history.AsAsync(staff, at.AddDays(1), ct, agency.Id);
            assessment.SubmitReport(await report(), AgencyStaff, at.AddDays(2));
            await history.AsAsync(staff, at.AddDays(2), ct, agency.Id);
            if (stage == Stage.ReportSubmitted)
            {
                return;
            }
            if (stage == Stage.Returned)
            {
                assessment.Return("报告中能力要素得分与评估记录不一致，请核对后重新提交", Reviewer, at.AddDays(3));
                await history.AsThirdPartyAsync(Reviewer, at.AddDays(3), ct);
                return;
            }
            assessment.ConfirmCompliance(Reviewer, at.AddDays(3));
            await history.AsThirdPartyAsync(Reviewer, at.AddDays(3), ct);
            if (stage == Stage.ComplianceConfirmed)
            {
                return;
            }
            assessment.ConfirmCompletion(officer, at.AddDays(3).AddHours(2));
            await history.AsAsync(officerInHistory, at.AddDays(3).AddHours(2), ct, unitId);
        }
    }
}
