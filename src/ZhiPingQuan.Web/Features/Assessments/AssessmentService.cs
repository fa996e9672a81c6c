using System.Security.Claims;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Files;

namespace ZhiPingQuan.Web.Features.Assessments;

/// <summary>
/// 评估诊断 after the agency has accepted (docs/domain.md §4.2): the agency's record, checkpoints and report
/// submission; the third party's compliance confirmation or return; the district's confirmation of
/// completion. Loads, calls the domain and saves once; the audit lines and notices follow from the domain's
/// events (<see cref="AssessmentNotices"/>). Every write takes the concurrency token the page was read with
/// (<see cref="VersionCheck.ExpectVersion"/>), so of two people acting on the same assessment at once only the
/// first wins (the second gets the 409 page).
/// </summary>
public sealed class AssessmentService(AppDbContext db, IClock clock, IAuditTrail audit, IFileStore files)
{
    public const string RecordType = nameof(Assessment);

    public DateOnly Today => ShanghaiTime.Today(clock);

    // ----------------------------------------------------------------------------------------------
    // Lists
    // ----------------------------------------------------------------------------------------------

    /// <summary>The assessments the user may read (<see cref="RecordScopes.VisibleTo{T}"/>), for the lists and their counts.</summary>
    public IQueryable<Assessment> VisibleTo(ClaimsPrincipal user) => db.Assessments.VisibleTo(user);

    /// <summary>
    /// The rows of a list, already scoped to the user. Overdue ones (not confirmed by the batch deadline)
    /// come first, then the nearest deadline.
    /// </summary>

    /// <summary>An assessment with its batch, year and unit, as the lists filter and sort them.</summary>
    public sealed class AssessmentJoin
    {
        public required Assessment A { get; init; }
        public required Batch B { get; init; }
        public required ProgrammeYear Y { get; init; }
        public required RecommendingUnit U { get; init; }
    }

    /// <summary>
    /// Overdue (逾期) on a Shanghai day: not confirmed, and its batch's deadline (as extended) passed — the domain's two rules
    /// together, for the lists' mark, filter and order and the assessment's page alike.
    /// </summary>
    public static readonly QueryRule<AssessmentJoin, DateOnly> OverdueOn =
        new((x, today) => !AssessmentRules.Confirmed.IsSatisfiedBy(x.A) && !BatchRules.OpenOn.IsSatisfiedBy(x.B, today));

    private static readonly QueryRule<AssessmentJoin> NotConfirmed = QueryRule<AssessmentJoin>.Of(x => x.A, AssessmentRules.Confirmed.Not());

    /// <summary>
    /// The assessment lists' sortable columns. By default overdue ones (not confirmed by the batch deadline) first,
    /// then the nearest deadline, then the enterprise's name.
    /// </summary>
    public static ListSort<AssessmentJoin> Sorting(DateOnly today) => new ListSort<AssessmentJoin>("attention", x => x.A.Id)
        // Overdue first, then open work before finished work and the latest year first: this year's assessments never
        // sink below pages of past years' ones.
        .AddOrder("attention", (q, desc) => q.OrderByDescending(OverdueOn.For(today).Expression)
            .ThenByDescending(NotConfirmed.Expression)
            .ThenByDescending(x => x.Y.Year)
            .ThenBy(x => x.B.Deadline).ThenBy(x => x.A.Enterprise!.Name))
        .Add("enterprise", x => x.A.Enterprise!.Name)
        .Add("unit", x => x.U.Name)
        .Add("agency", x => x.A.Agency!.Name)
        .Add("batch", x => x.Y.Year, x => x.B.Sequence)
        .Add("deadline", x => x.B.Deadline)
        .Add("state", x => x.A.State)
        .Add("submitted", x => x.A.ReportSubmittedAtUtc);

    public IQueryable<AssessmentListItem> Search(IQueryable<Assessment> scoped, AssessmentFilter filter)
    {
        var today = Today;
        var query =
            from a in scoped.AsNoTracking()
            join b in db.Batches on a.BatchId equals b.Id
            join y in db.ProgrammeYears on b.ProgrammeYearId equals y.Id
            join u in db.RecommendingUnits on a.RecommendingUnitId equals u.Id
            select new AssessmentJoin { A = a, B = b, Y = y, U = u };

        if (filter.UnitId is { } unitId)
        {
            query = query.Where(x => x.A.RecommendingUnitId == unitId);
        }
        if (filter.BatchId is { } batchId)
        {
            query = query.Where(x => x.A.BatchId == batchId);
        }
        if (filter.AgencyId is { } agencyId)
        {
            query = query.Where(x => x.A.AgencyId == agencyId);
        }
        if (filter.State is { } state)
        {
            query = query.Where(x => x.A.State == state);
        }
        if (filter.Awaiting is { } step)
        {
            var rule = step.Rule().Expression;
            var ids = scoped.Where(rule).Select(a => a.Id);
            query = query.Where(x => ids.Contains(x.A.Id));
        }
        if (filter.Overdue)
        {
            query = query.Where(OverdueOn.For(today));
        }
        query = query.WhereEnterpriseMatches(x => x.A.Enterprise, filter.Q);

        return Sorting(today).Apply(query, filter)
            .SelectWithRules(x => new AssessmentListItem
            {
                Id = x.A.Id,
                EnterpriseName = x.A.Enterprise!.Name,
                CreditCode = x.A.Enterprise.CreditCode.Value,
                UnitName = x.U.Name,
                AgencyName = x.A.Agency!.Name,
                Year = x.Y.Year,
                BatchName = x.B.Name,
                Deadline = x.B.Deadline,
                State = x.A.State,
                ComplianceConfirmedAtUtc = x.A.ComplianceConfirmedAtUtc,
                Score = x.A.Score,
                StatedLevel = x.A.StatedLevel,
                SmartFactoryLevelId = x.A.SmartFactoryLevelId,
                SmartFactoryLevelName = x.A.SmartFactoryLevelName,
                LevelScore1 = x.A.LevelScores.One,
                LevelScore2 = x.A.LevelScores.Two,
                LevelScore3 = x.A.LevelScores.Three,
                LevelScore4 = x.A.LevelScores.Four,
                LevelScore5 = x.A.LevelScores.Five,
                PreAssessmentDoneAtUtc = x.A.PreAssessmentDoneAtUtc,
                FormalAssessmentDoneAtUtc = x.A.FormalAssessmentDoneAtUtc,
                ResultPublishedAtUtc = x.A.ResultPublishedAtUtc,
                ReportVersion = x.A.ReportVersion,
                ReportSubmittedAtUtc = x.A.ReportSubmittedAtUtc,
                Overdue = OverdueOn.IsSatisfiedBy(x, today),
                Confirmed = AssessmentRules.Confirmed.IsSatisfiedBy(x.A),
                OpenForRecording = AssessmentRules.OpenForRecording.IsSatisfiedBy(x.A),
                AwaitingComplianceCheck = AssessmentRules.AwaitingComplianceCheck.IsSatisfiedBy(x.A),
                AwaitingDistrictConfirmation = AssessmentRules.AwaitingDistrictConfirmation.IsSatisfiedBy(x.A),
            });
    }

    /// <summary>One page of <see cref="Search"/>, with days left and consistency warnings filled in.</summary>
    public async Task<PagedList<AssessmentListItem>> PageAsync(IQueryable<Assessment> scoped, AssessmentFilter filter, CancellationToken ct)
    {
        var page = await PagedList.CreateAsync(Search(scoped, filter), filter, ct);
        var tiers = await SmartFactoryLevelsByIdAsync(ct);
        foreach (var row in page.Items)
        {
            row.DaysLeft = ShanghaiTime.DaysLeft(clock, row.Deadline);
            row.Warnings = AssessmentConsistency.Check(row.Score, row.StatedLevel, row.LevelScores,
                row.SmartFactoryLevelId is { } id ? tiers.GetValueOrDefault(id) : null);
        }
        return page;
    }

    /// <summary>How many of the scoped assessments are in each state (every state present, zero when none).</summary>
    public async Task<IReadOnlyDictionary<AssessmentState, int>> CountByStateAsync(IQueryable<Assessment> scoped, CancellationToken ct)
    {
        var counts = await scoped.AsNoTracking().GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<AssessmentState>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    public Task<int> CountOverdueAsync(IQueryable<Assessment> scoped, CancellationToken ct) =>
        Search(scoped, new AssessmentFilter { Overdue = true }).CountAsync(ct);

    public Task<int> CountAwaitingDistrictAsync(IQueryable<Assessment> scoped, CancellationToken ct) =>
        scoped.Where(AssessmentRules.AwaitingDistrictConfirmation).CountAsync(ct);

    public async Task<IReadOnlyList<Choice>> BatchChoicesAsync(CancellationToken ct) =>
        (await db.Batches.AsNoTracking()
            .Join(db.ProgrammeYears, b => b.ProgrammeYearId, y => y.Id, (b, y) => new { b.Id, y.Year, b.Sequence, b.Name })
            .OrderByDescending(x => x.Year).ThenBy(x => x.Sequence)
            .ToListAsync(ct))
        .Select(x => new Choice(x.Id, $"{x.Year}年度 {x.Name}")).ToList();

    public async Task<IReadOnlyList<Choice>> UnitChoicesAsync(CancellationToken ct) =>
        (await db.RecommendingUnits.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
        .Select(u => new Choice(u.Id, u.Name)).ToList();

    public async Task<IReadOnlyList<Choice>> AgencyChoicesAsync(CancellationToken ct) =>
        (await db.ServiceAgencies.AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct))
        .Select(a => new Choice(a.Id, a.Name)).ToList();

    public async Task<IReadOnlyList<SmartFactoryLevel>> ActiveSmartFactoryLevelsAsync(Guid? alsoInclude, CancellationToken ct) =>
        await db.SmartFactoryLevels.AsNoTracking()
            .Where(l => l.IsActive || l.Id == alsoInclude)
            .OrderBy(l => l.SortOrder).ToListAsync(ct);

    private async Task<Dictionary<Guid, SmartFactoryLevel>> SmartFactoryLevelsByIdAsync(CancellationToken ct) =>
        await db.SmartFactoryLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, ct);

    // ----------------------------------------------------------------------------------------------
    // One assessment
    // ----------------------------------------------------------------------------------------------

    /// <summary>The assessment, tracked, for a change (null when it does not exist).</summary>
    public Task<Assessment?> FindAsync(Guid id, CancellationToken ct) =>
        db.Assessments.FirstOrDefaultAsync(a => a.Id == id, ct);

    public Task<Assessment?> FindForReadAsync(Guid id, CancellationToken ct) =>
        db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>The enterprise's and the agency's names, for the pages that ask before a step.</summary>
    public async Task<(string Enterprise, string Agency)> NamesAsync(Assessment a, CancellationToken ct)
    {
        var names = await (
            from e in db.Organisations.OfType<Enterprise>().Where(e => e.Id == a.EnterpriseId)
            from g in db.ServiceAgencies.Where(g => g.Id == a.AgencyId)
            select new { Enterprise = e.Name, Agency = g.Name }).AsNoTracking().FirstAsync(ct);
        return (names.Enterprise, names.Agency);
    }

    /// <summary>Everything the pages show about one assessment: names, deadline, warnings, report versions, history.</summary>
    public async Task<AssessmentView> ViewAsync(Assessment a, HistoryReader reader, CancellationToken ct)
    {
        var names = await (
            from e in db.Organisations.OfType<Enterprise>().Where(e => e.Id == a.EnterpriseId)
            from g in db.ServiceAgencies.Where(g => g.Id == a.AgencyId)
            from u in db.RecommendingUnits.Where(u => u.Id == a.RecommendingUnitId)
            from b in db.Batches.Where(b => b.Id == a.BatchId)
            from y in db.ProgrammeYears.Where(y => y.Id == b.ProgrammeYearId)
            select new { Enterprise = e.Name, e.CreditCode, Agency = g.Name, AgencyLevel = g.Level, U = u, B = b, Y = y })
            .AsNoTracking().FirstAsync(ct);
        var joined = new AssessmentJoin { A = a, B = names.B, Y = names.Y, U = names.U };
        var tier = a.SmartFactoryLevelId is { } tierId
            ? await db.SmartFactoryLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == tierId, ct)
            : null;
        var history = AssessmentHistoryPolicy.Visible(reader, a, await db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == RecordType && e.RecordId == a.Id)
            .OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(ct), e => e.Action);
        var today = Today;
        return new AssessmentView
        {
            Assessment = a,
            EnterpriseName = names.Enterprise,
            CreditCode = names.CreditCode.Value,
            UnitName = joined.U.Name,
            AgencyName = names.Agency,
            AgencyLevel = names.AgencyLevel.ToChinese(),
            Year = joined.Y.Year,
            BatchName = joined.B.Name,
            Deadline = joined.B.Deadline,
            DaysLeft = ShanghaiTime.DaysLeft(clock, joined.B.Deadline),
            Overdue = OverdueOn.IsSatisfiedBy(joined, today),
            Warnings = AssessmentConsistency.Check(a, tier),
            ReportFiles = await ReportFilesAsync(a, ct),
            History = history,
            ShowsReturns = AssessmentHistoryPolicy.SeesReturns(reader, a),
            MissingForSubmission = a.MissingForSubmission(),
        };
    }

    /// <summary>The current report and every version it replaced, newest first.</summary>
    public async Task<IReadOnlyList<ReportFileVersion>> ReportFilesAsync(Assessment a, CancellationToken ct)
    {
        var chain = new List<ReportFileVersion>();
        var next = a.ReportFileId;
        // Each version points at the one it replaced; the chain is short (one per resubmission with a new file).
        while (next is { } id && chain.Count < 100)
        {
            var f = await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (f is null)
            {
                break;
            }
            chain.Add(new ReportFileVersion(f.Id, f.VersionNumber, f.OriginalFileName, f.SizeBytes, f.Sha256, f.UploadedBy, f.AtUtc, f.Id == a.ReportFileId));
            next = f.PreviousVersionId;
        }
        return chain;
    }

    // ----------------------------------------------------------------------------------------------
    // The agency
    // ----------------------------------------------------------------------------------------------

    /// <summary>Saves the agency's record (InProgress or Returned). Refusals are DomainExceptions in Chinese; nothing is saved then.</summary>
    public async Task SaveRecordAsync(Assessment a, AssessmentRecordForm form, CancellationToken ct)
    {
        SmartFactoryLevel? tier = null;
        if (form.SmartFactoryLevelId is { } tierId)
        {
            tier = await db.SmartFactoryLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Id == tierId, ct)
                ?? throw new DomainException("所选智能工厂等级不存在，请重新选择。");
        }
        db.ExpectVersion(a, form.Version);
        a.UpdateRecord(form.StandardEditions, form.StartDate, form.SiteVisitDate, form.Assessors,
            form.ToLevelScores(), form.ToScore(), form.StatedLevel, tier);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records a process step as done now (steps in order; InProgress or Returned).</summary>
    public async Task CompleteCheckpointAsync(Assessment a, AssessmentCheckpoint checkpoint, Guid? version, CancellationToken ct)
    {
        if (!Enum.IsDefined(checkpoint))
        {
            throw new DomainException("评估过程节点无效。");
        }
        db.ExpectVersion(a, version);
        a.CompleteCheckpoint(checkpoint, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stands for "a report file comes with this request" when listing what is missing before the upload is read.</summary>
    private static readonly Guid FileInThisRequest = new("00000000-0000-0000-0000-000000000001");

    /// <summary>
    /// InProgress or Returned → ReportSubmitted, with a new report file or (on a resubmission) the current
    /// one. An incomplete record is refused before the upload is read, naming everything missing; a refused
    /// file (type, content, size) leaves nothing behind; a failed save removes the file it stored.
    /// </summary>
    public async Task SubmitAsync(Assessment a, Guid? version, IncomingFile? upload, string userName, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        var missing = a.MissingForSubmission(upload is null ? a.ReportFileId : FileInThisRequest);
        if (missing.Count > 0)
        {
            throw new DomainException($"提交评估报告前还需完成：{string.Join("、", missing)}。");
        }
        StoredFile? stored = null;
        if (upload is not null)
        {
            var previous = a.ReportFileId is { } currentId ? await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == currentId, ct) : null;
            stored = await files.SaveAsync(upload, ReportUpload.Types, ReportUpload.MaxSizeBytes, a.AgencyId, userName, previous, ct);
        }
        try
        {
            a.SubmitReport(stored?.Id ?? a.ReportFileId!.Value, userName, clock.UtcNow);
            if (stored is not null)
            {
                db.StoredFiles.Add(stored);
            }
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            if (stored is not null)
            {
                await files.DeleteAsync(stored.StorageKey);
            }
            throw;
        }
    }

    // ----------------------------------------------------------------------------------------------
    // The third party
    // ----------------------------------------------------------------------------------------------

    public async Task ConfirmComplianceAsync(Assessment a, Guid? version, string userName, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        a.ConfirmCompliance(userName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReturnAsync(Assessment a, Guid? version, string? reasons, string userName, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        a.Return(reasons ?? string.Empty, userName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    // ----------------------------------------------------------------------------------------------
    // The district
    // ----------------------------------------------------------------------------------------------

    /// <summary>ReportSubmitted (compliance confirmed) → Confirmed; the recommendation becomes Assessed in the same save (its event).</summary>
    public async Task ConfirmCompletionAsync(Assessment a, Guid? version, string userName, CancellationToken ct)
    {
        db.ExpectVersion(a, version);
        a.ConfirmCompletion(userName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    // ----------------------------------------------------------------------------------------------
    // Files
    // ----------------------------------------------------------------------------------------------

    /// <summary>The stored file <paramref name="fileId"/> when it is this assessment's report or one of its earlier versions.</summary>
    public async Task<StoredFile?> ReportFileAsync(Assessment a, Guid fileId, CancellationToken ct)
    {
        var versions = await ReportFilesAsync(a, ct);
        return versions.Any(v => v.FileId == fileId)
            ? await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct)
            : null;
    }

    /// <summary>Records a download (a sensitive read, docs/domain.md §5) and saves it before the file is sent.</summary>
    public async Task RecordDownloadAsync(Assessment a, StoredFile file, CancellationToken ct)
    {
        audit.Record(AuditAction.FileDownloaded, RecordType, a.Id, null, null,
            $"评估报告 第{file.VersionNumber}版：{file.OriginalFileName}（文件编号 {file.Id}，SHA-256 {file.Sha256}）");
        await db.SaveChangesAsync(ct);
    }

    public Stream? TryOpenRead(StoredFile file) => files.TryOpenRead(file);

    // ----------------------------------------------------------------------------------------------

}
