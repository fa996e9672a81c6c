using ZhiPingQuan.Domain.SummaryTables;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>
/// A summary table (every revision of it) is read by the programme-wide roles — the commission receives it, the third
/// party co-seals it — and by its own district, which also changes it. Agencies and enterprises never see one (it lists
/// other enterprises). Role-specific steps (the third party's seal, the commission's reopening) are gated by role on top
/// of reading.
/// </summary>
public sealed class SummaryTableScope : RecordScope<SummaryTable>
{
    public SummaryTableScope()
    {
        Read(Roles.ProgrammeWide).All();
        Read(Roles.District).Where((t, org) => t.RecommendingUnitId == org);
        Edit(Roles.District).Where((t, org) => t.RecommendingUnitId == org);
    }
}
