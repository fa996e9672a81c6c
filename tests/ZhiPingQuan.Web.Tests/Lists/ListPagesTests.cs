using System.Net;
using System.Text.RegularExpressions;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Enterprises.RegistryData;

namespace ZhiPingQuan.Web.Tests.Lists;

/// <summary>
/// The main lists at scale: a column sort that orders the rows and survives paging, page sizes 20/50/100 kept in the
/// URL, a forged size clamped; a record page's way back to the filtered list; histories without ids and hashes.
/// </summary>
public abstract partial class ListPagesTests(PortalFactory portal)
{
    [GeneratedRegex(@"<td>(上海排序测试\d+有限公司T[0-9A-F]+)</td>")]
    private static partial Regex SortedName();

    /// <summary>105 enterprises of 浦东新区 tagged alike, with only seven different outputs (so ties need the id to keep their order).</summary>
    private async Task<(string Tag, List<Enterprise> All)> ManyAsync()
    {
        var tag = Tag();
        var unitId = await UnitIdAsync(portal, Pudong);
        var all = await portal.WithDbAsync(async db =>
        {
            var list = Enumerable.Range(0, 105)
                .Select(i => new Enterprise($"上海排序测试{i:D3}有限公司{tag}", CreditCode.Parse(NewCode()), KeyIndustry.Automotive, 1000m + (i % 7) * 250.5m, unitId))
                .ToList();
            db.Organisations.AddRange(list);
            await db.SaveChangesAsync();
            return list;
        });
        return (tag, all);
    }

    private static List<string> Names(string html) => SortedName().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task Sorting_by_a_column_orders_the_rows_and_the_order_holds_from_page_to_page()
    {
        var (tag, all) = await ManyAsync();
        var client = await portal.SignedInAsync(PudongDistrict);
        var pages = new List<List<string>>();

        for (var page = 1; page <= 3; page++)
        {
            var html = await (await client.GetAsync($"/Enterprises?q={tag}&sort=output&dir=desc&size=50&page={page}")).BodyAsync();
            pages.Add(Names(html));
            if (page == 1)
            {
                Assert.Contains("共 105 条，第 1 / 3 页", html);
                Assert.Matches(@"<th class=""text-end"" aria-sort=""descending"">", html);
                // The pager's next page keeps the filter, the sort and the size.
                var next = Regex.Match(html, @"<a class=""page-link"" href=""([^""]+)"">下一页</a>").Groups[1].Value;
                Assert.Contains($"q={tag}", next);
                Assert.Contains("sort=output", next);
                Assert.Contains("dir=desc", next);
                Assert.Contains("size=50", next);
                Assert.Contains("page=2", next);
            }
        }

        Assert.Equal([50, 50, 5], pages.Select(p => p.Count));
        var shown = pages.SelectMany(p => p).ToList();
        Assert.Equal(105, shown.Distinct().Count());
        var outputs = all.ToDictionary(e => e.Name, e => e.AnnualOutputWanYuan);
        var expected = all.OrderByDescending(e => e.AnnualOutputWanYuan).Select(e => e.AnnualOutputWanYuan).ToList();
        Assert.Equal(expected, shown.Select(n => outputs[n]).ToList());
    }

    [Fact]
    public async Task Page_size_50_gives_50_rows_and_a_forged_size_is_clamped_to_100()
    {
        var (tag, _) = await ManyAsync();
        var client = await portal.SignedInAsync(PudongDistrict);

        var fifty = await (await client.GetAsync($"/Enterprises?q={tag}&size=50")).BodyAsync();
        var forged = await client.GetAsync($"/Enterprises?q={tag}&size=100000");
        var odd = await (await client.GetAsync($"/Enterprises?q={tag}&size=37")).BodyAsync();

        Assert.Equal(50, Names(fifty).Count);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var forgedHtml = await forged.BodyAsync();
        Assert.Equal(100, Names(forgedHtml).Count);
        Assert.Contains("共 105 条，第 1 / 2 页", forgedHtml);
        Assert.Equal(20, Names(odd).Count);
        // Without a sort the list is by name: the names are numbered in order.
        Assert.Equal(Names(fifty).Order(StringComparer.Ordinal), Names(fifty));
    }

    [Fact]
    public async Task An_unknown_sort_key_gives_the_default_order()
    {
        var (tag, _) = await ManyAsync();
        var client = await portal.SignedInAsync(PudongDistrict);

        var response = await client.GetAsync($"/Enterprises?q={tag}&sort=Name%20desc;DROP%20TABLE&dir=desc");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = Names(await response.BodyAsync());
        Assert.Equal(20, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    public static TheoryData<string, string, string[]> SortableLists => new()
    {
        { PudongDistrict, "/Enterprises", ["name", "code", "output", "unit"] },
        { PudongDistrict, "/Recommendations", ["created", "enterprise", "code", "batch", "state", "recommended"] },
        { PudongDistrict, "/Assignments", ["attention", "enterprise", "agency", "state", "assigned"] },
        { PudongDistrict, "/Assessments/Progress", ["attention", "enterprise", "unit", "agency", "batch", "deadline", "state", "submitted"] },
        { PudongDistrict, "/SummaryTables", ["deadline", "unit", "batch", "state", "rows", "submitted"] },
        { "thirdparty@zpq.local", "/SummaryTables", ["deadline", "unit", "batch", "state", "rows", "submitted"] },
        { "thirdparty@zpq.local", "/Assessments/Tracking", ["attention", "enterprise", "unit", "agency", "batch", "deadline", "state", "submitted"] },
        { "thirdparty@zpq.local", "/Reviews", ["submitted", "enterprise", "unit", "batch", "state"] },
        { "commission@zpq.local", "/RecommendationOverview", ["unit", "enterprise", "code", "output", "batch", "state", "recommended"] },
        { "commission@zpq.local", "/Redemptions", ["created", "enterprise", "unit", "batch", "agency", "state", "approved", "paid"] },
        { "agency.a@zpq.local", "/Assessments", ["attention", "enterprise", "unit", "agency", "batch", "deadline", "state", "submitted"] },
    };

    [Theory]
    [MemberData(nameof(SortableLists))]
    public async Task Every_sort_key_of_the_main_lists_is_answered_in_both_directions(string account, string path, string[] keys)
    {
        var client = await portal.SignedInAsync(account);

        foreach (var key in keys)
        {
            foreach (var dir in new[] { "asc", "desc" })
            {
                var response = await client.GetAsync($"{path}?sort={key}&dir={dir}&size=100");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} sorted by {key} {dir}: {(int)response.StatusCode}");
                var html = await response.BodyAsync();
                if (html.Contains($"data-sort=\"{key}\"", StringComparison.Ordinal))
                {
                    // The sorted column says so (the default orders of several values have no column).
                    Assert.Contains(dir == "asc" ? "aria-sort=\"ascending\"" : "aria-sort=\"descending\"", html);
                }
            }
        }
    }

    [Fact]
    public async Task A_record_opened_from_a_filtered_list_leads_back_to_that_list_and_never_elsewhere()
    {
        var (tag, all) = await ManyAsync();
        var client = await portal.SignedInAsync(PudongDistrict);
        var list = $"/Enterprises?q={tag}&sort=output&dir=desc&page=2";
        var listHtml = await (await client.GetAsync(list)).BodyAsync();
        var link = Regex.Match(listHtml, @"href=""(/Enterprises/Details/[^""]+\?back=[^""]+)""").Groups[1].Value;
        Assert.NotEmpty(link);

        var record = await (await client.GetAsync(WebUtility.HtmlDecode(link))).BodyAsync();
        var crumb = ListPageAssertions.Section(record, "breadcrumb", "nav");
        Assert.Contains("本单位企业", crumb);
        Assert.Equal(list, WebUtility.HtmlDecode(Regex.Match(crumb, @"<a href=""(/Enterprises[^""]*)"">本单位企业</a>").Groups[1].Value));
        Assert.Contains("aria-current=\"page\"", crumb);

        foreach (var forged in new[] { "https://evil.example/Enterprises", "//evil.example/Enterprises?q=1", "/Account/Logout", "/\\evil.example" })
        {
            var page = await (await client.GetAsync($"/Enterprises/Details/{all[0].Id}?back={Uri.EscapeDataString(forged)}")).BodyAsync();
            var trail = ListPageAssertions.Section(page, "breadcrumb", "nav");
            Assert.Contains("<a href=\"/Enterprises\">本单位企业</a>", trail);
            Assert.DoesNotContain("evil", trail);
            Assert.DoesNotContain("Logout", trail);
        }
    }

    [Fact]
    public async Task A_district_reads_the_history_without_ids_or_hashes_and_the_audit_log_keeps_them_shortened()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海历史测试有限公司" + Tag());
        var fileId = Guid.NewGuid();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fileId.ToByteArray()));
        await portal.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry(DateTime.UtcNow, null, "测试员", null, "浦东新区", AuditAction.EnterpriseChanged,
                nameof(Enterprise), enterprise.Id, $"旧记录 {Guid.NewGuid()}", "新记录", $"营业执照.pdf（文件编号 {fileId}，SHA-256 {hash}）", null));
            return await db.SaveChangesAsync();
        });
        var district = await portal.SignedInAsync(PudongDistrict);

        var page = await (await district.GetAsync($"/Enterprises/Details/{enterprise.Id}")).BodyAsync();

        var history = ListPageAssertions.Section(page, "record-history", "table");
        Assert.Contains("营业执照.pdf", history);
        Assert.Contains("旧记录", history);
        Assert.False(ListPageAssertions.HasIdOrHash(history), "the district's history shows an id or a hash: " + history);

        var auditor = await portal.SignedInAsync("audit@zpq.local");
        var log = await (await auditor.GetAsync($"/Audit?q={Uri.EscapeDataString("营业执照.pdf")}")).BodyAsync();
        var table = ListPageAssertions.Section(log, "audit-table", "table");
        Assert.Contains($">{fileId.ToString()[..8]}…<", table);
        Assert.Contains($"title=\"{fileId}\"", table);
        Assert.Contains($"title=\"{hash}\"", table);
        Assert.Contains(AuditAction.EnterpriseChanged.ToChinese(), table);
        Assert.DoesNotContain(">EnterpriseChanged<", table);
    }
}

[Collection("sqlite")]
public sealed class ListPagesTests_Sqlite(SqlitePortal portal) : ListPagesTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class ListPagesTests_Postgres(PostgresPortal portal) : ListPagesTests(portal), IClassFixture<PostgresPortal>;

/// <summary>Each role's menu item and the page it opens use the same words: the item's text is the page's title.</summary>
public abstract partial class MenuTitleTests(PortalFactory portal)
{
    [GeneratedRegex(@"<a class=""nav-link"" href=""(/[^""]+)"">([^<]+)</a>")]
    private static partial Regex MenuLink();

    [GeneratedRegex(@"<title>(.*?) - 智评券服务平台</title>")]
    private static partial Regex Title();

    [Theory]
    [InlineData("district.pudong@zpq.local")]
    [InlineData("commission@zpq.local")]
    [InlineData("thirdparty@zpq.local")]
    [InlineData("agency.a@zpq.local")]
    [InlineData("enterprise.a@zpq.local")]
    [InlineData("admin@zpq.local")]
    [InlineData("security@zpq.local")]
    [InlineData("audit@zpq.local")]
    public async Task Every_menu_item_opens_a_page_titled_with_its_words(string account)
    {
        var client = await portal.SignedInAsync(account);
        var home = await (await client.GetAsync("/")).BodyAsync();
        var items = MenuLink().Matches(home).Select(m => (Href: WebUtility.HtmlDecode(m.Groups[1].Value), Text: m.Groups[2].Value.Trim())).ToList();
        Assert.NotEmpty(items);

        var differing = new List<string>();
        foreach (var (href, text) in items)
        {
            var response = await client.GetAsync(href);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                // 本企业信息 is the enterprise's own record.
                response = await client.GetAsync(response.Headers.Location!.OriginalString);
            }
            var page = await response.BodyAsync();
            var title = WebUtility.HtmlDecode(Title().Match(page).Groups[1].Value);
            if (title != text)
            {
                differing.Add($"{text} → {href} titled “{title}”");
            }
        }

        Assert.True(differing.Count == 0, string.Join("; ", differing));
    }
}

[Collection("sqlite")]
public sealed class MenuTitleTests_Sqlite(SqlitePortal portal) : MenuTitleTests(portal), IClassFixture<SqlitePortal>;
