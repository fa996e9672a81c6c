using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Enterprises.RegistryData;

namespace ZhiPingQuan.Web.Tests.Recommendations;

/// <summary>The district recommends enterprises of its unit (docs/domain.md §4.1); the enterprise sees it.</summary>
public abstract class RecommendationTests(PortalFactory portal)
{
    /// <summary>The form as the page posts it: chosen bases (1–4), contract rows, the flag and the button.</summary>
    public static Dictionary<string, string> Form(Guid enterpriseId, Guid batchId, string command = "recommend",
        int[]? bases = null, (string Amount, string Link)[]? contracts = null, bool districtFundedOnly = false, string? version = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.EnterpriseId"] = enterpriseId.ToString(),
            ["Form.BatchId"] = batchId.ToString(),
            ["Form.Command"] = command,
        };
        if (version is not null)
        {
            fields["Form.Version"] = version;
        }
        var chosen = bases ?? [4];
        foreach (var basis in RecommendationBases.All)
        {
            var i = (int)basis - 1;
            fields[$"Form.Bases[{i}].Basis"] = basis.ToString();
            fields[$"Form.Bases[{i}].Description"] = chosen.Contains((int)basis) ? $"依据{(int)basis}的说明" : "";
            if (chosen.Contains((int)basis))
            {
                fields[$"Form.Bases[{i}].Selected"] = "true";
            }
        }
        var rows = contracts ?? [];
        for (var i = 0; i < 5; i++)
        {
            fields[$"Form.Contracts[{i}].AmountWanYuan"] = i < rows.Length ? rows[i].Amount : "";
            fields[$"Form.Contracts[{i}].Link"] = i < rows.Length ? rows[i].Link : "";
            fields[$"Form.Contracts[{i}].Description"] = i < rows.Length ? $"合同{i + 1}" : "";
        }
        if (districtFundedOnly)
        {
            fields["Form.DistrictFundedOnly"] = "true";
        }
        return fields;
    }

    private static string CreateUrl(Guid enterpriseId) => $"/Recommendations/Create?enterpriseId={enterpriseId}";

    private Task<HttpResponseMessage> CreateAsync(HttpClient client, Guid enterpriseId, Dictionary<string, string> fields) =>
        client.PostFormAsync(CreateUrl(enterpriseId), "/Recommendations/Create", fields);

    private static Guid IdFrom(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!.OriginalString;
        Assert.StartsWith("/Recommendations/Details/", location);
        return Guid.Parse(location["/Recommendations/Details/".Length..]);
    }

    private async Task<(Enterprise Enterprise, Guid BatchId)> PudongEnterpriseAsync(string what, decimal output = 56_000m)
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, $"上海{what}{Tag()}有限公司", output);
        return (enterprise, (await BatchAsync(portal, CurrentYear, "第一批")).Id);
    }

    [Fact]
    public async Task An_eligible_enterprise_is_recommended_with_its_bases_and_contracts_and_it_is_audited()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("合格企业");
        var client = await portal.SignedInAsync(PudongDistrict);
        var audits = await AuditCountAsync(portal, AuditAction.EnterpriseRecommended);

        var response = await CreateAsync(client, enterprise.Id,
            Form(enterprise.Id, batchId, bases: [1, 4], contracts: [("25.50", "Production"), ("100", "Finance")]));

        var id = IdFrom(response);
        var saved = await portal.WithDbAsync(db => db.Recommendations.AsNoTracking().FirstAsync(r => r.Id == id));
        Assert.Equal(RecommendationState.Recommended, saved.State);
        Assert.Equal(enterprise.Id, saved.EnterpriseId);
        Assert.Equal(batchId, saved.BatchId);
        Assert.Equal(await UnitIdAsync(portal, Pudong), saved.RecommendingUnitId);
        Assert.Equal("李科长（浦东新区）", saved.RecommendedBy);
        Assert.Equal([RecommendationBasis.SmartTransformation, RecommendationBasis.Voluntary], saved.BasisList);
        Assert.Equal("依据1的说明", saved.Bases.Single(b => b.Basis == RecommendationBasis.SmartTransformation).Description);
        Assert.Equal(2, saved.Contracts.Count);
        Assert.Contains(saved.Contracts, c => c.AmountWanYuan == 25.50m && c.Link == KeyLink.Production);
        Assert.False(saved.DistrictFundedOnly);
        Assert.Equal(audits + 1, await AuditCountAsync(portal, AuditAction.EnterpriseRecommended));

        var details = await (await client.GetAsync($"/Recommendations/Details/{id}")).BodyAsync();
        Assert.Contains("已推荐", details);
        Assert.Contains("李科长（浦东新区）", details);
        Assert.Contains("1 智能化改造", details);
    }

    [Fact]
    public async Task An_ineligible_enterprise_gets_each_reason_in_Chinese_and_nothing_is_saved()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("产值不足", output: 8_000m);
        var client = await portal.SignedInAsync(PudongDistrict);
        var audits = await AuditCountAsync(portal, AuditAction.RecommendationDrafted);

        var response = await CreateAsync(client, enterprise.Id,
            Form(enterprise.Id, batchId, bases: [1], contracts: [("30", "Finance"), ("20", "Production")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.BodyAsync();
        Assert.Contains("不符合市级推荐条件，未保存", html);
        Assert.Contains("年产值为8,000.00万元，低于1亿元（10,000.00万元）。", html);
        Assert.Contains("所填合同均不符合（金额须高于20万元，且财务、OA等非关键环节不计入）", html);
        Assert.Empty(await RecommendationsOfAsync(portal, enterprise.Id));
        Assert.Equal(audits, await AuditCountAsync(portal, AuditAction.RecommendationDrafted));
    }

    [Fact]
    public async Task No_basis_chosen_is_a_reason_too()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("未选依据");
        var client = await portal.SignedInAsync(PudongDistrict);

        var response = await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId, bases: []));

        Assert.Contains("未选择推荐依据，至少应符合一项。", await response.BodyAsync());
        Assert.Empty(await RecommendationsOfAsync(portal, enterprise.Id));
    }

    [Fact]
    public async Task Saving_a_draft_keeps_the_content_without_recommending_and_it_can_be_recommended_later()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("草稿企业", output: 8_000m);
        var client = await portal.SignedInAsync(PudongDistrict);

        var id = IdFrom(await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId, command: "save", bases: [2])));
        var draft = await FindRecommendationAsync(portal, id);
        Assert.Equal(RecommendationState.Draft, draft!.State);
        Assert.Null(draft.RecommendedAtUtc);

        // Recommending the ineligible draft is refused and changes nothing …
        var edit = $"/Recommendations/Edit/{id}";
        var refused = await client.PostFormAsync(edit, edit, Form(enterprise.Id, batchId, bases: [2, 3], version: await VersionOnPageAsync(client, edit)));
        Assert.Contains("年产值为8,000.00万元", await refused.BodyAsync());
        var still = await FindRecommendationAsync(portal, id);
        Assert.Equal(RecommendationState.Draft, still!.State);
        Assert.Equal([RecommendationBasis.MajorProject], still.BasisList);
        Assert.Equal(draft.Version, still.Version);

        // … and district-funded only, it is recommended.
        var done = await client.PostFormAsync(edit, edit,
            Form(enterprise.Id, batchId, bases: [2], districtFundedOnly: true, version: await VersionOnPageAsync(client, edit)));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var recommended = await FindRecommendationAsync(portal, id);
        Assert.Equal(RecommendationState.Recommended, recommended!.State);
        Assert.True(recommended.DistrictFundedOnly);
    }

    [Fact]
    public async Task District_funded_only_records_an_enterprise_outside_the_rules_as_recommended()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("区级支持", output: 3_000m);
        var client = await portal.SignedInAsync(PudongDistrict);

        var id = IdFrom(await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId, bases: [4], districtFundedOnly: true)));

        var saved = await FindRecommendationAsync(portal, id);
        Assert.Equal(RecommendationState.Recommended, saved!.State);
        Assert.True(saved.DistrictFundedOnly);
        Assert.False(RecommendationRules.OnMunicipalTrack.IsSatisfiedBy(saved));
        Assert.Contains("区级叠加支持", await (await client.GetAsync($"/Recommendations/Details/{id}")).BodyAsync());
    }

    [Fact]
    public async Task A_past_batch_is_refused_with_its_deadline_and_nothing_is_saved()
    {
        var (enterprise, _) = await PudongEnterpriseAsync("过期批次");
        var past = await BatchAsync(portal, 2023, "第一批");
        var client = await portal.SignedInAsync(PudongDistrict);

        var response = await CreateAsync(client, enterprise.Id, Form(enterprise.Id, past.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2023年度第一批的截止日期为2023年11月15日（当日24:00截止），已过截止时间，不能推荐企业。如确需推荐企业，请联系市经信委延长截止日期。", await response.BodyAsync());
        Assert.Empty(await RecommendationsOfAsync(portal, enterprise.Id));
        // A draft to a closed batch is refused as well.
        await CreateAsync(client, enterprise.Id, Form(enterprise.Id, past.Id, command: "save"));
        Assert.Empty(await RecommendationsOfAsync(portal, enterprise.Id));
    }

    [Fact]
    public async Task An_enterprise_is_recommended_once_per_programme_year_and_the_message_names_the_batch()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("一年一次");
        var second = await BatchAsync(portal, CurrentYear, "第二批");
        var client = await portal.SignedInAsync(PudongDistrict);
        IdFrom(await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId)));

        var response = await CreateAsync(client, enterprise.Id, Form(enterprise.Id, second.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"该企业在{CurrentYear}年度已有推荐记录（第一批，已推荐），每个项目年度只能推荐一次。", await response.BodyAsync());
        var all = await RecommendationsOfAsync(portal, enterprise.Id);
        Assert.Single(all);
        Assert.Equal(batchId, all[0].BatchId);
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_records_who_and_why_and_the_record_can_be_recommended_again()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("撤回企业");
        var client = await portal.SignedInAsync(PudongDistrict);
        var id = IdFrom(await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId)));
        var details = $"/Recommendations/Details/{id}";
        var before = await FindRecommendationAsync(portal, id);

        var noReason = await client.PostFormAsync(details, $"/Recommendations/Withdraw/{id}",
            new Dictionary<string, string> { ["version"] = before!.Version.ToString(), ["reason"] = " " });
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        Assert.Contains("撤回推荐必须填写原因。", await (await client.GetAsync(details)).BodyAsync());
        Assert.Equal(RecommendationState.Recommended, (await FindRecommendationAsync(portal, id))!.State);

        var audits = await AuditCountAsync(portal, AuditAction.RecommendationWithdrawn);
        await client.PostFormAsync(details, $"/Recommendations/Withdraw/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = before.Version.ToString(), ["reason"] = "企业今年暂不参加" });
        var withdrawn = await FindRecommendationAsync(portal, id);
        Assert.Equal(RecommendationState.Withdrawn, withdrawn!.State);
        Assert.Equal("企业今年暂不参加", withdrawn.WithdrawalReason);
        Assert.Equal("李科长（浦东新区）", withdrawn.WithdrawnBy);
        Assert.Equal(audits + 1, await AuditCountAsync(portal, AuditAction.RecommendationWithdrawn));
        var page = await (await client.GetAsync(details)).BodyAsync();
        Assert.Contains("原因：企业今年暂不参加", page);
        Assert.Contains("已撤回", page);

        var edit = $"/Recommendations/Edit/{id}";
        var again = await client.PostFormAsync(edit, edit, Form(enterprise.Id, batchId, version: await VersionOnPageAsync(client, edit)));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(RecommendationState.Recommended, (await FindRecommendationAsync(portal, id))!.State);
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == id && a.Action == AuditAction.EnterpriseRecommendedAgain)));
    }

    [Fact]
    public async Task Withdrawing_with_a_stale_page_is_a_conflict_and_changes_nothing()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("并发撤回");
        var client = await portal.SignedInAsync(PudongDistrict);
        var id = IdFrom(await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId)));

        var response = await client.PostFormAsync($"/Recommendations/Details/{id}", $"/Recommendations/Withdraw/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = Guid.NewGuid().ToString(), ["reason"] = "旧页面" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(RecommendationState.Recommended, (await FindRecommendationAsync(portal, id))!.State);
    }

    [Fact]
    public async Task Once_an_agency_is_assigned_withdrawal_is_refused()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("已派机构");
        var client = await portal.SignedInAsync(PudongDistrict);
        var id = IdFrom(await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId)));
        await portal.WithDbAsync(async db =>
        {
            var agency = new ServiceAgency("上海测试评估机构" + Tag(), CreditCode.Parse(NewCode()), AgencyLevel.Municipal, null,
                new DateOnly(2020, 1, 1), null, inCatalogue: true);
            db.Organisations.Add(agency);
            var recommendation = await db.Recommendations.FirstAsync(r => r.Id == id);
            db.Assessments.Add(new Assessment(recommendation, agency, "测试", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var before = await FindRecommendationAsync(portal, id);
        var details = $"/Recommendations/Details/{id}";
        Assert.Contains("该企业已分配评估机构，不能撤回推荐。", await (await client.GetAsync(details)).BodyAsync());

        await client.PostFormAsync(details, $"/Recommendations/Withdraw/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = before!.Version.ToString(), ["reason"] = "想撤回" });

        var after = await FindRecommendationAsync(portal, id);
        Assert.Equal(RecommendationState.Recommended, after!.State);
        Assert.Equal(before.Version, after.Version);
        Assert.Contains("未撤回：该企业已分配评估机构，不能撤回推荐。", await (await client.GetAsync(details)).BodyAsync());
    }

    [Fact]
    public async Task Another_units_district_gets_404_on_every_recommendation_url_and_nothing_changes()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("跨区推荐");
        var pudong = await portal.SignedInAsync(PudongDistrict);
        var id = IdFrom(await CreateAsync(pudong, enterprise.Id, Form(enterprise.Id, batchId)));
        var before = await FindRecommendationAsync(portal, id);
        var other = await EnterpriseAsync(portal, Pudong, "上海浦东未推荐" + Tag() + "有限公司");
        var minhang = await portal.SignedInAsync(MinhangDistrict);
        const string ownPage = "/Recommendations";

        foreach (var url in new[] { $"/Recommendations/Details/{id}", $"/Recommendations/Edit/{id}", CreateUrl(other.Id) })
        {
            var get = await minhang.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.DoesNotContain(enterprise.Name, await get.BodyAsync());
        }
        var version = before!.Version.ToString();
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.PostFormAsync(ownPage, $"/Recommendations/Edit/{id}",
            Form(enterprise.Id, batchId, bases: [2], districtFundedOnly: true, version: version))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.PostFormAsync(ownPage, $"/Recommendations/Withdraw/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = version, ["reason"] = "闵行想撤回" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.PostFormAsync(ownPage, $"/Recommendations/Delete/{id}",
            new Dictionary<string, string> { ["version"] = version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.PostFormAsync(ownPage, "/Recommendations/Create",
            Form(other.Id, batchId))).StatusCode);

        var after = await FindRecommendationAsync(portal, id);
        Assert.Equal(RecommendationState.Recommended, after!.State);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal([RecommendationBasis.Voluntary], after.BasisList);
        Assert.Empty(await RecommendationsOfAsync(portal, other.Id));
        Assert.Contains("共 0 条", await (await minhang.GetAsync($"{ownPage}?q={Uri.EscapeDataString(enterprise.Name)}")).BodyAsync());
    }

    [Fact]
    public async Task The_enterprise_sees_its_own_recommendation_on_its_home_and_enterprise_pages_and_not_another()
    {
        var enterpriseA = await portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>().FirstAsync(e => e.Name == DemoDataSeeder.EnterpriseAName));
        var batchId = (await BatchAsync(portal, CurrentYear, "第一批")).Id;
        var district = await portal.SignedInAsync(PudongDistrict);
        var id = IdFrom(await CreateAsync(district, enterpriseA.Id,
            Form(enterpriseA.Id, batchId, bases: [1, 3], contracts: [("88.00", "Manufacturing")])));

        var a = await portal.SignedInAsync("enterprise.a@zpq.local");
        var home = await (await a.GetAsync("/")).BodyAsync();
        Assert.Contains("推荐情况", home);
        Assert.Contains($"{CurrentYear} 年度 第一批", home);
        Assert.Contains("推荐单位：浦东新区", home);
        Assert.Contains("依据 1 智能化改造：依据1的说明", home);
        Assert.Contains("依据 3 智能工厂或示范场景", home);
        Assert.Contains("待确认的服务机构指派", home);
        var own = await (await a.GetAsync($"/Enterprises/Details/{enterpriseA.Id}")).BodyAsync();
        Assert.Contains("推荐单位：浦东新区", own);
        // The enterprise reads its recommendation on its own pages, not through the district's record URL.
        Assert.Contains("/Account/AccessDenied", (await a.GetAsync($"/Recommendations/Details/{id}")).Headers.Location!.ToString());

        var b = await portal.SignedInAsync("enterprise.b@zpq.local");
        var otherHome = await (await b.GetAsync("/")).BodyAsync();
        Assert.Contains("尚未被推荐", otherHome);
        Assert.DoesNotContain("推荐单位：浦东新区", otherHome);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/Enterprises/Details/{enterpriseA.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_district_list_filters_by_year_batch_and_state_and_pages()
    {
        var tag = Tag();
        var first = await BatchAsync(portal, CurrentYear, "第一批");
        var second = await BatchAsync(portal, CurrentYear, "第二批");
        var client = await portal.SignedInAsync(PudongDistrict);
        for (var i = 0; i < 22; i++)
        {
            var e = await EnterpriseAsync(portal, Pudong, $"上海列表{tag}第{i:00}号有限公司");
            var batch = i < 20 ? first : second;
            IdFrom(await CreateAsync(client, e.Id, Form(e.Id, batch.Id, command: i == 21 ? "save" : "recommend")));
        }
        var minhangEnterprise = await EnterpriseAsync(portal, Minhang, $"上海闵行列表{tag}有限公司");
        await RecommendAsync(portal, minhangEnterprise.Id, first.Id, DateTime.UtcNow);

        async Task<string> Page(string query) => await (await client.GetAsync($"/Recommendations?q={tag}&" + query)).BodyAsync();

        var all = await Page("");
        Assert.Contains("共 22 条，第 1 / 2 页", all);
        Assert.DoesNotContain(minhangEnterprise.Name, all);
        Assert.Contains("第 2 / 2 页", await Page("page=2"));
        Assert.Contains("共 22 条", await Page($"year={CurrentYear}"));
        Assert.Contains("共 0 条", await Page("year=2023"));
        Assert.Contains("共 2 条", await Page($"batchId={second.Id}"));
        var drafts = await Page("state=Draft");
        Assert.Contains("共 1 条", drafts);
        Assert.Contains($"上海列表{tag}第21号有限公司", drafts);
        Assert.Contains("共 21 条", await Page("state=Recommended"));
    }

    [Fact]
    public async Task A_draft_can_be_deleted_which_frees_the_year()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("删除草稿");
        var client = await portal.SignedInAsync(PudongDistrict);
        var id = IdFrom(await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId, command: "save")));
        var draft = await FindRecommendationAsync(portal, id);

        var response = await client.PostFormAsync($"/Recommendations/Details/{id}", $"/Recommendations/Delete/{id}",
            new Dictionary<string, string> { ["version"] = draft!.Version.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await FindRecommendationAsync(portal, id));
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == id && a.Action == AuditAction.RecommendationDraftDeleted)));
        IdFrom(await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId)));
    }

    [Fact]
    public async Task Contract_rows_are_checked_row_by_row_and_need_basis_one()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("合同行");
        var client = await portal.SignedInAsync(PudongDistrict);

        var missingLink = await (await CreateAsync(client, enterprise.Id,
            Form(enterprise.Id, batchId, bases: [1], contracts: [("30", "Design"), ("40", "")]))).BodyAsync();
        Assert.Contains("第2行改造合同请选择所属环节。", missingLink);

        var withoutBasisOne = await (await CreateAsync(client, enterprise.Id,
            Form(enterprise.Id, batchId, bases: [4], contracts: [("30", "Design")]))).BodyAsync();
        Assert.Contains("已填写改造合同，但未勾选推荐依据1（智能化改造）", withoutBasisOne);
        Assert.Empty(await RecommendationsOfAsync(portal, enterprise.Id));
    }

    [Fact]
    public async Task Adding_contract_rows_shows_more_rows_and_saves_nothing()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("增加行");
        var client = await portal.SignedInAsync(PudongDistrict);

        var html = await (await CreateAsync(client, enterprise.Id, Form(enterprise.Id, batchId, command: "addRows", bases: [1]))).BodyAsync();

        Assert.Contains("Form.Contracts[7].AmountWanYuan", html);
        Assert.DoesNotContain("Form.Contracts[8].AmountWanYuan", html);
        Assert.Empty(await RecommendationsOfAsync(portal, enterprise.Id));
    }

    [Fact]
    public async Task Commission_reads_a_recommendation_but_cannot_change_it()
    {
        var (enterprise, batchId) = await PudongEnterpriseAsync("市级只读");
        var id = IdFrom(await CreateAsync(await portal.SignedInAsync(PudongDistrict), enterprise.Id, Form(enterprise.Id, batchId)));
        var commission = await portal.SignedInAsync("commission@zpq.local");

        var details = await commission.GetAsync($"/Recommendations/Details/{id}");
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var html = await details.BodyAsync();
        Assert.Contains(enterprise.Name, html);
        Assert.DoesNotContain("撤回原因", html);
        Assert.Contains("/Account/AccessDenied", (await commission.GetAsync($"/Recommendations/Edit/{id}")).Headers.Location!.ToString());
    }
}

[Collection("sqlite")]
public sealed class RecommendationTests_Sqlite(SqlitePortal portal) : RecommendationTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class RecommendationTests_Postgres(PostgresPortal portal) : RecommendationTests(portal), IClassFixture<PostgresPortal>;
