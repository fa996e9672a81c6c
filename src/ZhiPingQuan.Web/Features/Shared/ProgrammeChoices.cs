using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>An option of a list filter's select: the record's id and what the list calls it.</summary>
public sealed record Choice(Guid Id, string Name);

/// <summary>A batch as the pages that choose one show it (recommending, importing, building a summary table): its deadline, whether it is still open, the days left.</summary>
public sealed record BatchChoice(Guid Id, Guid ProgrammeYearId, int Year, string Name, DateOnly Deadline, bool IsOpen, int DaysLeft)
{
    /// <summary>"2026年度 第一批", as a select shows it.</summary>
    public string Label => $"{Year}年度 {Name}";

    /// <summary>"2026年度第一批", as a sentence names it.</summary>
    public string Title => $"{Year}年度{Name}";
}

/// <summary>
/// The programme year, batch and unit options of the lists' filters, in the one order every list shows them: years latest
/// first, a year's batches in their sequence, units in their official order.
/// </summary>
public sealed class ProgrammeChoices(AppDbContext db, IClock clock)
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

    /// <summary>A unit's name (a recommending unit's), or null when there is none with that id.</summary>
    public async Task<string?> UnitNameAsync(Guid unitId, CancellationToken ct) =>
        await db.RecommendingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct);

    /// <summary>Every batch of every programme year, the latest year first and a year's batches in sequence, with whether each is still open today.</summary>
    public Task<IReadOnlyList<BatchChoice>> BatchChoicesAsync(CancellationToken ct) => BatchChoicesAsync(null, ct);

    /// <summary>One batch as <see cref="BatchChoicesAsync(CancellationToken)"/> shows it, or null.</summary>
    public async Task<BatchChoice?> BatchChoiceAsync(Guid batchId, CancellationToken ct) =>
        (await BatchChoicesAsync(batchId, ct)).FirstOrDefault();

    private async Task<IReadOnlyList<BatchChoice>> BatchChoicesAsync(Guid? only, CancellationToken ct)
    {
        var today = ShanghaiTime.Today(clock);
        var rows = await db.Batches.AsNoTracking().Where(b => only == null || b.Id == only)
            .SelectWithRules(b => new { b.Id, b.ProgrammeYearId, b.ProgrammeYear!.Year, b.Name, b.Sequence, b.Deadline, Open = BatchRules.OpenOn.IsSatisfiedBy(b, today) })
            .ToListAsync(ct);
        return rows.OrderByDescending(b => b.Year).ThenBy(b => b.Sequence)
            .Select(b => new BatchChoice(b.Id, b.ProgrammeYearId, b.Year, b.Name, b.Deadline, b.Open, ShanghaiTime.DaysLeft(clock, b.Deadline)))
            .ToList();
    }
}
