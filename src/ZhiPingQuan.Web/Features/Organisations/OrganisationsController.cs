using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Organisations;

/// <summary>Admin's register of every organisation an account can belong to.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OrganisationsController(
    AppDbContext db,
    AccountDirectory accounts,
    IAuditTrail audit,
    IValidator<OrganisationForm> validator) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? q, OrganisationKind? kind, int page = 1)
    {
        var query = db.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(o => o.Name.Contains(q.Trim()));
        }
        if (kind is not null)
        {
            query = query.Where(o => o.Kind == kind);
        }
        var rows = query
            .OrderBy(o => o.Kind)
            .ThenBy(o => o is RecommendingUnit ? ((RecommendingUnit)o).SortOrder : 0)
            .ThenBy(o => o.Name)
            .Select(o => new OrganisationRow(o.Id, o.Name, o.Kind, o.IsActive,
                o is RecommendingUnit ? ((RecommendingUnit)o).Code : null,
                db.Users.Count(u => u.OrganisationId == o.Id)));
        return View(new OrganisationListModel { Query = q, Kind = kind, Organisations = await PagedList<OrganisationRow>.CreateAsync(rows, page) });
    }

    [ScopedId<Organisation>]
    [HttpGet]
    public async Task<IActionResult> Details(Guid id)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);
        if (organisation is null)
        {
            return NotFound();
        }
        ViewData["Users"] = (await accounts.SearchAsync(null, null, id, 1)).Items;
        if (organisation is Enterprise e)
        {
            ViewData["UnitName"] = await db.Organisations.Where(o => o.Id == e.RecommendingUnitId).Select(o => o.Name).FirstOrDefaultAsync();
        }
        if (organisation is ServiceAgency { RecommendingUnitId: { } unitId })
        {
            ViewData["UnitName"] = await db.Organisations.Where(o => o.Id == unitId).Select(o => o.Name).FirstOrDefaultAsync();
        }
        return View(organisation);
    }

    [HttpGet]
    public async Task<IActionResult> Create(OrganisationKind kind = OrganisationKind.Enterprise) =>
        View(new OrganisationForm { Kind = kind, Units = await LoadUnits() });

    [HttpPost]
    public async Task<IActionResult> Create(OrganisationForm form)
    {
        form.Id = null;
        form.Units = await LoadUnits();
        if (!await validator.ValidateIntoAsync(form, ModelState))
        {
            return View(form);
        }
        var organisation = await BuildAsync(form);
        if (organisation is null)
        {
            return View(form);
        }
        db.Organisations.Add(organisation);
        audit.Record(AuditAction.OrganisationCreated, nameof(Organisation), organisation.Id, null, organisation.Kind.ToString(), organisation.Name);
        await db.SaveChangesAsync();
        TempData["Success"] = $"已新建单位：{organisation.Name}。";
        return RedirectToAction(nameof(Details), new { id = organisation.Id });
    }

    private async Task<Organisation?> BuildAsync(OrganisationForm form)
    {
        switch (form.Kind)
        {
            case OrganisationKind.RecommendingUnit:
                return new RecommendingUnit(form.Name, form.UnitCode, form.SortOrder);
            case OrganisationKind.Enterprise:
            {
                var code = CreditCode.Parse(form.CreditCode);
                var holder = await db.Organisations.OfType<Enterprise>().Where(e => e.CreditCode == code)
                    .Select(e => db.Organisations.Where(u => u.Id == e.RecommendingUnitId).Select(u => u.Name).FirstOrDefault())
                    .FirstOrDefaultAsync();
                if (holder is not null)
                {
                    ModelState.AddModelError(nameof(form.CreditCode), $"该统一社会信用代码已由{holder}登记，不能重复登记。");
                    return null;
                }
                if (!await IsUnit(form.RecommendingUnitId))
                {
                    ModelState.AddModelError(nameof(form.RecommendingUnitId), "所选推荐单位不存在。");
                    return null;
                }
                return new Enterprise(form.Name, code, form.Industry!.Value, form.AnnualOutputWanYuan!.Value, form.RecommendingUnitId!.Value);
            }
            case OrganisationKind.Agency:
            {
                var code = CreditCode.Parse(form.CreditCode);
                if (await db.Organisations.OfType<ServiceAgency>().AnyAsync(a => a.CreditCode == code))
                {
                    ModelState.AddModelError(nameof(form.CreditCode), "该统一社会信用代码已登记为服务机构。");
                    return null;
                }
                var unitId = form.AgencyLevel == AgencyLevel.District ? form.RecommendingUnitId : null;
                if (unitId is not null && !await IsUnit(unitId))
                {
                    ModelState.AddModelError(nameof(form.RecommendingUnitId), "所选推荐单位不存在。");
                    return null;
                }
                return new ServiceAgency(form.Name, code, form.AgencyLevel!.Value, unitId, form.ValidFrom!.Value, form.ValidTo, form.InCatalogue);
            }
            default:
                return new Organisation(form.Name, form.Kind);
        }
    }

    [ScopedId<Organisation>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> Rename([FromRoute] Guid id, string name)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id);
        if (organisation is null)
        {
            return NotFound();
        }
        var before = organisation.Name;
        organisation.Rename(name);
        audit.Record(AuditAction.OrganisationRenamed, nameof(Organisation), id, before, organisation.Name);
        await db.SaveChangesAsync();
        TempData["Success"] = "单位名称已修改。";
        return RedirectToAction(nameof(Details), new { id });
    }

    [ScopedId<Organisation>(RecordAccess.Edit)]
    [HttpPost]
    public async Task<IActionResult> SetActive([FromRoute] Guid id, bool active)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id);
        if (organisation is null)
        {
            return NotFound();
        }
        if (!active && organisation.Id == User.GetOrganisationId())
        {
            TempData["Error"] = "不能停用您自己所属的单位。";
            return RedirectToAction(nameof(Details), new { id });
        }
        var before = organisation.IsActive ? "启用" : "停用";
        if (active)
        {
            organisation.Activate();
        }
        else
        {
            organisation.Deactivate();
        }
        audit.Record(active ? AuditAction.OrganisationActivated : AuditAction.OrganisationDeactivated, nameof(Organisation), id, before, active ? "启用" : "停用", organisation.Name);
        await db.SaveChangesAsync();
        TempData["Success"] = active ? "单位已启用。" : "单位已停用，其账户将无法登录。";
        return RedirectToAction(nameof(Details), new { id });
    }

    private Task<bool> IsUnit(Guid? id) => db.Organisations.OfType<RecommendingUnit>().AnyAsync(u => u.Id == id);

    private async Task<IReadOnlyList<UnitChoice>> LoadUnits() =>
        await db.Organisations.OfType<RecommendingUnit>().OrderBy(u => u.SortOrder).Select(u => new UnitChoice(u.Id, u.Name)).ToListAsync();
}
