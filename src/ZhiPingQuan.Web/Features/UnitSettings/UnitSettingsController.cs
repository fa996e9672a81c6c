using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.UnitSettings;

/// <summary>
/// 本单位设置 (docs/domain.md §2): each year a district chooses its focus industries and enters its count of
/// 规上工业企业 (the coverage denominator). A district edits only its own unit — the unit always comes
/// from the signed-in user's organisation. The commission and the third party read every unit's entries.
/// </summary>
public sealed class UnitSettingsController(
    UnitSettingsService service,
    IValidator<UnitSettingsForm> validator) : Controller
{
    [ScopedId<ProgrammeYear>(RecordAccess.Read, "yearId")]
    [HttpGet]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Index(Guid? yearId, CancellationToken ct)
    {
        var unit = await service.UnitAsync(User.GetOrganisationId(), ct);
        if (unit is null)
        {
            return NotFound();
        }
        var years = await service.YearsAsync(ct);
        var year = service.PickYear(years, yearId);
        if (year is null)
        {
            return View(new UnitSettingsForm { UnitName = unit.Name, Years = years });
        }
        var settings = await service.SettingsAsync(unit.Id, year.Id, ct);
        return View(new UnitSettingsForm
        {
            ProgrammeYearId = year.Id,
            Year = year.Year,
            Years = years,
            UnitName = unit.Name,
            Version = settings?.Version,
            FocusIndustries = settings?.FocusIndustries.ToList() ?? [],
            AboveSizeEnterpriseCount = settings?.AboveSizeEnterpriseCount,
            Saved = settings is not null,
        });
    }

    [ScopedId<ProgrammeYear>(RecordAccess.Read, "form.ProgrammeYearId")]
    [HttpPost]
    [Authorize(Roles = Roles.District)]
    public async Task<IActionResult> Index(UnitSettingsForm form, CancellationToken ct)
    {
        var unit = await service.UnitAsync(User.GetOrganisationId(), ct);
        if (unit is null)
        {
            return NotFound();
        }
        var years = await service.YearsAsync(ct);
        var year = years.FirstOrDefault(y => y.Id == form.ProgrammeYearId);
        if (year is null)
        {
            return NotFound();
        }
        (form.UnitName, form.Year, form.Years) = (unit.Name, year.Year, years);
        form.Saved = await service.SettingsAsync(unit.Id, year.Id, ct) is not null;
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var changed = false;
        if (!await ModelState.TryAsync(async () =>
                changed = await service.SaveAsync(unit, year.Id, form.Version, form.FocusIndustries, form.AboveSizeEnterpriseCount!.Value, ct)))
        {
            return View(form);
        }
        TempData["Success"] = changed ? $"已保存{unit.Name}{year.Year}年度设置。" : "没有改动。";
        return RedirectToAction(nameof(Index), new { yearId = year.Id });
    }

    /// <summary>Every unit's entries for one year, read-only.</summary>
    [ScopedId<ProgrammeYear>(RecordAccess.Read, "yearId")]
    [HttpGet]
    [Authorize(Roles = $"{Roles.Commission},{Roles.ThirdParty}")]
    public async Task<IActionResult> All(Guid? yearId, CancellationToken ct) => View(await service.AllAsync(yearId, ct));
}
