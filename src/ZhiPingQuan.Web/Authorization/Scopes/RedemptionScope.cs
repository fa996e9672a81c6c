using ZhiPingQuan.Domain.Redemptions;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>
/// A redemption (docs/domain.md §4.6) is the commission's to approve, decline and pay; the agency it is payable to reads its
/// own (and nobody else's — another agency's redemption answers 404). Enterprises, districts, the third party and Admin do
/// not see redemptions here: the enterprise learns the outcome from its application's notices.
/// </summary>
public sealed class RedemptionScope : RecordScope<Redemption>
{
    public RedemptionScope()
    {
        Read(Roles.Commission).All();
        Edit(Roles.Commission).All();
        Read(Roles.Agency).Where((r, org) => r.AgencyId == org);
    }
}

/// <summary>An issued 兑付通知 is read by the commission and by the agency it is addressed to.</summary>
public sealed class RedemptionNoticeScope : RecordScope<RedemptionNotice>
{
    public RedemptionNoticeScope()
    {
        Read(Roles.Commission).All();
        Read(Roles.Agency).Where((n, org) => n.AgencyId == org);
    }
}
