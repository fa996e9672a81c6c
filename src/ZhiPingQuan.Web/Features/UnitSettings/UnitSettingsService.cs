using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.UnitSettings;

/// <summary>
/// 本单位设置 (docs/domain.md §2): a unit's focus industries and 规上 count per programme year. The rules and the
/// audit lines are the domain's (<see cref="UnitYearSettings"/> and its events): this class loads, calls the domain
/// and saves. A change of saved settings needs the version the form was read at (missing or stale: 409).
/// </summary>
public sealed class UnitSettingsService(AppDbContext db, IClock clock)
{
    public Task<RecommendingUnit?> UnitAsync(Guid? organisationId, CancellationToken ct) =>
        db.RecommendingUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == organisationId, ct);

    public async Task<IReadOnlyList<YearChoice>> YearsAsync(CancellationToken ct) =>
        await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => new YearChoice(y.Id, y.Year)).ToListAsync(ct);

    /// <summary>The asked-for year, else the current calendar year's programme, else the latest.</summary>
    public YearChoice? PickYear(IReadOnlyList<YearChoice> years, Guid? yearId) =>
        years.FirstOrDefault(y => y.Id == yearId)
        ?? years.FirstOrDefault(y => y.Year == ShanghaiTime.Today(clock).Year)
        ?? years.FirstOrDefault();

    public Task<UnitYearSettings?> SettingsAsync(Guid unitId, Guid yearId, CancellationToken ct) =>
        db.UnitYearSettings.AsNoTracking().FirstOrDefaultAsync(s => s.RecommendingUnitId == unitId && s.ProgrammeYearId == yearId, ct);

    /// <summary>
    /// Enters the unit's settings for the year, or changes them (<paramref name="version"/>: the saved settings' version
    /// the form was read at). Returns false when nothing changed (nothing saved).
    /// </summary>
    public async Task<bool> SaveAsync(RecommendingUnit unit, Guid yearId, Guid? version, IReadOnlyList<KeyIndustry> focusIndustries, int aboveSizeEnterpriseCount, CancellationToken ct)
    {
        var year = await db.ProgrammeYears.AsNoTracking().FirstAsync(y => y.Id == yearId, ct);
        var settings = await db.UnitYearSettings.FirstOrDefaultAsync(s => s.RecommendingUnitId == unit.Id && s.ProgrammeYearId == year.Id, ct);
        if (settings is not null)
        {
            // Two colleagues editing at once: the later save is refused rather than silently winning.
            db.ExpectVersion(settings, version);
            if (!settings.Update(unit, year, focusIndustries, aboveSizeEnterpriseCount))
            {
                return false;
            }
            await db.SaveChangesAsync(ct);
            return true;
        }
        db.UnitYearSettings.Add(new UnitYearSettings(unit, year, focusIndustries, aboveSizeEnterpriseCount));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // A colleague entered the year's settings a moment ago (the unique index kept theirs): theirs stand (409).
            db.ChangeTracker.Clear();
            if (await SettingsAsync(unit.Id, year.Id, ct) is null)
            {
                throw;
            }
            throw new DbUpdateConcurrencyException($"UnitYearSettings of {unit.Id} for {year.Id} were entered meanwhile.", e);
        }
        return true;
    }

    /// <summary>Every active unit's settings for one year (or the default year), read-only.</summary>
    public async Task<AllUnitSettingsModel> AllAsync(Guid? yearId, CancellationToken ct)
    {
        var years = await YearsAsync(ct);
        var year = PickYear(years, yearId);
        var units = await db.RecommendingUnits.AsNoTracking().Where(u => u.IsActive)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var settings = year is null
            ? []
            : await db.UnitYearSettings.AsNoTracking().Where(s => s.ProgrammeYearId == year.Id).ToListAsync(ct);
        var byUnit = settings.ToDictionary(s => s.RecommendingUnitId);
        var rows = units.Select(u => byUnit.TryGetValue(u.Id, out var s)
            ? new UnitSettingsRow(u.Id, u.Name, s.FocusIndustries, s.AboveSizeEnterpriseCount)
            : new UnitSettingsRow(u.Id, u.Name, null, null)).ToList();
        return new AllUnitSettingsModel { Year = year?.Year, YearId = year?.Id, Years = years, Rows = rows };
    }
}
