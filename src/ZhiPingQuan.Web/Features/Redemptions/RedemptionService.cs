using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Redemptions;

/// <summary>
/// 额度兑付 (docs/domain.md §4.6), the commission's side: the list with its filters and totals, approving one or a list
/// within the year's budget cap (decision 0012: the year's budget row is taken first and the amounts are added to it with a
/// conditional UPDATE in the same transaction), declining with a reason, recording payments. The agency reads its own.
/// </summary>
public sealed class RedemptionService(AppDbContext db, IClock clock, IAuditTrail audit, NotRedeemableApplications notRedeemable)
{
    // ----------------------------------------------------------------------------------------------
    // Lists
    // ----------------------------------------------------------------------------------------------

    /// <summary>The latest year with a redemption the user may see (an agency's own), else the latest year.</summary>
    public async Task<Guid?> DefaultYearAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await db.Redemptions.AsNoTracking().VisibleTo(user)
            .Join(db.ProgrammeYears, r => r.ProgrammeYearId, y => y.Id, (r, y) => new { y.Id, y.Year })
            .OrderByDescending(x => x.Year).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct)
        ?? await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);

    public IQueryable<Redemption> Filtered(ClaimsPrincipal user, RedemptionFilter filter)
    {
        var query = db.Redemptions.AsNoTracking().VisibleTo(user);
        if (filter.YearId is { } year)
        {
            query = query.Where(r => r.ProgrammeYearId == year);
        }
        if (filter.BatchId is { } batch)
        {
            query = query.Where(r => r.BatchId == batch);
        }
        if (filter.UnitId is { } unit)
        {
            query = query.Where(r => r.RecommendingUnitId == unit);
        }
        if (filter.AgencyId is { } agency)
        {
            query = query.Where(r => r.AgencyId == agency);
        }
        if (filter.State is { } state)
        {
            query = query.Where(r => r.State == state);
        }
        return query;
    }

    public IQueryable<RedemptionRow> Rows(IQueryable<Redemption> query) =>
        from r in query
        join e in db.Enterprises on r.EnterpriseId equals e.Id
        join u in db.RecommendingUnits on r.RecommendingUnitId equals u.Id
        join a in db.ServiceAgencies on r.AgencyId equals a.Id
        join b in db.Batches on r.BatchId equals b.Id
        join y in db.ProgrammeYears on r.ProgrammeYearId equals y.Id
        orderby r.CreatedAtUtc, r.Id
        select new RedemptionRow
        {
            Id = r.Id, Version = r.Version, EnterpriseName = e.Name, CreditCode = e.CreditCode.Value, UnitName = u.Name,
            AgencyName = a.Name, AgencyCreditCode = a.CreditCode.Value, AgencyId = a.Id, Year = y.Year, YearId = y.Id, BatchName = b.Name,
            Amount = r.Amount.Yuan, State = r.State, CreatedAtUtc = r.CreatedAtUtc, ApprovedAtUtc = r.ApprovedAtUtc, PaidOn = r.PaidOn,
            PaymentReference = r.PaymentReference, DeclineReason = r.DeclineReason,
        };

    /// <summary>The redemption list's sortable columns: in the order they were made by default.</summary>
    public static readonly ListSort<RedemptionRow> Sorting = new ListSort<RedemptionRow>("created", r => r.Id)
        .Add("created", r => r.CreatedAtUtc)
        .Add("enterprise", r => r.EnterpriseName)
        .Add("unit", r => r.UnitName)
        .Add("batch", r => r.Year, r => r.BatchName)
        .Add("agency", r => r.AgencyName)
        .Add("state", r => r.State)
        .Add("approved", r => r.ApprovedAtUtc)
        .Add("paid", r => r.PaidOn);

    public Task<PagedList<RedemptionRow>> PageAsync(ClaimsPrincipal user, RedemptionFilter filter, CancellationToken ct) =>
        PagedList.CreateAsync(Sorting.Apply(Rows(Filtered(user, filter)), filter), filter, ct);

    /// <summary>Every row of the filtered list, in the list's order (the export).</summary>
    public Task<List<RedemptionRow>> AllAsync(ClaimsPrincipal user, RedemptionFilter filter, CancellationToken ct) =>
        Sorting.Apply(Rows(Filtered(user, filter)), filter).ToListAsync(ct);

    /// <summary>Counts and amounts by state of the filtered list; the budget of the filter's year (as the commission set it).</summary>
    public async Task<RedemptionTotals> TotalsAsync(ClaimsPrincipal user, RedemptionFilter filter, CancellationToken ct)
    {
        // Amounts are summed here: a money column with a converter is not summed by every provider in SQL.
        var amounts = await Filtered(user, filter).Select(r => new { r.State, r.Amount }).ToListAsync(ct);
        decimal Sum(RedemptionState s) => amounts.Where(a => a.State == s).Sum(a => a.Amount.Yuan);
        int Count(RedemptionState s) => amounts.Count(a => a.State == s);
        var year = filter.YearId is { } id ? await db.ProgrammeYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == id, ct) : null;
        var committed = 0m;
        if (year is not null)
        {
            committed = (await db.Redemptions.AsNoTracking().Where(r => r.ProgrammeYearId == year.Id).Where(RedemptionRules.CountsAgainstBudget)
                .Select(r => r.Amount).ToListAsync(ct)).Sum(m => m.Yuan);
        }
        return new RedemptionTotals(Count(RedemptionState.PendingApproval), Sum(RedemptionState.PendingApproval),
            Count(RedemptionState.Approved), Sum(RedemptionState.Approved), Count(RedemptionState.Paid), Sum(RedemptionState.Paid),
            Count(RedemptionState.Declined), year?.Year ?? 0, year?.BudgetCap?.Yuan, committed);
    }

    /// <summary>
    /// The year's passed applications that have no redemption, each with the reason (docs/domain.md §4.6): the assessing
    /// agency was not municipal or not valid on the assessment date.
    /// </summary>
    public async Task<IReadOnlyList<NotRedeemable>> NotRedeemableAsync(Guid? yearId, CancellationToken ct) =>
        (await notRedeemable.ForYearAsync(yearId, ct)).Select(n => new NotRedeemable(n.ApplicationId, n.EnterpriseName, n.AgencyName, n.Reason)).ToList();

    public async Task<IReadOnlyList<Choice>> AgencyChoicesAsync(CancellationToken ct) =>
        (await db.ServiceAgencies.AsNoTracking().Where(a => db.Redemptions.Any(r => r.AgencyId == a.Id)).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => new Choice(a.Id, a.Name)).ToList();

    /// <summary>One notice per agency and year with approved or paid redemptions, within the user's scope and the filter.</summary>
    public async Task<IReadOnlyList<IssuedNoticeRow>> NoticeRowsAsync(ClaimsPrincipal user, RedemptionFilter filter, CancellationToken ct)
    {
        var rows = await Rows(Filtered(user, new RedemptionFilter { YearId = filter.YearId, AgencyId = filter.AgencyId })
            .Where(RedemptionRules.CountsAgainstBudget)).ToListAsync(ct);
        var years = await db.ProgrammeYears.AsNoTracking().Select(y => new { y.Id, y.Year }).ToListAsync(ct);
        return rows.GroupBy(r => (r.AgencyId, r.AgencyName, r.Year))
            .Select(g => new IssuedNoticeRow(g.Key.AgencyId, g.Key.AgencyName, years.First(y => y.Year == g.Key.Year).Id, g.Key.Year, g.Count(), g.Sum(r => r.Amount)))
            .OrderByDescending(n => n.Year).ThenBy(n => n.AgencyName).ToList();
    }

    public Task<Redemption?> FindAsync(Guid id, CancellationToken ct) => db.Redemptions.FirstOrDefaultAsync(r => r.Id == id, ct);

    public Task<RedemptionRow?> RowAsync(Guid id, CancellationToken ct) =>
        Rows(db.Redemptions.AsNoTracking().Where(r => r.Id == id)).FirstOrDefaultAsync(ct);

    // ----------------------------------------------------------------------------------------------
    // Approval within the budget (decision 0012)
    // ----------------------------------------------------------------------------------------------

    /// <summary>The chosen redemptions as the confirmation page lists them: those still waiting, and the others.</summary>
    public async Task<(List<RedemptionRow> Pending, List<RedemptionRow> Other)> CandidatesAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().Take(500).ToList();
        var rows = await Rows(db.Redemptions.AsNoTracking().VisibleTo(user).Where(r => list.Contains(r.Id))).ToListAsync(ct);
        return (rows.Where(r => r.State == RedemptionState.PendingApproval).ToList(), rows.Where(r => r.State != RedemptionState.PendingApproval).ToList());
    }

    /// <summary>
    /// Approves, in one transaction per programme year, every listed redemption still waiting. The year's budget row is
    /// updated first — concurrent approvers of the year wait for each other there (a row lock on PostgreSQL and SQL Server,
    /// the write lock on SQLite) — so the states read next are the committed ones: redemptions someone else approved,
    /// declined or paid meanwhile are named, not approved twice. The amounts are then added to the row with an UPDATE that
    /// matches only while the total stays within the cap; over the cap nothing of that year is approved.
    /// </summary>
    public async Task<ApprovalOutcome> ApproveAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> ids, string approver, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
        {
            throw new DomainException("请先勾选要批准的兑付。");
        }
        var years = await db.Redemptions.AsNoTracking().VisibleTo(user).Where(r => list.Contains(r.Id))
            .Select(r => r.ProgrammeYearId).Distinct().ToListAsync(ct);
        if (years.Count == 0)
        {
            throw new DomainException("所选兑付不存在或已被删除。");
        }
        var approved = new List<string>();
        var already = new List<string>();
        var amount = 0m;
        foreach (var yearId in years.Order())
        {
            await EnsureBudgetRowAsync(yearId, ct);
            var (a, done, sum) = await ApproveYearAsync(user, list, yearId, approver, ct);
            approved.AddRange(a);
            already.AddRange(done);
            amount += sum;
        }
        return new ApprovalOutcome(approved, amount, already);
    }

    private async Task<(List<string> Approved, List<string> Already, decimal Amount)> ApproveYearAsync(
        ClaimsPrincipal user, List<Guid> ids, Guid yearId, string approver, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // First statement of the transaction: take the year's row.
            var stamp = Guid.NewGuid();
            await db.RedemptionBudgets.Where(b => b.ProgrammeYearId == yearId)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Version, stamp), ct);
            var year = await db.ProgrammeYears.AsNoTracking().FirstAsync(y => y.Id == yearId, ct);
            var committedFen = await db.RedemptionBudgets.AsNoTracking().Where(b => b.ProgrammeYearId == yearId).Select(b => b.CommittedFen).FirstAsync(ct);
            var chosen = await db.Redemptions.VisibleTo(user).Where(r => ids.Contains(r.Id) && r.ProgrammeYearId == yearId).ToListAsync(ct);
            var names = await db.Enterprises.AsNoTracking().Where(e => chosen.Select(c => c.EnterpriseId).Contains(e.Id))
                .ToDictionaryAsync(e => e.Id, e => e.Name, ct);
            var approved = new List<string>();
            var already = new List<string>();
            var committed = RedemptionBudget.FromFen(committedFen);
            var added = Money.Zero;
            var now = clock.UtcNow;
            foreach (var r in chosen.OrderBy(c => ids.IndexOf(c.Id)))
            {
                var name = names.GetValueOrDefault(r.EnterpriseId, r.EnterpriseId.ToString());
                if (!RedemptionRules.AwaitingApproval.IsSatisfiedBy(r))
                {
                    already.Add($"{name}（{r.State.ToChinese()}）");
                    continue;
                }
                try
                {
                    r.Approve(year.BudgetCap, committed + added, approver, now, inList: ids.Count > 1);
                }
                catch (DomainException e)
                {
                    throw new DomainException($"{year.Year}年度预算不足，本次未批准任何兑付（批准到“{name}”时）：{e.Message}");
                }
                added += r.Amount;
                approved.Add(name);
            }
            if (approved.Count > 0)
            {
                var addFen = RedemptionBudget.ToFen(added);
                long? capFen = year.BudgetCap is { } cap ? RedemptionBudget.ToFen(cap) : null;
                var rows = await db.RedemptionBudgets
                    .Where(b => b.ProgrammeYearId == yearId && (capFen == null || b.CommittedFen + addFen <= capFen))
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.CommittedFen, b => b.CommittedFen + addFen).SetProperty(b => b.Version, Guid.NewGuid()), ct);
                if (rows != 1)
                {
                    throw new DomainException($"{year.Year}年度已批准金额加上本次{added}将超出预算上限{year.BudgetCap}，本次未批准任何兑付。");
                }
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
            return (approved, already, added.Yuan);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>The year's budget row, made once with what is already approved (two first approvers at once: one insert wins).</summary>
    private async Task EnsureBudgetRowAsync(Guid yearId, CancellationToken ct)
    {
        if (await db.RedemptionBudgets.AnyAsync(b => b.ProgrammeYearId == yearId, ct))
        {
            return;
        }
        var committed = (await db.Redemptions.AsNoTracking().Where(r => r.ProgrammeYearId == yearId).Where(RedemptionRules.CountsAgainstBudget)
            .Select(r => r.Amount).ToListAsync(ct)).Aggregate(Money.Zero, (s, m) => s + m);
        var row = new RedemptionBudget(yearId, committed);
        db.RedemptionBudgets.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another approver made it first (unique index on the year).
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Decline and payment
    // ----------------------------------------------------------------------------------------------

    public async Task DeclineAsync(Redemption r, Guid? version, string? reason, string by, CancellationToken ct)
    {
        db.ExpectVersion(r, version);
        r.Decline(reason ?? string.Empty, by, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task RecordPaymentAsync(Redemption r, Guid? version, DateOnly? paidOn, string? reference, string by, CancellationToken ct)
    {
        db.ExpectVersion(r, version);
        if (paidOn is not { } date)
        {
            throw new DomainException("请填写支付日期。", "paidOn");
        }
        r.RecordPayment(date, reference ?? string.Empty, by, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public DateOnly Today => ShanghaiTime.Today(clock);

    public async Task RecordExportAsync(int year, int count, CancellationToken ct)
    {
        audit.Record(AuditAction.RedemptionListExported, nameof(Redemption), null, null, null, $"{year}年度兑付清单，{count}条");
        await db.SaveChangesAsync(ct);
    }

    // ----------------------------------------------------------------------------------------------
    // 兑付通知
    // ----------------------------------------------------------------------------------------------

    /// <summary>
    /// The agency's notice for the year: its approved and paid redemptions. The same content gives the notice issued before
    /// (same verification code); new approvals or payments issue a new one. The download is audited.
    /// </summary>
    public async Task<(RedemptionNotice Notice, string AgencyCreditCode, List<RedemptionRow> Rows)> IssueNoticeAsync(
        ClaimsPrincipal user, Guid agencyId, Guid yearId, CancellationToken ct)
    {
        var agency = await db.ServiceAgencies.AsNoTracking().FirstAsync(a => a.Id == agencyId, ct);
        var year = await db.ProgrammeYears.AsNoTracking().FirstOrDefaultAsync(y => y.Id == yearId, ct)
            ?? throw new DomainException("没有该项目年度。");
        var rows = await Rows(Filtered(user, new RedemptionFilter { YearId = yearId, AgencyId = agencyId }).Where(RedemptionRules.CountsAgainstBudget)).ToListAsync(ct);
        var lines = rows.Select(r => (r.Id, new Money(r.Amount), r.State)).ToList();
        if (lines.Count == 0)
        {
            throw new DomainException($"{agency.Name}在{year.Year}年度还没有已批准的兑付，暂无兑付通知。");
        }
        var hash = RedemptionNotice.HashOf(lines);
        var notice = await db.RedemptionNotices.AsNoTracking()
            .Where(n => n.AgencyId == agencyId && n.ProgrammeYearId == yearId && n.ContentHash == hash).OrderByDescending(n => n.IssuedAtUtc).FirstOrDefaultAsync(ct);
        if (notice is null)
        {
            notice = new RedemptionNotice(agencyId, agency.Name, yearId, year.Year, lines, await NewCodeAsync(ct), clock.UtcNow);
            db.RedemptionNotices.Add(notice);
        }
        audit.Record(AuditAction.RedemptionNoticeDownloaded, nameof(RedemptionNotice), notice.Id, null, null,
            $"{agency.Name} {year.Year}年度兑付通知：{notice.Count}家，合计{notice.Total}");
        await db.SaveChangesAsync(ct);
        return (notice, agency.CreditCode.Value, rows);
    }

    private async Task<string> NewCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = SummaryTable.NewVerificationCode();
            if (!await db.RedemptionNotices.AnyAsync(n => n.VerificationCode == code, ct) && !await db.SummaryTables.AnyAsync(t => t.VerificationCode == code, ct))
            {
                return code;
            }
        }
    }

    /// <summary>The notice a public verification code belongs to (no enterprise is shown), or null.</summary>
    public Task<RedemptionNotice?> VerifyNoticeAsync(string code, CancellationToken ct)
    {
        var normalised = SummaryTable.NormaliseVerificationCode(code);
        return db.RedemptionNotices.AsNoTracking().FirstOrDefaultAsync(n => n.VerificationCode == normalised, ct);
    }

    public async Task<string> CommissionNameAsync(CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => o.Kind == Domain.Organisations.OrganisationKind.Commission).Select(o => o.Name).FirstOrDefaultAsync(ct)
        ?? "上海市经济和信息化委员会";
}
