using ZhiPingQuan.Domain.Evaluations;

namespace ZhiPingQuan.Web.Authorization.Scopes;

/// <summary>
/// A district evaluation (docs/domain.md §4.7) is the commission's to compute, score and publish; the unit it evaluates reads
/// it once published, and nothing before (a draft of its own answers 404 like another unit's).
/// </summary>
public sealed class DistrictEvaluationScope : RecordScope<DistrictEvaluation>
{
    public DistrictEvaluationScope()
    {
        Read(Roles.Commission).All();
        Edit(Roles.Commission).All();
        Read(Roles.District).Where((e, org) => e.RecommendingUnitId == org && DistrictEvaluationRules.Published.IsSatisfiedBy(e));
    }
}
