using ZhiPingQuan.Domain.Applications;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>
/// A quota application, its report and its evidence files (docs/domain.md §4.4–§4.5). The enterprise reads and changes its
/// own. Once submitted, the third party (which reviews) and the commission read every one and the district its own unit's;
/// a draft is the enterprise's alone. Agencies and Admin never read applications or evidence (an agency is the payee, not a
/// party to the application; Admin reads no business records). The third party's decisions are its edits of a submitted one.
/// </summary>
public sealed class QuotaApplicationScope : RecordScope<QuotaApplication>
{
    public QuotaApplicationScope()
    {
        Read(Roles.Enterprise).Where((a, org) => a.EnterpriseId == org);
        Edit(Roles.Enterprise).Where((a, org) => a.EnterpriseId == org);
        Read(Roles.ThirdParty, Roles.Commission).Where((a, org) => QuotaApplicationRules.EverSubmitted.IsSatisfiedBy(a));
        Edit(Roles.ThirdParty).Where((a, org) => QuotaApplicationRules.EverSubmitted.IsSatisfiedBy(a));
        Read(Roles.District).Where((a, org) => a.RecommendingUnitId == org && QuotaApplicationRules.EverSubmitted.IsSatisfiedBy(a));
    }
}
