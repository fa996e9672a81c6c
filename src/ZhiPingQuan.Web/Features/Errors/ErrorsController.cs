using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ZhiPingQuan.Web.Features.Errors;

/// <summary>What the error page shows: the request id, which the operators find in the log.</summary>
public sealed record ErrorPageModel(string RequestId);

/// <summary>
/// Chinese error pages. They never show exception details: those go to the log with the request id. The refusal page
/// (<c>Refused.cshtml</c>) is rendered by <see cref="Infrastructure.DomainExceptionFilter"/>, which passes its message in
/// the view data (the filter has no feature types to hand).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorsController : Controller
{
    [Route("/Errors/Error")]
    public IActionResult Error()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        return View(new ErrorPageModel(Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }

    [Route("/Errors/Status/{code:int}")]
    public IActionResult Status(int code)
    {
        Response.StatusCode = code;
        return View(code);
    }
}
