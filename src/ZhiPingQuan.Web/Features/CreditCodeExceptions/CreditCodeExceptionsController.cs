using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

// The namespace differs from the folder so it does not hide the domain's CreditCodeExceptions class.
namespace ZhiPingQuan.Web.Features.CreditCodeExceptionRegistry;

public sealed class CreditCodeExceptionForm
{
    public string Code { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
}

/// <summary>
/// Admin's register of genuine legacy credit codes that fail the GB 32100 check (DESIGN §2).
/// The parser stays strict everywhere; only a code on this list is accepted despite its check character.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CreditCodeExceptionsController(AppDbContext db, IAuditTrail audit, IClock clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index()
    {
        ViewData["Entries"] = await db.CreditCodeExceptions.AsNoTracking().OrderByDescending(e => e.AtUtc).ToListAsync();
        return View(new CreditCodeExceptionForm());
    }

    [HttpPost]
    public async Task<IActionResult> Add(CreditCodeExceptionForm form)
    {
        var normalised = CreditCode.Normalise(form.Code);
        try
        {
            var entry = new CreditCodeException(form.Code, form.Reason, User.GetDisplayName(), clock.UtcNow);
            if (await db.CreditCodeExceptions.AnyAsync(e => e.Code == entry.Code))
            {
                throw new DomainException($"信用代码“{entry.Code.Value}”已登记为例外。");
            }
            db.CreditCodeExceptions.Add(entry);
            audit.Record(AuditAction.CreditCodeExceptionRegistered, nameof(CreditCodeException), entry.Id, null, entry.Code.Value, entry.Reason);
            await db.SaveChangesAsync();
            TempData["Success"] = $"已登记例外：{entry.Code.Value}。";
            return RedirectToAction(nameof(Index));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(form.Code), e.Message);
            ViewData["Entries"] = await db.CreditCodeExceptions.AsNoTracking().OrderByDescending(x => x.AtUtc).ToListAsync();
            form.Code = normalised;
            return View(nameof(Index), form);
        }
    }
}
