using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>
/// The current summary tables waiting in a state (<see cref="SummaryTableRules"/>), for the home pages: how many, and the
/// nearest ones with their days left.
/// </summary>
public sealed class SummaryTablesWaiting(AppDbContext db, IClock clock)
{
    public async Task<(int Count, string? Hint)> WaitingAsync(QueryRule<SummaryTable> rule, Guid? unitId, CancellationToken ct)
    {
        var query = db.SummaryTables.AsNoTracking().Where(rule);
        if (unitId is { } unit)
        {
            query = query.Where(t => t.RecommendingUnitId == unit);
        }
        var count = await query.CountAsync(ct);
        var nearest = await (
            from t in query
            join b in db.Batches on t.BatchId equals b.Id
            orderby b.Deadline
            select new { t.UnitName, t.Year, t.BatchName, t.Revision, b.Deadline }).Take(3).ToListAsync(ct);
        if (count == 0)
        {
            return (0, null);
        }
        var lines = nearest.Select(t => $"{(unitId is null ? t.UnitName + " " : string.Empty)}{t.Year}年{t.BatchName}（"
            + (t.Revision > 1 ? "退回重报" : Display.DaysLeft(ShanghaiTime.DaysLeft(clock, t.Deadline))) + "）");
        return (count, string.Join("；", lines) + (count > nearest.Count ? " 等" : string.Empty));
    }
}
