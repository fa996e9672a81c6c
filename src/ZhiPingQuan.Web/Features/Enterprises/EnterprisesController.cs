using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Enterprises;

public sealed record EnterpriseRow(Guid Id, string Name, string CreditCode, string Industry, decimal AnnualOutputWanYuan, string UnitName);

/// <summary>Enterprise records, scoped by organisation: a record outside the user's scope answers 404.</summary>
[Authorize(Roles = $"{Roles.District},{Roles.Enterprise},{Roles.Commission},{Roles.ThirdParty},{Roles.Admin}")]
public sealed class EnterprisesController(AppDbContext db) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? q, int page = 1)
    {
        var query = db.Organisations.OfType<Enterprise>().AsNoTracking().VisibleTo(User);
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(e => e.Name.Contains(q.Trim()));
        }
        var rows = query.OrderBy(e => e.Name).Select(e => new
        {
            e.Id,
            e.Name,
            e.CreditCode,
            e.Industry,
            e.AnnualOutputWanYuan,
            UnitName = db.Organisations.Where(u => u.Id == e.RecommendingUnitId).Select(u => u.Name).FirstOrDefault(),
        });
        var paged = await PagedList.CreateAsync(rows, page);
        ViewData["Query"] = q;
        return View(paged.Map(r => new EnterpriseRow(r.Id, r.Name, r.CreditCode.Value, r.Industry.ToChinese(), r.AnnualOutputWanYuan, r.UnitName ?? "")));
    }

    /// <summary>The signed-in enterprise's own record.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Enterprise)]
    public IActionResult Mine() => RedirectToAction(nameof(Details), new { id = User.RequireOrganisationId() });

    [HttpGet]
    public async Task<IActionResult> Details(Guid id)
    {
        var enterprise = await db.Organisations.OfType<Enterprise>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id);
        if (enterprise is null || !await this.MayAsync(enterprise, Operations.Read))
        {
            return NotFound();
        }
        ViewData["UnitName"] = await db.Organisations.Where(u => u.Id == enterprise.RecommendingUnitId).Select(u => u.Name).FirstOrDefaultAsync();
        return View(enterprise);
    }
}
