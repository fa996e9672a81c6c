using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Assignments;

/// <summary>
/// 指派评估机构 (docs/domain.md §4.2): the district assigns an agency to a recommended enterprise of its unit,
/// the enterprise agrees, the agency declares it has no conflict of interest and accepts; the district
/// may change the agency, with a reason, until the report is submitted. The rules are the domain's
/// (<see cref="Assessment"/>), and so are the audit lines and notices (its events, handled by
/// <see cref="AssignmentNotices"/>): this class loads, calls the domain and saves. Refusals are
/// <see cref="DomainException"/>s; nothing is saved then. Callers have already checked that the record is the
/// user's (404 otherwise).
/// </summary>
public sealed class AssignmentService(AppDbContext db, IClock clock, ProgrammeChoices choices)
{
    /// <summary>Audit entries of the assessment record use this type, so every page showing its history finds them.</summary>
    public const string RecordType = nameof(Assessment);

    public const string NoAgencyChosenMessage = "请选择服务机构。";

    public static string AlreadyAssignedMessage(string agencyName) =>
        $"该企业的本次推荐已指派服务机构（{agencyName}），每条推荐只能有一条评估记录；如需更换机构，请在评估记录中“改派”。";

    public DateOnly Today => ShanghaiTime.Today(clock);

    /// <summary>Recommended enterprises of the unit (municipal track) that have no assessment yet.</summary>
    public IQueryable<UnassignedRow> Unassigned(Guid unitId, string? q, Guid? batchId = null)
    {
        var query = db.Recommendations.AsNoTracking()
            .Where(r => r.RecommendingUnitId == unitId)
            .Where(r => batchId == null || r.BatchId == batchId)
            .Where(RecommendationRules.ReadyForAssignment)
            .Where(r => !db.Assessments.Any(a => a.RecommendationId == r.Id));
        query = query.WhereEnterpriseMatches(r => r.Enterprise, q);
        return query
            .OrderBy(r => r.RecommendedAtUtc).ThenBy(r => r.Id)
            .Select(r => new UnassignedRow(r.Id, r.EnterpriseId, r.Enterprise!.Name, r.Enterprise.CreditCode.Value,
                r.Batch!.ProgrammeYear!.Year, r.Batch.Name, r.RecommendedAtUtc));
    }

    /// <summary>"2026 年度 第一批" for the filter line of the unassigned list.</summary>
    public Task<string?> BatchTitleAsync(Guid batchId, CancellationToken ct) =>
        db.Batches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.ProgrammeYear!.Year + " 年度 " + b.Name).FirstOrDefaultAsync(ct);

    /// <summary>
    /// How many recommendations <see cref="Unassigned"/> lists when nothing is searched: those waiting for an agency
    /// less those that have one. Two counts an index answers, instead of looking for an assessment once per
    /// recommendation (an assessment belongs to one recommendation and carries its unit).
    /// </summary>
    public async Task<int> UnassignedCountAsync(Guid unitId, CancellationToken ct = default)
    {
        var ready = db.Recommendations.Where(RecommendationRules.ReadyForAssignment);
        var waiting = await ready.CountAsync(r => r.RecommendingUnitId == unitId, ct);
        // Counted from the unit's assessments (few), each checked against its one recommendation.
        var assigned = await db.Assessments.CountAsync(a => a.RecommendingUnitId == unitId && ready.Any(r => r.Id == a.RecommendationId), ct);
        return waiting - assigned;
    }

    /// <summary>
    /// Assessments as list rows, from a query already scoped to the user. Whether the agency's work could be redeemed
    /// today and whether the district may still reassign are the domain's rules, asked of the page's rows.
    /// </summary>
    private IQueryable<AssignmentRow> Rows(IQueryable<Assessment> scoped)
    {
        var today = Today;
        return scoped.SelectWithRules(a => new AssignmentRow(
            a.Id, a.EnterpriseId, a.Enterprise!.Name,
            a.Recommendation!.Batch!.ProgrammeYear!.Year, a.Recommendation.Batch.Name,
            a.AgencyId, a.Agency!.Name, a.Agency.Level, ServiceAgencyRules.RedeemableOn.IsSatisfiedBy(a.Agency, today),
            a.State, a.AssignedAtUtc, a.EnterpriseConfirmedAtUtc, a.ConflictDeclared, a.AssignmentChanges.Count,
            AssessmentRules.Reassignable.IsSatisfiedBy(a), AssessmentRules.OpenToAgency.IsSatisfiedBy(a), a.EnterpriseDeclinedAtUtc != null));
    }

    /// <summary>
    /// The district's assignment list's sortable columns. By default declared conflicts first (they wait for the
    /// district), then the newest assignments.
    /// </summary>
    public static readonly ListSort<Assessment> UnitSorting = new ListSort<Assessment>("attention", a => a.Id)
        .AddOrder("attention", (q, desc) => q.OrderByDescending(AssessmentRules.AwaitingReassignment.Expression).ThenByDescending(a => a.AssignedAtUtc))
        .Add("enterprise", a => a.Enterprise!.Name)
        .Add("agency", a => a.Agency!.Name)
        .Add("state", a => a.State)
        .Add("assigned", a => a.AssignedAtUtc);

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
            query = query.Where(AssessmentRules.AwaitingReassignment);
        }
        return Rows(UnitSorting.Apply(query, filter));
    }

    /// <summary>The agency's assessments; those still waiting for its acceptance first.</summary>
    public IQueryable<AssignmentRow> ForAgency(Guid agencyId, bool pendingOnly)
    {
        var query = db.Assessments.AsNoTracking().Where(a => a.AgencyId == agencyId);
        if (pendingOnly)
        {
            query = query.Where(AssessmentRules.AwaitingAgencyAcceptance);
        }
        return Rows(query
            .OrderByDescending(a => a.State == AssessmentState.Assigned)
            .ThenByDescending(a => a.AssignedAtUtc).ThenBy(a => a.Id));
    }

    public Task<int> PendingForAgencyAsync(Guid agencyId, CancellationToken ct = default) =>
        db.Assessments.Where(a => a.AgencyId == agencyId).Where(AssessmentRules.AwaitingAgencyAcceptance).CountAsync(ct);

    /// <summary>Unread notices to the unit that an agency declared a conflict (each names the assessment to reassign).</summary>
    public async Task<IReadOnlyList<Notification>> NoticesAsync(Guid unitId, CancellationToken ct = default) =>
        await db.Notifications.AsNoTracking()
            .Where(NotificationRules.Unread).Where(n => n.RecipientOrganisationId == unitId && (n.Kind == NotificationKind.ConflictDeclared || n.Kind == NotificationKind.AgencyDeclinedByEnterprise))
            .OrderByDescending(n => n.CreatedAtUtc).Take(20).ToListAsync(ct);

    /// <summary>The enterprise's recommendations (not drafts) with their assessment, newest year first.</summary>
    public async Task<IReadOnlyList<EnterpriseProgressRow>> ProgressOfEnterpriseAsync(Guid enterpriseId, bool toAgreeOnly = false, CancellationToken ct = default)
    {
        var query = db.Recommendations.AsNoTracking()
            .Where(r => r.EnterpriseId == enterpriseId)
            .Where(RecommendationRules.VisibleToEnterprise);
        if (toAgreeOnly)
        {
            var waiting = db.Assessments.Where(AssessmentRules.AwaitingEnterpriseAgreement).Select(a => a.RecommendationId);
            query = query.Where(r => waiting.Contains(r.Id));
        }
        var rows = await query
            .SelectWithRules(r => new
            {
                r.Id, r.Batch!.ProgrammeYear!.Year, BatchName = r.Batch.Name, UnitName = r.RecommendingUnit!.Name, r.State, r.DistrictFundedOnly,
                Assessment = db.Assessments.Where(a => a.RecommendationId == r.Id)
                    .Select(a => new
                    {
                        a.Id, a.Version, AgencyName = a.Agency!.Name, AgencyLevel = a.Agency.Level, a.State, a.AssignedAtUtc,
                        a.EnterpriseConfirmedAtUtc, a.EnterpriseDeclinedAtUtc, a.ConflictDeclared, a.Score, a.StatedLevel, a.SmartFactoryLevelName, a.DistrictConfirmedAtUtc,
                        Confirmed = AssessmentRules.Confirmed.IsSatisfiedBy(a),
                        AwaitingAgreement = AssessmentRules.AwaitingEnterpriseAgreement.IsSatisfiedBy(a),
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        // The enterprise sees no result before the district confirms it (docs/domain.md §4.2 Visibility).
        return rows
            .OrderByDescending(r => r.Year).ThenBy(r => r.BatchName, StringComparer.Ordinal)
            .Select(r =>
            {
                var confirmed = r.Assessment?.Confirmed == true;
                return new EnterpriseProgressRow(
                    r.Id, r.Year, r.BatchName, r.UnitName, r.State, r.DistrictFundedOnly,
                    r.Assessment?.Id, r.Assessment?.Version, r.Assessment?.AgencyName, r.Assessment?.AgencyLevel, r.Assessment?.State,
                    r.Assessment?.AssignedAtUtc, r.Assessment?.EnterpriseConfirmedAtUtc, r.Assessment?.ConflictDeclared,
                    confirmed ? r.Assessment?.Score?.Value : null, confirmed ? r.Assessment?.StatedLevel : null,
                    confirmed ? r.Assessment?.SmartFactoryLevelName : null, r.Assessment?.DistrictConfirmedAtUtc,
                    confirmed, r.Assessment?.AwaitingAgreement == true, r.Assessment?.EnterpriseDeclinedAtUtc is not null);
            })
            .ToList();
    }

    /// <summary>A recommendation the user may change (its own unit's) with its enterprise and batch, or null for any other id.</summary>
    public Task<Recommendation?> OwnRecommendationAsync(Guid id, ClaimsPrincipal user, CancellationToken ct) =>
        db.Recommendations.AsNoTracking().EditableBy(user).Include(r => r.Enterprise).Include(r => r.Batch!).ThenInclude(b => b.ProgrammeYear)
            .FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>The assessment already made for the recommendation, if any.</summary>
    public Task<Guid?> AssessmentOfAsync(Guid recommendationId, CancellationToken ct) =>
        db.Assessments.AsNoTracking().Where(a => a.RecommendationId == recommendationId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The assessment inside the user's scope (the district's unit, the enterprise itself, the assigned agency) with its
    /// enterprise and agency, or null; tracked when it is about to change. <paramref name="fresh"/> forgets what this
    /// request changed in memory first (a refused change), so the page shows the record as stored.
    /// </summary>
    public Task<Assessment?> ScopedAsync(Guid id, ClaimsPrincipal user, bool tracked, CancellationToken ct, bool fresh = false)
    {
        if (fresh)
        {
            db.ChangeTracker.Clear();
        }
        var query = tracked ? db.Assessments : db.Assessments.AsNoTracking();
        return query.VisibleTo(user).Include(a => a.Enterprise).Include(a => a.Agency).FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    /// <summary>One assessment with what its page shows (enterprise, agency, batch and year), read only.</summary>
    public Task<Assessment?> FindForReadAsync(Guid id, CancellationToken ct) =>
        db.Assessments.AsNoTracking()
            .Include(a => a.Enterprise)
            .Include(a => a.Agency)
            .Include(a => a.Recommendation!).ThenInclude(r => r.Batch!).ThenInclude(b => b.ProgrammeYear)
            .FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>The assessment's audit lines, oldest first (the page shows those the reader may see).</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(Guid id, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == RecordType && a.RecordId == id)
            .OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync(ct);

    public async Task<string> UnitNameAsync(Guid unitId, CancellationToken ct) => await choices.UnitNameAsync(unitId, ct) ?? "";

    /// <summary>Creates the assessment (state Assigned) for a recommendation of the district's own unit.</summary>
    public async Task<Assessment> AssignAsync(Recommendation recommendation, Guid? agencyId, string byUserName, CancellationToken ct = default)
    {
        var existing = await ExistingAgencyNameAsync(recommendation.Id, ct);
        if (existing is not null)
        {
            throw new DomainException(AlreadyAssignedMessage(existing));
        }
        var agency = await AgencyAsync(agencyId, ct);
        var assessment = new Assessment(recommendation, agency, byUserName, clock.UtcNow);
        db.Assessments.Add(assessment);
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
            throw new DomainException(AlreadyAssignedMessage(winner));
        }
        return assessment;
    }

    /// <summary>At most this many enterprises are assigned in one step (a page of the list, and some).</summary>
    public const int MaxBulk = 100;

    public const string NothingChosenMessage = "请先在待指派列表中勾选要指派的企业。";

    /// <summary>
    /// The enterprises chosen for a bulk assignment, each with the reason it would be refused (null: it can be assigned).
    /// The same check as <see cref="BulkAssignAsync"/>, so the confirmation page names every row that would stop it.
    /// </summary>
    public async Task<(ServiceAgency Agency, IReadOnlyList<BulkAssignRow> Rows)> PlanBulkAsync(
        Guid unitId, IReadOnlyCollection<Guid> recommendationIds, Guid? agencyId, string byUserName, CancellationToken ct = default)
    {
        var (agency, rows, _) = await PlanAsync(unitId, recommendationIds, agencyId, byUserName, ct);
        return (agency, rows);
    }

    /// <summary>
    /// One agency for several recommendations of the unit, all or nothing (docs/domain.md §4.2): every row is checked
    /// as a single assignment would be; if any is refused, nothing is written and the refusal names each refused
    /// enterprise. Otherwise the assessments, their audit lines and notices are saved in one transaction.
    /// </summary>
    public async Task<IReadOnlyList<BulkAssignRow>> BulkAssignAsync(
        Guid unitId, IReadOnlyCollection<Guid> recommendationIds, Guid? agencyId, string byUserName, CancellationToken ct = default)
    {
        var (_, rows, planned) = await PlanAsync(unitId, recommendationIds, agencyId, byUserName, ct);
        if (rows.Any(r => r.Refusal is not null))
        {
            throw new DomainException(BulkRefusedMessage(rows));
        }
        db.Assessments.AddRange(planned);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Someone assigned one of them meanwhile (the unique index): the whole set is rolled back.
            db.ChangeTracker.Clear();
            throw new DomainException("未指派任何企业：其中有企业刚刚已被指派服务机构。请返回待指派列表刷新后重新勾选。");
        }
        return rows;
    }

    public static string BulkRefusedMessage(IEnumerable<BulkAssignRow> rows) =>
        "未指派任何企业，以下企业不能指派：" + string.Join("；", rows.Where(r => r.Refusal is not null).Select(r => $"{r.EnterpriseName}（{r.Refusal}）")) + "。";

    private async Task<(ServiceAgency Agency, List<BulkAssignRow> Rows, List<Assessment> Planned)> PlanAsync(
        Guid unitId, IReadOnlyCollection<Guid> recommendationIds, Guid? agencyId, string byUserName, CancellationToken ct)
    {
        var ids = recommendationIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException(NothingChosenMessage);
        }
        if (ids.Count > MaxBulk)
        {
            throw new DomainException($"一次最多指派{MaxBulk}家企业，本次勾选了{ids.Count}家。");
        }
        var agency = await AgencyAsync(agencyId, ct);
        var recommendations = await db.Recommendations.AsNoTracking().Include(r => r.Enterprise).Include(r => r.Batch!).ThenInclude(b => b.ProgrammeYear)
            .Where(r => ids.Contains(r.Id) && r.RecommendingUnitId == unitId)
            .OrderBy(r => r.RecommendedAtUtc).ThenBy(r => r.Id)
            .ToListAsync(ct);
        if (recommendations.Count != ids.Count)
        {
            // The scope check answers 404 before this; kept so the service never assigns another unit's record.
            throw new DomainException("所选企业中有不属于本单位的推荐记录。");
        }
        var existing = await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.RecommendationId))
            .Select(a => new { a.RecommendationId, AgencyName = a.Agency!.Name }).ToDictionaryAsync(a => a.RecommendationId, a => a.AgencyName, ct);
        var now = clock.UtcNow;
        var rows = new List<BulkAssignRow>();
        var planned = new List<Assessment>();
        foreach (var r in recommendations)
        {
            string? refusal = null;
            if (existing.TryGetValue(r.Id, out var agencyName))
            {
                refusal = $"已指派服务机构（{agencyName}）";
            }
            else
            {
                try
                {
                    planned.Add(new Assessment(r, agency, byUserName, now));
                }
                catch (DomainException e)
                {
                    refusal = e.Message;
                }
            }
            rows.Add(new BulkAssignRow(r.Id, r.Enterprise!.Name, r.Enterprise.CreditCode.Value, $"{r.Batch!.ProgrammeYear!.Year} 年度 {r.Batch.Name}", refusal));
        }
        return (agency, rows, planned);
    }

    /// <summary>The enterprises ticked for a bulk assignment, before an agency is chosen.</summary>
    public async Task<IReadOnlyList<BulkAssignRow>> ChosenAsync(Guid unitId, IReadOnlyCollection<Guid> recommendationIds, CancellationToken ct = default)
    {
        var ids = recommendationIds.Distinct().ToList();
        if (ids.Count > MaxBulk)
        {
            throw new DomainException($"一次最多指派{MaxBulk}家企业，本次勾选了{ids.Count}家。");
        }
        return await db.Recommendations.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.RecommendingUnitId == unitId)
            .OrderBy(r => r.RecommendedAtUtc).ThenBy(r => r.Id)
            .Select(r => new BulkAssignRow(r.Id, r.Enterprise!.Name, r.Enterprise.CreditCode.Value,
                r.Batch!.ProgrammeYear!.Year + " 年度 " + r.Batch.Name, null))
            .ToListAsync(ct);
    }

    /// <summary>The assessments of the unit made for these recommendations (the result of a bulk assignment).</summary>
    public async Task<IReadOnlyList<AssignmentRow>> AssignedForAsync(Guid unitId, IReadOnlyCollection<Guid> recommendationIds, CancellationToken ct = default)
    {
        var ids = recommendationIds.Distinct().ToList();
        return await Rows(db.Assessments.AsNoTracking().Where(a => a.RecommendingUnitId == unitId && ids.Contains(a.RecommendationId))
            .OrderBy(a => a.Enterprise!.Name).ThenBy(a => a.Id)).ToListAsync(ct);
    }

    /// <summary>The enterprise declines the assigned agency with a reason; the district is told to reassign.</summary>
    public async Task DeclineAsync(Assessment assessment, Guid? version, string? reason, string byUserName, CancellationToken ct = default)
    {
        db.ExpectVersion(assessment, version);
        assessment.DeclineByEnterprise(reason, byUserName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    private Task<string?> ExistingAgencyNameAsync(Guid recommendationId, CancellationToken ct) =>
        db.Assessments.AsNoTracking().Where(a => a.RecommendationId == recommendationId).Select(a => a.Agency!.Name).FirstOrDefaultAsync(ct);

    /// <summary>The chosen agency (the domain decides whether the unit may assign it).</summary>
    private async Task<ServiceAgency> AgencyAsync(Guid? agencyId, CancellationToken ct) =>
        agencyId is not { } id ? throw new DomainException(NoAgencyChosenMessage, "AgencyId")
        : await db.ServiceAgencies.FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new DomainException(Assessment.AgencyNotOpenMessage, "AgencyId");

    /// <summary>The enterprise agrees to the assigned agency.</summary>
    public async Task AgreeAsync(Assessment assessment, Guid? version, string byUserName, CancellationToken ct = default)
    {
        db.ExpectVersion(assessment, version);
        assessment.ConfirmByEnterprise(byUserName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The agency declares on conflict of interest. No conflict: it accepts and the assessment starts (needs the
    /// enterprise's agreement). A conflict: recorded, the assessment stays Assigned and the district is told so it
    /// can reassign; the agency cannot take the task back. Returns whether the agency accepted.
    /// </summary>
    public async Task<bool> DeclareAsync(Assessment assessment, Guid? version, bool hasConflict, string? statement, string byUserName, CancellationToken ct = default)
    {
        db.ExpectVersion(assessment, version);
        var now = clock.UtcNow;
        assessment.DeclareConflict(hasConflict, statement, byUserName, now);
        if (!hasConflict)
        {
            assessment.Start(byUserName, now);
        }
        await db.SaveChangesAsync(ct);
        return !hasConflict;
    }

    /// <summary>The district changes the agency before the report is submitted (reason kept in the history).</summary>
    public async Task ReassignAsync(Assessment assessment, Guid? version, Guid? agencyId, string? reason, string byUserName, CancellationToken ct = default)
    {
        var agency = await AgencyAsync(agencyId, ct);
        db.ExpectVersion(assessment, version);
        assessment.Reassign(agency, reason ?? string.Empty, byUserName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
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
}
