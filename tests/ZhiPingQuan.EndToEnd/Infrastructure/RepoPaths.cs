using System.Reflection;

namespace ZhiPingQuan.EndToEnd.Infrastructure;

/// <summary>Where things are, found from the test assembly's own location (bin/&lt;Configuration&gt;/&lt;tfm&gt;/).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    /// <summary>Debug or Release: the configuration this test assembly was built in.</summary>
    public static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The target framework folder name of this build, e.g. net10.0.</summary>
    public static string TargetFramework =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public static string WebProjectDirectory => Path.Combine(RepoRoot, "src", "ZhiPingQuan.Web");

    public static string TestOutputDirectory => Path.Combine(RepoRoot, ".test-output");

    public static string ScreenshotDirectory => Path.Combine(TestOutputDirectory, "screenshots");

    /// <summary>
    /// The portal's dll in the web project's own bin folder (its runtimeconfig, deps and static-asset
    /// manifests sit beside it); falls back to the copy the project reference puts next to the tests.
    /// </summary>
    public static string WebDll
    {
        get
        {
            var own = Path.Combine(WebProjectDirectory, "bin", Configuration, TargetFramework, "ZhiPingQuan.Web.dll");
            if (File.Exists(own))
            {
                return own;
            }

            var copy = Path.Combine(AppContext.BaseDirectory, "ZhiPingQuan.Web.dll");
            if (File.Exists(copy))
            {
                return copy;
            }

            throw new FileNotFoundException(
                $"ZhiPingQuan.Web.dll not found at {own} nor {copy}: build the solution first (./test.sh does).");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZhiPingQuan.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"ZhiPingQuan.sln not found above {AppContext.BaseDirectory}");
    }
}
