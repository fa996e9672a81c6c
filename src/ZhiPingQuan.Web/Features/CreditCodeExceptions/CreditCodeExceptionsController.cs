using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

// The namespace differs from the folder so it does not hide the domain's CreditCodeExceptions class.
namespace ZhiPingQuan.Web.Features.CreditCodeExceptionRegistry;

/// <summary>
/// Admin's register of genuine legacy credit codes that fail the GB 32100 check (docs/domain.md §2).
/// The parser stays strict everywhere; only a code on this list is accepted despite its check character.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CreditCodeExceptionsController(CreditCodeExceptionRegistry registry) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await PageAsync(new CreditCodeExceptionForm(), ct));

    [HttpPost]
    public async Task<IActionResult> Add(CreditCodeExceptionForm form, CancellationToken ct)
    {
        // Refusals of a registration are about the code (a passing check, a duplicate) or its reason: shown above the form.
        var entry = await ModelState.TryAsync(nameof(form.Code), () => registry.RegisterAsync(form.Code, form.Reason, User.GetDisplayName(), ct));
        if (entry is null)
        {
            form.Code = CreditCode.Normalise(form.Code);
            return View(nameof(Index), await PageAsync(form, ct));
        }
        TempData["Success"] = $"已登记例外：{entry.Code.Value}。";
        return RedirectToAction(nameof(Index));
    }

    private async Task<CreditCodeExceptionsPageModel> PageAsync(CreditCodeExceptionForm form, CancellationToken ct) =>
        new() { Form = form, Entries = await registry.EntriesAsync(ct) };
}
