using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Recommendations;

/// <summary>An enterprise's recommendation in a programme year, as the one-per-year rule names it.</summary>
public sealed record ExistingRecommendation(Guid Id, Guid EnterpriseId, int Year, string BatchName, RecommendationState State, string UnitName);

/// <summary>
/// 企业推荐 (docs/domain.md §4.1) for the district's screens: loads, checks what needs the database (one recommendation
/// per enterprise and year, whether an agency is assigned), calls the domain and saves. The municipal eligibility rules,
/// the deadline and the audit lines are the domain's (<see cref="Recommendation"/> and its events). Refusals are
/// <see cref="DomainException"/>s (<see cref="NotEligibleException"/> lists the municipal rules the enterprise fails);
/// a missing or stale version is refused (409). Nothing is saved then.
/// </summary>
public sealed class RecommendationService(AppDbContext db, IClock clock, ProgrammeChoices choices)
{
    /// <summary>The enterprise's recommendation in that programme year, if any (whatever its state).</summary>
    public Task<ExistingRecommendation?> FindForYearAsync(Guid enterpriseId, Guid programmeYearId, CancellationToken ct = default) =>
        db.Recommendations.AsNoTracking()
            .Where(r => r.EnterpriseId == enterpriseId && r.ProgrammeYearId == programmeYearId)
            .Select(r => new ExistingRecommendation(
                r.Id, r.EnterpriseId, r.Batch!.ProgrammeYear!.Year, r.Batch.Name, r.State, r.RecommendingUnit!.Name))
            .FirstOrDefaultAsync(ct);

    /// <summary>"该企业在2026年度已有推荐记录（第一批，已推荐）…" — says where the existing one is.</summary>
    public static string AlreadyRecommendedMessage(ExistingRecommendation existing) =>
        $"该企业在{existing.Year}年度已有推荐记录（{existing.BatchName}，{existing.State.ToChinese()}），每个项目年度只能推荐一次。"
        + (RecommendationStateRules.CountsAsRecommended.IsSatisfiedBy(existing.State) ? "" : "如需推荐，请打开该记录继续操作。");

    /// <summary>Every batch, newest year first, with whether it is still open now.</summary>
    public Task<IReadOnlyList<BatchChoice>> BatchesAsync(CancellationToken ct = default) => choices.BatchChoicesAsync(ct);

    /// <summary>The recommendation list's sortable columns (newest first by default).</summary>
    public static readonly ListSort<Recommendation> Sorting = new ListSort<Recommendation>("created", r => r.Id, defaultDescending: true)
        .Add("created", r => r.CreatedAtUtc)
        .Add("enterprise", r => r.Enterprise!.Name)
        .Add("code", r => r.Enterprise!.CreditCode)
        .Add("batch", r => r.Batch!.ProgrammeYear!.Year, r => r.Batch!.Sequence)
        .Add("state", r => r.State)
        .Add("recommended", r => r.RecommendedAtUtc);

    /// <summary>The district's own recommendations, filtered, in the filter's order (newest first by default).</summary>
    public IQueryable<RecommendationRow> Search(Guid unitId, RecommendationFilter filter)
    {
        var query = db.Recommendations.AsNoTracking().Where(r => r.RecommendingUnitId == unitId);
        if (filter.Year is { } year)
        {
            query = query.Where(r => r.Batch!.ProgrammeYear!.Year == year);
        }
        if (filter.BatchId is { } batchId)
        {
            query = query.Where(r => r.BatchId == batchId);
        }
        if (filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }
        if (filter.Counted)
        {
            query = query.Where(RecommendationRules.CountsAsRecommended);
        }
        query = query.WhereEnterpriseMatches(r => r.Enterprise, filter.Q);
        return Sorting.Apply(query, filter)
            .Select(r => new RecommendationRow(
                r.Id, r.EnterpriseId, r.Enterprise!.Name, r.Enterprise.CreditCode.Value, r.Batch!.ProgrammeYear!.Year, r.Batch.Name,
                r.State, r.DistrictFundedOnly, r.Bases.Select(b => b.Basis).ToList(), r.CreatedAtUtc, r.RecommendedAtUtc));
    }

    /// <summary>Whether a service agency has been assigned (then the recommendation can no longer be withdrawn).</summary>
    public Task<bool> AssessmentAssignedAsync(Guid recommendationId, CancellationToken ct = default) =>
        db.Assessments.AnyAsync(a => a.RecommendationId == recommendationId, ct);

    /// <summary>One recommendation with what its page shows (batch and year, enterprise, unit), read only.</summary>
    public Task<Recommendation?> FindForReadAsync(Guid id, CancellationToken ct) =>
        db.Recommendations.AsNoTracking()
            .Include(r => r.Batch!).ThenInclude(b => b.ProgrammeYear)
            .Include(r => r.Enterprise)
            .Include(r => r.RecommendingUnit)
            .FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>One recommendation, tracked when it is about to change.</summary>
    public Task<Recommendation?> FindAsync(Guid id, bool tracked, CancellationToken ct) =>
        (tracked ? db.Recommendations : db.Recommendations.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, ct);

    public Task<Enterprise?> EnterpriseAsync(Guid enterpriseId, CancellationToken ct) =>
        db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct);

    /// <summary>The record's history: its audit lines, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(Guid id, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordType == nameof(Recommendation) && a.RecordId == id)
            .OrderBy(a => a.AtUtc).ToListAsync(ct);

    /// <summary>
    /// Creates the enterprise's recommendation of the year from a validated form: as a draft (<paramref name="recommend"/>
    /// false) or recommended at once. Refused — with nothing saved — when the enterprise already has its recommendation of
    /// that year, after the batch deadline, and (when recommending) when the municipal rules fail and the record is not
    /// district-funded only.
    /// </summary>
    public async Task<Recommendation> CreateAsync(Enterprise enterprise, RecommendationForm form, bool recommend, string userName, CancellationToken ct = default)
    {
        var batch = await LoadBatchAsync(form.BatchId, ct);
        if (await FindForYearAsync(enterprise.Id, batch.ProgrammeYearId, ct) is { } existing)
        {
            throw new DomainException(AlreadyRecommendedMessage(existing));
        }
        var recommendation = Recommendation.Create(enterprise, batch, form.Content(), recommend, userName, clock.UtcNow);
        db.Recommendations.Add(recommendation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Someone else recommended the same enterprise for the year a moment earlier: the unique index decided.
            db.ChangeTracker.Clear();
            var raced = await FindForYearAsync(enterprise.Id, batch.ProgrammeYearId, ct);
            if (raced is null)
            {
                throw;
            }
            throw new DomainException(AlreadyRecommendedMessage(raced));
        }
        return recommendation;
    }

    /// <summary>
    /// Saves the form onto an existing draft, withdrawn or recommended record (tracked), read at <paramref name="form"/>.Version,
    /// and recommends it when asked. A recommended record stays in its batch.
    /// </summary>
    public async Task UpdateAsync(Recommendation recommendation, Enterprise enterprise, RecommendationForm form, bool recommend, string userName, CancellationToken ct = default)
    {
        var batch = await LoadBatchAsync(recommendation.State == RecommendationState.Recommended ? recommendation.BatchId : form.BatchId, ct);
        db.ExpectVersion(recommendation, form.Version);
        recommendation.Revise(batch, form.Content(), recommend, enterprise, userName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Recommended → Withdrawn with a reason; refused once an agency is assigned.</summary>
    public async Task WithdrawAsync(Recommendation recommendation, Guid? version, string? reason, string userName, CancellationToken ct = default)
    {
        var assigned = await AssessmentAssignedAsync(recommendation.Id, ct);
        db.ExpectVersion(recommendation, version);
        recommendation.Withdraw(reason ?? string.Empty, userName, clock.UtcNow, assigned);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A draft was never recommended: the district may delete it (frees the enterprise's year).</summary>
    public async Task DeleteDraftAsync(Recommendation recommendation, Guid? version, CancellationToken ct = default)
    {
        db.ExpectVersion(recommendation, version);
        recommendation.DeleteDraft();
        db.Recommendations.Remove(recommendation);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Batch> LoadBatchAsync(Guid? batchId, CancellationToken ct) =>
        await db.Batches.Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.Id == batchId, ct)
        ?? throw new DomainException("所选推荐批次不存在。", nameof(RecommendationForm.BatchId));
}
