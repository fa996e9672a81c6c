using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ZhiPingQuan.Web.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's validation summary renders, while there is no error, <c>&lt;li style="display:none"&gt;</c>: an inline
/// style the Content-Security-Policy (style-src 'self') refuses, and Chromium reports on every form page. This runs after
/// the built-in tag helper and swaps the attribute for <c>hidden</c>, which hides it the same way without a style.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryWithoutStyleTagHelper(HtmlEncoder encoder) : TagHelper
{
    private const string StyledItem = " style=\"display:none\"";

    /// <summary>After <see cref="Microsoft.AspNetCore.Mvc.TagHelpers.ValidationSummaryTagHelper"/> (order -1000).</summary>
    public override int Order => -900;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.PostContent.IsModified)
        {
            return;
        }
        var html = output.PostContent.GetContent(encoder);
        if (html.Contains(StyledItem, StringComparison.Ordinal))
        {
            output.PostContent.SetHtmlContent(html.Replace(StyledItem, " hidden", StringComparison.Ordinal));
        }
    }
}
