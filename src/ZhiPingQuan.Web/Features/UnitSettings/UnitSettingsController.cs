using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.UnitSettings;

/// <summary>
/// 本单位设置 (DESIGN §2): each year a district chooses its focus industries and enters its count of
/// 规上工业企业 (the coverage denominator). A district edits only its own unit — the unit always comes
/// from the signed-in user's organisation. The commission and the third party read every unit's entries.
/// </summary>
public sealed class UnitSettingsController(
    AppDbContext db,
    IClock clock,
    IAuditTrail audit,
    IValidator<UnitSettingsForm> validator) : Controller
{
    [ScopedId<ProgrammeYear>(RecordAccess.Read, "yearId")]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Index(Guid? yearId)
    {
        var unit = await OwnUnitAsync();
        if (unit is null)
        {
            return NotFound();
        }
        var years = await YearsAsync();
        var year = PickYear(years, yearId);
        if (year is null)
        {
            return View(new UnitSettingsForm { UnitName = unit.Value.Name, Years = years });
        }
        var settings = await db.UnitYearSettings.AsNoTracking()
            .FirstOrDefaultAsync(s => s.RecommendingUnitId == unit.Value.Id && s.ProgrammeYearId == year.Id);
        return View(new UnitSettingsForm
        {
            ProgrammeYearId = year.Id,
            Year = year.Year,
            Years = years,
            UnitName = unit.Value.Name,
            Version = settings?.Version,
            FocusIndustries = settings?.FocusIndustries.ToList() ?? [],
            AboveSizeEnterpriseCount = settings?.AboveSizeEnterpriseCount,
            Saved = settings is not null,
        });
    }

    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Index(UnitSettingsForm form)
    {
        var unit = await OwnUnitAsync();
        if (unit is null)
        {
            return NotFound();
        }
        var years = await YearsAsync();
        var year = years.FirstOrDefault(y => y.Id == form.ProgrammeYearId);
        if (year is null)
        {
            return NotFound();
        }
        (form.UnitName, form.Year, form.Years) = (unit.Value.Name, year.Year, years);
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var unitId = unit.Value.Id;
        var settings = await db.UnitYearSettings.FirstOrDefaultAsync(s => s.RecommendingUnitId == unitId && s.ProgrammeYearId == year.Id);
        form.Saved = settings is not null;
        var before = settings is null ? null : Describe(settings);
        try
        {
            if (settings is null)
            {
                settings = new UnitYearSettings(unitId, year.Id, form.FocusIndustries, form.AboveSizeEnterpriseCount!.Value);
                db.UnitYearSettings.Add(settings);
            }
            else
            {
                if (form.Version is { } v)
                {
                    // Two colleagues editing at once: the later save is refused rather than silently winning.
                    db.Entry(settings).Property(nameof(settings.Version)).OriginalValue = v;
                }
                settings.Update(form.FocusIndustries, form.AboveSizeEnterpriseCount!.Value);
            }
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return View(form);
        }
        var after = Describe(settings);
        if (after != before)
        {
            audit.Record(before is null ? AuditAction.UnitSettingsEntered : AuditAction.UnitSettingsChanged, nameof(UnitYearSettings), settings.Id,
                before, after, $"{unit.Value.Name}，{year.Year}年度");
            await db.SaveChangesAsync();
        }
        TempData["Success"] = after == before ? "没有改动。" : $"已保存{unit.Value.Name}{year.Year}年度设置。";
        return RedirectToAction(nameof(Index), new { yearId = year.Id });
    }

    /// <summary>Every unit's entries for one year, read-only.</summary>
    [ScopedId<ProgrammeYear>(RecordAccess.Read, "yearId")]
    [HttpGet]
    [Authorize(Roles = $"{Roles.Commission},{Roles.ThirdParty}")]
    public async Task<IActionResult> All(Guid? yearId)
    {
        var years = await YearsAsync();
        var year = PickYear(years, yearId);
        var units = await db.RecommendingUnits.AsNoTracking().Where(u => u.IsActive)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync();
        var settings = year is null
            ? []
            : await db.UnitYearSettings.AsNoTracking().Where(s => s.ProgrammeYearId == year.Id).ToListAsync();
        var byUnit = settings.ToDictionary(s => s.RecommendingUnitId);
        var rows = units.Select(u => byUnit.TryGetValue(u.Id, out var s)
            ? new UnitSettingsRow(u.Id, u.Name, s.FocusIndustries, s.AboveSizeEnterpriseCount)
            : new UnitSettingsRow(u.Id, u.Name, null, null)).ToList();
        return View(new AllUnitSettingsModel { Year = year?.Year, YearId = year?.Id, Years = years, Rows = rows });
    }

    private async Task<(Guid Id, string Name)?> OwnUnitAsync()
    {
        var orgId = User.GetOrganisationId();
        var unit = await db.RecommendingUnits.AsNoTracking().Where(u => u.Id == orgId)
            .Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync();
        return unit is null ? null : (unit.Id, unit.Name);
    }

    private async Task<IReadOnlyList<YearChoice>> YearsAsync() =>
        await db.ProgrammeYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => new YearChoice(y.Id, y.Year)).ToListAsync();

    /// <summary>The asked-for year, else the current calendar year's programme, else the latest.</summary>
    private YearChoice? PickYear(IReadOnlyList<YearChoice> years, Guid? yearId) =>
        years.FirstOrDefault(y => y.Id == yearId)
        ?? years.FirstOrDefault(y => y.Year == ShanghaiTime.Today(clock).Year)
        ?? years.FirstOrDefault();

    private static string Describe(UnitYearSettings s) =>
        $"重点行业：{FocusIndustryText.Join(s.FocusIndustries)}；规上工业企业数：{s.AboveSizeEnterpriseCount}";
}
