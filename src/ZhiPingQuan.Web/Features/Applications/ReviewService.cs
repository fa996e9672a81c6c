using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Applications;

/// <summary>
/// 额度审核, the third party's side (docs/domain.md §4.5): the queue (oldest first, filtered by batch, unit, state, days
/// waiting and warnings), opening an application (→ 审核中), its automatic checks, and the decisions — pass, reject with a
/// reason, return named items with a due date, and pass several green ones at once. Every decision takes the version the
/// page was read at: of two reviewers deciding the same application at once, the first wins and the second gets the 409 page.
/// </summary>
public sealed class ReviewService(AppDbContext db, IClock clock, ApplicationChecks checks)
{
    // ----------------------------------------------------------------------------------------------
    // The queue
    // ----------------------------------------------------------------------------------------------

    /// <summary>
    /// The review queue's sortable columns. By submission (the default): the work first — those still with the third
    /// party —, then the decided and withdrawn ones, so a new submission never sinks below pages of past decisions.
    /// </summary>
    public static readonly ListSort<ReviewListItem> Sorting = new ListSort<ReviewListItem>("submitted", r => r.Id)
        .AddOrder("submitted", (q, desc) => desc
            ? q.OrderByDescending(r => r.Waiting).ThenByDescending(r => r.LastSubmittedAtUtc)
            : q.OrderByDescending(r => r.Waiting).ThenBy(r => r.LastSubmittedAtUtc))
        .Add("enterprise", r => r.EnterpriseName)
        .Add("unit", r => r.UnitName)
        .Add("batch", r => r.Year, r => r.BatchName)
        .Add("state", r => r.State);

    public async Task<PagedList<ReviewListItem>> QueueAsync(ClaimsPrincipal user, ReviewFilter filter, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var query = Filtered(db.QuotaApplications.AsNoTracking().VisibleTo(user), filter, now);
        var rows =
            from x in query.SelectWithRules(a => new { a, Waiting = QuotaApplicationRules.WithThirdParty.IsSatisfiedBy(a) })
            let a = x.a
            join e in db.Enterprises on a.EnterpriseId equals e.Id
            join u in db.RecommendingUnits on a.RecommendingUnitId equals u.Id
            join b in db.Batches on a.BatchId equals b.Id
            join y in db.ProgrammeYears on a.ProgrammeYearId equals y.Id
            select new ReviewListItem
            {
                Id = a.Id, Version = a.Version, EnterpriseName = a.EnterpriseName, CreditCode = a.CreditCode, UnitName = u.Name, Year = y.Year,
                BatchName = b.Name, State = a.State, IsRevised = a.IsRevised, LastSubmittedAtUtc = a.LastSubmittedAtUtc,
                ReturnCount = db.SupplementRequests.Count(r => r.QuotaApplicationId == a.Id),
                Waiting = x.Waiting,
            };
        var ordered = Sorting.Apply(rows, filter);
        PagedList<ReviewListItem> page;
        if (filter.Warnings)
        {
            // Warnings come from the records, not a column: work them out for every application the other filters leave.
            var all = await ordered.ToListAsync(ct);
            var results = await checks.ForAsync(all.Select(r => r.Id).ToList(), ct);
            page = PagedList<ReviewListItem>.Create(all.Where(r => results.GetValueOrDefault(r.Id)?.Any(c => !c.Passed) == true).ToList(), filter.Page, filter.PageSize).WithSizeChoice();
        }
        else
        {
            page = await PagedList.CreateAsync(ordered, filter, ct);
        }
        var pageResults = await checks.ForAsync(page.Items.Select(r => r.Id).ToList(), ct);
        foreach (var row in page.Items)
        {
            row.NotPassed = pageResults.GetValueOrDefault(row.Id)?.Where(c => !c.Passed).ToList() ?? [];
            row.WarningCount = row.NotPassed.Count;
            row.DaysWaiting = row.WithThirdParty && row.LastSubmittedAtUtc is { } at ? DaysSince(at) : null;
        }
        return page;
    }

    private IQueryable<QuotaApplication> Filtered(IQueryable<QuotaApplication> query, ReviewFilter filter, DateTime now)
    {
        query = query.Where(QuotaApplicationRules.EverSubmitted);
        if (filter.Queue is { } queue)
        {
            query = query.Where(queue.Rule());
        }
        if (filter.BatchId is { } batchId)
        {
            query = query.Where(a => a.BatchId == batchId);
        }
        if (filter.UnitId is { } unitId)
        {
            query = query.Where(a => a.RecommendingUnitId == unitId);
        }
        if (filter.State is { } state)
        {
            query = query.Where(a => a.State == state);
        }
        if (filter.MinDaysWaiting is { } days && days > 0)
        {
            // Whole Shanghai days since the last submission: submitted on or before the day that many days ago.
            var cutoff = ShanghaiTime.EndOfDayUtc(ShanghaiTime.Today(now).AddDays(-days));
            query = query.Where(QuotaApplicationRules.WithThirdParty).Where(a => a.LastSubmittedAtUtc < cutoff);
        }
        // By name or by any part of the credit code, as every list searches (the application's own copies, as listed).
        return query.WhereEnterpriseCopyMatches(a => a.EnterpriseName, a => a.CreditCode, filter.Q);
    }

    private int DaysSince(DateTime utc) => ShanghaiTime.Today(clock).DayNumber - ShanghaiTime.Today(utc).DayNumber;

    public async Task<IReadOnlyDictionary<ReviewQueue, int>> QueueCountsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var scoped = db.QuotaApplications.AsNoTracking().VisibleTo(user).Where(QuotaApplicationRules.EverSubmitted);
        var counts = new Dictionary<ReviewQueue, int>();
        foreach (var queue in Enum.GetValues<ReviewQueue>())
        {
            counts[queue] = await scoped.Where(queue.Rule()).CountAsync(ct);
        }
        return counts;
    }

    // ----------------------------------------------------------------------------------------------
    // One application
    // ----------------------------------------------------------------------------------------------

    /// <summary>
    /// A reviewer opens a submitted or resubmitted application: it moves to 审核中. When another reviewer opened it at the same
    /// moment, theirs stands and this one just reads it.
    /// </summary>
    public async Task OpenAsync(QuotaApplication a, CancellationToken ct)
    {
        if (!QuotaApplicationRules.AwaitingReview.IsSatisfiedBy(a))
        {
            return;
        }
        a.StartReview();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task<IReadOnlyList<CheckResult>> ChecksAsync(QuotaApplication a, CancellationToken ct) => checks.ForAsync(a.Id, ct);

    /// <summary>The latest due date a return made today may give (15 days, never past the batch deadline as extended).</summary>
    public async Task<DateOnly> LatestDueDateAsync(QuotaApplication a, CancellationToken ct)
    {
        var deadline = await db.Batches.AsNoTracking().Where(b => b.Id == a.BatchId).Select(b => b.Deadline).FirstAsync(ct);
        return QuotaApplication.LatestDueDate(ShanghaiTime.Today(clock), deadline);
    }

    public async Task PassAsync(QuotaApplication a, Guid? version, string? remark, string reviewer, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        db.ReviewDecisions.Add(a.Pass(reviewer, clock.UtcNow, remark));
        await db.SaveChangesAsync(ct);
    }

    public async Task RejectAsync(QuotaApplication a, Guid? version, string? reason, string reviewer, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        db.ReviewDecisions.Add(a.Reject(reason ?? string.Empty, reviewer, clock.UtcNow));
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(QuotaApplication a, ReturnForm form, string reviewer, CancellationToken ct)
    {
        db.ExpectVersion(a, form.Version);
        var items = form.Items.Where(i => i.Selected).Select(i => i.ToInput()).OfType<SupplementItemInput>().ToList();
        if (items.Count == 0)
        {
            throw new DomainException("请至少勾选一项需要补正的内容，并写明原因。", "Items");
        }
        if (form.DueDate is not { } due)
        {
            throw new DomainException("请填写补正截止日期。", "DueDate");
        }
        var deadline = await db.Batches.AsNoTracking().Where(b => b.Id == a.BatchId).Select(b => b.Deadline).FirstAsync(ct);
        db.ReviewDecisions.Add(a.ReturnForSupplement(items, due, deadline, reviewer, clock.UtcNow));
        await db.SaveChangesAsync(ct);
    }

    // ----------------------------------------------------------------------------------------------
    // Bulk pass
    // ----------------------------------------------------------------------------------------------

    /// <summary>The chosen applications the user may read, each with its checks: only green ones will be passed.</summary>
    public async Task<IReadOnlyList<BulkCandidate>> BulkCandidatesAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().Take(200).ToList();
        var rows = await (
            from a in db.QuotaApplications.AsNoTracking().VisibleTo(user).Where(a => list.Contains(a.Id))
            join u in db.RecommendingUnits on a.RecommendingUnitId equals u.Id
            join b in db.Batches on a.BatchId equals b.Id
            join y in db.ProgrammeYears on a.ProgrammeYearId equals y.Id
            orderby a.LastSubmittedAtUtc
            select new { a.Id, a.Version, a.EnterpriseName, Unit = u.Name, y.Year, Batch = b.Name, a.State, a.IsRevised })
            .ToListAsync(ct);
        var results = await checks.ForAsync(rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new BulkCandidate(r.Id, r.Version, r.EnterpriseName, r.Unit, $"{r.Year}年度{r.Batch}", r.State, r.IsRevised,
            results.GetValueOrDefault(r.Id)?.Where(c => !c.Passed).ToList() ?? [])).ToList();
    }

    /// <summary>
    /// Passes, in one save, every listed application that is still green and waiting for the third party (opening it first
    /// when needed); the others are left as they are and named. A stale version refuses the whole save (409): nothing changes.
    /// </summary>
    public async Task<BulkOutcome> BulkPassAsync(ClaimsPrincipal user, IReadOnlyList<BulkItemForm> items, string reviewer, CancellationToken ct)
    {
        var candidates = await BulkCandidatesAsync(user, items.Select(i => i.Id).ToList(), ct);
        var passed = new List<string>();
        var skipped = new List<string>();
        foreach (var candidate in candidates)
        {
            if (!candidate.IsGreen)
            {
                skipped.Add($"{candidate.EnterpriseName}（{(candidate.NotPassed.Count > 0 ? $"{candidate.NotPassed.Count}项检查未通过" : $"状态为{candidate.State.ToChinese()}")}）");
                continue;
            }
            var a = await db.QuotaApplications.FirstAsync(x => x.Id == candidate.Id, ct);
            db.ExpectVersion(a, items.First(i => i.Id == candidate.Id).Version);
            if (QuotaApplicationRules.AwaitingReview.IsSatisfiedBy(a))
            {
                a.StartReview();
            }
            db.ReviewDecisions.Add(a.Pass(reviewer, clock.UtcNow, null, inBulk: true));
            passed.Add(candidate.EnterpriseName);
        }
        if (passed.Count == 0)
        {
            throw new DomainException("所选申请中没有可以批量通过的（须处于待审核或审核中，且自动检查全部通过）。"
                + (skipped.Count > 0 ? $"未通过：{string.Join("、", skipped)}。" : string.Empty));
        }
        await db.SaveChangesAsync(ct);
        return new BulkOutcome(passed, skipped);
    }
}
