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

    /// <summary>One page of a list page's ordered query at the page and size <paramref name="list"/> asks for (the pager offers the sizes).</summary>
    public static async Task<PagedList<T>> CreateAsync<T>(IQueryable<T> ordered, ListQuery list, CancellationToken ct = default) =>
        (await PagedList<T>.CreateAsync(ordered, list.Page, list.PageSize, ct)).WithSizeChoice();

    /// <summary>As <see cref="CreateAsync{TRecord,T}(IQueryable{TRecord},int,Func{IQueryable{TRecord},IQueryable{T}},int,CancellationToken)"/>, at the page and size <paramref name="list"/> asks for.</summary>
    public static async Task<PagedList<T>> CreateAsync<TRecord, T>(
        IQueryable<TRecord> ordered, ListQuery list, Func<IQueryable<TRecord>, IQueryable<T>> rows, CancellationToken ct = default) =>
        (await CreateAsync(ordered, list.Page, rows, list.PageSize, ct)).WithSizeChoice();

    /// <summary>As above, with the total already known (from counts the page shows anyway).</summary>
    public static async Task<PagedList<T>> CreateAsync<TRecord, T>(
        IQueryable<TRecord> ordered, int total, int page, Func<IQueryable<TRecord>, IQueryable<T>> rows, int pageSize = PagedList<T>.DefaultPageSize, CancellationToken ct = default)
    {
        (page, pageSize) = PagedList<T>.Clamp(total, page, pageSize);
        var items = total == 0 ? [] : await rows(ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        return new PagedList<T> { Items = items, Page = page, PageSize = pageSize, TotalCount = total };
    }
}

/// <summary>What the pager reads of a page.</summary>
public interface IPagedList
{
    int Page { get; }
    int PageSize { get; }
    int TotalCount { get; }
    int PageCount { get; }

    /// <summary>The pager offers the page sizes of <see cref="ListQuery.PageSizes"/>.</summary>
    bool SizeChoice { get; }
}

/// <summary>One page of a list, with what the pager needs.</summary>
public sealed class PagedList<T> : IPagedList
{
    public const int DefaultPageSize = 20;

    public required IReadOnlyList<T> Items { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int TotalCount { get; init; }
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
    public bool SizeChoice { get; init; }

    internal PagedList<T> WithSizeChoice() =>
        new() { Items = Items, Page = Page, PageSize = PageSize, TotalCount = TotalCount, SizeChoice = true };

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
        new() { Items = Items.Select(map).ToList(), Page = Page, PageSize = PageSize, TotalCount = TotalCount, SizeChoice = SizeChoice };
}

/// <summary>
/// What every list page takes from its URL besides its filters: the page, the page size (20, 50 or 100) and the
/// column it is sorted by. A list's filter class derives from it, so the same query names (page, size, sort, dir)
/// carry through paging, filtering and sorting. Values come from the URL and are never trusted: the size is clamped,
/// the sort key is looked up in the list's <see cref="ListSort{T}"/> whitelist.
/// </summary>
public abstract class ListQuery
{
    public const int DefaultPageSize = 20;

    /// <summary>The page sizes a user may choose.</summary>
    public static readonly IReadOnlyList<int> PageSizes = [20, 50, 100];

    public int Page { get; set; } = 1;

    /// <summary>Rows a page as asked for in the URL; <see cref="PageSize"/> is what the list uses.</summary>
    public int? Size { get; set; }

    /// <summary>The sort key as asked for; after <see cref="ListSort{T}.Apply"/> the key in force.</summary>
    public string? Sort { get; set; }

    /// <summary>"asc" or "desc" as asked for; after <see cref="ListSort{T}.Apply"/> the direction in force.</summary>
    public string? Dir { get; set; }

    /// <summary>The size asked for if it is one of <see cref="PageSizes"/>; more than the largest gives the largest, anything else the default.</summary>
    public int PageSize => NormaliseSize(Size);

    public static int NormaliseSize(int? size) => size switch
    {
        null => DefaultPageSize,
        var s when PageSizes.Contains(s.Value) => s.Value,
        var s when s.Value > PageSizes[^1] => PageSizes[^1],
        _ => DefaultPageSize,
    };

    public bool Descending => string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One list's sortable columns: a whitelist of keys, each mapped to an expression on the server. An unknown key (or
/// none) gives the list's default order; every order ends with the record's id, so rows of equal values keep one order
/// from page to page.
/// </summary>
public sealed class ListSort<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> orders = new(StringComparer.OrdinalIgnoreCase);
    private readonly string defaultKey;
    private readonly bool defaultDescending;
    private readonly System.Linq.Expressions.Expression<Func<T, Guid>> id;

    public ListSort(string defaultKey, System.Linq.Expressions.Expression<Func<T, Guid>> id, bool defaultDescending = false)
    {
        this.defaultKey = defaultKey;
        this.defaultDescending = defaultDescending;
        this.id = id;
    }

    public IEnumerable<string> Keys => orders.Keys;

    /// <summary>A column sorted by one value.</summary>
    public ListSort<T> Add<TKey>(string key, System.Linq.Expressions.Expression<Func<T, TKey>> by) =>
        Add(key, (q, desc) => desc ? q.OrderByDescending(by) : q.OrderBy(by));

    /// <summary>A column sorted by two values (the second breaks ties of the first, in the same direction).</summary>
    public ListSort<T> Add<TKey, TThen>(string key, System.Linq.Expressions.Expression<Func<T, TKey>> by, System.Linq.Expressions.Expression<Func<T, TThen>> then) =>
        Add(key, (q, desc) => desc ? q.OrderByDescending(by).ThenByDescending(then) : q.OrderBy(by).ThenBy(then));

    /// <summary>An order of several values, written out (a list's default order, which is no single column).</summary>
    public ListSort<T> AddOrder(string key, Func<IQueryable<T>, bool, IOrderedQueryable<T>> order) => Add(key, order);

    private ListSort<T> Add(string key, Func<IQueryable<T>, bool, IOrderedQueryable<T>> order)
    {
        orders.Add(key, order);
        return this;
    }

    /// <summary>The key and direction in force for what the URL asked: an unknown key gives the default.</summary>
    public (string Key, bool Descending) Resolve(string? key, string? dir)
    {
        if (key is null || !orders.ContainsKey(key))
        {
            return (defaultKey, defaultDescending);
        }
        var known = orders.Keys.First(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        return (known, string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Orders the query as <paramref name="list"/> asks, and writes the order in force back to it for the view.</summary>
    public IOrderedQueryable<T> Apply(IQueryable<T> query, ListQuery list)
    {
        var (key, descending) = Resolve(list.Sort, list.Dir);
        list.Sort = key;
        list.Dir = descending ? "desc" : "asc";
        return orders[key](query, descending).ThenBy(id);
    }
}
