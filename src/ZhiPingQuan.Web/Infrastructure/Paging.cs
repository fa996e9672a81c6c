using Microsoft.EntityFrameworkCore;

namespace ZhiPingQuan.Web.Infrastructure;

public static class PagedList
{
    public static Task<PagedList<T>> CreateAsync<T>(IQueryable<T> query, int page, int pageSize = PagedList<T>.DefaultPageSize, CancellationToken ct = default) =>
        PagedList<T>.CreateAsync(query, page, pageSize, ct);

    /// <summary>
    /// Counts and pages the narrow, ordered <paramref name="ordered"/> query, then builds the list rows of that
    /// one page only. The count and the skipping of earlier pages read an index; the lookups a row needs (its
    /// unit's name, this year's recommendation …) are made for the page's rows, not for every row skipped.
    /// <paramref name="rows"/> gets the page's records and must keep their order.
    /// </summary>
    public static async Task<PagedList<T>> CreateAsync<TRecord, T>(
        IQueryable<TRecord> ordered, int page, Func<IQueryable<TRecord>, IQueryable<T>> rows, int pageSize = PagedList<T>.DefaultPageSize, CancellationToken ct = default)
    {
        var total = await ordered.CountAsync(ct);
        return await CreateAsync(ordered, total, page, rows, pageSize, ct);
    }

    /// <summary>As above, with the total already known (from counts the page shows anyway).</summary>
    public static async Task<PagedList<T>> CreateAsync<TRecord, T>(
        IQueryable<TRecord> ordered, int total, int page, Func<IQueryable<TRecord>, IQueryable<T>> rows, int pageSize = PagedList<T>.DefaultPageSize, CancellationToken ct = default)
    {
        (page, pageSize) = PagedList<T>.Clamp(total, page, pageSize);
        var items = total == 0 ? [] : await rows(ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PagedList<T> { Items = items, Page = page, PageSize = pageSize, TotalCount = total };
    }
}

/// <summary>One page of a list, with what the pager needs.</summary>
public sealed class PagedList<T>
{
    public const int DefaultPageSize = 20;

    public required IReadOnlyList<T> Items { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int TotalCount { get; init; }
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;

    public static async Task<PagedList<T>> CreateAsync(IQueryable<T> query, int page, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        (page, pageSize) = Clamp(total, page, pageSize);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedList<T> { Items = items, Page = page, PageSize = pageSize, TotalCount = total };
    }

    /// <summary>One page of rows already in memory (e.g. the checked rows of an uploaded list).</summary>
    public static PagedList<T> Create(IReadOnlyList<T> all, int page, int pageSize = DefaultPageSize)
    {
        (page, pageSize) = Clamp(all.Count, page, pageSize);
        var items = all.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new PagedList<T> { Items = items, Page = page, PageSize = pageSize, TotalCount = all.Count };
    }

    /// <summary>Page size within 1–200; a page past either end shows the first or the last page.</summary>
    internal static (int Page, int PageSize) Clamp(int total, int page, int pageSize)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        return (Math.Clamp(page, 1, pageCount), pageSize);
    }

    /// <summary>Pages on the server, then maps each row in memory (for display-only conversions EF cannot translate).</summary>
    public PagedList<TOut> Map<TOut>(Func<T, TOut> map) =>
        new() { Items = Items.Select(map).ToList(), Page = Page, PageSize = PageSize, TotalCount = TotalCount };
}
