using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>
/// An enterprise is read by the programme-wide roles, its district and its own staff; its registry data is edited by its
/// district. Admin reads the registry record only to correct its reference data (credit code, district): the pages that
/// show an enterprise's recommendations are not Admin's (docs/decisions/0013-sessions-and-separation-of-duties.md).
/// </summary>
public sealed class EnterpriseScope : RecordScope<Enterprise>
{
    public EnterpriseScope()
    {
        Read(Roles.ProgrammeWide).All();
        Read(Roles.Admin).All();
        Read(Roles.District).Where((e, org) => e.RecommendingUnitId == org);
        Read(Roles.Enterprise).Where((e, org) => e.Id == org);
        Edit(Roles.District).Where((e, org) => e.RecommendingUnitId == org);
    }
}
