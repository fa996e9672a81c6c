using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.RecommendationOverview;

/// <summary>Which part of the list: the municipal recommendations, or the district-funded-only ones (区级叠加支持).</summary>
public enum OverviewScope
{
    Municipal,
    DistrictFunded,
}

/// <summary>
/// The filters of the commission's overview, bound from the query string so that a filtered page,
/// its pager and its export link all describe the same set.
/// </summary>
public sealed class OverviewFilter : ListQuery
{
    /// <summary>The default state filter: recommendations in force (已推荐, 已完成评估, 已列入汇总表).</summary>
    public const string ActiveStates = "";

    /// <summary>Every state a district has acted on, withdrawn ones included (drafts never: they are the district's unfinished work).</summary>
    public const string AllStates = "All";

    public Guid? YearId { get; set; }
    public Guid? BatchId { get; set; }
    public Guid? UnitId { get; set; }
    public KeyIndustry? Industry { get; set; }
    public string? State { get; set; }
    public string? Q { get; set; }
    public OverviewScope Scope { get; set; }

    /// <summary>These filters as route values (page left out), for links that keep them: tabs, export.</summary>
    public RouteValueDictionary RouteValues(OverviewScope? scope = null)
    {
        var values = new RouteValueDictionary();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                values[key] = text;
            }
        }
        Add("yearId", YearId);
        Add("batchId", BatchId);
        Add("unitId", UnitId);
        Add("industry", Industry);
        Add("state", State);
        Add("q", Q);
        Add("scope", scope ?? Scope);
        Add("sort", Sort);
        Add("dir", Sort is null ? null : Dir);
        Add("size", Size is null ? null : PageSize);
        return values;
    }
}

public sealed record Choice(string Value, string Label);

public sealed record OverviewRow(
    Guid Id,
    Guid EnterpriseId,
    string UnitName,
    string EnterpriseName,
    string CreditCode,
    KeyIndustry Industry,
    decimal AnnualOutputWanYuan,
    IReadOnlyList<RecommendationBasis> Bases,
    RecommendationState State,
    bool DistrictFundedOnly,
    DateTime? RecommendedAtUtc,
    string BatchName)
{
    public string BasesText => string.Join("、", Bases.Order().Select(b => b.ToNumbered()));

    public string StateText => DistrictFundedOnly ? $"{State.ToChinese()}（区级叠加支持）" : State.ToChinese();
}

public sealed record CountLine(string Label, int Municipal, int DistrictFunded);

public sealed class OverviewModel
{
    public required OverviewFilter Filter { get; init; }
    public required int? Year { get; init; }
    public required IReadOnlyList<Choice> Years { get; init; }
    public required IReadOnlyList<Choice> Batches { get; init; }
    public required IReadOnlyList<Choice> Units { get; init; }
    public required PagedList<OverviewRow> Rows { get; init; }

    /// <summary>Per unit, municipal and district-funded counted apart; units with nothing in the filtered set are left out.</summary>
    public required IReadOnlyList<CountLine> ByUnit { get; init; }

    /// <summary>Per key industry, all six shown.</summary>
    public required IReadOnlyList<CountLine> ByIndustry { get; init; }

    public int MunicipalTotal => ByUnit.Sum(l => l.Municipal);
    public int DistrictFundedTotal => ByUnit.Sum(l => l.DistrictFunded);

    public static IReadOnlyList<Choice> StateChoices { get; } =
    [
        new(OverviewFilter.ActiveStates, "有效推荐（不含撤回）"),
        new(OverviewFilter.AllStates, "全部（含撤回）"),
        new(nameof(RecommendationState.Recommended), RecommendationState.Recommended.ToChinese()),
        new(nameof(RecommendationState.Assessed), RecommendationState.Assessed.ToChinese()),
        new(nameof(RecommendationState.Listed), RecommendationState.Listed.ToChinese()),
        new(nameof(RecommendationState.Withdrawn), RecommendationState.Withdrawn.ToChinese()),
    ];
}
