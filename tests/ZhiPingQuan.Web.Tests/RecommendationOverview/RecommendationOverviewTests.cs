using System.Net;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Excel;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.Programmes;

namespace ZhiPingQuan.Web.Tests.RecommendationOverview;

/// <summary>
/// 推荐汇总: the commission's (and third party's) view of every unit's recommendations. Records are made
/// straight through the domain (the district pages are another area), on the 2023 pilot with the clock
/// fixed before its deadlines. Each test names its enterprises with a tag of its own and searches for it,
/// so counts are independent of other tests' records.
/// </summary>
public abstract partial class RecommendationOverviewTests(PortalFactory portal)
{
    private const string Commission = "commission@zpq.local";

    private sealed record Made(Guid Id, string Name, string CreditCode);

    private async Task<Made> RecommendAsync(
        string unit,
        string name,
        KeyIndustry industry = KeyIndustry.HighEndEquipment,
        RecommendationState state = RecommendationState.Recommended,
        bool districtFundedOnly = false,
        string batchName = "第一批")
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unitId = await db.RecommendingUnits.Where(u => u.Name == unit).Select(u => u.Id).FirstAsync();
        var batch = await db.Batches.FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == batchName);
        // District-funded-only enterprises are typically below the municipal output threshold.
        var enterprise = new Enterprise(name, Arrange.NewCreditCode(), industry, districtFundedOnly ? 3_000.00m : 12_345.67m, unitId);
        db.Enterprises.Add(enterprise);

        var recommendation = new Recommendation(enterprise, batch, "测试科长", Pilot2023Portal.Now);
        if (districtFundedOnly)
        {
            recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary)], [], true, enterprise);
        }
        else
        {
            recommendation.SetContent(
                [new RecommendationBasisStatement(RecommendationBasis.SmartTransformation, "MES改造"), new RecommendationBasisStatement(RecommendationBasis.Voluntary)],
                [new TransformationContract(30.00m, KeyLink.Production, "MES 系统改造")], false, enterprise);
        }
        if (state != RecommendationState.Draft)
        {
            recommendation.Recommend(enterprise, batch, "测试科长", Pilot2023Portal.Now);
        }
        if (state == RecommendationState.Withdrawn)
        {
            recommendation.Withdraw("企业暂不参加", "测试科长", Pilot2023Portal.Now, assessmentAssigned: false);
        }
        if (state is RecommendationState.Assessed)
        {
            recommendation.MarkAssessed(Pilot2023Portal.Now);
        }
        db.Recommendations.Add(recommendation);
        await db.SaveChangesAsync();
        return new Made(recommendation.Id, name, enterprise.CreditCode.Value);
    }

    private static (int Municipal, int District) Counts(string html, string kind, string label)
    {
        var match = new Regex($"data-{kind}=\"{Regex.Escape(label)}\">.*?data-count=\"municipal\">(\\d+)<.*?data-count=\"district\">(\\d+)<", RegexOptions.Singleline).Match(html);
        Assert.True(match.Success, $"no {kind} line for {label}");
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }

    private static int Total(string html, string testId) =>
        int.Parse(new Regex($"data-testid=\"{testId}\">(\\d+)").Match(html).Groups[1].Value);

    /// <summary>The enterprise names in the list table, in order.</summary>
    private static IReadOnlyList<string> Listed(string html) =>
        ListedRow().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("<tr data-enterprise=\"([^\"]*)\"")]
    private static partial Regex ListedRow();

    private static string Q(string text) => Uri.EscapeDataString(text);

    [Fact]
    public async Task Counts_per_unit_and_industry_keep_district_funded_apart_and_leave_drafts_and_withdrawals_out()
    {
        var tag = Arrange.Tag();
        await RecommendAsync("浦东新区", $"{tag}浦东甲", KeyIndustry.HighEndEquipment);
        await RecommendAsync("浦东新区", $"{tag}浦东乙", KeyIndustry.HighEndEquipment, RecommendationState.Assessed);
        await RecommendAsync("浦东新区", $"{tag}浦东区级", KeyIndustry.Automotive, districtFundedOnly: true);
        await RecommendAsync("浦东新区", $"{tag}浦东草稿", KeyIndustry.Automotive, RecommendationState.Draft);
        await RecommendAsync("闵行区", $"{tag}闵行甲", KeyIndustry.Automotive);
        await RecommendAsync("闵行区", $"{tag}闵行撤回", KeyIndustry.Automotive, RecommendationState.Withdrawn);
        var client = await portal.SignedInAsync(Commission);

        var html = await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}");

        Assert.Equal(3, Total(html, "municipal-total"));
        Assert.Equal(1, Total(html, "district-funded-total"));
        Assert.Equal((2, 1), Counts(html, "unit", "浦东新区"));
        Assert.Equal((1, 0), Counts(html, "unit", "闵行区"));
        Assert.Equal((2, 0), Counts(html, "industry", "高端装备"));
        Assert.Equal((1, 1), Counts(html, "industry", "汽车"));
        Assert.Equal((0, 0), Counts(html, "industry", "生命健康"));
        Assert.Equal(new[] { $"{tag}浦东甲", $"{tag}浦东乙", $"{tag}闵行甲" }.Order(StringComparer.Ordinal), Listed(html).Order(StringComparer.Ordinal));
        Assert.DoesNotContain($"{tag}浦东草稿", html);

        var withWithdrawn = await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&state=All");
        Assert.Equal((2, 0), Counts(withWithdrawn, "unit", "闵行区"));
        Assert.Contains($"{tag}闵行撤回", withWithdrawn);
        Assert.DoesNotContain($"{tag}浦东草稿", withWithdrawn);
    }

    [Fact]
    public async Task District_funded_recommendations_are_listed_on_their_own_tab_marked_and_never_among_the_municipal()
    {
        var tag = Arrange.Tag();
        await RecommendAsync("浦东新区", $"{tag}市级企业");
        await RecommendAsync("浦东新区", $"{tag}区级企业", districtFundedOnly: true);
        var client = await portal.SignedInAsync(Commission);

        var municipal = await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}");
        Assert.Equal([$"{tag}市级企业"], Listed(municipal));

        var district = await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&scope=DistrictFunded");
        Assert.Equal([$"{tag}区级企业"], Listed(district));
        Assert.Contains("区级叠加支持</span>", district);
        Assert.Contains("不计入市级推荐", district);
        Assert.Equal(1, Total(district, "municipal-total"));
    }

    [Fact]
    public async Task Filters_by_unit_industry_state_and_batch()
    {
        var tag = Arrange.Tag();
        await RecommendAsync("浦东新区", $"{tag}A", KeyIndustry.HighEndEquipment);
        await RecommendAsync("浦东新区", $"{tag}B", KeyIndustry.LifeHealth, batchName: "第二批");
        await RecommendAsync("闵行区", $"{tag}C", KeyIndustry.LifeHealth, RecommendationState.Assessed);
        await RecommendAsync("闵行区", $"{tag}D", KeyIndustry.LifeHealth, RecommendationState.Withdrawn);
        var minhang = await Arrange.UnitIdAsync(portal, "闵行区");
        var secondBatch = await portal.WithDbAsync(db => db.Batches.Where(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第二批").Select(b => b.Id).FirstAsync());
        var client = await portal.SignedInAsync(Commission);

        async Task<IReadOnlyList<string>> ListAsync(string query) =>
            Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&{query}")).Order(StringComparer.Ordinal).ToList();

        Assert.Equal([$"{tag}C"], await ListAsync($"unitId={minhang}"));
        Assert.Equal([$"{tag}B", $"{tag}C"], await ListAsync("industry=LifeHealth"));
        Assert.Equal([$"{tag}C"], await ListAsync("state=Assessed"));
        Assert.Equal([$"{tag}D"], await ListAsync("state=Withdrawn"));
        Assert.Equal([$"{tag}B"], await ListAsync($"batchId={secondBatch}"));
        Assert.Equal([$"{tag}C", $"{tag}D"], await ListAsync($"unitId={minhang}&state=All"));
        // Drafts are not a state the overview offers; asking for them finds nothing.
        Assert.Empty(await ListAsync("state=Draft"));
        var filtered = await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&industry=LifeHealth");
        Assert.Equal(2, Total(filtered, "municipal-total"));
        Assert.Equal((1, 0), Counts(filtered, "unit", "浦东新区"));
        Assert.Equal((1, 0), Counts(filtered, "unit", "闵行区"));
        Assert.Equal((0, 0), Counts(filtered, "industry", "高端装备"));
    }

    [Fact]
    public async Task An_enterprise_renamed_and_moved_to_another_industry_in_the_registry_is_listed_and_counted_as_it_is_now()
    {
        var tag = Arrange.Tag();
        var made = await RecommendAsync("浦东新区", $"{tag}改名前有限公司", KeyIndustry.HighEndEquipment);
        var enterpriseId = await portal.WithDbAsync(db => db.Recommendations.Where(r => r.Id == made.Id).Select(r => r.EnterpriseId).FirstAsync());
        var district = await portal.SignedInAsync("district.pudong@zpq.local");
        var url = $"/Enterprises/Edit/{enterpriseId}";
        var edit = await district.PostFormAsync(url, url, new Dictionary<string, string>
        {
            ["Name"] = $"{tag}改名后有限公司",
            ["CreditCode"] = made.CreditCode,
            ["Industry"] = nameof(KeyIndustry.LifeHealth),
            ["AnnualOutputWanYuan"] = "12345.67",
            ["ContactName"] = "张三",
            ["ContactPhone"] = "021-5555 1234",
            ["Version"] = await Enterprises.RegistryData.VersionOnPageAsync(district, url),
        });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        var client = await portal.SignedInAsync(Commission);
        var page = await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}");
        Assert.Equal([$"{tag}改名后有限公司"], Listed(page));
        Assert.Equal((1, 0), Counts(page, "industry", "生命健康"));
        Assert.Equal((0, 0), Counts(page, "industry", "高端装备"));
        Assert.Equal([$"{tag}改名后有限公司"], Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&industry=LifeHealth")));
        Assert.Empty(Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&industry=HighEndEquipment")));
        var kept = await portal.WithDbAsync(db => db.Recommendations.AsNoTracking().FirstAsync(r => r.Id == made.Id));
        Assert.Equal(($"{tag}改名后有限公司", made.CreditCode, KeyIndustry.LifeHealth), (kept.EnterpriseName, kept.EnterpriseCreditCode.Value, kept.EnterpriseIndustry));
    }

    [Fact]
    public async Task An_enterprise_whose_credit_code_is_corrected_is_found_by_the_new_code_only()
    {
        var made = await RecommendAsync("闵行区", $"{Arrange.Tag()}更正代码有限公司");
        var corrected = Arrange.NewCreditCode();
        await portal.WithDbAsync(async db =>
        {
            var enterprise = await db.Enterprises.FirstAsync(e => e.Name == made.Name);
            enterprise.CorrectCreditCode(corrected, "原代码录入有误");
            return await db.SaveChangesAsync();
        });
        var client = await portal.SignedInAsync(Commission);

        Assert.Equal([made.Name], Listed(await client.GetStringAsync($"/RecommendationOverview?q={corrected.Value}")));
        Assert.Equal([made.Name], Listed(await client.GetStringAsync($"/RecommendationOverview?q={corrected.Value[4..14]}")));
        Assert.Empty(Listed(await client.GetStringAsync($"/RecommendationOverview?q={made.CreditCode}")));
        Assert.Contains(corrected.Value, await client.GetStringAsync($"/RecommendationOverview?q={Q(made.Name)}"));
    }

    [Fact]
    public async Task Search_finds_by_name_by_full_credit_code_and_by_part_of_it()
    {
        var tag = Arrange.Tag();
        var made = await RecommendAsync("浦东新区", $"{tag}检索测试有限公司");
        var client = await portal.SignedInAsync(Commission);

        Assert.Equal([made.Name], Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag + "检索")}")));
        Assert.Equal([made.Name], Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(made.CreditCode.ToLowerInvariant())}")));
        Assert.Equal([made.Name], Listed(await client.GetStringAsync($"/RecommendationOverview?q={made.CreditCode[5..15]}")));
        Assert.Empty(Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag + "不存在")}")));
    }

    [Fact]
    public async Task The_list_is_paged_twenty_to_a_page()
    {
        var tag = Arrange.Tag();
        for (var i = 0; i < 21; i++)
        {
            await RecommendAsync("闵行区", $"{tag}分页{i:00}");
        }
        var client = await portal.SignedInAsync(Commission);

        var first = await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}");
        var second = await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&page=2");

        Assert.Equal(20, Listed(first).Count);
        Assert.Equal([$"{tag}分页20"], Listed(second));
        Assert.Contains("共 21 条，第 2 / 2 页", second);
        Assert.Equal(21, Total(second, "municipal-total"));
    }

    [Fact]
    public async Task Pages_that_span_two_units_follow_the_units_order_then_the_time_and_name_and_every_record_appears_once()
    {
        var tag = Arrange.Tag();
        // Made out of name order, so the order on the page is the list's own.
        foreach (var i in new[] { 7, 2, 11, 0, 5, 9, 1, 10, 3, 8, 6, 4 })
        {
            await RecommendAsync("闵行区", $"{tag}闵{i:00}");
            await RecommendAsync("浦东新区", $"{tag}浦{i:00}");
        }
        var unitOrder = await portal.WithDbAsync(db => db.RecommendingUnits.Where(u => u.Name == "浦东新区" || u.Name == "闵行区")
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name).Select(u => u.Name).ToListAsync());
        var expected = unitOrder.SelectMany(unit => Enumerable.Range(0, 12).Select(i => $"{tag}{unit[..1]}{i:00}")).ToList();
        var client = await portal.SignedInAsync(Commission);

        var first = Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}"));
        var second = Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&page=2"));
        var byUnitAsked = Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&sort=unit&dir=asc&page=2"));
        var reversed = Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}&sort=unit&dir=desc&size=50"));

        Assert.Equal(expected, first.Concat(second).ToList());
        Assert.Equal(20, first.Count);
        Assert.Equal(second, byUnitAsked);
        // Descending by unit: the units the other way round, each still in time and name order.
        Assert.Equal(Enumerable.Reverse(unitOrder).SelectMany(unit => Enumerable.Range(0, 12).Select(i => $"{tag}{unit[..1]}{i:00}")).ToList(), reversed);
    }

    [Fact]
    public async Task Export_writes_the_filtered_list_with_the_agreed_columns_and_text_that_looks_like_a_formula_stays_text()
    {
        var tag = Arrange.Tag();
        var dangerous = new[]
        {
            await RecommendAsync("浦东新区", $"=HYPERLINK(\"http://evil.example\",\"{tag}\")"),
            await RecommendAsync("浦东新区", $"+1+1{tag}"),
            await RecommendAsync("浦东新区", $"-2+3{tag}"),
            await RecommendAsync("浦东新区", $"@SUM(A1){tag}"),
        };
        var districtOnly = await RecommendAsync("闵行区", $"{tag}区级叠加", districtFundedOnly: true);
        var auditsBefore = await Arrange.AuditCountAsync(portal, AuditAction.RecommendationOverviewExported);
        var client = await portal.SignedInAsync(Commission);

        var response = await client.GetAsync($"/RecommendationOverview/Export?q={Q(tag)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SafeExcel.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = new XLWorkbook(stream);

        var sheet = workbook.Worksheet("市级推荐");
        Assert.Equal(
            ["序号", "推荐单位", "企业名称", "统一社会信用代码", "所属行业", "年产值（万元）", "推荐依据", "状态", "推荐时间"],
            Enumerable.Range(1, 9).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(dangerous.Length + 1, sheet.LastRowUsed().RowNumber());
        foreach (var made in dangerous)
        {
            var row = sheet.Column(4).CellsUsed().Single(c => c.GetString() == made.CreditCode).Address.RowNumber;
            var nameCell = sheet.Cell(row, 3);
            Assert.False(nameCell.HasFormula, $"{made.Name} became a formula");
            Assert.Equal(XLDataType.Text, nameCell.DataType);
            Assert.Equal(made.Name, nameCell.GetString());
            Assert.Equal("浦东新区", sheet.Cell(row, 2).GetString());
            Assert.Equal("高端装备", sheet.Cell(row, 5).GetString());
            Assert.Equal(12_345.67m, sheet.Cell(row, 6).GetValue<decimal>());
            Assert.Equal("1 智能化改造、4 自愿评估", sheet.Cell(row, 7).GetString());
            Assert.Equal("已推荐", sheet.Cell(row, 8).GetString());
            Assert.Equal("2023-10-20 10:00", sheet.Cell(row, 9).GetString());
        }
        Assert.Equal(Enumerable.Range(1, dangerous.Length), Enumerable.Range(2, dangerous.Length).Select(r => sheet.Cell(r, 1).GetValue<int>()));
        Assert.DoesNotContain(sheet.Column(3).CellsUsed(), c => c.GetString() == districtOnly.Name);

        var districtSheet = workbook.Worksheet("区级叠加支持");
        Assert.Equal(2, districtSheet.LastRowUsed().RowNumber());
        Assert.Equal(districtOnly.Name, districtSheet.Cell(2, 3).GetString());
        Assert.Equal("已推荐（区级叠加支持）", districtSheet.Cell(2, 8).GetString());

        Assert.Equal(auditsBefore + 1, await Arrange.AuditCountAsync(portal, AuditAction.RecommendationOverviewExported));
    }

    [Fact]
    public async Task Export_follows_the_filters()
    {
        var tag = Arrange.Tag();
        await RecommendAsync("浦东新区", $"{tag}浦东");
        var minhangMade = await RecommendAsync("闵行区", $"{tag}闵行");
        var minhang = await Arrange.UnitIdAsync(portal, "闵行区");
        var client = await portal.SignedInAsync(Commission);

        var bytes = await client.GetByteArrayAsync($"/RecommendationOverview/Export?q={Q(tag)}&unitId={minhang}");

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet("市级推荐");
        Assert.Equal(2, sheet.LastRowUsed().RowNumber());
        Assert.Equal(minhangMade.Name, sheet.Cell(2, 3).GetString());
        Assert.Contains("推荐单位：闵行区", workbook.Worksheet("说明").Cell(3, 2).GetString());
    }

    [Fact]
    public async Task The_third_party_reads_the_overview_and_may_export_it()
    {
        var tag = Arrange.Tag();
        await RecommendAsync("浦东新区", $"{tag}第三方可见");
        var client = await portal.SignedInAsync("thirdparty@zpq.local");
        Assert.Equal([$"{tag}第三方可见"], Listed(await client.GetStringAsync($"/RecommendationOverview?q={Q(tag)}")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/RecommendationOverview/Export?q={Q(tag)}")).StatusCode);
    }

    [Theory]
    [InlineData("district.pudong@zpq.local")]
    [InlineData("district.minhang@zpq.local")]
    [InlineData("enterprise.a@zpq.local")]
    [InlineData("agency.a@zpq.local")]
    [InlineData("admin@zpq.local")]
    public async Task Districts_enterprises_and_others_are_refused_the_overview_and_its_export(string email)
    {
        var client = await portal.SignedInAsync(email);
        var auditsBefore = await Arrange.AuditCountAsync(portal, AuditAction.RecommendationOverviewExported);
        Arrange.AssertAccessDenied(await client.GetAsync("/RecommendationOverview"));
        Arrange.AssertAccessDenied(await client.GetAsync("/RecommendationOverview/Export"));
        Assert.Equal(auditsBefore, await Arrange.AuditCountAsync(portal, AuditAction.RecommendationOverviewExported));
    }
}

[Collection("sqlite")]
public sealed class RecommendationOverviewTests_Sqlite(Pilot2023SqlitePortal portal) : RecommendationOverviewTests(portal), IClassFixture<Pilot2023SqlitePortal>;

[Collection("postgres")]
public sealed class RecommendationOverviewTests_Postgres(Pilot2023PostgresPortal portal) : RecommendationOverviewTests(portal), IClassFixture<Pilot2023PostgresPortal>;
