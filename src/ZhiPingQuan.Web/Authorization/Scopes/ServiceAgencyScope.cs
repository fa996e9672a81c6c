using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>
/// A service agency is read and managed by the commission and Admin; a district reads the municipal agencies
/// (it chooses among them) and reads and manages the district-level agencies its own unit recommended; an
/// agency's staff read their own agency.
/// </summary>
public sealed class ServiceAgencyScope : RecordScope<ServiceAgency>
{
    public ServiceAgencyScope()
    {
        Read(Roles.Commission, Roles.Admin).All();
        Read(Roles.District).Where((a, org) => a.Level == AgencyLevel.Municipal || a.RecommendingUnitId == org);
        Read(Roles.Agency).Where((a, org) => a.Id == org);
        Edit(Roles.Commission, Roles.Admin).All();
        Edit(Roles.District).Where((a, org) => a.Level == AgencyLevel.District && a.RecommendingUnitId == org);
    }
}
