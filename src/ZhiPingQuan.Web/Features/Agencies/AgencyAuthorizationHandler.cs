using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;

namespace ZhiPingQuan.Web.Features.Agencies;

/// <summary>
/// One service agency: the commission and Admin read and manage every agency; a district reads the
/// municipal agencies (it chooses among them) and manages only the district-level agencies its own unit
/// recommended; an agency's staff read their own agency. Same rule as <see cref="AgencyRegistry.VisibleTo"/>.
/// </summary>
public sealed class AgencyAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, ServiceAgency>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ServiceAgency agency)
    {
        var user = context.User;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => AgencyRegistry.MayRead(user, agency.Level, agency.RecommendingUnitId)
                || (user.IsInRole(Roles.Agency) && user.GetOrganisationId() == agency.Id),
            nameof(Operations.Edit) => AgencyRegistry.MayManage(user, agency.Level, agency.RecommendingUnitId),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
