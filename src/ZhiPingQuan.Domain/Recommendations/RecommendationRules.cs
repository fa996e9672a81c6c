using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Recommendations;

/// <summary>Named states of a recommendation (docs/domain.md §4.1), one definition for queries, pages and code.</summary>
public static class RecommendationRules
{
    /// <summary>Recommended and not withdrawn: Recommended, Assessed or Listed (a draft was never recommended).</summary>
    public static readonly QueryRule<Recommendation> CountsAsRecommended =
        new(r => r.State == RecommendationState.Recommended || r.State == RecommendationState.Assessed || r.State == RecommendationState.Listed);

    /// <summary>Goes to the municipal programme (assessment, summary table, quota): not "district-funded only".</summary>
    public static readonly QueryRule<Recommendation> OnMunicipalTrack = new(r => !r.DistrictFundedOnly);

    /// <summary>What the programme counts as a recommended enterprise: recommended, on the municipal track.</summary>
    public static readonly QueryRule<Recommendation> CountsForProgramme = CountsAsRecommended.And(OnMunicipalTrack);

    /// <summary>May be given an agency (it still needs to have no assessment yet): Recommended, on the municipal track.</summary>
    public static readonly QueryRule<Recommendation> ReadyForAssignment =
        new QueryRule<Recommendation>(r => r.State == RecommendationState.Recommended).And(OnMunicipalTrack);

    /// <summary>
    /// May be a row of its unit's summary table (docs/domain.md §4.3): assessed (or listed by a revision being corrected), on
    /// the municipal track. The assessment must be confirmed too (<c>AssessmentRules.Confirmed</c>).
    /// </summary>
    public static readonly QueryRule<Recommendation> ReadyForSummaryTable =
        new QueryRule<Recommendation>(r => r.State == RecommendationState.Assessed || r.State == RecommendationState.Listed).And(OnMunicipalTrack);

    /// <summary>
    /// Acted on: recommended at least once (whatever happened since), so no longer the district's private draft. Its
    /// enterprise's credit code is then fixed for the district, and the enterprise and the programme see the record.
    /// </summary>
    public static readonly QueryRule<Recommendation> ActedOn = new(r => r.State != RecommendationState.Draft);

    /// <summary>Shown to the enterprise: everything except drafts, which are the district's work in progress.</summary>
    public static readonly QueryRule<Recommendation> VisibleToEnterprise = ActedOn;

    /// <summary>
    /// Holds the enterprise's one recommendation of the programme year for its unit: any state but withdrawn. A withdrawn
    /// record does not stand in the way of the enterprise moving units or being taken up in another batch.
    /// </summary>
    public static readonly QueryRule<Recommendation> HoldsTheYear = new(r => r.State != RecommendationState.Withdrawn);
}
