using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.Agencies;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Assignments;

/// <summary>
/// 指派评估机构 (DESIGN §4.2): the district assigns an agency to a recommended enterprise of its unit,
/// the enterprise agrees, the agency declares it has no conflict of interest and accepts; the district
/// may change the agency, with a reason, until the report is submitted. The rules are the domain's
/// (<see cref="Assessment"/>); this class loads, calls them, writes the audit trail and the in-app
/// notices, and saves. Callers have already checked that the record is the user's (404 otherwise).
/// </summary>
public sealed class AssignmentService(AppDbContext db, IClock clock, IAuditTrail audit, AgencyRegistry agencies)
{
    /// <summary>Audit entries of the assessment record use this type, so every page showing its history finds them.</summary>
    public const string RecordType = nameof(Assessment);

    public const string DistrictFundedOnlyMessage = "该推荐为区级叠加支持，不纳入智评券评估，不能在此指派服务机构。";
    public const string NoAgencyChosenMessage = "请选择服务机构。";
    public const string AgencyNotAssignableMessage = "所选服务机构不可指派：只能指派市级服务机构或本单位推荐的区级服务机构。";
    public const string ConflictBlocksMessage = "本机构已声明与该企业存在利益冲突，不能接受该评估任务；请等待推荐单位改派其他服务机构。";

    public static string AlreadyAssignedMessage(string agencyName) =>
        $"该企业的本次推荐已指派服务机构（{agencyName}），每条推荐只能有一条评估记录；如需更换机构，请在评估记录中“改派”。";

    /// <summary>The agency can be changed until the report is submitted.</summary>
    public static bool CanBeReassigned(AssessmentState state) => state is AssessmentState.Assigned or AssessmentState.InProgress;

    public static string ReassignClosedMessage(AssessmentState state) =>
        $"评估报告已提交，不能再改派服务机构（当前状态：{state.ToChinese()}）。";

    public DateOnly Today => ShanghaiTime.Today(clock);

    public static string DetailsLink(Guid assessmentId) => $"/Assignments/Details/{assessmentId}";

    /// <summary>Recommended enterprises of the unit (municipal track) that have no assessment yet.</summary>
    public IQueryable<UnassignedRow> Unassigned(Guid unitId, string? q)
    {
        var query = db.Recommendations.AsNoTracking()
            .Where(r => r.RecommendingUnitId == unitId && r.State == RecommendationState.Recommended && !r.DistrictFundedOnly
                && !db.Assessments.Any(a => a.RecommendationId == r.Id));
        query = query.WhereEnterpriseMatches(r => r.Enterprise, q);
        return query
            .OrderBy(r => r.RecommendedAtUtc).ThenBy(r => r.Id)
            .Select(r => new UnassignedRow(r.Id, r.EnterpriseId, r.Enterprise!.Name, r.Enterprise.CreditCode.Value,
                r.Batch!.ProgrammeYear!.Year, r.Batch.Name, r.RecommendedAtUtc));
    }

    /// <summary>
    /// How many recommendations <see cref="Unassigned"/> lists when nothing is searched: those waiting for an agency
    /// less those that have one. Two counts an index answers, instead of looking for an assessment once per
    /// recommendation (an assessment belongs to one recommendation and carries its unit).
    /// </summary>
    public async Task<int> UnassignedCountAsync(Guid unitId, CancellationToken ct = default)
    {
        var waiting = await db.Recommendations.CountAsync(
            r => r.RecommendingUnitId == unitId && r.State == RecommendationState.Recommended && !r.DistrictFundedOnly, ct);
        // Counted from the unit's assessments (few), each checked against its one recommendation.
        var assigned = await db.Assessments.CountAsync(a => a.RecommendingUnitId == unitId
            && db.Recommendations.Any(r => r.Id == a.RecommendationId && r.State == RecommendationState.Recommended && !r.DistrictFundedOnly), ct);
        return waiting - assigned;
    }

    /// <summary>Assessments as list rows, from a query already scoped to the user.</summary>
    public static IQueryable<AssignmentRow> Rows(IQueryable<Assessment> scoped) =>
        scoped.Select(a => new AssignmentRow(
            a.Id, a.EnterpriseId, a.Enterprise!.Name,
            a.Recommendation!.Batch!.ProgrammeYear!.Year, a.Recommendation.Batch.Name,
            a.AgencyId, a.Agency!.Name, a.Agency.Level, a.Agency.ValidFrom, a.Agency.ValidTo,
            a.State, a.AssignedAtUtc, a.EnterpriseConfirmedAtUtc, a.ConflictDeclared, a.AssignmentChanges.Count));

    public IQueryable<AssignmentRow> ForUnit(Guid unitId, AssignmentFilter filter)
    {
        var query = db.Assessments.AsNoTracking().Where(a => a.RecommendingUnitId == unitId);
        query = query.WhereEnterpriseMatches(a => a.Enterprise, filter.Q);
        if (filter.State is { } state)
        {
            query = query.Where(a => a.State == state);
        }
        if (filter.Conflicts)
        {
            query = query.Where(a => a.State == AssessmentState.Assigned && a.ConflictDeclared == true);
        }
        // Declared conflicts first (they wait for the district), then the newest assignments.
        return Rows(query
            .OrderByDescending(a => a.State == AssessmentState.Assigned && a.ConflictDeclared == true)
            .ThenByDescending(a => a.AssignedAtUtc).ThenBy(a => a.Id));
    }

    /// <summary>The agency's assessments; those still waiting for its acceptance first.</summary>
    public IQueryable<AssignmentRow> ForAgency(Guid agencyId, bool pendingOnly)
    {
        var query = db.Assessments.AsNoTracking().Where(a => a.AgencyId == agencyId);
        if (pendingOnly)
        {
            query = query.Where(a => a.State == AssessmentState.Assigned && a.ConflictDeclared != true);
        }
        return Rows(query
            .OrderByDescending(a => a.State == AssessmentState.Assigned)
            .ThenByDescending(a => a.AssignedAtUtc).ThenBy(a => a.Id));
    }

    public Task<int> PendingForAgencyAsync(Guid agencyId, CancellationToken ct = default) =>
        db.Assessments.CountAsync(a => a.AgencyId == agencyId && a.State == AssessmentState.Assigned && a.ConflictDeclared != true, ct);

    /// <summary>Unread notices to the unit about assignments (a declared conflict names the assessment to reassign).</summary>
    public async Task<IReadOnlyList<Notification>> NoticesAsync(Guid unitId, CancellationToken ct = default) =>
        await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientOrganisationId == unitId && n.ReadAtUtc == null && n.Link != null && n.Link.StartsWith("/Assignments/"))
            .OrderByDescending(n => n.CreatedAtUtc).Take(20).ToListAsync(ct);

    /// <summary>The enterprise's recommendations (not drafts) with their assessment, newest year first.</summary>
    public async Task<IReadOnlyList<EnterpriseProgressRow>> ProgressOfEnterpriseAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        var rows = await db.Recommendations.AsNoTracking()
            .Where(r => r.EnterpriseId == enterpriseId && r.State != RecommendationState.Draft)
            .Select(r => new
            {
                r.Id, r.Batch!.ProgrammeYear!.Year, BatchName = r.Batch.Name, UnitName = r.RecommendingUnit!.Name, r.State, r.DistrictFundedOnly,
                Assessment = db.Assessments.Where(a => a.RecommendationId == r.Id)
                    .Select(a => new
                    {
                        a.Id, a.Version, AgencyName = a.Agency!.Name, AgencyLevel = a.Agency.Level, a.State, a.AssignedAtUtc,
                        a.EnterpriseConfirmedAtUtc, a.ConflictDeclared, a.Score, a.StatedLevel, a.SmartFactoryLevelName, a.DistrictConfirmedAtUtc,
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows
            .OrderByDescending(r => r.Year).ThenBy(r => r.BatchName, StringComparer.Ordinal)
            .Select(r => new EnterpriseProgressRow(
                r.Id, r.Year, r.BatchName, r.UnitName, r.State, r.DistrictFundedOnly,
                r.Assessment?.Id, r.Assessment?.Version, r.Assessment?.AgencyName, r.Assessment?.AgencyLevel, r.Assessment?.State,
                r.Assessment?.AssignedAtUtc, r.Assessment?.EnterpriseConfirmedAtUtc, r.Assessment?.ConflictDeclared,
                r.Assessment?.Score?.Value, r.Assessment?.StatedLevel, r.Assessment?.SmartFactoryLevelName, r.Assessment?.DistrictConfirmedAtUtc))
            .ToList();
    }

    /// <summary>
    /// Creates the assessment (state Assigned) for a recommendation of the district's own unit. Returns
    /// the assessment, or the Chinese reason nothing was written.
    /// </summary>
    public async Task<(Assessment? Assessment, string? Error)> AssignAsync(
        Recommendation recommendation, Guid? agencyId, Guid unitId, string byUserName, CancellationToken ct = default)
    {
        if (recommendation.DistrictFundedOnly)
        {
            return (null, DistrictFundedOnlyMessage);
        }
        var existing = await ExistingAgencyNameAsync(recommendation.Id, ct);
        if (existing is not null)
        {
            return (null, AlreadyAssignedMessage(existing));
        }
        if (agencyId is null)
        {
            return (null, NoAgencyChosenMessage);
        }
        var agency = await agencies.FindAssignableAsync(unitId, agencyId, ct);
        if (agency is null)
        {
            return (null, AgencyNotAssignableMessage);
        }
        var enterprise = await db.Enterprises.AsNoTracking().FirstAsync(e => e.Id == recommendation.EnterpriseId, ct);
        Assessment assessment;
        try
        {
            assessment = new Assessment(recommendation, agency, byUserName, clock.UtcNow);
        }
        catch (DomainException e)
        {
            return (null, e.Message);
        }
        db.Assessments.Add(assessment);
        audit.Record("指派评估机构", RecordType, assessment.Id, null, Describe(agency),
            $"{enterprise.Name}：指派{agency.Name}评估诊断");
        NotifyAssigned(assessment, enterprise, agency);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Two assignments of the same recommendation at once: the unique index keeps one.
            db.ChangeTracker.Clear();
            var winner = await ExistingAgencyNameAsync(recommendation.Id, ct);
            if (winner is null)
            {
                throw;
            }
            return (null, AlreadyAssignedMessage(winner));
        }
        return (assessment, null);
    }

    private Task<string?> ExistingAgencyNameAsync(Guid recommendationId, CancellationToken ct) =>
        db.Assessments.AsNoTracking().Where(a => a.RecommendationId == recommendationId).Select(a => a.Agency!.Name).FirstOrDefaultAsync(ct);

    /// <summary>The enterprise agrees to the assigned agency. Throws DomainException (nothing saved) when refused.</summary>
    public async Task AgreeAsync(Assessment assessment, Guid version, string byUserName, CancellationToken ct = default)
    {
        db.Entry(assessment).Property(a => a.Version).OriginalValue = version;
        assessment.ConfirmByEnterprise(byUserName, clock.UtcNow);
        var agencyName = await AgencyNameAsync(assessment.AgencyId, ct);
        audit.Record("企业确认评估机构", RecordType, assessment.Id, null, agencyName, $"企业同意由{agencyName}进行评估诊断");
        db.Notifications.Add(Notification.ToOrganisation(assessment.AgencyId, "企业已确认评估任务",
            "企业已同意由本机构进行评估诊断，请声明无利益冲突后接受任务。", DetailsLink(assessment.Id), clock.UtcNow));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The agency declares on conflict of interest. No conflict: it accepts and the assessment starts
    /// (needs the enterprise's agreement). A conflict: recorded, the assessment stays Assigned, and the
    /// district is told (a notice to its unit) so it can reassign. Once a conflict is declared the agency
    /// cannot take the task back. Throws DomainException (nothing saved) when refused.
    /// </summary>
    public async Task<bool> DeclareAsync(Assessment assessment, Guid version, bool hasConflict, string? statement, string byUserName, CancellationToken ct = default)
    {
        if (assessment.State == AssessmentState.Assigned && assessment.ConflictDeclared == true)
        {
            throw new DomainException(ConflictBlocksMessage);
        }
        db.Entry(assessment).Property(a => a.Version).OriginalValue = version;
        var now = clock.UtcNow;
        assessment.DeclareConflict(hasConflict, statement, byUserName, now);
        var enterpriseName = await db.Enterprises.Where(e => e.Id == assessment.EnterpriseId).Select(e => e.Name).FirstAsync(ct);
        var agencyName = await AgencyNameAsync(assessment.AgencyId, ct);
        if (hasConflict)
        {
            audit.Record("服务机构声明存在利益冲突", RecordType, assessment.Id, null, assessment.ConflictStatement,
                $"{agencyName}声明与{enterpriseName}存在利益冲突，未接受评估任务");
            db.Notifications.Add(Notification.ToOrganisation(assessment.RecommendingUnitId,
                $"服务机构声明存在利益冲突：{enterpriseName}",
                $"{agencyName}声明与{enterpriseName}存在利益冲突（{assessment.ConflictStatement}），未接受评估任务。请改派其他服务机构。",
                DetailsLink(assessment.Id), now));
        }
        else
        {
            assessment.Start(byUserName, now);
            audit.Record("服务机构声明无利益冲突并接受评估", RecordType, assessment.Id,
                AssessmentState.Assigned.ToChinese(), assessment.State.ToChinese(), $"{agencyName}接受{enterpriseName}的评估诊断任务");
        }
        await db.SaveChangesAsync(ct);
        return !hasConflict;
    }

    /// <summary>
    /// The district changes the agency before the report is submitted (reason kept in the history).
    /// Returns the Chinese reason nothing was written, or null when saved.
    /// </summary>
    public async Task<string?> ReassignAsync(Assessment assessment, Guid version, Guid? agencyId, string? reason, Guid unitId, string byUserName, CancellationToken ct = default)
    {
        if (!CanBeReassigned(assessment.State))
        {
            return ReassignClosedMessage(assessment.State);
        }
        if (agencyId is null)
        {
            return NoAgencyChosenMessage;
        }
        var agency = await agencies.FindAssignableAsync(unitId, agencyId, ct);
        if (agency is null)
        {
            return AgencyNotAssignableMessage;
        }
        if (reason is not null && reason.Trim().Length > 500)
        {
            return "改派原因不能超过500个字。";
        }
        db.Entry(assessment).Property(a => a.Version).OriginalValue = version;
        var previousAgencyId = assessment.AgencyId;
        var previous = await db.ServiceAgencies.AsNoTracking().FirstAsync(a => a.Id == previousAgencyId, ct);
        var stateBefore = assessment.State;
        try
        {
            assessment.Reassign(agency, reason ?? string.Empty, byUserName, clock.UtcNow);
        }
        catch (DomainException e)
        {
            return e.Message;
        }
        var enterprise = await db.Enterprises.AsNoTracking().FirstAsync(e => e.Id == assessment.EnterpriseId, ct);
        audit.Record("改派评估机构", RecordType, assessment.Id,
            $"{Describe(previous)}（{stateBefore.ToChinese()}）", Describe(agency), $"改派原因：{reason!.Trim()}");
        // The notices about this assessment (a declared conflict) have been dealt with.
        var link = DetailsLink(assessment.Id);
        var handled = await db.Notifications
            .Where(n => n.RecipientOrganisationId == unitId && n.Link == link && n.ReadAtUtc == null).ToListAsync(ct);
        foreach (var notice in handled)
        {
            notice.MarkRead(clock.UtcNow);
        }
        db.Notifications.Add(Notification.ToOrganisation(previousAgencyId, $"评估任务已改派：{enterprise.Name}",
            $"推荐单位已将{enterprise.Name}的评估诊断改派给其他服务机构。原因：{reason.Trim()}", null, clock.UtcNow));
        NotifyAssigned(assessment, enterprise, agency);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private void NotifyAssigned(Assessment assessment, Enterprise enterprise, ServiceAgency agency)
    {
        var now = clock.UtcNow;
        db.Notifications.Add(Notification.ToOrganisation(enterprise.Id, "请确认评估服务机构",
            $"推荐单位已为本企业指派评估诊断服务机构：{agency.Name}。请在“评估进展”中确认。", "/Assignments/Mine", now));
        db.Notifications.Add(Notification.ToOrganisation(agency.Id, $"新的评估任务：{enterprise.Name}",
            $"推荐单位指派本机构对{enterprise.Name}进行评估诊断。企业确认后，请声明无利益冲突并接受任务。", DetailsLink(assessment.Id), now));
    }

    public async Task<IReadOnlyList<AssignmentChangeView>> ChangesAsync(Assessment assessment, CancellationToken ct = default)
    {
        var ids = assessment.AssignmentChanges.SelectMany(c => new[] { c.FromAgencyId, c.ToAgencyId }).Distinct().ToList();
        var names = await db.ServiceAgencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return assessment.AssignmentChanges
            .OrderBy(c => c.AtUtc)
            .Select(c => new AssignmentChangeView(names.GetValueOrDefault(c.FromAgencyId, "—"), names.GetValueOrDefault(c.ToAgencyId, "—"), c.Reason, c.ByUserName, c.AtUtc))
            .ToList();
    }

    private Task<string> AgencyNameAsync(Guid agencyId, CancellationToken ct) =>
        db.ServiceAgencies.Where(a => a.Id == agencyId).Select(a => a.Name).FirstAsync(ct);

    private static string Describe(ServiceAgency agency) => $"{agency.Name}（{agency.Level.ToChinese()}）";
}
