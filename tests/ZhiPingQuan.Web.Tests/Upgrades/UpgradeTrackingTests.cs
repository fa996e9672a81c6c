using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.Upgrades;

/// <summary>
/// 改造升级跟踪 through its pages (docs/domain.md §4.7): the district records problems by capability domain and follow-up
/// projects and moves them through their steps; the list and its share follow; another district's record
/// and a project id of another record answer 404 and change nothing; the enterprise reads only its own, the commission
/// every unit's, both read-only; bad input is refused in Chinese and changes nothing.
/// </summary>
public abstract class UpgradeTrackingTests(TablePortal portal)
{
    private const string Minhang = TableArrange.Minhang;

    private static string RecordUrl(Guid assessmentId) => $"/Upgrades/Record/{assessmentId}";

    private async Task<(Guid YearId, Guid BatchId)> NewYearAsync()
    {
        var batchId = await NewBatchAsync(portal);
        var yearId = await portal.WithDbAsync(db => db.Batches.Where(b => b.Id == batchId).Select(b => b.ProgrammeYearId).FirstAsync());
        return (yearId, batchId);
    }

    private Task<UpgradeRecord?> RecordOfAsync(Guid assessmentId) =>
        portal.WithDbAsync(db => db.UpgradeRecords.AsNoTracking().Include(u => u.Problems).Include(u => u.Projects).AsSplitQuery()
            .FirstOrDefaultAsync(u => u.AssessmentId == assessmentId));

    private Task<int> AuditLinesAsync() => portal.WithDbAsync(db => db.AuditEntries.CountAsync());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Guid assessmentId, string action, Dictionary<string, string> fields) =>
        client.PostFormAsync(RecordUrl(assessmentId), $"/Upgrades/{action}/{assessmentId}", fields);

    private static async Task<HttpResponseMessage> PostWithVersionAsync(HttpClient client, Guid assessmentId, string action, Dictionary<string, string> fields)
    {
        fields["version"] = HiddenVersion(await client.GetStringAsync(RecordUrl(assessmentId)));
        return await PostAsync(client, assessmentId, action, fields);
    }

    private static async Task<string> FlashAfterAsync(HttpClient client, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}: {Text(body)[..Math.Min(600, Text(body).Length)]}");
        return Text(await client.GetStringAsync(response.Headers.Location!.OriginalString));
    }

    private static Dictionary<string, string> Project(string name, string? amount = "85.50", string? start = null, string? end = null, string link = "Production") => new()
    {
        ["NewProject.Name"] = name, ["NewProject.Link"] = link, ["NewProject.ContractAmountWan"] = amount ?? "",
        ["NewProject.StartDate"] = start ?? "", ["NewProject.EndDate"] = end ?? "",
    };

    [Fact]
    public async Task District_records_problems_and_a_project_through_its_steps_and_the_list_and_counts_follow()
    {
        var (yearId, batchId) = await NewYearAsync();
        var arranged = await EnterprisesAsync(portal, batchId, 2);
        var a = arranged[0].AssessmentId!.Value;
        var district = await portal.SignedInAsync(Pudong);

        var list = Text(await district.GetStringAsync($"/Upgrades?yearId={yearId}"));
        Assert.Contains(arranged[0].Name, list);
        Assert.Contains(arranged[1].Name, list);
        Assert.Contains("已评估企业 2 家", list);
        Assert.Contains("评估后六个月内启动项目 0 家 · 0.0%", list);

        var flash = await FlashAfterAsync(district, await PostAsync(district, a, "AddProblem",
            new() { ["NewProblem.Area"] = nameof(CapabilityArea.Equipment), ["NewProblem.Description"] = "关键设备无数据接口" }));
        Assert.Contains("已登记“资源 · 装备”方面的问题。", flash);
        Assert.Contains("关键设备无数据接口", flash);
        await PostAsync(district, a, "AddProblem", new() { ["NewProblem.Area"] = nameof(CapabilityArea.Data), ["NewProblem.Description"] = "数据靠人工抄录" });

        flash = await FlashAfterAsync(district, await PostAsync(district, a, "AddProject", Project("设备联网改造")));
        Assert.Contains("已新增改造项目“设备联网改造”（计划中）。", flash);
        var record = (await RecordOfAsync(a))!;
        Assert.Equal([CapabilityArea.Data, CapabilityArea.Equipment], record.Problems.Select(p => p.Area).Order());
        var project = Assert.Single(record.Projects);
        Assert.Equal((FollowUpProjectStatus.Planned, 85.50m, Domain.Recommendations.KeyLink.Production), (project.Status, project.ContractAmountWan, project.Link));
        Assert.Equal(FollowUpStatus.Planned, record.Status);
        Assert.Equal(arranged[0].EnterpriseId, record.EnterpriseId);

        // Started on the assessment day: within six months.
        flash = await FlashAfterAsync(district, await PostWithVersionAsync(district, a, "StartProject",
            new() { ["projectId"] = project.Id.ToString(), ["startDate"] = "2023-10-20" }));
        Assert.Contains("项目已开始实施（开始日期2023年10月20日）。", flash);
        record = (await RecordOfAsync(a))!;
        Assert.Equal((FollowUpStatus.InProgress, true), (record.Status, record.StartedWithinSixMonths));

        list = Text(await district.GetStringAsync($"/Upgrades?yearId={yearId}"));
        Assert.Contains("有改造项目（不含已取消） 1 家 · 50.0%", list);
        Assert.Contains("评估后六个月内启动项目 1 家 · 50.0%", list);
        Assert.Contains(arranged[1].Name, Text(await district.GetStringAsync($"/Upgrades?yearId={yearId}&status=NotTracked")));
        Assert.DoesNotContain(arranged[0].Name, Text(await district.GetStringAsync($"/Upgrades?yearId={yearId}&status=NotTracked")));
        Assert.Contains(arranged[0].Name, Text(await district.GetStringAsync($"/Upgrades?yearId={yearId}&within=true")));
        // Search by a part of the credit code, as on the other lists.
        var byCode = Text(await district.GetStringAsync($"/Upgrades?yearId={yearId}&q={arranged[1].CreditCode[5..13]}"));
        Assert.Contains(arranged[1].Name, byCode);
        Assert.DoesNotContain(arranged[0].Name, byCode);

        flash = await FlashAfterAsync(district, await PostWithVersionAsync(district, a, "CompleteProject",
            new() { ["projectId"] = project.Id.ToString(), ["endDate"] = "2023-10-20" }));
        Assert.Contains("项目已登记完成", flash);
        Assert.Equal(FollowUpStatus.Completed, (await RecordOfAsync(a))!.Status);

        // A second project, cancelled: kept, not counted.
        await PostAsync(district, a, "AddProject", Project("能源管理系统", "46.80", link: "EnergySavingEnvironmental"));
        var second = (await RecordOfAsync(a))!.Projects.Single(p => p.Name == "能源管理系统");
        await FlashAfterAsync(district, await PostWithVersionAsync(district, a, "CancelProject", new() { ["projectId"] = second.Id.ToString() }));
        record = (await RecordOfAsync(a))!;
        Assert.Equal(FollowUpProjectStatus.Cancelled, record.Projects.Single(p => p.Id == second.Id).Status);
        Assert.Equal(FollowUpStatus.Completed, record.Status);

        // Edit and remove a problem.
        var problem = record.Problems.Single(p => p.Area == CapabilityArea.Data);
        var edit = $"/Upgrades/EditProblem/{a}?problemId={problem.Id}";
        var saved = await district.PostFormAsync(edit, $"/Upgrades/EditProblem/{a}", new Dictionary<string, string>
        {
            ["problemId"] = problem.Id.ToString(), ["version"] = HiddenVersion(await district.GetStringAsync(edit)),
            ["Form.Area"] = nameof(CapabilityArea.Integration), ["Form.Description"] = "ERP 与 MES 未集成",
        });
        Assert.Contains("已保存对问题的修改。", await FlashAfterAsync(district, saved));
        var removed = await PostWithVersionAsync(district, a, "RemoveProblem", new() { ["problemId"] = problem.Id.ToString() });
        Assert.Contains("已删除该问题。", await FlashAfterAsync(district, removed));
        Assert.Equal([CapabilityArea.Equipment], (await RecordOfAsync(a))!.Problems.Select(p => p.Area));

        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == record.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(
            [AuditAction.UpgradeProblemRecorded, AuditAction.UpgradeProblemRecorded, AuditAction.FollowUpProjectAdded, AuditAction.FollowUpProjectStarted,
             AuditAction.FollowUpProjectCompleted, AuditAction.FollowUpProjectAdded, AuditAction.FollowUpProjectCancelled,
             AuditAction.UpgradeProblemChanged, AuditAction.UpgradeProblemRemoved], actions);
        Assert.Contains("改造项目开始实施", Text(await district.GetStringAsync(RecordUrl(a))));

        // The share above the list after all of it: one of the two followed up, and started within six months.
        list = Text(await district.GetStringAsync($"/Upgrades?yearId={yearId}"));
        Assert.Contains("已评估企业 2 家", list);
        Assert.Contains("有改造项目（不含已取消） 1 家 · 50.0%", list);
        Assert.Contains("评估后六个月内启动项目 1 家 · 50.0%", list);
    }

    [Fact]
    public async Task A_start_later_than_six_months_counts_as_follow_up_but_not_as_within()
    {
        var (yearId, batchId) = await NewYearAsync();
        var a = (await EnterpriseAsync(portal, batchId)).AssessmentId!.Value;
        var district = await portal.SignedInAsync(Pudong);
        await PostAsync(district, a, "AddProject", Project("智能仓储改造"));
        var project = Assert.Single((await RecordOfAsync(a))!.Projects);
        var before = portal.Now;
        portal.Now = new DateTime(2024, 6, 1, 2, 0, 0, DateTimeKind.Utc);
        try
        {
            await FlashAfterAsync(district, await PostWithVersionAsync(district, a, "StartProject",
                new() { ["projectId"] = project.Id.ToString(), ["startDate"] = "2024-05-01" }));
        }
        finally
        {
            portal.Now = before;
        }
        var record = (await RecordOfAsync(a))!;
        Assert.Equal((FollowUpStatus.InProgress, false), (record.Status, record.StartedWithinSixMonths));
        var list = Text(await district.GetStringAsync($"/Upgrades?yearId={yearId}"));
        Assert.Contains("有改造项目（不含已取消） 1 家 · 100.0%", list);
        Assert.Contains("评估后六个月内启动项目 0 家 · 0.0%", list);
    }

    [Fact]
    public async Task Bad_input_is_refused_in_Chinese_and_changes_nothing()
    {
        var (_, batchId) = await NewYearAsync();
        var a = (await EnterpriseAsync(portal, batchId)).AssessmentId!.Value;
        var district = await portal.SignedInAsync(Pudong);
        var lines = await AuditLinesAsync();

        async Task Refused(string action, Dictionary<string, string> fields, string message)
        {
            var response = await PostAsync(district, a, action, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, Text(await response.Content.ReadAsStringAsync()));
        }

        await Refused("AddProject", Project("在线检测", start: "2023-10-10", end: "2023-10-01"), "结束日期不能早于开始日期。");
        await Refused("AddProject", Project("在线检测", amount: "-5"), "合同金额（万元）不能为负数。");
        await Refused("AddProject", Project("   "), "请填写项目名称。");
        await Refused("AddProblem", new() { ["NewProblem.Area"] = nameof(CapabilityArea.Sales), ["NewProblem.Description"] = " " }, "请填写发现的问题。");
        await Refused("AddProblem", new() { ["NewProblem.Area"] = "", ["NewProblem.Description"] = "销售预测靠人工" }, "请选择问题所属的能力域。");
        Assert.Null(await RecordOfAsync(a));
        Assert.Equal(lines, await AuditLinesAsync());

        // On a record that exists: a start in the future and an edit with the end before the start change nothing.
        await PostAsync(district, a, "AddProject", Project("在线检测", start: "2023-10-01"));
        var project = Assert.Single((await RecordOfAsync(a))!.Projects);
        lines = await AuditLinesAsync();
        var future = await PostWithVersionAsync(district, a, "StartProject", new() { ["projectId"] = project.Id.ToString(), ["startDate"] = "2023-10-21" });
        Assert.Contains("开始日期不能晚于今天", Text(await future.Content.ReadAsStringAsync()));
        var edit = $"/Upgrades/EditProject/{a}?projectId={project.Id}";
        var bad = await district.PostFormAsync(edit, $"/Upgrades/EditProject/{a}", new Dictionary<string, string>
        {
            ["projectId"] = project.Id.ToString(), ["version"] = HiddenVersion(await district.GetStringAsync(edit)),
            ["Form.Name"] = "在线检测二期", ["Form.Link"] = "Testing", ["Form.ContractAmountWan"] = "12", ["Form.StartDate"] = "2023-10-05", ["Form.EndDate"] = "2023-10-04",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("结束日期不能早于开始日期。", Text(await bad.Content.ReadAsStringAsync()));
        var after = Assert.Single((await RecordOfAsync(a))!.Projects);
        Assert.Equal((FollowUpProjectStatus.Planned, "在线检测", new DateOnly(2023, 10, 1), (DateOnly?)null), (after.Status, after.Name, after.StartDate!.Value, after.EndDate));
        Assert.Equal(lines, await AuditLinesAsync());
    }

    [Fact]
    public async Task Another_district_gets_404_on_a_record_and_on_a_forged_project_id_and_nothing_changes()
    {
        var (yearId, batchId) = await NewYearAsync();
        var pudongA = (await EnterpriseAsync(portal, batchId)).AssessmentId!.Value;
        var minhangArranged = await EnterpriseAsync(portal, batchId, unitName: "闵行区");
        var minhangA = minhangArranged.AssessmentId!.Value;
        var pudong = await portal.SignedInAsync(Pudong);
        await PostAsync(pudong, pudongA, "AddProject", Project("MES 升级"));
        var pudongProject = Assert.Single((await RecordOfAsync(pudongA))!.Projects);
        var minhang = await portal.SignedInAsync(Minhang);
        await PostAsync(minhang, minhangA, "AddProblem", new() { ["NewProblem.Area"] = nameof(CapabilityArea.Network), ["NewProblem.Description"] = "网络未覆盖" });
        var lines = await AuditLinesAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync(RecordUrl(pudongA))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Upgrades/EditProject/{pudongA}?projectId={pudongProject.Id}")).StatusCode);
        var token = await minhang.AntiforgeryTokenAsync(RecordUrl(minhangA));
        async Task<HttpStatusCode> Post(string url, params (string Key, string Value)[] fields) =>
            (await minhang.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
                .Append(new("__RequestVerificationToken", token))))).StatusCode;
        var version = HiddenVersion(await minhang.GetStringAsync(RecordUrl(minhangA)));

        Assert.Equal(HttpStatusCode.NotFound, await Post($"/Upgrades/AddProblem/{pudongA}", ("NewProblem.Area", "Data"), ("NewProblem.Description", "越权")));
        Assert.Equal(HttpStatusCode.NotFound, await Post($"/Upgrades/StartProject/{pudongA}", ("projectId", pudongProject.Id.ToString()), ("startDate", "2023-10-20")));
        // Its own record with the other unit's project id: 404 as well.
        Assert.Equal(HttpStatusCode.NotFound, await Post($"/Upgrades/StartProject/{minhangA}", ("projectId", pudongProject.Id.ToString()), ("version", version), ("startDate", "2023-10-20")));
        Assert.Equal(HttpStatusCode.NotFound, await Post($"/Upgrades/CancelProject/{minhangA}", ("projectId", pudongProject.Id.ToString()), ("version", version)));
        Assert.Equal(HttpStatusCode.NotFound, await Post($"/Upgrades/EditProject/{minhangA}", ("projectId", pudongProject.Id.ToString()), ("version", version), ("Form.Name", "改名"), ("Form.Link", "Design")));

        Assert.Equal(FollowUpProjectStatus.Planned, Assert.Single((await RecordOfAsync(pudongA))!.Projects).Status);
        Assert.Equal("MES 升级", Assert.Single((await RecordOfAsync(pudongA))!.Projects).Name);
        Assert.Empty((await RecordOfAsync(minhangA))!.Projects);
        Assert.Empty((await RecordOfAsync(pudongA))!.Problems);
        // Refused look-ups are audited as such; no change was.
        Assert.False(await portal.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Id).Skip(lines)
            .AnyAsync(e => e.Action != AuditAction.RecordOutOfScope)));
        var list = Text(await minhang.GetStringAsync($"/Upgrades?yearId={yearId}"));
        Assert.Contains(minhangArranged.Name, list);
        Assert.Contains("已评估企业 1 家", list);
    }

    [Fact]
    public async Task The_enterprise_reads_only_its_own_record_and_changes_nothing()
    {
        var (yearId, batchId) = await NewYearAsync();
        var arranged = await EnterprisesAsync(portal, batchId, 2);
        var own = arranged[0].AssessmentId!.Value;
        var other = arranged[1].AssessmentId!.Value;
        var district = await portal.SignedInAsync(Pudong);
        await PostAsync(district, own, "AddProblem", new() { ["NewProblem.Area"] = nameof(CapabilityArea.Design), ["NewProblem.Description"] = "设计仍以二维图纸为主" });
        var user = await AccountTesting.CreateUserAsync(portal, arranged[0].EnterpriseId, Roles.Enterprise, "upg");
        var enterprise = await portal.SignedInAsync(user.Email!, Accounts.Password);

        var list = Text(await enterprise.GetStringAsync($"/Upgrades?yearId={yearId}"));
        Assert.Contains(arranged[0].Name, list);
        Assert.DoesNotContain(arranged[1].Name, list);
        var page = await enterprise.GetStringAsync(RecordUrl(own));
        Assert.Contains("设计仍以二维图纸为主", Text(page));
        Assert.DoesNotContain("add-problem-form", page);
        Assert.DoesNotContain("add-project-form", page);
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync(RecordUrl(other))).StatusCode);

        var token = await enterprise.AntiforgeryTokenAsync($"/Upgrades?yearId={yearId}");
        var post = await enterprise.PostAsync($"/Upgrades/AddProblem/{own}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewProblem.Area"] = "Data", ["NewProblem.Description"] = "企业自己写的", ["__RequestVerificationToken"] = token,
        }));
        AssertAccessDenied(post);
        Assert.Single((await RecordOfAsync(own))!.Problems);
    }

    [Fact]
    public async Task The_commission_reads_every_unit_with_a_unit_filter_and_changes_nothing()
    {
        var (yearId, batchId) = await NewYearAsync();
        var p = await EnterpriseAsync(portal, batchId);
        var m = await EnterpriseAsync(portal, batchId, unitName: "闵行区");
        var minhangId = await portal.WithDbAsync(db => db.RecommendingUnits.Where(u => u.Name == "闵行区").Select(u => u.Id).FirstAsync());
        var commission = await portal.SignedInAsync(Commission);

        var all = Text(await commission.GetStringAsync($"/Upgrades?yearId={yearId}"));
        Assert.Contains(p.Name, all);
        Assert.Contains(m.Name, all);
        Assert.Contains("已评估企业 2 家", all);
        var filtered = Text(await commission.GetStringAsync($"/Upgrades?yearId={yearId}&unitId={minhangId}"));
        Assert.Contains(m.Name, filtered);
        Assert.DoesNotContain(p.Name, filtered);

        var page = await commission.GetAsync(RecordUrl(p.AssessmentId!.Value));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("add-project-form", await page.Content.ReadAsStringAsync());
        var token = await commission.AntiforgeryTokenAsync($"/Upgrades?yearId={yearId}");
        AssertAccessDenied(await commission.PostAsync($"/Upgrades/AddProject/{p.AssessmentId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewProject.Name"] = "越权项目", ["NewProject.Link"] = "Design", ["__RequestVerificationToken"] = token,
        })));
        Assert.Null(await RecordOfAsync(p.AssessmentId!.Value));
    }

    [Fact]
    public async Task Two_first_entries_at_once_make_one_record_and_the_loser_is_told()
    {
        var (_, batchId) = await NewYearAsync();
        var a = (await EnterpriseAsync(portal, batchId)).AssessmentId!.Value;
        var clients = new[] { await portal.SignedInAsync(Pudong), await portal.SignedInAsync(Pudong) };
        var tokens = await Task.WhenAll(clients.Select(c => c.AntiforgeryTokenAsync(RecordUrl(a))));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => clients[i % 2].PostAsync($"/Upgrades/AddProblem/{a}",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["NewProblem.Area"] = nameof(CapabilityArea.Data), ["NewProblem.Description"] = $"问题{i}", ["__RequestVerificationToken"] = tokens[i % 2],
            }))));

        var saved = responses.Count(r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK or HttpStatusCode.Conflict, $"answered {(int)r.StatusCode}"));
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            Assert.Contains("同一时间另一位同事开始了该企业的跟踪", Text(await r.Content.ReadAsStringAsync()));
        }
        Assert.Equal(1, await portal.WithDbAsync(db => db.UpgradeRecords.CountAsync(u => u.AssessmentId == a)));
        Assert.Equal(saved, (await RecordOfAsync(a))!.Problems.Count);
        Assert.True(saved >= 1);
    }
}

[Collection("sqlite")]
public sealed class UpgradeTrackingTests_Sqlite(TableSqlitePortal portal) : UpgradeTrackingTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class UpgradeTrackingTests_Postgres(TablePostgresPortal portal) : UpgradeTrackingTests(portal), IClassFixture<TablePostgresPortal>;
