using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ZhiPingQuan.Web.Features.Errors;

/// <summary>Chinese error pages. They never show exception details: those go to the log with the request id.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorsController : Controller
{
    [Route("/Errors/Error")]
    public IActionResult Error()
    {
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        ViewData["RequestId"] = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        return View();
    }

    [Route("/Errors/Status/{code:int}")]
    public IActionResult Status(int code)
    {
        Response.StatusCode = code;
        return View(code);
    }
}
