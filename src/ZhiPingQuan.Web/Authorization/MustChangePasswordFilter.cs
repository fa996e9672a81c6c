using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// A seeded account outside the demo must change its password before anything else (docs/domain.md §5):
/// every page but the account pages sends it to the change-password form.
/// </summary>
public sealed class MustChangePasswordFilter : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true || !user.HasClaim(PortalClaims.MustChangePassword, "true"))
        {
            return;
        }
        var controller = context.RouteData.Values["controller"] as string;
        if (controller is "Account" or "Errors")
        {
            return;
        }
        context.Result = new RedirectToActionResult("ChangePassword", "Account", null);
    }

    public void OnActionExecuted(ActionExecutedContext context) { }
}
