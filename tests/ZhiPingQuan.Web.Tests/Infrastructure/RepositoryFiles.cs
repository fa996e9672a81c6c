namespace ZhiPingQuan.Web.Tests.Infrastructure;

/// <summary>The repository's own files (scripts, sources, the README), found from the test's output folder.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZhiPingQuan.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"ZhiPingQuan.sln not found above {AppContext.BaseDirectory}");
    });

    public static string RootFolder => Root.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);
}
