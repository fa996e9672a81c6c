using System.Text.RegularExpressions;

namespace ZhiPingQuan.Web.Tests.Lists;

public static partial class ListPageAssertions
{
    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")]
    private static partial Regex IdOrHash();

    /// <summary>A GUID or a SHA-256 (64 hex digits) in the text.</summary>
    public static bool HasIdOrHash(string text) => IdOrHash().IsMatch(text);

    /// <summary>The text of an element marked with data-testid (to its first closing tag of the same name).</summary>
    public static string Section(string html, string testId, string tag)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no element {testId} on the page");
        var end = html.IndexOf($"</{tag}>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
