using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>Links of a list page to itself with some query values changed (page, size, sort), the others kept.</summary>
public static class ListLinks
{
    public static string With(HttpRequest request, params (string Key, string Value)[] set)
    {
        var keys = set.Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var query = request.Query.Where(kv => !keys.Contains(kv.Key))
            .SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Concat(set.Select(s => $"{Uri.EscapeDataString(s.Key)}={Uri.EscapeDataString(s.Value)}"));
        return request.PathBase + request.Path + "?" + string.Join("&", query);
    }
}

/// <summary>
/// The way back from a record to the list it was opened from, with that list's filters, sort and page. The list's row
/// links carry the list's own address in <c>back</c>; the record page offers it back only when it is a local address
/// of that same list — anything else (another site, another page, a scheme-relative or backslash trick) gives the
/// plain list. Used for links only, never for a redirect.
/// </summary>
public static class ListReturn
{
    public const string Parameter = "back";

    /// <summary>The current page's local address (path and query), as a list passes it to its rows.</summary>
    public static string Here(HttpRequest request) => (request.PathBase + request.Path).ToString() + request.QueryString;

    /// <summary>"?back=…" for a row link of the current list page.</summary>
    public static string QueryFor(HttpRequest request) => "?" + Parameter + "=" + Uri.EscapeDataString(Here(request));

    /// <summary>The <c>back</c> value of the current request passed on (for the links of a record page to its sub-pages).</summary>
    public static string PassOn(HttpRequest request) =>
        request.Query[Parameter].ToString() is { Length: > 0 } back ? "?" + Parameter + "=" + Uri.EscapeDataString(back) : "";

    /// <summary>The list address to offer on a record page: the request's <c>back</c> when it is safe, otherwise <paramref name="listPath"/>.</summary>
    public static string To(HttpRequest request, string listPath) => Resolve(request.Query[Parameter].ToString(), listPath);

    /// <summary>
    /// The list crumb of a record that several lists lead to: the list the request's <c>back</c> names, among
    /// <paramref name="lists"/>, with its filters; otherwise the first list, plain.
    /// </summary>
    public static Crumb CrumbFor(HttpRequest request, params (string Label, string Path)[] lists)
    {
        var back = request.Query[Parameter].ToString();
        foreach (var (label, path) in lists)
        {
            if (back.Length > 0 && Resolve(back, path) == back)
            {
                return new Crumb(label, back);
            }
        }
        return new Crumb(lists[0].Label, lists[0].Path);
    }

    /// <summary><paramref name="back"/> when it is a local address whose path is <paramref name="listPath"/>; otherwise <paramref name="listPath"/>.</summary>
    public static string Resolve(string? back, string listPath)
    {
        if (string.IsNullOrEmpty(back) || back.Length > 2000 || !IsLocal(back))
        {
            return listPath;
        }
        var end = back.IndexOfAny(['?', '#']);
        var path = end < 0 ? back : back[..end];
        return string.Equals(path.TrimEnd('/'), listPath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase) && !back.Contains('#')
            ? back
            : listPath;
    }

    /// <summary>A path on this site: "/…", not "//…" or "/\…", no control characters (as MVC's IsLocalUrl, without "~/").</summary>
    private static bool IsLocal(string url) =>
        url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\');
}

/// <summary>One step of a page's breadcrumb trail; the last one (the page itself) has no link.</summary>
public sealed record Crumb(string Label, string? Href = null);

/// <summary>The breadcrumb trail a view sets for the layout (list → record → sub-page).</summary>
public static class Breadcrumbs
{
    private const string Key = "Breadcrumbs";

    public static void SetBreadcrumbs(this ViewDataDictionary viewData, params Crumb[] trail) => viewData[Key] = trail;

    public static IReadOnlyList<Crumb> GetBreadcrumbs(this ViewDataDictionary viewData) =>
        viewData[Key] as IReadOnlyList<Crumb> ?? [];
}
