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

/// <summary>Result of saving the recommendation form: the record, or why nothing was saved.</summary>
public sealed class RecommendationOutcome
{
    public Recommendation? Recommendation { get; private init; }

    /// <summary>Form-level refusals (deadline, one per year, a domain rule), in Chinese.</summary>
    public IReadOnlyList<string> Errors { get; private init; } = [];

    /// <summary>The municipal rules the enterprise fails (the "推荐" button only).</summary>
    public IReadOnlyList<string> EligibilityFailures { get; private init; } = [];

    public bool Succeeded => Recommendation is not null;

    public static RecommendationOutcome Saved(Recommendation r) => new() { Recommendation = r };
    public static RecommendationOutcome Refused(string message) => new() { Errors = [message] };
    public static RecommendationOutcome NotEligible(IReadOnlyList<string> reasons) => new() { EligibilityFailures = reasons };
}

/// <summary>
/// 企业推荐 (docs/domain.md §4.1) for the district's screens, and the rules another screen (the batch list
/// upload) may reuse: which batches are open, whether an enterprise already has its recommendation of
/// the year, the deadline refusal. The municipal eligibility rules are the domain's; this class loads,
/// calls the domain, records the audit trail and saves.
/// </summary>
public sealed class RecommendationService(AppDbContext db, IClock clock, IAuditTrail audit)
{
    private const string RecordType = nameof(Recommendation);

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
        + (existing.State is RecommendationState.Draft or RecommendationState.Withdrawn ? "如需推荐，请打开该记录继续操作。" : "");

    /// <summary>"2023年度第一批的截止日期为2023年11月15日，已过截止时间，不能推荐企业。"</summary>
    public static string DeadlinePassedMessage(int year, string batchName, DateOnly deadline) =>
        $"{year}年度{batchName}的截止日期为{ShanghaiTime.FormatDate(deadline)}（北京时间当日24:00），已过截止时间，不能推荐企业。";

    /// <summary>Every batch, newest year first, with whether it is still open now.</summary>
    public async Task<IReadOnlyList<BatchChoice>> BatchesAsync(CancellationToken ct = default)
    {
        var batches = await db.Batches.AsNoTracking()
            .Select(b => new { b.Id, b.ProgrammeYearId, b.ProgrammeYear!.Year, b.Name, b.Sequence, b.Deadline })
            .ToListAsync(ct);
        return batches
            .OrderByDescending(b => b.Year).ThenBy(b => b.Sequence)
            .Select(b => new BatchChoice(b.Id, b.ProgrammeYearId, b.Year, b.Name, b.Deadline,
                ShanghaiTime.IsOnOrBefore(clock.UtcNow, b.Deadline), ShanghaiTime.DaysLeft(clock, b.Deadline)))
            .ToList();
    }

    /// <summary>The batches still taking recommendations (before the end of their deadline day, Shanghai time).</summary>
    public async Task<IReadOnlyList<BatchChoice>> OpenBatchesAsync(CancellationToken ct = default) =>
        (await BatchesAsync(ct)).Where(b => b.IsOpen).ToList();

    /// <summary>The district's own recommendations, filtered, newest first.</summary>
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
        return query
            .OrderByDescending(r => r.CreatedAtUtc).ThenBy(r => r.Id)
            .Select(r => new RecommendationRow(
                r.Id, r.EnterpriseId, r.Enterprise!.Name, r.Enterprise.CreditCode.Value, r.Batch!.ProgrammeYear!.Year, r.Batch.Name,
                r.State, r.DistrictFundedOnly, r.Bases.Select(b => b.Basis).ToList(), r.CreatedAtUtc, r.RecommendedAtUtc));
    }

    /// <summary>Whether a service agency has been assigned (then the recommendation can no longer be withdrawn).</summary>
    public Task<bool> AssessmentAssignedAsync(Guid recommendationId, CancellationToken ct = default) =>
        db.Assessments.AnyAsync(a => a.RecommendationId == recommendationId, ct);

    /// <summary>
    /// Creates the enterprise's recommendation of the year from a validated form: as a draft
    /// (<paramref name="recommend"/> false) or recommended at once. Refused — with nothing saved — after
    /// the batch deadline, when the enterprise already has its recommendation of that year, and (when
    /// recommending) when the municipal rules fail and the record is not district-funded only.
    /// </summary>
    public async Task<RecommendationOutcome> CreateAsync(Enterprise enterprise, RecommendationForm form, bool recommend, string userName, CancellationToken ct = default)
    {
        var batch = await LoadBatchAsync(form.BatchId, ct);
        if (batch is null)
        {
            return RecommendationOutcome.Refused("所选推荐批次不存在。");
        }
        var now = clock.UtcNow;
        if (!batch.IsOpen(now))
        {
            return RecommendationOutcome.Refused(DeadlinePassedMessage(batch.ProgrammeYear!.Year, batch.Name, batch.Deadline));
        }
        if (await FindForYearAsync(enterprise.Id, batch.ProgrammeYearId, ct) is { } existing)
        {
            return RecommendationOutcome.Refused(AlreadyRecommendedMessage(existing));
        }
        var recommendation = new Recommendation(enterprise, batch, userName, now);
        var refused = Apply(recommendation, enterprise, batch, form, recommend, userName, now);
        if (refused is not null)
        {
            return refused;
        }
        db.Recommendations.Add(recommendation);
        audit.Record(recommend ? AuditAction.EnterpriseRecommended : AuditAction.RecommendationDrafted, RecordType, recommendation.Id, null, recommendation.State.ToChinese(),
            Describe(enterprise, batch, recommendation));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else recommended the same enterprise for the year a moment earlier: the unique index decided.
            var raced = await ExistingAfterFailedSaveAsync(enterprise.Id, batch.ProgrammeYearId, ct);
            if (raced is null)
            {
                throw;
            }
            return RecommendationOutcome.Refused(AlreadyRecommendedMessage(raced));
        }
        return RecommendationOutcome.Saved(recommendation);
    }

    /// <summary>
    /// Saves the form onto an existing draft, withdrawn or recommended record (tracked), and recommends it
    /// when asked. <paramref name="form"/>.Version is the token the page was read with: a stale page gets
    /// DbUpdateConcurrencyException (the 409 page) and nothing changes.
    /// </summary>
    public async Task<RecommendationOutcome> UpdateAsync(Recommendation recommendation, Enterprise enterprise, RecommendationForm form, bool recommend, string userName, CancellationToken ct = default)
    {
        if (!recommendation.IsEditable)
        {
            return RecommendationOutcome.Refused($"推荐记录当前状态为“{recommendation.State.ToChinese()}”，不能再修改。");
        }
        var targetBatchId = recommendation.State == RecommendationState.Recommended ? recommendation.BatchId : form.BatchId;
        var batch = await LoadBatchAsync(targetBatchId, ct);
        if (batch is null)
        {
            return RecommendationOutcome.Refused("所选推荐批次不存在。");
        }
        var now = clock.UtcNow;
        if (!batch.IsOpen(now))
        {
            return RecommendationOutcome.Refused(DeadlinePassedMessage(batch.ProgrammeYear!.Year, batch.Name, batch.Deadline));
        }
        if (batch.ProgrammeYearId != recommendation.ProgrammeYearId)
        {
            return RecommendationOutcome.Refused("只能更换为同一项目年度的批次；其他年度请新建推荐。");
        }
        var entry = db.Entry(recommendation);
        entry.Property(r => r.Version).OriginalValue = form.Version;
        // Bases and contracts live in their own tables; mark the record itself changed so the
        // concurrency token is always checked and renewed.
        entry.Property(r => r.Version).IsModified = true;

        var stateBefore = recommendation.State;
        var refused = Apply(recommendation, enterprise, batch, form, recommend && stateBefore != RecommendationState.Recommended, userName, now);
        if (refused is not null)
        {
            return refused;
        }
        var action = (stateBefore, recommendation.State) switch
        {
            (RecommendationState.Draft, RecommendationState.Recommended) => AuditAction.EnterpriseRecommended,
            (RecommendationState.Withdrawn, RecommendationState.Recommended) => AuditAction.EnterpriseRecommendedAgain,
            (RecommendationState.Draft, _) => AuditAction.RecommendationDraftChanged,
            _ => AuditAction.RecommendationChanged,
        };
        audit.Record(action, RecordType, recommendation.Id, stateBefore.ToChinese(), recommendation.State.ToChinese(), Describe(enterprise, batch, recommendation));
        await db.SaveChangesAsync(ct);
        return RecommendationOutcome.Saved(recommendation);
    }

    /// <summary>Recommended → Withdrawn with a reason; refused once an agency is assigned.</summary>
    public async Task WithdrawAsync(Recommendation recommendation, Guid version, string? reason, string userName, CancellationToken ct = default)
    {
        var assigned = await AssessmentAssignedAsync(recommendation.Id, ct);
        db.Entry(recommendation).Property(r => r.Version).OriginalValue = version;
        recommendation.Withdraw(reason ?? string.Empty, userName, clock.UtcNow, assigned);
        audit.Record(AuditAction.RecommendationWithdrawn, RecordType, recommendation.Id, RecommendationState.Recommended.ToChinese(), recommendation.State.ToChinese(),
            $"原因：{recommendation.WithdrawalReason}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A draft was never recommended: the district may delete it (frees the enterprise's year).</summary>
    public async Task DeleteDraftAsync(Recommendation recommendation, Guid version, CancellationToken ct = default)
    {
        if (!recommendation.CanBeDeleted)
        {
            throw new DomainException($"推荐记录当前状态为“{recommendation.State.ToChinese()}”，只有草稿可以删除。");
        }
        db.Entry(recommendation).Property(r => r.Version).OriginalValue = version;
        db.Recommendations.Remove(recommendation);
        audit.Record(AuditAction.RecommendationDraftDeleted, RecordType, recommendation.Id, RecommendationState.Draft.ToChinese(), null);
        await db.SaveChangesAsync(ct);
    }

    private Task<Batch?> LoadBatchAsync(Guid? batchId, CancellationToken ct) =>
        db.Batches.Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.Id == batchId, ct);

    /// <summary>Content, batch and (when asked) the transition, through the domain; a refusal leaves nothing to save.</summary>
    private static RecommendationOutcome? Apply(Recommendation recommendation, Enterprise enterprise, Batch batch, RecommendationForm form,
        bool recommend, string userName, DateTime now)
    {
        try
        {
            if (recommendation.BatchId != batch.Id)
            {
                recommendation.ChangeBatch(batch);
            }
            recommendation.SetContent(form.ChosenBases(), form.FilledContracts(), form.DistrictFundedOnly, enterprise);
            if (recommend)
            {
                recommendation.Recommend(enterprise, batch, userName, now);
            }
            return null;
        }
        catch (NotEligibleException e)
        {
            return RecommendationOutcome.NotEligible(e.Reasons);
        }
        catch (DomainException e)
        {
            return RecommendationOutcome.Refused(e.Message);
        }
    }

    private static string Describe(Enterprise enterprise, Batch batch, Recommendation r) =>
        $"{enterprise.Name}（{enterprise.CreditCode}）｜{batch.ProgrammeYear?.Year}年度{batch.Name}｜依据："
        + (r.BasisList.Count == 0 ? "无" : string.Join("、", r.BasisList.Select(b => b.ToNumbered())))
        + (r.Contracts.Count == 0 ? "" : $"｜改造合同{r.Contracts.Count}份")
        + (r.DistrictFundedOnly ? "｜区级叠加支持" : "");

    private async Task<ExistingRecommendation?> ExistingAfterFailedSaveAsync(Guid enterpriseId, Guid programmeYearId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await FindForYearAsync(enterpriseId, programmeYearId, ct);
    }
}
