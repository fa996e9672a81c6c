using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// What an account must do before anything else (docs/domain.md §5, docs/decisions/0013-sessions-and-separation-of-duties.md): a seeded
/// account outside the demo changes its password; an account whose role requires two-factor sign-in enrols its
/// authenticator. Every page but the account pages sends it there.
/// </summary>
public sealed class AccountDutiesFilter : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var controller = context.RouteData.Values["controller"] as string;
        if (controller is "Account" or "Errors")
        {
            return;
        }
        if (user.HasClaim(PortalClaims.MustChangePassword, "true"))
        {
            context.Result = new RedirectToActionResult("ChangePassword", "Account", null);
        }
        else if (user.HasClaim(PortalClaims.MustEnrolTwoFactor, "true"))
        {
            context.Result = new RedirectToActionResult("TwoFactor", "Account", null);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context) { }
}
