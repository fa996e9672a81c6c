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

    /// <summary>
    /// A recommendation just made on <paramref name="at"/> (added, not yet saved) is assigned an hour later, confirmed by the
    /// enterprise's contact, started, recorded with its checkpoints done the next day, its report submitted the day after,
    /// checked by the third party and confirmed by the district on the third day; then saved.
    /// </summary>
    /// <param name="officer">The district's officer as the records name them.</param>
    /// <param name="officerInHistory">The same person as a history line names them: "李科长（浦东新区）".</param>
    /// <param name="report">Stores the report and gives its file (after the record is written, before it is submitted).</param>
    public async Task ConfirmedAsync(Recommendation recommendation, Enterprise enterprise, ServiceAgency agency, string officer, string officerInHistory,
        MaturityScore score, SmartFactoryLevel tier, Func<Task<Guid>> report, DateTime at, CancellationToken ct)
    {
        var unitId = enterprise.RecommendingUnitId;
        var staff = $"周评估师（{agency.Name}）";
        await history.AsAsync(officerInHistory, at, ct, unitId);
        var assessment = new Assessment(recommendation, agency, officer, at.AddHours(1));
        db.Assessments.Add(assessment);
        await history.AsAsync(officerInHistory, at.AddHours(1), ct, unitId);
        var contact = enterprise.ContactName ?? "企业联系人";
        assessment.ConfirmByEnterprise(contact, at.AddHours(2));
        await history.AsAsync($"{contact}（{enterprise.Name}）", at.AddHours(2), ct, enterprise.Id);
        assessment.DeclareConflict(false, null, AgencyStaff, at.AddHours(3));
        assessment.Start(AgencyStaff, at.AddHours(3));
        await history.AsAsync(staff, at.AddHours(3), ct, agency.Id);
        var visit = DateOnly.FromDateTime(ShanghaiTime.ToShanghai(at.AddDays(1)));
        assessment.UpdateRecord(null, visit, visit, "周评估师、郑评估师", null, score, score.Level, tier);
        foreach (var checkpoint in AssessmentCheckpointNames.All)
        {
            assessment.CompleteCheckpoint(checkpoint, at.AddDays(1));
        }
        await history.AsAsync(staff, at.AddDays(1), ct, agency.Id);
        assessment.SubmitReport(await report(), AgencyStaff, at.AddDays(2));
        await history.AsAsync(staff, at.AddDays(2), ct, agency.Id);
        assessment.ConfirmCompliance(Reviewer, at.AddDays(3));
        await history.AsThirdPartyAsync(Reviewer, at.AddDays(3), ct);
        assessment.ConfirmCompletion(officer, at.AddDays(3).AddHours(2));
        await history.AsAsync(officerInHistory, at.AddDays(3).AddHours(2), ct, unitId);
        await db.SaveChangesAsync(ct);
    }
}
