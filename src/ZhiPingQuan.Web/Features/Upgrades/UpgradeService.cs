using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Upgrades;

/// <summary>
/// 改造升级跟踪 (docs/domain.md §4.7): the list of assessed enterprises (confirmed assessments in the user's scope) with their
/// follow-up, and the district's entries in one enterprise's record. The record is made with the district's first entry;
/// every change goes through <see cref="UpgradeRecord"/>, whose events write the history.
/// </summary>
public sealed class UpgradeService(AppDbContext db, IClock clock, RecordHistory history)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    // ----------------------------------------------------------------------------------------------
    // List
    // ----------------------------------------------------------------------------------------------

    /// <summary>The newest year with an assessed enterprise the user may see, else the newest year.</summary>
    public async Task<Guid?> DefaultYearAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await Assessed(user)
            .Join(db.ProgrammeYears, a => a.ProgrammeYearId, y => y.Id, (a, y) => new { y.Id, y.Year })
            .OrderByDescending(x => x.Year).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct)
        ?? await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);

    private IQueryable<Assessment> Assessed(ClaimsPrincipal user) =>
        db.Assessments.AsNoTracking().VisibleTo(user).Where(AssessmentRules.Confirmed);

    /// <summary>The assessments of the year, batch and unit (not yet narrowed by follow-up or search).</summary>
    private IQueryable<Assessment> InScope(ClaimsPrincipal user, UpgradeFilter f)
    {
        var q = Assessed(user).Where(a => a.ProgrammeYearId == f.YearId);
        if (f.BatchId is { } batch)
        {
            q = q.Where(a => a.BatchId == batch);
        }
        if (f.UnitId is { } unit && user.IsInRole(Roles.Commission))
        {
            q = q.Where(a => a.RecommendingUnitId == unit);
        }
        return q;
    }

    private sealed class Joined
    {
        public required Assessment A { get; init; }
        public UpgradeRecord? U { get; init; }
    }

    private IQueryable<Joined> WithRecords(IQueryable<Assessment> assessments) =>
        from a in assessments
        join u in db.UpgradeRecords on a.Id equals u.AssessmentId into g
        from u in g.DefaultIfEmpty()
        select new Joined { A = a, U = u };

    public async Task<UpgradeShare> ShareAsync(ClaimsPrincipal user, UpgradeFilter f, CancellationToken ct)
    {
        var assessments = InScope(user, f);
        var records = db.UpgradeRecords.AsNoTracking().Where(u => assessments.Any(a => a.Id == u.AssessmentId));
        return new UpgradeShare(
            await assessments.CountAsync(ct),
            await records.Where(UpgradeRules.HasFollowUp).CountAsync(ct),
            await records.Where(UpgradeRules.StartedWithinSixMonths).CountAsync(ct));
    }

    public Task<PagedList<UpgradeRow>> PageAsync(ClaimsPrincipal user, UpgradeFilter f, CancellationToken ct)
    {
        var joined = WithRecords(InScope(user, f).WhereEnterpriseMatches(a => a.Enterprise, f.Q));
        joined = f.Status switch
        {
            null => joined,
            FollowUpStatus.NotTracked => joined.Where(x => x.U == null || x.U.Status == FollowUpStatus.NotTracked),
            { } s => joined.Where(x => x.U != null && x.U.Status == s),
        };
        joined = f.Within switch
        {
            true => joined.Where(x => x.U != null && x.U.StartedWithinSixMonths),
            false => joined.Where(x => x.U == null || !x.U.StartedWithinSixMonths),
            null => joined,
        };
        var rows =
            from x in joined
            join e in db.Enterprises on x.A.EnterpriseId equals e.Id
            join unit in db.RecommendingUnits on x.A.RecommendingUnitId equals unit.Id
            join b in db.Batches on x.A.BatchId equals b.Id
            select new UpgradeRow
            {
                AssessmentId = x.A.Id, EnterpriseName = e.Name, CreditCode = e.CreditCode.Value, UnitName = unit.Name, BatchName = b.Name,
                ConfirmedAtUtc = x.A.DistrictConfirmedAtUtc, Level = x.A.StatedLevel, Score = x.A.Score,
                Problems = x.U == null ? 0 : x.U.Problems.Count,
                Projects = x.U == null ? 0 : x.U.Projects.Count,
                Status = x.U == null ? FollowUpStatus.NotTracked : x.U.Status,
                StartedWithinSixMonths = x.U != null && x.U.StartedWithinSixMonths,
            };
        return PagedList.CreateAsync(Sorting.Apply(rows, f), f, ct);
    }

    /// <summary>The list's sortable columns; by default the latest confirmed assessments first.</summary>
    private static readonly ListSort<UpgradeRow> Sorting = new ListSort<UpgradeRow>("confirmed", r => r.AssessmentId, defaultDescending: true)
        .Add("confirmed", r => r.ConfirmedAtUtc)
        .Add("enterprise", r => r.EnterpriseName)
        .Add("unit", r => r.UnitName)
        .Add("batch", r => r.BatchName)
        .Add("status", r => r.Status)
        .Add("within", r => r.StartedWithinSixMonths);

    // ----------------------------------------------------------------------------------------------
    // One record
    // ----------------------------------------------------------------------------------------------

    /// <summary>The record page of a confirmed assessment (already inside the user's scope), or null when it is not confirmed.</summary>
    public async Task<UpgradeRecordModel?> PageOfAsync(Guid assessmentId, bool canEdit, CancellationToken ct)
    {
        var head = await (
            from a in db.Assessments.AsNoTracking().Where(AssessmentRules.Confirmed)
            where a.Id == assessmentId
            join e in db.Enterprises on a.EnterpriseId equals e.Id
            join unit in db.RecommendingUnits on a.RecommendingUnitId equals unit.Id
            join y in db.ProgrammeYears on a.ProgrammeYearId equals y.Id
            join b in db.Batches on a.BatchId equals b.Id
            join ag in db.ServiceAgencies on a.AgencyId equals ag.Id
            select new
            {
                EnterpriseName = e.Name, CreditCode = e.CreditCode.Value, UnitName = unit.Name, y.Year, BatchName = b.Name, AgencyName = ag.Name,
                a.DistrictConfirmedAtUtc, a.StatedLevel, a.Score,
            }).SingleOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }
        var record = await db.UpgradeRecords.AsNoTracking().Include(u => u.Problems).Include(u => u.Projects).AsSplitQuery()
            .SingleOrDefaultAsync(u => u.AssessmentId == assessmentId, ct);
        var assessedOn = record?.AssessedOn ?? ShanghaiTime.Today(head.DistrictConfirmedAtUtc!.Value);
        return new UpgradeRecordModel
        {
            AssessmentId = assessmentId, RecordId = record?.Id, Version = record?.Version,
            EnterpriseName = head.EnterpriseName, CreditCode = head.CreditCode, UnitName = head.UnitName, Year = head.Year,
            BatchName = head.BatchName, AgencyName = head.AgencyName, AssessedOn = assessedOn,
            FollowUpDeadline = UpgradeRecord.FollowUpDeadlineFor(assessedOn), Level = head.StatedLevel, Score = head.Score,
            Status = record?.Status ?? FollowUpStatus.NotTracked, StartedWithinSixMonths = record?.StartedWithinSixMonths ?? false,
            Problems = record?.Problems.Select(p => new ProblemView(p.Id, p.Area, p.Description, p.RecordedAtUtc)).ToList() ?? [],
            Projects = record?.Projects.OrderBy(p => p.StartDate ?? DateOnly.MaxValue).ThenBy(p => p.Id)
                .Select(p => new ProjectView(p.Id, p.Name, p.Link, p.ContractAmountWan, p.Status, p.StartDate, p.EndDate,
                    UpgradeRecord.StartedWithin(assessedOn, p))).ToList() ?? [],
            History = record is null ? [] : await history.ForAsync(nameof(UpgradeRecord), record.Id, ct: ct),
            CanEdit = canEdit, Today = Today,
        };
    }

    /// <summary>The tracked record of the assessment with its problems and projects, or null before the first entry.</summary>
    public Task<UpgradeRecord?> FindAsync(Guid assessmentId, CancellationToken ct) =>
        db.UpgradeRecords.Include(u => u.Problems).Include(u => u.Projects).AsSplitQuery().SingleOrDefaultAsync(u => u.AssessmentId == assessmentId, ct);

    /// <summary>The record, made now from the confirmed assessment if this is the district's first entry.</summary>
    private async Task<UpgradeRecord> RecordForEntryAsync(Guid assessmentId, CancellationToken ct)
    {
        if (await FindAsync(assessmentId, ct) is { } existing)
        {
            return existing;
        }
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId, ct);
        var record = new UpgradeRecord(assessment, clock.UtcNow);
        db.UpgradeRecords.Add(record);
        return record;
    }

    public async Task AddProblemAsync(Guid assessmentId, ProblemForm form, CancellationToken ct)
    {
        var area = form.Area ?? throw new DomainException("请选择问题所属的能力域。", "NewProblem.Area");
        var record = await RecordForEntryAsync(assessmentId, ct);
        record.AddProblem(area, form.Description, clock.UtcNow);
        await SaveEntryAsync(assessmentId, ct);
    }

    /// <summary>Saves an added entry; two first entries for one enterprise at once: the unique index keeps one, the other is told.</summary>
    private async Task SaveEntryAsync(Guid assessmentId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (!await db.UpgradeRecords.AnyAsync(u => u.AssessmentId == assessmentId, ct))
            {
                throw;
            }
            throw new DomainException("同一时间另一位同事开始了该企业的跟踪，您填写的内容未保存：请刷新页面后重新提交。");
        }
    }

    public async Task UpdateProblemAsync(UpgradeRecord record, Guid problemId, Guid? version, ProblemForm form, CancellationToken ct)
    {
        db.ExpectVersion(record, version);
        var area = form.Area ?? throw new DomainException("请选择问题所属的能力域。", "Form.Area");
        record.UpdateProblem(problemId, area, form.Description, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveProblemAsync(UpgradeRecord record, Guid problemId, Guid? version, CancellationToken ct)
    {
        db.ExpectVersion(record, version);
        record.RemoveProblem(problemId, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task AddProjectAsync(Guid assessmentId, ProjectForm form, CancellationToken ct)
    {
        var input = Input(form);
        var record = await RecordForEntryAsync(assessmentId, ct);
        record.AddProject(input, clock.UtcNow);
        await SaveEntryAsync(assessmentId, ct);
    }

    public async Task UpdateProjectAsync(UpgradeRecord record, Guid projectId, Guid? version, ProjectForm form, CancellationToken ct)
    {
        db.ExpectVersion(record, version);
        record.UpdateProject(projectId, Input(form), clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task StartProjectAsync(UpgradeRecord record, Guid projectId, Guid? version, DateOnly? startDate, CancellationToken ct)
    {
        db.ExpectVersion(record, version);
        record.StartProject(projectId, startDate ?? throw new DomainException("请填写开始日期。", "startDate"), clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task CompleteProjectAsync(UpgradeRecord record, Guid projectId, Guid? version, DateOnly? endDate, CancellationToken ct)
    {
        db.ExpectVersion(record, version);
        record.CompleteProject(projectId, endDate ?? throw new DomainException("请填写完成日期。", "endDate"), clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    public async Task CancelProjectAsync(UpgradeRecord record, Guid projectId, Guid? version, CancellationToken ct)
    {
        db.ExpectVersion(record, version);
        record.CancelProject(projectId, clock.UtcNow);
        await db.SaveChangesAsync(ct);
    }

    private static FollowUpProjectInput Input(ProjectForm form) =>
        new(form.Name ?? string.Empty, form.Link ?? throw new DomainException("请选择项目所属的环节。", "Link"),
            form.ContractAmountWan, form.StartDate, form.EndDate);

    public Task<string> EnterpriseNameAsync(Guid enterpriseId, CancellationToken ct) =>
        db.Enterprises.AsNoTracking().Where(e => e.Id == enterpriseId).Select(e => e.Name).SingleAsync(ct);

    public static string AreaName(CapabilityArea area) => $"{area.Element()} · {area.ToChinese()}";
}
