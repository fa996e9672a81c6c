using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace ZhiPingQuan.Web.Authorization;

public static class ControllerAuthorizationExtensions
{
    /// <summary>
    /// True when the user may perform the operation on the record. Callers answer 404 otherwise,
    /// so another organisation's record is indistinguishable from one that does not exist.
    /// </summary>
    public static async Task<bool> MayAsync(this Controller controller, object record, OperationAuthorizationRequirement operation)
    {
        var auth = controller.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await auth.AuthorizeAsync(controller.User, record, operation)).Succeeded;
    }
}
