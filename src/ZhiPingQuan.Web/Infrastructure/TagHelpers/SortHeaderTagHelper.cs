using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ZhiPingQuan.Web.Infrastructure.TagHelpers;

/// <summary>
/// A sortable column header: <c>&lt;th sort-key="name" sort-list="Model.Filter"&gt;企业名称&lt;/th&gt;</c>. The header's
/// text becomes a link to the same list sorted by the column (ascending first, then the other way), keeping the
/// filters and the page size and starting at the first page; the sorted column says so with <c>aria-sort</c> and an
/// arrow. The key must be one of the list's <see cref="ListSort{T}"/> keys: the server ignores any other.
/// </summary>
[HtmlTargetElement("th", Attributes = "sort-key,sort-list")]
public sealed class SortHeaderTagHelper : TagHelper
{
    [HtmlAttributeName("sort-key")]
    public string Key { get; set; } = "";

    [HtmlAttributeName("sort-list")]
    public ListQuery List { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var label = (await output.GetChildContentAsync()).GetContent();
        var sorted = string.Equals(List.Sort, Key, StringComparison.OrdinalIgnoreCase);
        var nextDescending = sorted && !List.Descending;
        var href = ListLinks.With(ViewContext.HttpContext.Request, ("sort", Key), ("dir", nextDescending ? "desc" : "asc"), ("page", "1"));
        if (sorted)
        {
            output.Attributes.SetAttribute("aria-sort", List.Descending ? "descending" : "ascending");
        }
        var link = new TagBuilder("a");
        link.Attributes["href"] = href;
        link.AddCssClass("sort-link");
        link.Attributes["data-sort"] = Key;
        link.InnerHtml.AppendHtml(label);
        var mark = new TagBuilder("span");
        mark.AddCssClass("sort-mark");
        mark.Attributes["aria-hidden"] = "true";
        mark.InnerHtml.Append(sorted ? (List.Descending ? "▼" : "▲") : "⇅");
        link.InnerHtml.AppendHtml(mark);
        var hint = new TagBuilder("span");
        hint.AddCssClass("visually-hidden");
        hint.InnerHtml.Append(nextDescending ? "（点击按降序排列）" : "（点击按升序排列）");
        link.InnerHtml.AppendHtml(hint);
        output.Content.SetHtmlContent(link);
    }
}
