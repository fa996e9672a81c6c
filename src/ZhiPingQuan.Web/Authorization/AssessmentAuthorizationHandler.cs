using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using ZhiPingQuan.Domain.Assessments;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// One assessment record, the same rule as <see cref="RecordScopes"/> for reading; editing the
/// assessment record (score, report, checkpoints) is the assigned agency's. Role-specific steps
/// (enterprise agreement, third-party compliance, district confirmation) are gated by role in the
/// controllers on top of <see cref="Operations.Read"/>.
/// </summary>
public sealed class AssessmentAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Assessment>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Assessment assessment)
    {
        var user = context.User;
        var orgId = user.GetOrganisationId();
        var ownsAsAgency = user.IsInRole(Roles.Agency) && assessment.AgencyId == orgId;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) => user.SeesAllUnits()
                || (user.IsInRole(Roles.District) && assessment.RecommendingUnitId == orgId)
                || (user.IsInRole(Roles.Enterprise) && assessment.EnterpriseId == orgId)
                || ownsAsAgency,
            nameof(Operations.Edit) => ownsAsAgency,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
