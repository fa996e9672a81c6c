using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Programmes;

/// <summary>
/// The portal with its clock fixed on 20 October 2023, 10:00 in Shanghai: the 2023 pilot's 第一批
/// (deadline 15 November) and 第二批 (15 December) are open, and countdowns are known in advance.
/// </summary>
public abstract class Pilot2023Portal : PortalFactory
{
    public static readonly DateTime Now = new(2023, 10, 20, 2, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly Today = new(2023, 10, 20);

    protected Pilot2023Portal(DbProvider provider) : base(provider)
    {
        var clock = new Mock<IClock>();
        clock.SetupGet(c => c.UtcNow).Returns(Now);
        Clock = clock.Object;
    }
}

public sealed class Pilot2023SqlitePortal() : Pilot2023Portal(DbProvider.Sqlite);

public sealed class Pilot2023PostgresPortal() : Pilot2023Portal(DbProvider.Postgres);

/// <summary>Arranging records straight through the domain and the DbContext, and reading pages back.</summary>
public static partial class Arrange
{
    /// <summary>
    /// A year number no programme in this fixture's database has yet (2030 upward). Tests of one
    /// fixture run one after another, so the next free number is theirs.
    /// </summary>
    public static Task<int> FreeYearAsync(PortalFactory portal) =>
        portal.WithDbAsync(async db => Math.Max(2030, await db.ProgrammeYears.MaxAsync(y => y.Year) + 1));

    /// <summary>A programme year of its own for one test, with the given batches (deadlines in that year).</summary>
    public static async Task<ProgrammeYear> NewYearAsync(PortalFactory portal, params (string Name, int Month, int Day)[] batches)
    {
        var number = await FreeYearAsync(portal);
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var year = new ProgrammeYear(number, new Money(100_000.00m), new Money(5_000_000.00m));
        foreach (var (name, month, day) in batches)
        {
            year.AddBatch(name, new DateOnly(number, month, day));
        }
        db.ProgrammeYears.Add(year);
        await db.SaveChangesAsync();
        return year;
    }

    public static Task<Guid> UnitIdAsync(PortalFactory portal, string name) =>
        portal.WithDbAsync(db => db.RecommendingUnits.Where(u => u.Name == name).Select(u => u.Id).FirstAsync());

    /// <summary>A valid, random unified social credit code (GB 32100-2015 check character computed).</summary>
    public static CreditCode NewCreditCode() => TestData.NewCreditCode();

    /// <summary>A word no other test's data contains, for names and searches.</summary>
    public static string Tag() => TestData.Tag();

    /// <summary>Posts a form whose fields may repeat (checkbox lists), with the antiforgery token of <paramref name="pageUrl"/>.</summary>
    public static async Task<HttpResponseMessage> PostPairsAsync(this HttpClient client, string pageUrl, string actionUrl, IEnumerable<(string Key, string Value)> fields)
    {
        var token = await client.AntiforgeryTokenAsync(pageUrl);
        var pairs = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
        return await client.PostAsync(actionUrl, new FormUrlEncodedContent(pairs));
    }

    public static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    public static void AssertRedirect(HttpResponseMessage response, string pathStart)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}");
        Assert.StartsWith(pathStart, response.Headers.Location!.OriginalString);
    }

    /// <summary>The page's validation summary text (the Chinese messages shown to the user).</summary>
    public static string Errors(string html)
    {
        var match = FormErrors().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : string.Empty;
    }

    [GeneratedRegex("data-testid=\"form-errors\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex FormErrors();

    public static Task<int> AuditCountAsync(PortalFactory portal, AuditAction action) =>
        portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action));
}
