using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Organisations;

/// <summary>Admin's register of every organisation an account can belong to.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OrganisationsController(
    OrganisationRegister register,
    IValidator<OrganisationForm> validator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? q, OrganisationKind? kind, int page = 1, CancellationToken ct = default) =>
        View(await register.PageAsync(q, kind, page, ct));

    [ScopedId<Organisation>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await register.DetailsAsync(id, ct) is { } model ? View(model) : NotFound();

    [HttpGet]
    public async Task<IActionResult> Create(OrganisationKind kind = OrganisationKind.Enterprise, CancellationToken ct = default) =>
        View(new OrganisationForm { Kind = kind, Units = await register.UnitsAsync(ct) });

    [NotAScopedId("form.Id", "cleared before use: a new record's id is made by the portal")]
    [NotAScopedId("form.RecommendingUnitId", "a choice among the recommending units, which the administrator may all use; an unknown one is refused beside the field")]
    [HttpPost]
    public async Task<IActionResult> Create(OrganisationForm form, CancellationToken ct)
    {
        form.Id = null;
        form.Units = await register.UnitsAsync(ct);
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var organisation = await ModelState.TryAsync(() => register.CreateAsync(form, ct));
        if (organisation is null)
        {
            return View(form);
        }
        TempData["Success"] = $"已新建单位：{organisation.Name}。";
        return RedirectToAction(nameof(Details), new { id = organisation.Id });
    }

    /// <summary>A refused name (empty, too long) ends on the refusal page; a missing or stale version on the 409 page.</summary>
    [ScopedId<Organisation>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Rename([FromRoute] Guid id, Guid? version, string? name, CancellationToken ct)
    {
        await register.RenameAsync(id, version, name, ct);
        TempData["Success"] = "单位名称已修改。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<Organisation>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> SetActive([FromRoute] Guid id, Guid? version, bool active, CancellationToken ct)
    {
        if (await TempData.TryAsync(string.Empty, () => register.SetActiveAsync(id, version, active, User.GetOrganisationId(), ct)))
        {
            TempData["Success"] = active ? "单位已启用。" : "单位已停用，其账户将无法登录。";
        }
        return RedirectToAction(nameof(Details), new { id });
    }
}
