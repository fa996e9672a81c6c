using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// Resource-based check for one enterprise record, the same rule as <see cref="RecordScopes"/>:
/// read by its own staff, its district and the programme-wide roles; edited by its district (registry data).
/// </summary>
public sealed class EnterpriseAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Enterprise>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Enterprise enterprise)
    {
        var user = context.User;
        var orgId = user.GetOrganisationId();
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => user.SeesAllUnits()
                || (user.IsInRole(Roles.District) && enterprise.RecommendingUnitId == orgId)
                || (user.IsInRole(Roles.Enterprise) && enterprise.Id == orgId),
            nameof(Operations.Edit) => user.IsInRole(Roles.District) && enterprise.RecommendingUnitId == orgId,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
