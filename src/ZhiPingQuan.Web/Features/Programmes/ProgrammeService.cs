using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Programmes;

/// <summary>
/// 项目设置 (docs/domain.md §3): the commission's programme years, amounts, batches and deadlines. The rules are
/// the domain's (<see cref="ProgrammeYear"/>, <see cref="Batch"/>), and so are the audit lines (their events):
/// this class loads, calls the domain and saves. Refusals are <see cref="DomainException"/>s; a missing or stale
/// version is refused by <see cref="VersionCheck.ExpectVersion{T}"/> (409). Nothing is saved then.
/// </summary>
public sealed class ProgrammeService(AppDbContext db, IClock clock)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    public async Task<IReadOnlyList<ProgrammeYearRow>> YearsAsync(CancellationToken ct)
    {
        var years = await db.ProgrammeYears.AsNoTracking().Include(y => y.Batches).OrderByDescending(y => y.Year).ToListAsync(ct);
        return years.Select(y => BatchRows.From(y, clock)).ToList();
    }

    public async Task<ProgrammeDetailsModel?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var year = await db.ProgrammeYears.AsNoTracking().Include(y => y.Batches).FirstOrDefaultAsync(y => y.Id == id, ct);
        if (year is null)
        {
            return null;
        }
        var batchIds = year.Batches.Select(b => b.Id).ToList();
        // What the programme counts as a recommended enterprise: recommended (not withdrawn), on the municipal track.
        var counts = await db.Recommendations.AsNoTracking()
            .Where(RecommendationRules.CountsForProgramme)
            .Where(r => batchIds.Contains(r.BatchId))
            .GroupBy(r => r.BatchId)
            .Select(g => new { BatchId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.BatchId, g => g.Count, ct);
        var batches = year.Batches.OrderBy(b => b.Sequence).Select(b => new BatchDetails(
            BatchRows.From(b, clock),
            BatchRows.Extensions(b),
            counts.GetValueOrDefault(b.Id),
            b.Version)).ToList();
        return new ProgrammeDetailsModel { Year = BatchRows.From(year, clock), Batches = batches };
    }

    /// <summary>The year with its batches; tracked when it is about to change.</summary>
    public Task<ProgrammeYear?> YearAsync(Guid id, bool tracked, CancellationToken ct) =>
        (tracked ? db.ProgrammeYears : db.ProgrammeYears.AsNoTracking()).Include(y => y.Batches).FirstOrDefaultAsync(y => y.Id == id, ct);

    /// <summary>The batch with its year (and, tracked, the year's other batches: a rename checks their names).</summary>
    public async Task<Batch?> BatchAsync(Guid id, bool tracked, CancellationToken ct)
    {
        if (!tracked)
        {
            return await db.Batches.AsNoTracking().Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.Id == id, ct);
        }
        var year = await db.ProgrammeYears.Include(y => y.Batches).FirstOrDefaultAsync(y => y.Batches.Any(b => b.Id == id), ct);
        return year?.Batches.Single(b => b.Id == id);
    }

    /// <summary>Opens a programme year. Refused when the year exists (also when someone created it a moment ago).</summary>
    public async Task<ProgrammeYear> CreateAsync(int yearNumber, decimal standardAmount, decimal? budgetCap, CancellationToken ct)
    {
        var year = new ProgrammeYear(yearNumber, new Money(standardAmount), Cap(budgetCap));
        db.ProgrammeYears.Add(year);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Someone created the same year between the check and the save: the unique index refused it.
            db.ChangeTracker.Clear();
            if (!await db.ProgrammeYears.AsNoTracking().AnyAsync(y => y.Year == yearNumber, ct))
            {
                throw;
            }
            throw new DomainException(DuplicateYearMessage(yearNumber), nameof(ProgrammeYearForm.Year));
        }
        return year;
    }

    public static string DuplicateYearMessage(int year) => $"{year}年度已存在，不能重复创建。如需调整，请修改该年度的设置。";

    /// <summary>Changes a year's amounts; false when nothing changed (nothing saved).</summary>
    public async Task<bool> SetAmountsAsync(ProgrammeYear year, Guid? version, decimal standardAmount, decimal? budgetCap, CancellationToken ct)
    {
        db.ExpectVersion(year, version);
        if (!year.SetAmounts(new Money(standardAmount), Cap(budgetCap)))
        {
            return false;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Batch> AddBatchAsync(ProgrammeYear year, string name, DateOnly deadline, CancellationToken ct)
    {
        var batch = year.AddBatch(name, deadline);
        await db.SaveChangesAsync(ct);
        return batch;
    }

    /// <summary>Renames a batch (never its deadline); false when the name stays (nothing saved).</summary>
    public async Task<bool> RenameBatchAsync(Batch batch, Guid? version, string name, CancellationToken ct)
    {
        db.ExpectVersion(batch, version);
        if (!batch.ProgrammeYear!.RenameBatch(batch.Id, name))
        {
            return false;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Moves a deadline later, with a reason on record; returns the recorded extension.</summary>
    public async Task<DeadlineExtension> ExtendDeadlineAsync(Batch batch, Guid? version, DateOnly newDeadline, string reason, string byUserName, CancellationToken ct)
    {
        db.ExpectVersion(batch, version);
        batch.ExtendDeadline(newDeadline, reason, byUserName, clock.UtcNow);
        await db.SaveChangesAsync(ct);
        return batch.DeadlineExtensions[^1];
    }

    private static Money? Cap(decimal? cap) => cap is { } c ? new Money(c) : null;
}
