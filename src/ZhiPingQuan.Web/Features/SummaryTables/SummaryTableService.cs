using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Signing;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.SummaryTables;

/// <summary>
/// 汇总表 (docs/domain.md §4.3): the district drafts its unit's table for a batch from the records, keeps it in step
/// with them, corrects contacts, reorders and seals; the third party seals or refuses with a reason; the district
/// submits; the commission reopens. Loads, calls the domain and saves once; audit lines, notices and the listing of
/// recommendations follow from the domain's events. Every change takes the version the page was read at
/// (<see cref="VersionCheck.ExpectVersion"/>): of two people acting on the same table at once only the first wins.
/// </summary>
public sealed class SummaryTableService(AppDbContext db, IClock clock, IPlatformSigner signer, IAuditTrail audit, ProgrammeChoices choices)
{
    public const string RecordType = nameof(SummaryTable);

    // ----------------------------------------------------------------------------------------------
    // Reading
    // ----------------------------------------------------------------------------------------------

    /// <summary>The tables the user may read (<see cref="RecordScopes.VisibleTo{T}"/>), for the lists and their counts.</summary>
    public IQueryable<SummaryTable> VisibleTo(ClaimsPrincipal user) => db.SummaryTables.VisibleTo(user);

    /// <summary>A download of a revision is on record (not a transition: who read which revision, in which format).</summary>
    public async Task RecordDownloadAsync(SummaryTable table, string format, CancellationToken ct)
    {
        audit.Record(AuditAction.SummaryTableExported, RecordType, table.Id, null, null,
            $"下载第{table.Revision}版（{format}），状态：{table.State.ToChinese()}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The submitted revision a public verification code belongs to, with its rows and seals, and the latest revision
    /// number of its unit and batch; null for a code that is malformed or belongs to no submitted revision.
    /// </summary>
    public async Task<(SummaryTable Table, int LatestRevision)?> VerifyAsync(string normalisedCode, CancellationToken ct)
    {
        if (!SummaryTable.IsWellFormedVerificationCode(normalisedCode))
        {
            return null;
        }
        var table = await db.SummaryTables.AsNoTracking().Include(t => t.Rows).Include(t => t.Seals).AsSplitQuery()
            .Where(SummaryTableRules.Submitted).FirstOrDefaultAsync(t => t.VerificationCode == normalisedCode, ct);
        if (table is null)
        {
            return null;
        }
        var latest = await db.SummaryTables.AsNoTracking()
            .Where(t => t.RecommendingUnitId == table.RecommendingUnitId && t.BatchId == table.BatchId)
            .MaxAsync(t => t.Revision, ct);
        return (table, latest);
    }

    /// <summary>One revision with its rows, seals and drop-out notes; tracked for a change.</summary>
    public Task<SummaryTable?> FindAsync(Guid id, CancellationToken ct) => WithParts(db.SummaryTables).FirstOrDefaultAsync(t => t.Id == id, ct);

    public Task<SummaryTable?> FindForReadAsync(Guid id, CancellationToken ct) =>
        WithParts(db.SummaryTables.AsNoTracking()).FirstOrDefaultAsync(t => t.Id == id, ct);

    public Task<SummaryTable?> CurrentAsync(Guid unitId, Guid batchId, CancellationToken ct) =>
        db.SummaryTables.AsNoTracking().Where(SummaryTableRules.Current)
            .FirstOrDefaultAsync(t => t.RecommendingUnitId == unitId && t.BatchId == batchId, ct);

    private static IQueryable<SummaryTable> WithParts(IQueryable<SummaryTable> query) =>
        query.Include(t => t.Rows).Include(t => t.Seals).Include(t => t.DroppedRows).AsSplitQuery();

    public Task<IReadOnlyList<BatchChoice>> BatchesAsync(CancellationToken ct) => choices.BatchChoicesAsync(ct);

    public Task<BatchChoice?> BatchAsync(Guid batchId, CancellationToken ct) => choices.BatchChoiceAsync(batchId, ct);

    public int DaysLeft(DateOnly deadline) => ShanghaiTime.DaysLeft(clock, deadline);

    /// <summary>The name printed after 第三方机构（盖章）：the organisation that sealed, else the active third party.</summary>
    public async Task<string> ThirdPartyNameAsync(SummaryTable? table, CancellationToken ct) =>
        table?.ThirdPartySeal?.OrganisationName
        ?? await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.ThirdParty && o.IsActive)
            .OrderBy(o => o.Name).Select(o => o.Name).FirstOrDefaultAsync(ct)
        ?? "—";

    /// <summary>
    /// The rows the records give for a unit and batch (docs/domain.md §4.3): every enterprise whose assessment is
    /// confirmed and whose recommendation is on the municipal track, in the order their assessments were confirmed.
    /// </summary>
    public async Task<IReadOnlyList<SummaryTableRowData>> EligibleRowsAsync(Guid unitId, Guid batchId, CancellationToken ct)
    {
        var pairs = await (
            from a in db.Assessments.Where(AssessmentRules.Confirmed)
            join r in db.Recommendations.Where(RecommendationRules.ReadyForSummaryTable) on a.RecommendationId equals r.Id
            join e in db.Enterprises on a.EnterpriseId equals e.Id
            where a.RecommendingUnitId == unitId && a.BatchId == batchId
            select new { Assessment = a, Enterprise = e })
            .AsNoTracking().ToListAsync(ct);
        return pairs
            .OrderBy(p => p.Assessment.DistrictConfirmedAtUtc).ThenBy(p => p.Enterprise.Name, StringComparer.Ordinal)
            .Select(p => SummaryTableRowData.FromRecords(p.Enterprise, p.Assessment))
            .ToList();
    }

    /// <summary>The draft compared with the records now; null for a submitted revision (its rows are frozen).</summary>
    public async Task<SummaryTableReconciliation?> ReconciliationAsync(SummaryTable table, CancellationToken ct)
    {
        if (SummaryTableRules.Submitted.IsSatisfiedBy(table))
        {
            return null;
        }
        var eligible = await EligibleRowsAsync(table.RecommendingUnitId, table.BatchId, ct);
        var why = await WhyNotEligibleAsync(table, eligible, ct);
        return table.PlanReconciliation(eligible, why);
    }

    /// <summary>Says, for a row the records no longer give, what happened to its assessment or recommendation.</summary>
    private async Task<Func<SummaryTableRow, string>> WhyNotEligibleAsync(SummaryTable table, IReadOnlyCollection<SummaryTableRowData> eligible, CancellationToken ct)
    {
        var ids = table.Rows.Where(r => eligible.All(e => e.AssessmentId != r.AssessmentId)).Select(r => r.AssessmentId).ToList();
        var states = ids.Count == 0
            ? []
            : await (from a in db.Assessments.AsNoTracking().Where(a => ids.Contains(a.Id))
                     join r in db.Recommendations.AsNoTracking() on a.RecommendationId equals r.Id
                     select new { a.Id, a.State, Recommendation = r.State, r.DistrictFundedOnly }).ToListAsync(ct);
        return row =>
        {
            var s = states.FirstOrDefault(x => x.Id == row.AssessmentId);
            return s switch
            {
                null => "评估记录已不存在",
                { State: AssessmentState.Returned } => "评估报告已被第三方机构退回",
                { State: AssessmentState.Assigned or AssessmentState.InProgress } => "评估已改派或重新开始",
                { State: AssessmentState.ReportSubmitted } => "评估尚待确认完成",
                { DistrictFundedOnly: true } => "推荐已改为区级叠加支持",
                _ => $"推荐状态为“{s.Recommendation.ToChinese()}”",
            };
        };
    }

    /// <summary>Every revision of the table's unit and batch, newest first.</summary>
    public async Task<IReadOnlyList<RevisionItem>> RevisionsAsync(SummaryTable table, CancellationToken ct) =>
        await db.SummaryTables.AsNoTracking()
            .Where(t => t.RecommendingUnitId == table.RecommendingUnitId && t.BatchId == table.BatchId)
            .OrderByDescending(t => t.Revision)
            .Select(t => new RevisionItem(t.Id, t.Revision, t.State, t.IsCurrent, t.CreatedAtUtc, t.SubmittedAtUtc, t.ReopenedAtUtc, t.ReopenedBy,
                t.ReopenReason, t.VerificationCode, db.SummaryTableRows.Count(r => r.SummaryTableId == t.Id)))
            .ToListAsync(ct);

    /// <summary>What changed from the revision this one was reopened from (null for revision 1).</summary>
    public async Task<IReadOnlyList<RowChange>?> ChangesFromPreviousAsync(SummaryTable table, CancellationToken ct)
    {
        if (table.PreviousRevisionId is not { } previousId)
        {
            return null;
        }
        var previous = await db.SummaryTableRows.AsNoTracking().Where(r => r.SummaryTableId == previousId).ToListAsync(ct);
        return SummaryTableDiff.Compare(previous, table.Rows);
    }

    /// <summary>The revision's history: its audit lines, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(SummaryTable table, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == RecordType && e.RecordId == table.Id)
            .OrderBy(e => e.AtUtc).ToListAsync(ct);

    private static readonly NotificationKind[] NoticeKinds =
    [
        NotificationKind.SummaryTableAwaitingThirdPartySeal, NotificationKind.SummaryTableSealedByThirdParty, NotificationKind.SummaryTableSealRefused,
        NotificationKind.SummaryTableSubmitted, NotificationKind.SummaryTableReopened,
    ];

    /// <summary>The organisation's summary-table notices nobody has acted on yet, newest first.</summary>
    public async Task<IReadOnlyList<Notification>> NoticesAsync(Guid organisationId, CancellationToken ct) =>
        await db.Notifications.AsNoTracking()
            .Where(NotificationRules.Unread).Where(n => n.RecipientOrganisationId == organisationId && NoticeKinds.Contains(n.Kind))
            .OrderByDescending(n => n.CreatedAtUtc).Take(10).ToListAsync(ct);

    public SignatureCheck CheckSignature(SummaryTable table) => table.CheckSignature((data, signature) => signer.Verify(data, signature));

    // ----------------------------------------------------------------------------------------------
    // Lists
    // ----------------------------------------------------------------------------------------------

    /// <summary>A table of the list as the database sorts it.</summary>
    public sealed class ListRow
    {
        public Guid Id { get; init; }
        public string Unit { get; init; } = "";
        public int UnitOrder { get; init; }
        public Guid BatchId { get; init; }
        public int Year { get; init; }
        public string BatchName { get; init; } = "";
        public DateOnly Deadline { get; init; }
        public int Revision { get; init; }
        public SummaryTableState State { get; init; }
        public bool SubmittedLate { get; init; }
        public DateTime? SubmittedAtUtc { get; init; }
        public int Rows { get; init; }
    }

    /// <summary>The table list's sortable columns; by default the nearest deadline first, units in their usual order.</summary>
    public static readonly ListSort<ListRow> Sorting = new ListSort<ListRow>("deadline", t => t.Id)
        .Add("deadline", t => t.Deadline, t => t.UnitOrder)
        .Add("unit", t => t.UnitOrder)
        .Add("batch", t => t.Year, t => t.BatchName)
        .Add("state", t => t.State)
        .Add("rows", t => t.Rows)
        .Add("submitted", t => t.SubmittedAtUtc);

    /// <summary>The current revisions of <paramref name="scoped"/> as list rows (with their batch and days left), in the filter's order.</summary>
    public async Task<IReadOnlyList<SummaryTableListItem>> ListAsync(IQueryable<SummaryTable> scoped, SummaryTableListFilter filter, CancellationToken ct)
    {
        var query = scoped.AsNoTracking().Where(SummaryTableRules.Current);
        if (filter.Queue is { } queue)
        {
            query = query.Where(queue.Rule());
        }
        if (filter.BatchId is { } batchId)
        {
            query = query.Where(t => t.BatchId == batchId);
        }
        var rows = await Sorting.Apply(
            from t in query
            join b in db.Batches on t.BatchId equals b.Id
            join u in db.RecommendingUnits on t.RecommendingUnitId equals u.Id
            select new ListRow
            {
                Id = t.Id, Unit = u.Name, UnitOrder = u.SortOrder, BatchId = t.BatchId, Year = t.Year, BatchName = t.BatchName, Deadline = b.Deadline,
                Revision = t.Revision, State = t.State, SubmittedLate = t.SubmittedLate, SubmittedAtUtc = t.SubmittedAtUtc,
                Rows = db.SummaryTableRows.Count(r => r.SummaryTableId == t.Id),
            }, filter).ToListAsync(ct);
        return rows.Select(r => new SummaryTableListItem(r.Id, r.Unit, r.BatchId, r.Year, r.BatchName, r.Deadline, DaysLeft(r.Deadline), r.Revision,
            r.State, Progress(r.State, r.Revision, r.SubmittedLate), r.Rows, r.SubmittedAtUtc)).ToList();
    }

    public async Task<IReadOnlyDictionary<SummaryTableQueue, int>> QueueCountsAsync(IQueryable<SummaryTable> scoped, CancellationToken ct)
    {
        var counts = new Dictionary<SummaryTableQueue, int>();
        foreach (var queue in Enum.GetValues<SummaryTableQueue>())
        {
            counts[queue] = await scoped.Where(queue.Rule()).CountAsync(ct);
        }
        return counts;
    }

    /// <summary>
    /// A district's batches (newest year first), each with its current table and how many enterprises the records give;
    /// with a <paramref name="queue"/>, only the batches whose table waits in it.
    /// </summary>
    public async Task<IReadOnlyList<DistrictBatchRow>> DistrictBatchesAsync(IQueryable<SummaryTable> scoped, Guid unitId, SummaryTableQueue? queue, CancellationToken ct)
    {
        var batches = await BatchesAsync(ct);
        var tables = await ListAsync(scoped, new SummaryTableListFilter { Queue = queue }, ct);
        if (queue is not null)
        {
            batches = batches.Where(b => tables.Any(t => t.BatchId == b.Id)).ToList();
        }
        var eligible = await (
            from a in db.Assessments.Where(AssessmentRules.Confirmed)
            join r in db.Recommendations.Where(RecommendationRules.ReadyForSummaryTable) on a.RecommendationId equals r.Id
            where a.RecommendingUnitId == unitId
            group a by a.BatchId into g
            select new { BatchId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return batches.Select(b => new DistrictBatchRow(b, tables.FirstOrDefault(t => t.BatchId == b.Id),
            eligible.FirstOrDefault(e => e.BatchId == b.Id)?.Count ?? 0)).ToList();
    }

    /// <summary>The commission's inbox for one batch: all recommending units, each with its current table's progress.</summary>
    public async Task<SummaryTableInboxModel> InboxAsync(Guid? batchId, bool pendingOnly, CancellationToken ct)
    {
        var batches = await BatchesAsync(ct);
        var today = ShanghaiTime.Today(clock);
        // Without a choice: the open batch that closes first, else the batch that closed last.
        var batch = batchId is { } id
            ? batches.FirstOrDefault(b => b.Id == id)
            : batches.Where(b => b.IsOpen).OrderBy(b => b.Deadline).FirstOrDefault() ?? batches.OrderByDescending(b => b.Deadline).FirstOrDefault();
        var units = await db.RecommendingUnits.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.SortOrder).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var rows = new List<InboxRow>();
        if (batch is not null)
        {
            var tables = await db.SummaryTables.AsNoTracking().Where(t => t.BatchId == batch.Id)
                .Select(t => new
                {
                    t.Id, t.RecommendingUnitId, t.Revision, t.IsCurrent, t.State, t.SubmittedLate, t.SubmittedAtUtc,
                    Rows = db.SummaryTableRows.Count(r => r.SummaryTableId == t.Id),
                }).ToListAsync(ct);
            foreach (var u in units)
            {
                var current = tables.FirstOrDefault(t => t.RecommendingUnitId == u.Id && t.IsCurrent);
                rows.Add(current is null
                    ? new InboxRow(u.Id, u.Name, SummaryTableProgress.NotStarted, null, 0, 0, null, 0)
                    : new InboxRow(u.Id, u.Name, Progress(current.State, current.Revision, current.SubmittedLate), current.Id, current.Revision,
                        current.Rows, current.SubmittedAtUtc, tables.Count(t => t.RecommendingUnitId == u.Id && !t.IsCurrent)));
            }
        }
        var counts = Enum.GetValues<SummaryTableProgress>().ToDictionary(p => p, p => rows.Count(r => r.Progress == p));
        return new SummaryTableInboxModel
        {
            Batches = batches,
            Batch = batch,
            PendingOnly = pendingOnly,
            Rows = pendingOnly ? rows.Where(r => !SummaryTableInboxModel.IsSubmitted(r.Progress)).ToList() : rows,
            Counts = counts,
            UnitCount = units.Count,
        };
    }

    private static SummaryTableProgress Progress(SummaryTableState state, int revision, bool late) => state switch
    {
        SummaryTableState.Submitted => late ? SummaryTableProgress.SubmittedLate : SummaryTableProgress.SubmittedOnTime,
        _ when revision > 1 => SummaryTableProgress.Reopened,
        SummaryTableState.DistrictSealed => SummaryTableProgress.DistrictSealed,
        SummaryTableState.ThirdPartySealed => SummaryTableProgress.ThirdPartySealed,
        _ => SummaryTableProgress.Draft,
    };

    // ----------------------------------------------------------------------------------------------
    // The district
    // ----------------------------------------------------------------------------------------------

    /// <summary>Drafts revision 1 of the unit's table for the batch from the records.</summary>
    public async Task<SummaryTable> CreateAsync(Guid unitId, Guid batchId, string userName, CancellationToken ct)
    {
        if (await CurrentAsync(unitId, batchId, ct) is not null)
        {
            throw new DomainException("本单位本批次的汇总表已经生成，请在汇总表中继续处理。");
        }
        var batch = await BatchAsync(batchId, ct) ?? throw new DomainException("批次不存在。");
        var unitName = await db.RecommendingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(ct);
        var rows = await EligibleRowsAsync(unitId, batchId, ct);
        if (rows.Count == 0)
        {
            throw new DomainException($"本单位在{batch.Label}还没有评估诊断已确认完成的企业，暂不能生成汇总表。");
        }
        var table = new SummaryTable(new SummaryTableHeading(unitId, unitName, batchId, batch.Year, batch.Name), rows, userName, clock.UtcNow);
        db.SummaryTables.Add(table);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await CurrentAsync(unitId, batchId, ct) is null)
            {
                throw;
            }
            // Someone else of the unit drafted it at the same moment (the one-current-revision index refused this one).
            throw new DomainException("本单位本批次的汇总表刚刚已由他人生成，请刷新后继续处理。");
        }
        return table;
    }

    /// <summary>Adds an enterprise assessed after the table was drafted (rows that no longer qualify drop out first).</summary>
    public async Task AddRowAsync(SummaryTable table, Guid? version, Guid enterpriseId, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        var plan = await ReconcileAsync(table, ct);
        var row = plan.Addable.FirstOrDefault(r => r.EnterpriseId == enterpriseId)
            ?? throw new DomainException("该企业不在可加入汇总表的企业之列（需评估诊断已确认完成且属于本批次）。");
        table.AddRow(row, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task MoveRowAsync(SummaryTable table, Guid? version, Guid enterpriseId, int toSequenceNo, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        await ReconcileAsync(table, ct);
        table.MoveRow(enterpriseId, toSequenceNo, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task CorrectContactAsync(SummaryTable table, Guid? version, Guid enterpriseId, string? contact, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        await ReconcileAsync(table, ct);
        table.CorrectContact(enterpriseId, contact, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Brings the draft in step with the records: rows that no longer qualify drop out (noted), changed ones are refreshed.</summary>
    public async Task RefreshAsync(SummaryTable table, Guid? version, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        await ReconcileAsync(table, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task SealByDistrictAsync(SummaryTable table, Guid? version, Sealer sealer, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        await EnsureInStepAsync(table, "盖章前请先点击“按最新记录更新”。", ct);
        table.SealByDistrict(sealer, clock.UtcNow, await LoadBatchAsync(table, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Submits the sealed table by the deadline: it gets a verification code no other table has and the platform's SM2
    /// signature; its recommendations become Listed in the same save (<c>RecommendationEffects</c>).
    /// </summary>
    public async Task SubmitAsync(SummaryTable table, Guid? version, string userName, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        var batch = await LoadBatchAsync(table, ct);
        await EnsureInStepAsync(table, "请推荐单位先按最新记录更新汇总表，并重新盖章。", ct);
        var code = await NewVerificationCodeAsync(ct);
        table.Submit(userName, clock.UtcNow, batch, code, statement => new PlatformSignature(signer.Sign(statement), signer.KeyFingerprint));
        await db.SaveChangesAsync(ct);
    }

    private async Task<string> NewVerificationCodeAsync(CancellationToken ct)
    {
        // 60 random bits make a repeat practically impossible; the unique index is the guarantee, this loop the courtesy.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var code = SummaryTable.NewVerificationCode();
            if (!await db.SummaryTables.AnyAsync(t => t.VerificationCode == code, ct))
            {
                return code;
            }
        }
        throw new InvalidOperationException("no free verification code after 10 attempts");
    }

    private async Task<SummaryTableReconciliation> ReconcileAsync(SummaryTable table, CancellationToken ct)
    {
        var plan = await ReconciliationAsync(table, ct) ?? throw new InvalidTransitionException(SummaryTable.RecordName, table.State.ToChinese(), "修改汇总表");
        table.Reconcile(plan, clock.UtcNow);
        return plan;
    }

    /// <summary>Refuses a seal or a submission while the rows are not what the records give.</summary>
    private async Task EnsureInStepAsync(SummaryTable table, string advice, CancellationToken ct)
    {
        if (await ReconciliationAsync(table, ct) is { ChangesRows: true } plan)
        {
            var names = plan.Dropping.Select(d => $"{d.Row.EnterpriseName}（{d.Reason}）")
                .Concat(plan.Updating.Select(u => $"{u.Row.EnterpriseName}（{string.Join("、", u.Fields)}已变化）"));
            throw new DomainException($"汇总表与最新记录不一致：{string.Join("；", names)}。{advice}");
        }
    }

    private Task<Batch> LoadBatchAsync(SummaryTable table, CancellationToken ct) =>
        db.Batches.AsNoTracking().Include(b => b.ProgrammeYear).FirstAsync(b => b.Id == table.BatchId, ct);

    // ----------------------------------------------------------------------------------------------
    // The third party
    // ----------------------------------------------------------------------------------------------

    public async Task SealByThirdPartyAsync(SummaryTable table, Guid? version, Sealer sealer, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        await EnsureInStepAsync(table, "请推荐单位先按最新记录更新汇总表。", ct);
        table.SealByThirdParty(sealer, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task RefuseSealAsync(SummaryTable table, Guid? version, Sealer sealer, string? reason, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        table.RefuseSeal(sealer, reason, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    // ----------------------------------------------------------------------------------------------
    // The commission
    // ----------------------------------------------------------------------------------------------

    /// <summary>Reopens a submitted table: the new revision is returned; the old one stays readable, superseded.</summary>
    public async Task<SummaryTable> ReopenAsync(SummaryTable table, Guid? version, string? reason, string userName, CancellationToken ct)
    {
        db.ExpectVersion(table, version);
        var next = table.Reopen(reason, userName, clock.UtcNow);
        db.SummaryTables.Add(next);
        await db.SaveChangesAsync(ct);
        return next;
    }
}
