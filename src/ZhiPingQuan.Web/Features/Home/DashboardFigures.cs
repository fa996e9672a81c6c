using Microsoft.Extensions.Caching.Memory;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Home;

/// <summary>
/// The year's figures as the home pages' charts show them: worked out at most once per <see cref="SecondsKey"/>
/// seconds for each year and unit on each instance, and shown with the time they were worked out. The charts are the
/// dearest part of a home page (a dozen grouped counts over the year's records) and the page is opened again and again
/// through the day; a statistic half a minute old, saying so, serves the commission and the districts as well. The
/// to-do counts above the charts are not kept: they lead to lists and always agree with them.
/// </summary>
public sealed class DashboardFigures(ProgrammeFigures figures, IMemoryCache cache, TimeProvider time, IConfiguration configuration)
{
    public const string SecondsKey = "Dashboards:FiguresSeconds";
    public const int DefaultSeconds = 30;

    public int Seconds => Math.Max(0, configuration.GetValue(SecondsKey, DefaultSeconds));

    /// <param name="unitId">The recommending unit the figures are limited to; null for the whole programme.</param>
    public async Task<ProgrammeYearFigures?> ForYearAsync(Guid yearId, Guid? unitId, CancellationToken ct)
    {
        var seconds = Seconds;
        if (seconds == 0)
        {
            return await ComputeAsync(yearId, unitId, ct);
        }
        var key = (nameof(DashboardFigures), yearId, unitId);
        if (cache.TryGetValue(key, out ProgrammeYearFigures? kept) && kept is not null)
        {
            return kept;
        }
        var fresh = await ComputeAsync(yearId, unitId, ct);
        if (fresh is not null)
        {
            cache.Set(key, fresh, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) });
        }
        return fresh;
    }

    private async Task<ProgrammeYearFigures?> ComputeAsync(Guid yearId, Guid? unitId, CancellationToken ct)
    {
        var computedAt = time.GetUtcNow().UtcDateTime;
        var year = await figures.ForYearAsync(yearId, unitId, ct);
        return year is null ? null : year with { ComputedAtUtc = computedAt };
    }
}
