using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Authorization;

namespace ZhiPingQuan.Web.Features.Recommendations;

/// <summary>
/// One recommendation record: read by the unit that made it and the programme-wide roles (commission,
/// third party, Admin); changed only by that unit. Enterprises read theirs through the enterprise page.
/// </summary>
public sealed class RecommendationAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Recommendation>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Recommendation recommendation)
    {
        var user = context.User;
        var ownUnit = user.IsInRole(Roles.District) && recommendation.RecommendingUnitId == user.GetOrganisationId();
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => ownUnit || user.SeesAllUnits(),
            nameof(Operations.Edit) => ownUnit,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
