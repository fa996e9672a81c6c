using System.Text.Json;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Home;

/// <summary>One series of a chart: its name and a value per label.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal> Data);

/// <summary>
/// What <c>wwwroot/js/charts.js</c> draws with Chart.js: the page carries it as JSON in the canvas's <c>data-chart</c>
/// attribute (the Content-Security-Policy allows no inline script). The same numbers are in the table beside the chart.
/// </summary>
/// <param name="Kind">bar (vertical bars) or hbar (horizontal bars).</param>
/// <param name="Stacked">Series stacked on one bar per label (the budget).</param>
/// <param name="Unit">Shown after each value in the tooltips and on the value axis: 家, %, 万元.</param>
public sealed record ChartSpec(string Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, string Unit, bool Stacked = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>The home page's four charts of a programme year, from <see cref="ProgrammeYearFigures"/>.</summary>
public static class HomeCharts
{
    public static ChartSpec Funnel(ProgrammeYearFigures f) => new("bar", FunnelCounts.StepNames,
        f.Batches.Select(b => new ChartSeries(b.BatchName, b.Counts.Values.Select(v => (decimal)v).ToList())).ToList(), "家");

    /// <summary>The money of the year in 万元: paid, approved and unpaid, (for the programme) left under the cap, and waiting for approval.</summary>
    public static ChartSpec Budget(ProgrammeYearFigures f)
    {
        var b = f.Budget;
        static decimal Wan(decimal yuan) => decimal.Round(yuan / 10_000m, 2);
        var series = new List<ChartSeries>
        {
            new("已支付", [Wan(b.Paid)]),
            new("已批准待支付", [Wan(b.ApprovedUnpaid)]),
        };
        if (b.Remaining is { } left)
        {
            series.Add(new("预算剩余", [Wan(left)]));
        }
        return new ChartSpec("hbar", [b.Cap is null ? "已批准兑换" : "预算上限"], series, "万元", Stacked: true);
    }

    public static ChartSpec Coverage(ProgrammeYearFigures f)
    {
        var units = CoverageRows(f);
        return new("hbar", units.Select(u => u.UnitName).ToList(), [new("覆盖率", units.Select(u => u.CoveragePercent ?? 0m).ToList())], "%");
    }

    /// <summary>The units the coverage chart shows: those with a 规上 count or any recommendation (for a district, its own unit).</summary>
    public static IReadOnlyList<UnitCoverage> CoverageRows(ProgrammeYearFigures f) =>
        f.UnitId is null ? f.Coverage.Where(u => u.AboveSizeCount is not null || u.Recommended > 0).ToList() : f.Coverage;

    public static ChartSpec Levels(ProgrammeYearFigures f) => new("bar", f.Levels.Select(l => l.Level.ToChinese()).ToList(),
        [new("企业数", f.Levels.Select(l => (decimal)l.Count).ToList())], "家");
}
