using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Recommendations;

/// <summary>
/// The named states of a recommendation (docs/domain.md §4.1) that depend on its state alone, for a list row or an
/// import's lookup that has only the state; <see cref="RecommendationRules"/> asks the same of the record.
/// </summary>
public static class RecommendationStateRules
{
    /// <summary>Recommended and not withdrawn: Recommended, Assessed or Listed (a draft was never recommended).</summary>
    public static readonly QueryRule<RecommendationState> CountsAsRecommended =
        new(s => s == RecommendationState.Recommended || s == RecommendationState.Assessed || s == RecommendationState.Listed);

    /// <summary>
    /// Acted on: recommended at least once (whatever happened since), so no longer the district's private draft. Its
    /// enterprise's credit code is then fixed for the district, and the enterprise and the programme see the record.
    /// </summary>
    public static readonly QueryRule<RecommendationState> ActedOn = new(s => s != RecommendationState.Draft);

    /// <summary>
    /// Holds the enterprise's one recommendation of the programme year for its unit: any state but withdrawn. A withdrawn
    /// record does not stand in the way of the enterprise moving units or being taken up by another unit.
    /// </summary>
    public static readonly QueryRule<RecommendationState> HoldsTheYear = new(s => s != RecommendationState.Withdrawn);

    /// <summary>Past the district's hands: assessed (or listed on a submitted table); its content no longer changes.</summary>
    public static readonly QueryRule<RecommendationState> Assessed =
        new(s => s == RecommendationState.Assessed || s == RecommendationState.Listed);
}

/// <summary>Named states of a recommendation (docs/domain.md §4.1), one definition for queries, pages and code.</summary>
public static class RecommendationRules
{
    /// <summary>Recommended and not withdrawn: Recommended, Assessed or Listed (a draft was never recommended).</summary>
    public static readonly QueryRule<Recommendation> CountsAsRecommended = StateIs(RecommendationStateRules.CountsAsRecommended);

    /// <summary>Goes to the municipal programme (assessment, summary table, quota): not "district-funded only".</summary>
    public static readonly QueryRule<Recommendation> OnMunicipalTrack = new(r => !r.DistrictFundedOnly);

    /// <summary>What the programme counts as a recommended enterprise: recommended, on the municipal track.</summary>
    public static readonly QueryRule<Recommendation> CountsForProgramme = CountsAsRecommended.And(OnMunicipalTrack);

    /// <summary>May be given an agency (it still needs to have no assessment yet): Recommended, on the municipal track.</summary>
    public static readonly QueryRule<Recommendation> ReadyForAssignment =
        new(r => r.State == RecommendationState.Recommended && OnMunicipalTrack.IsSatisfiedBy(r));

    /// <summary>
    /// May be a row of its unit's summary table (docs/domain.md §4.3): assessed (or listed by a revision being corrected), on
    /// the municipal track. The assessment must be confirmed too (<c>AssessmentRules.Confirmed</c>).
    /// </summary>
    public static readonly QueryRule<Recommendation> ReadyForSummaryTable = StateIs(RecommendationStateRules.Assessed).And(OnMunicipalTrack);

    /// <inheritdoc cref="RecommendationStateRules.ActedOn"/>
    public static readonly QueryRule<Recommendation> ActedOn = StateIs(RecommendationStateRules.ActedOn);

    /// <summary>Shown to the enterprise: everything except drafts, which are the district's work in progress.</summary>
    public static readonly QueryRule<Recommendation> VisibleToEnterprise = ActedOn;

    /// <inheritdoc cref="RecommendationStateRules.HoldsTheYear"/>
    public static readonly QueryRule<Recommendation> HoldsTheYear = StateIs(RecommendationStateRules.HoldsTheYear);

    private static QueryRule<Recommendation> StateIs(QueryRule<RecommendationState> rule) => QueryRule<Recommendation>.Of(r => r.State, rule);
}
