using ZhiPingQuan.Domain.Assessments;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>
/// An assessment is read by the programme-wide roles, its district, its enterprise and the agency assigned now
/// (an agency the task was taken from loses it); only that agency edits the record (score, report, checkpoints).
/// Role-specific steps (the enterprise's agreement, the third party's check, the district's confirmation) are
/// gated by role on top of reading.
/// </summary>
public sealed class AssessmentScope : RecordScope<Assessment>
{
    public AssessmentScope()
    {
        Read(Roles.ProgrammeWide).All();
        Read(Roles.District).Where((a, org) => a.RecommendingUnitId == org);
        Read(Roles.Enterprise).Where((a, org) => a.EnterpriseId == org);
        Read(Roles.Agency).Where((a, org) => a.AgencyId == org);
        Edit(Roles.Agency).Where((a, org) => a.AgencyId == org);
    }
}
