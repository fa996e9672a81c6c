using System.Text.RegularExpressions;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Architecture;

/// <summary>
/// Pages get what they show from a typed view model (docs/decisions/0009-one-home-for-each-rule.md): no controller puts
/// values into ViewData or ViewBag, and no view reads them — except the page title, which the layout reads.
/// </summary>
public partial class TypedViewModelTests
{
    private static readonly string Web = RepositoryFiles.PathOf("src", "ZhiPingQuan.Web");

    private static IEnumerable<string> Sources(string pattern) =>
        Directory.EnumerateFiles(Web, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [GeneratedRegex("""ViewBag|ViewData\s*\[\s*"(?!Title")""")]
    private static partial Regex UntypedValue();

    [Fact]
    public void No_code_or_view_passes_values_through_ViewData_or_ViewBag_but_the_title()
    {
        var offending = Sources("*.cs").Concat(Sources("*.cshtml"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(Web, f), Line: i + 1, Text: line)))
            .Where(l => UntypedValue().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();
        Assert.True(offending.Count == 0, "ViewData/ViewBag used for more than the title (put it in the page's model): " + string.Join(", ", offending));
    }

    [Fact]
    public void The_check_sees_the_views()
    {
        // Guards the test above against passing vacuously: the views are where it looks.
        Assert.Contains(Sources("*.cshtml"), f => f.EndsWith("_Layout.cshtml", StringComparison.Ordinal));
        Assert.Matches(UntypedValue(), """ViewData["Message"]""");
        Assert.DoesNotMatch(UntypedValue(), """ViewData["Title"] = "企业名录";""");
    }
}
