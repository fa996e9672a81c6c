using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Agencies;

/// <summary>
/// 服务机构 register (docs/domain.md §4.2). The commission and Admin manage every agency; a district manages the
/// district-level agencies its own unit recommended and reads the municipal ones. Another unit's agency
/// answers 404, and a district can never place an agency under another unit.
/// </summary>
[Authorize(Roles = $"{Roles.Admin},{Roles.Commission},{Roles.District}")]
public sealed class AgenciesController(
    AgencyRegistry registry) : Controller
{
    /// <summary>The form's fields are posted as Form.Name etc. (the page's model wraps the form).</summary>
    private const string FormPrefix = "Form";

    [NotAScopedId("filter.UnitId", "narrows the commission's agency list; a district's is cleared, its list held to its own unit")]
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
        var agency = await registry.FindAsync(id, tracked: false, ct);
        if (agency is null)
        {
            return NotFound();
        }
        var canManage = await this.MayAsync(agency, Operations.Edit);
        // Staff accounts are shown to those who manage the agency, not to every district choosing among municipal ones.
        var staff = canManage ? await registry.StaffAsync(id, ct) : [];
        var history = canManage ? await registry.HistoryAsync(id, ct) : [];
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

    [NotAScopedId("form.Id", "cleared before use: a new record's id is made by the portal")]
    [NotAScopedId("form.RecommendingUnitId", "a district's own unit (pinned for a district), or for the commission a choice among the recommending units; an unknown one is refused beside the field")]
    [HttpPost]
    public async Task<IActionResult> Create(AgencyForm form, [FromServices] IValidator<AgencyForm> validator, CancellationToken ct)
    {
        form.Id = null;
        PinDistrictChoice(form);
        if (!await validator.ValidateIntoAsync(form, ModelState, FormPrefix))
        {
            return View(await EditModelAsync(form, ct));
        }
        var agency = await ModelState.TryAsync(() => InForm(() => registry.CreateAsync(form, User, ct)));
        if (agency is null)
        {
            return View(await EditModelAsync(form, ct));
        }
        TempData["Success"] = $"已登记服务机构：{agency.Name}。";
        return RedirectToAction(nameof(Details), new { id = agency.Id });
    }

    [ScopedId<ServiceAgency>(RecordAccess.Edit)]
    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken ct)
    {
        var agency = await registry.FindAsync(id, tracked: false, ct);
        return agency is null ? NotFound() : View(await EditModelAsync(AgencyRegistry.ToForm(agency), ct));
    }

    [NotAScopedId("form.Id", "overwritten with the route's id, which is scoped")]
    [NotAScopedId("form.RecommendingUnitId", "a district's own unit (pinned for a district), or for the commission a choice among the recommending units; an unknown one is refused beside the field")]
    [ScopedId<ServiceAgency>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Edit([FromRoute] Guid id, AgencyForm form, [FromServices] IValidator<AgencyForm> validator, CancellationToken ct)
    {
        var agency = await registry.FindAsync(id, tracked: true, ct);
        if (agency is null)
        {
            return NotFound();
        }
        form.Id = id;
        PinDistrictChoice(form);
        if (!await validator.ValidateIntoAsync(form, ModelState, FormPrefix))
        {
            return View(await EditModelAsync(form, ct));
        }
        if (!await ModelState.TryAsync(() => InForm(() => registry.UpdateAsync(agency, form, User, ct))))
        {
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

    /// <summary>The page's model wraps the form: a refusal naming a field of the form is shown beside it as Form.Field.</summary>
    private static async Task<T> InForm<T>(Func<Task<T>> change)
    {
        try
        {
            return await change();
        }
        catch (DomainException e) when (e.Field is { } field && !field.StartsWith(FormPrefix + ".", StringComparison.Ordinal))
        {
            throw new DomainException(e.Message, $"{FormPrefix}.{field}");
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
