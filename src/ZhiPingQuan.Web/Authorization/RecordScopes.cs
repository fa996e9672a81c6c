using System.Security.Claims;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// Query filters that keep each user inside their own organisation's records (DESIGN §1). Every
/// list and every lookup by id goes through one of these, so a forged id simply finds nothing (404).
/// </summary>
public static class RecordScopes
{
    /// <summary>Enterprises a user may see: all for commission/third party/admin, its unit's for a district, itself for an enterprise.</summary>
    public static IQueryable<Enterprise> VisibleTo(this IQueryable<Enterprise> query, ClaimsPrincipal user)
    {
        if (user.SeesAllUnits())
        {
            return query;
        }
        var orgId = user.GetOrganisationId();
        if (orgId is null)
        {
            return query.Where(_ => false);
        }
        if (user.IsInRole(Roles.District))
        {
            return query.Where(e => e.RecommendingUnitId == orgId);
        }
        if (user.IsInRole(Roles.Enterprise))
        {
            return query.Where(e => e.Id == orgId);
        }
        return query.Where(_ => false);
    }

    /// <summary>
    /// Assessments a user may see: all for commission/third party/admin; its unit's for a district;
    /// its own for an enterprise; the ones it is assigned for an agency.
    /// </summary>
    public static IQueryable<Assessment> VisibleTo(this IQueryable<Assessment> query, ClaimsPrincipal user)
    {
        if (user.SeesAllUnits())
        {
            return query;
        }
        var orgId = user.GetOrganisationId();
        if (orgId is null)
        {
            return query.Where(_ => false);
        }
        if (user.IsInRole(Roles.District))
        {
            return query.Where(a => a.RecommendingUnitId == orgId);
        }
        if (user.IsInRole(Roles.Enterprise))
        {
            return query.Where(a => a.EnterpriseId == orgId);
        }
        if (user.IsInRole(Roles.Agency))
        {
            return query.Where(a => a.AgencyId == orgId);
        }
        return query.Where(_ => false);
    }
}
