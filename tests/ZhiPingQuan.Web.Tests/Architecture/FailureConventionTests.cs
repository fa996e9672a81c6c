using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Architecture;

/// <summary>
/// One failure convention (docs/decisions/0009-one-home-for-each-rule.md): a controller does not catch the domain's refusals
/// itself. A form page runs the change through <c>ModelState.TryAsync</c>, a button on a record's page through
/// <c>TempData.TryAsync</c>, anything else lets the refusal reach the filter's refusal page.
/// </summary>
public class FailureConventionTests
{
    /// <summary>
    /// The two that catch on purpose: the batch import deletes the uploaded file before passing a refusal on and shows a
    /// refused upload on its own page with the list of pending imports; the agencies page re-keys a refusal to its form's prefix.
    /// </summary>
    private static readonly string[] Allowed = ["BatchImportController.cs", "AgenciesController.cs"];

    [Fact]
    public void No_controller_catches_a_domain_refusal_by_hand()
    {
        var web = RepositoryFiles.PathOf("src", "ZhiPingQuan.Web", "Features");
        var controllers = Directory.EnumerateFiles(web, "*Controller.cs", SearchOption.AllDirectories).ToList();
        Assert.True(controllers.Count > 20, $"controllers found: {controllers.Count}");

        var catching = controllers
            .Where(f => !Allowed.Contains(Path.GetFileName(f)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("catch (DomainException", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();
        Assert.True(catching.Count == 0, "Controllers catching DomainException (use ModelState.TryAsync or TempData.TryAsync): " + string.Join(", ", catching));
    }
}
