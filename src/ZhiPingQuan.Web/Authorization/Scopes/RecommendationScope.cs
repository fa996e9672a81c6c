using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>A recommendation is read by the programme-wide roles and its district, and edited by its district only.</summary>
public sealed class RecommendationScope : RecordScope<Recommendation>
{
    public RecommendationScope()
    {
        Read(Roles.ProgrammeWide).All();
        Read(Roles.District).Where((r, org) => r.RecommendingUnitId == org);
        Edit(Roles.District).Where((r, org) => r.RecommendingUnitId == org);
    }
}
