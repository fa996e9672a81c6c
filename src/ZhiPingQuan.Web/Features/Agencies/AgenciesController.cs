using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Agencies;

/// <summary>
/// 服务机构 register (docs/domain.md §4.2). The commission and Admin manage every agency; a district manages the
/// district-level agencies its own unit recommended and reads the municipal ones. Another unit's agency
/// answers 404, and a district can never place an agency under another unit.
/// </summary>
[Authorize(Roles = $"{Roles.Admin},{Roles.Commission},{Roles.District}")]
public sealed class AgenciesController(
    AppDbContext db,
    AgencyRegistry registry,
    IValidator<AgencyForm> validator) : Controller
{
    /// <summary>The form's fields are posted as Form.Name etc. (the page's model wraps the form).</summary>
    private const string FormPrefix = "Form";

    [HttpGet]
    public async Task<IActionResult> Index([FromQuery] AgencyFilter filter, CancellationToken ct)
    {
        var isDistrict = User.IsInRole(Roles.District);
        if (isDistrict)
        {
            // A district's list holds only its own unit's district-level agencies besides the municipal ones.
            filter.UnitId = null;
        }
        var page = await PagedList.CreateAsync(registry.Search(User, filter), filter.Page, ct: ct);
        return View(new AgencyListModel
        {
            Filter = filter,
            Agencies = page,
            Today = registry.Today,
            IsDistrict = isDistrict,
            Manageable = await registry.ManageableAsync(User, page.Items.Select(a => a.Id).ToList(), ct),
            Units = isDistrict ? [] : await registry.UnitsAsync(ct),
        });
    }

    [ScopedId<ServiceAgency>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct)
    {
        var agency = await db.ServiceAgencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null || !await this.MayAsync(agency, Operations.Read))
        {
            return NotFound();
        }
        var canManage = await this.MayAsync(agency, Operations.Edit);
        // Staff accounts are shown to those who manage the agency, not to every district choosing among municipal ones.
        var staff = canManage
            ? await db.Users.AsNoTracking().Where(u => u.OrganisationId == id).OrderBy(u => u.DisplayName)
                .Select(u => new AgencyStaffRow(u.Id, u.DisplayName, u.Email ?? "", u.LastSignInAtUtc)).ToListAsync(ct)
            : [];
        var history = canManage
            ? await db.AuditEntries.AsNoTracking().Where(a => a.RecordType == nameof(ServiceAgency) && a.RecordId == id)
                .OrderByDescending(a => a.AtUtc).Take(50).ToListAsync(ct)
            : [];
        return View(new AgencyDetailsModel
        {
            Agency = agency,
            UnitName = await registry.UnitNameAsync(agency.RecommendingUnitId, ct),
            Today = registry.Today,
            Staff = staff,
            History = history,
            CanManage = canManage,
            CanAddAccounts = User.IsInRole(Roles.Admin) && agency.IsActive,
        });
    }

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken ct)
    {
        var form = new AgencyForm { ValidFrom = registry.Today, Level = User.IsInRole(Roles.District) ? AgencyLevel.District : AgencyLevel.Municipal };
        return View(await EditModelAsync(form, ct));
    }

    [HttpPost]
    public async Task<IActionResult> Create(AgencyForm form, CancellationToken ct)
    {
        form.Id = null;
        PinDistrictChoice(form);
        if (!await validator.ValidateIntoAsync(form, ModelState, FormPrefix))
        {
            return View(await EditModelAsync(form, ct));
        }
        var (agency, errors) = await registry.CreateAsync(form, User, ct);
        if (agency is null)
        {
            AddErrors(errors);
            return View(await EditModelAsync(form, ct));
        }
        TempData["Success"] = $"已登记服务机构：{agency.Name}。";
        return RedirectToAction(nameof(Details), new { id = agency.Id });
    }

    [ScopedId<ServiceAgency>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var agency = await db.ServiceAgencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null || !await this.MayAsync(agency, Operations.Edit))
        {
            return NotFound();
        }
        return View(await EditModelAsync(AgencyRegistry.ToForm(agency), ct));
    }

    [ScopedId<ServiceAgency>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, AgencyForm form, CancellationToken ct)
    {
        var agency = await db.ServiceAgencies.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null || !await this.MayAsync(agency, Operations.Edit))
        {
            return NotFound();
        }
        form.Id = id;
        PinDistrictChoice(form);
        if (!await validator.ValidateIntoAsync(form, ModelState, FormPrefix))
        {
            return View(await EditModelAsync(form, ct));
        }
        var errors = await registry.UpdateAsync(agency, form, User, ct);
        if (errors.Count > 0)
        {
            AddErrors(errors);
            return View(await EditModelAsync(form, ct));
        }
        TempData["Success"] = "服务机构信息已保存。";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>A district's agency is district-level and its own unit's: posted values for either are ignored.</summary>
    private void PinDistrictChoice(AgencyForm form)
    {
        if (User.IsInRole(Roles.District))
        {
            form.Level = AgencyLevel.District;
            form.RecommendingUnitId = User.RequireOrganisationId();
        }
    }

    private void AddErrors(IEnumerable<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field.Length == 0 ? string.Empty : $"{FormPrefix}.{field}", message);
        }
    }

    private async Task<AgencyEditModel> EditModelAsync(AgencyForm form, CancellationToken ct)
    {
        var isDistrict = User.IsInRole(Roles.District);
        return new AgencyEditModel
        {
            Form = form,
            IsDistrict = isDistrict,
            OwnUnitName = isDistrict ? await registry.UnitNameAsync(User.RequireOrganisationId(), ct) : null,
            Units = isDistrict ? [] : await registry.UnitsAsync(ct),
        };
    }
}
