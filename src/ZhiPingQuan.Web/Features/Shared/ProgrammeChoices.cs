using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>An option of a list filter's select: the record's id and what the list calls it.</summary>
public sealed record Choice(Guid Id, string Name);

/// <summary>
/// The programme year, batch and unit options of the lists' filters, in the one order every list shows them: years latest
/// first, a year's batches in their sequence, units in their official order.
/// </summary>
public sealed class ProgrammeChoices(AppDbContext db)
{
    public async Task<IReadOnlyList<Choice>> YearsAsync(CancellationToken ct) =>
        (await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => new { y.Id, y.Year }).ToListAsync(ct))
        .Select(y => new Choice(y.Id, $"{y.Year}年度")).ToList();

    /// <summary>A year's batches by name; without a year, every year's batches named with their year, the latest year first.</summary>
    public async Task<IReadOnlyList<Choice>> BatchesAsync(Guid? yearId, CancellationToken ct)
    {
        var batches = await db.Batches.AsNoTracking()
            .Where(b => yearId == null || b.ProgrammeYearId == yearId)
            .Join(db.ProgrammeYears, b => b.ProgrammeYearId, y => y.Id, (b, y) => new { b.Id, y.Year, b.Sequence, b.Name })
            .OrderByDescending(x => x.Year).ThenBy(x => x.Sequence).ToListAsync(ct);
        return batches.Select(x => new Choice(x.Id, yearId is null ? $"{x.Year}年度 {x.Name}" : x.Name)).ToList();
    }

    public async Task<IReadOnlyList<Choice>> UnitsAsync(CancellationToken ct) =>
        (await db.RecommendingUnits.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
        .Select(u => new Choice(u.Id, u.Name)).ToList();
}
