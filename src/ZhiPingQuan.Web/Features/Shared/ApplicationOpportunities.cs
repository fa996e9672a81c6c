using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>
/// A batch an enterprise is listed for in a submitted summary table — so it may apply for the quota (docs/domain.md §4.4) —
/// with the deadline, and the enterprise's active application of that programme year if it has one.
/// </summary>
public sealed record ApplicationOpportunity(
    Guid BatchId, Guid ProgrammeYearId, int Year, string BatchName, DateOnly Deadline, int DaysLeft,
    Guid? ApplicationId, QuotaApplicationState? ApplicationState, Guid? ApplicationBatchId)
{
    public string BatchLabel => $"{Year}年度{BatchName}";

    public bool IsOpen => DaysLeft >= 0;

    /// <summary>No active application this year yet (a withdrawn one does not count).</summary>
    public bool MayStart => ApplicationId is null;
}

/// <summary>
/// Where an enterprise stands for the quota: read by its home page and by the application pages. "Listed" means a row of the
/// current, submitted summary table of its unit and that batch (<see cref="SummaryTableRules.CurrentAndSubmitted"/>).
/// </summary>
public sealed class ApplicationOpportunities(AppDbContext db, IClock clock)
{
    public async Task<IReadOnlyList<ApplicationOpportunity>> ForEnterpriseAsync(Guid enterpriseId, CancellationToken ct)
    {
        var listed = await (
            from row in db.SummaryTableRows
            join t in db.SummaryTables.Where(SummaryTableRules.CurrentAndSubmitted) on row.SummaryTableId equals t.Id
            join b in db.Batches on t.BatchId equals b.Id
            join y in db.ProgrammeYears on b.ProgrammeYearId equals y.Id
            where row.EnterpriseId == enterpriseId
            orderby y.Year descending, b.Sequence
            select new { BatchId = b.Id, YearId = y.Id, y.Year, b.Name, b.Deadline })
            .AsNoTracking().ToListAsync(ct);
        var yearIds = listed.Select(l => l.YearId).Distinct().ToList();
        var active = await db.QuotaApplications.AsNoTracking()
            .Where(a => a.EnterpriseId == enterpriseId && yearIds.Contains(a.ProgrammeYearId))
            .Where(QuotaApplicationRules.Active)
            .Select(a => new { a.Id, a.ProgrammeYearId, a.State, a.BatchId })
            .ToListAsync(ct);
        return listed.Select(l =>
        {
            var application = active.FirstOrDefault(a => a.ProgrammeYearId == l.YearId);
            return new ApplicationOpportunity(l.BatchId, l.YearId, l.Year, l.Name, l.Deadline, ShanghaiTime.DaysLeft(clock, l.Deadline),
                application?.Id, application?.State, application?.BatchId);
        }).ToList();
    }
}
