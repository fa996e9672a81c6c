using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Assignments.AssessmentArrange;

namespace ZhiPingQuan.Web.Tests.Assignments;

/// <summary>
/// The district assigns one agency to several ticked enterprises in one step — all or nothing, with a confirmation page
/// that names the rows that stop the set; the enterprise may decline the agency with a reason, and the district is told
/// and reassigns; irreversible steps ask first on a page of their own.
/// </summary>
public abstract class BulkAssignmentAndDeclineTests(PortalFactory portal)
{
    private const string PudongDistrict = "district.pudong@zpq.local";
    private const string MinhangDistrict = "district.minhang@zpq.local";

    private static string Query(IEnumerable<Recommendation> rs) => string.Join("&", rs.Select(r => "ids=" + r.Id));

    private static List<KeyValuePair<string, string>> Fields(IEnumerable<Recommendation> rs, Guid? agencyId, bool confirmed)
    {
        var fields = rs.Select(r => new KeyValuePair<string, string>("ids", r.Id.ToString())).ToList();
        fields.Add(new("agencyId", agencyId?.ToString() ?? ""));
        if (confirmed)
        {
            fields.Add(new("confirmed", "true"));
        }
        return fields;
    }

    private static async Task<HttpResponseMessage> PostBulkAsync(HttpClient client, IEnumerable<Recommendation> rs, Guid? agencyId, bool confirmed)
    {
        var token = await client.AntiforgeryTokenAsync("/Assignments/Unassigned");
        var fields = Fields(rs, agencyId, confirmed);
        fields.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync("/Assignments/BulkAssign", new FormUrlEncodedContent(fields));
    }

    private Task<int> AssessmentCountAsync(IEnumerable<Recommendation> rs)
    {
        var ids = rs.Select(r => r.Id).ToList();
        return portal.WithDbAsync(db => db.Assessments.CountAsync(a => ids.Contains(a.RecommendationId)));
    }

    private async Task<List<Recommendation>> RecommendedAsync(int count, string unit = Pudong)
    {
        var list = new List<Recommendation>();
        for (var i = 0; i < count; i++)
        {
            list.Add(await AssessmentArrange.RecommendedAsync(portal, unit));
        }
        return list;
    }

    private Task<string> EnterpriseNameAsync(Guid enterpriseId) =>
        portal.WithDbAsync(db => db.Enterprises.Where(e => e.Id == enterpriseId).Select(e => e.Name).FirstAsync());

    [Fact]
    public async Task Five_enterprises_are_assigned_at_once_after_confirmation_each_with_its_audit_line_and_notices()
    {
        var five = await RecommendedAsync(5);
        var agency = await NewAgencyAsync(portal);
        var district = await portal.SignedInAsync(PudongDistrict);

        var unassigned = await (await district.GetAsync("/Assignments/Unassigned")).HtmlAsync();
        Assert.All(five, r => Assert.Contains($"name=\"ids\" value=\"{r.Id}\"", unassigned));

        var choose = await district.GetAsync("/Assignments/BulkAssign?" + Query(five));
        Assert.Equal(HttpStatusCode.OK, choose.StatusCode);
        var choosePage = await choose.HtmlAsync();
        foreach (var r in five)
        {
            Assert.Contains(await EnterpriseNameAsync(r.EnterpriseId), choosePage);
        }

        // Without the confirmation step's flag the answer is the confirmation page, listing each enterprise with the agency.
        var confirm = await PostBulkAsync(district, five, agency.Id, confirmed: false);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var confirmPage = await confirm.HtmlAsync();
        Assert.Contains("确认批量指派", confirmPage);
        Assert.Contains(agency.Name, confirmPage);
        Assert.Contains("确认为 5 家企业指派", confirmPage);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(confirmPage, "可指派</td>").Count);
        Assert.Equal(0, await AssessmentCountAsync(five));

        var done = await PostBulkAsync(district, five, agency.Id, confirmed: true);
        AssertRedirect(done, "/Assignments/BulkAssigned");
        var result = await district.FollowAsync(done);
        Assert.Contains("已为5家企业指派服务机构", result);

        var ids = five.Select(r => r.Id).ToList();
        var assessments = await portal.WithDbAsync(db => db.Assessments.AsNoTracking().Where(a => ids.Contains(a.RecommendationId)).ToListAsync());
        Assert.Equal(5, assessments.Count);
        Assert.All(assessments, a => Assert.Equal(agency.Id, a.AgencyId));
        Assert.All(assessments, a => Assert.Equal(AssessmentState.Assigned, a.State));
        foreach (var a in assessments)
        {
            Assert.Contains(await EnterpriseNameAsync(a.EnterpriseId), result);
            Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == a.Id && e.Action == AuditAction.AgencyAssigned)));
            Assert.Equal(1, await portal.WithDbAsync(db => db.Notifications.CountAsync(n =>
                n.RecipientOrganisationId == a.EnterpriseId && n.Kind == NotificationKind.AgencyToAgree && n.TargetId == a.Id)));
        }
        Assert.Equal(5, await portal.WithDbAsync(db => db.Notifications.CountAsync(n =>
            n.RecipientOrganisationId == agency.Id && n.Kind == NotificationKind.AssessmentTaskAssigned)));
        var after = await (await district.GetAsync("/Assignments/Unassigned")).HtmlAsync();
        Assert.All(five, r => Assert.DoesNotContain(r.Id.ToString(), after));
    }

    [Fact]
    public async Task One_refused_row_assigns_none_names_the_row_and_changes_nothing()
    {
        var four = await RecommendedAsync(4);
        var fundedOnly = await AssessmentArrange.RecommendedAsync(portal, Pudong, districtFundedOnly: true);
        var set = four.Append(fundedOnly).ToList();
        var agency = await NewAgencyAsync(portal);
        var district = await portal.SignedInAsync(PudongDistrict);
        var auditsBefore = await portal.WithDbAsync(db => db.AuditEntries.CountAsync());
        var noticesBefore = await portal.WithDbAsync(db => db.Notifications.CountAsync());

        // Even with the flag, a set with a refused row is not assigned: the page names the row and why.
        var response = await PostBulkAsync(district, set, agency.Id, confirmed: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("本次未指派任何企业", html);
        Assert.Contains("不能指派：" + Assessment.DistrictFundedOnlyMessage, html);
        Assert.Contains(await EnterpriseNameAsync(fundedOnly.EnterpriseId), html);
        Assert.DoesNotContain("data-testid=\"confirm-button\"", html);
        Assert.Equal(0, await AssessmentCountAsync(set));
        Assert.Equal(auditsBefore, await portal.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(noticesBefore, await portal.WithDbAsync(db => db.Notifications.CountAsync()));
    }

    [Fact]
    public async Task An_expired_agency_or_an_already_assigned_row_refuses_the_whole_set()
    {
        var set = await RecommendedAsync(3);
        var expired = await NewAgencyAsync(portal, validFrom: new DateOnly(2020, 1, 1), validTo: new DateOnly(2021, 12, 31));
        var agency = await NewAgencyAsync(portal);
        var district = await portal.SignedInAsync(PudongDistrict);

        var expiredPage = await (await PostBulkAsync(district, set, expired.Id, confirmed: true)).HtmlAsync();
        Assert.Contains("不在有效期内", expiredPage);
        Assert.Equal(0, await AssessmentCountAsync(set));

        var first = await AssignedAsync(portal, set[0], agency.Id);
        var alreadyPage = await (await PostBulkAsync(district, set, agency.Id, confirmed: true)).HtmlAsync();
        Assert.Contains("已指派服务机构", alreadyPage);
        Assert.Equal(1, await AssessmentCountAsync(set));
        Assert.Equal(1, await AuditCountAsync(portal, first));

        // No agency chosen: the choice page again, with the message, nothing written.
        var none = await PostBulkAsync(district, set.Skip(1), null, confirmed: true);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("请选择服务机构", Errors(await none.Content.ReadAsStringAsync()));
        Assert.Equal(1, await AssessmentCountAsync(set));
    }

    [Fact]
    public async Task Another_units_recommendation_in_the_set_answers_404_on_every_bulk_url_and_nothing_changes()
    {
        var own = await RecommendedAsync(2);
        var minhangs = await AssessmentArrange.RecommendedAsync(portal, Minhang);
        var set = own.Append(minhangs).ToList();
        var agency = await NewAgencyAsync(portal);
        var district = await portal.SignedInAsync(PudongDistrict);

        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync("/Assignments/BulkAssign?" + Query(set))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostBulkAsync(district, set, agency.Id, confirmed: false)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostBulkAsync(district, set, agency.Id, confirmed: true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync("/Assignments/BulkAssigned?" + Query(set))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/Assignments/BulkAssign?ids={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/Assignments/Unassigned?batchId={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(0, await AssessmentCountAsync(set));

        // Other roles may not use the bulk pages at all.
        var commission = await portal.SignedInAsync("commission@zpq.local");
        AssertAccessDenied(await commission.GetAsync("/Assignments/BulkAssign?" + Query(own)));
    }

    [Fact]
    public async Task The_unassigned_list_can_be_narrowed_to_one_batch()
    {
        var r = await AssessmentArrange.RecommendedAsync(portal, Pudong);
        var district = await portal.SignedInAsync(PudongDistrict);
        var otherBatch = await portal.WithDbAsync(db => db.Batches.Where(b => b.Id != r.BatchId).Select(b => b.Id).FirstAsync());

        Assert.Contains(r.Id.ToString(), await district.GetStringAsync($"/Assignments/Unassigned?batchId={r.BatchId}"));
        Assert.DoesNotContain(r.Id.ToString(), await district.GetStringAsync($"/Assignments/Unassigned?batchId={otherBatch}"));
    }

    [Fact]
    public async Task The_enterprise_declines_with_a_reason_the_district_is_told_and_reassigns()
    {
        var recommendation = await AssessmentArrange.RecommendedAsync(portal, Pudong);
        var enterpriseEmail = await NewUserAsync(portal, recommendation.EnterpriseId, Roles.Enterprise);
        var agency = await NewAgencyAsync(portal);
        var id = await AssignedAsync(portal, recommendation, agency.Id);
        var enterprise = await portal.SignedInAsync(enterpriseEmail, TestPassword);
        var version = (await LoadAsync(portal, id))!.Version;
        var audits = await AuditCountAsync(portal, id);

        // No reason: refused with the message, nothing changed.
        var blank = await enterprise.PostWithTokenAsync($"/Assignments/Decline/{id}", new Dictionary<string, string> { ["version"] = version.ToString(), ["reason"] = "  " });
        Assert.Contains("拒绝所指派的服务机构必须填写原因", await enterprise.FollowAsync(blank));
        Assert.Null((await LoadAsync(portal, id))!.EnterpriseDeclinedAtUtc);
        Assert.Equal(audits, await AuditCountAsync(portal, id));

        var declined = await enterprise.PostWithTokenAsync($"/Assignments/Decline/{id}", new Dictionary<string, string> { ["version"] = version.ToString(), ["reason"] = "该机构曾为本企业做过咨询" });
        Assert.Contains("已拒绝该服务机构", await enterprise.FollowAsync(declined));
        var after = (await LoadAsync(portal, id))!;
        Assert.Equal("该机构曾为本企业做过咨询", after.EnterpriseDeclineReason);
        Assert.Equal(AssessmentState.Assigned, after.State);
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == id && e.Action == AuditAction.AgencyDeclinedByEnterprise)));
        var unitId = await UnitIdAsync(portal, Pudong);
        var notice = await portal.WithDbAsync(db => db.Notifications.AsNoTracking()
            .FirstOrDefaultAsync(n => n.RecipientOrganisationId == unitId && n.Kind == NotificationKind.AgencyDeclinedByEnterprise && n.TargetId == id));
        Assert.NotNull(notice);
        Assert.Contains("该机构曾为本企业做过咨询", notice.Body);

        // Agreeing afterwards is refused; the district sees it waiting for reassignment and reassigns.
        var agree = await enterprise.PostWithTokenAsync($"/Assignments/Agree/{id}", new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = after.Version.ToString() });
        Assert.Contains(Assessment.DeclinedAwaitingReassignmentMessage, await enterprise.FollowAsync(agree));
        Assert.Null((await LoadAsync(portal, id))!.EnterpriseConfirmedAtUtc);

        var district = await portal.SignedInAsync(PudongDistrict);
        var list = await (await district.GetAsync("/Assignments?conflicts=true")).HtmlAsync();
        Assert.Contains("企业拒绝该服务机构，待改派", list);
        var other = await NewAgencyAsync(portal);
        var reassigned = await district.PostWithTokenAsync($"/Assignments/Reassign/{id}", new Dictionary<string, string>
        {
            ["Version"] = after.Version.ToString(), ["AgencyId"] = other.Id.ToString(), ["Reason"] = "企业拒绝原机构",
        });
        AssertRedirect(reassigned, $"/Assignments/Details/{id}");
        var final = (await LoadAsync(portal, id))!;
        Assert.Equal(other.Id, final.AgencyId);
        Assert.Null(final.EnterpriseDeclinedAtUtc);
        Assert.True(AssessmentRules.AwaitingEnterpriseAgreement.IsSatisfiedBy(final));
        Assert.NotNull(await portal.WithDbAsync(db => db.Notifications.Where(n => n.Id == notice.Id).Select(n => n.ReadAtUtc).FirstAsync()));
    }

    [Fact]
    public async Task Declining_another_enterprises_assessment_or_asking_its_confirmation_page_answers_404()
    {
        var recommendation = await AssessmentArrange.RecommendedAsync(portal, Pudong);
        var agency = await NewAgencyAsync(portal);
        var id = await AssignedAsync(portal, recommendation, agency.Id);
        var before = (await LoadAsync(portal, id))!;
        var stranger = await portal.SignedInAsync("enterprise.b@zpq.local");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Assignments/Agree/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostWithTokenAsync($"/Assignments/Decline/{id}",
            new Dictionary<string, string> { ["version"] = before.Version.ToString(), ["reason"] = "不是我的" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostWithTokenAsync($"/Assignments/Agree/{id}",
            new Dictionary<string, string> { ["version"] = before.Version.ToString(), ["confirmed"] = "true" })).StatusCode);
        Assert.Equal(before.Version, (await LoadAsync(portal, id))!.Version);

        await SubmitReportAsync(portal, id);
        await ChangeAsync(portal, id, (a, _) => a.ConfirmCompliance("测试第三方", DateTime.UtcNow));
        var minhang = await portal.SignedInAsync(MinhangDistrict);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Assessments/ConfirmCompletion/{id}")).StatusCode);
    }

    [Fact]
    public async Task Irreversible_steps_without_the_confirmation_flag_show_the_confirmation_page_and_change_nothing()
    {
        var recommendation = await AssessmentArrange.RecommendedAsync(portal, Pudong);
        var enterpriseEmail = await NewUserAsync(portal, recommendation.EnterpriseId, Roles.Enterprise);
        var agency = await NewAgencyAsync(portal);
        var id = await AssignedAsync(portal, recommendation, agency.Id);
        var enterprise = await portal.SignedInAsync(enterpriseEmail, TestPassword);
        var version = (await LoadAsync(portal, id))!.Version;

        // 同意由该机构评估
        AssertRedirect(await enterprise.PostWithTokenAsync($"/Assignments/Agree/{id}", new Dictionary<string, string> { ["version"] = version.ToString() }),
            $"/Assignments/Agree/{id}");
        Assert.Null((await LoadAsync(portal, id))!.EnterpriseConfirmedAtUtc);
        var agreePage = await (await enterprise.GetAsync($"/Assignments/Agree/{id}")).HtmlAsync();
        Assert.Contains("同意后本企业不能再拒绝该机构", agreePage);
        Assert.Contains(agency.Name, agreePage);
        Assert.Contains("name=\"confirmed\" value=\"true\"", agreePage);
        AssertRedirect(await enterprise.PostFormAsync($"/Assignments/Agree/{id}", $"/Assignments/Agree/{id}",
            new Dictionary<string, string> { ["version"] = HiddenVersionOf(agreePage), ["confirmed"] = "true" }), $"/Assignments/Details/{id}");
        Assert.NotNull((await LoadAsync(portal, id))!.EnterpriseConfirmedAtUtc);

        // 确认合规 and 确认评估完成
        await SubmitReportAsync(portal, id);
        var thirdParty = await portal.SignedInAsync("thirdparty@zpq.local");
        var submitted = (await LoadAsync(portal, id))!;
        AssertRedirect(await thirdParty.PostWithTokenAsync($"/Assessments/ConfirmCompliance/{id}", new Dictionary<string, string> { ["version"] = submitted.Version.ToString() }),
            $"/Assessments/ConfirmCompliance/{id}");
        Assert.Null((await LoadAsync(portal, id))!.ComplianceConfirmedAtUtc);
        Assert.Contains("确认合规不能撤销", await (await thirdParty.GetAsync($"/Assessments/ConfirmCompliance/{id}")).HtmlAsync());
        await ChangeAsync(portal, id, (a, _) => a.ConfirmCompliance("测试第三方", DateTime.UtcNow));

        var district = await portal.SignedInAsync(PudongDistrict);
        var checkedVersion = (await LoadAsync(portal, id))!.Version;
        AssertRedirect(await district.PostWithTokenAsync($"/Assessments/ConfirmCompletion/{id}", new Dictionary<string, string> { ["version"] = checkedVersion.ToString() }),
            $"/Assessments/ConfirmCompletion/{id}");
        Assert.Equal(AssessmentState.ReportSubmitted, (await LoadAsync(portal, id))!.State);
        Assert.Contains("确认完成后不能撤销", await (await district.GetAsync($"/Assessments/ConfirmCompletion/{id}")).HtmlAsync());
    }

    [Fact]
    public async Task Withdrawing_asks_first_with_the_reason_and_only_the_confirmed_post_withdraws()
    {
        var recommendation = await AssessmentArrange.RecommendedAsync(portal, Pudong);
        var district = await portal.SignedInAsync(PudongDistrict);
        var details = $"/Recommendations/Details/{recommendation.Id}";
        var version = await portal.WithDbAsync(db => db.Recommendations.Where(r => r.Id == recommendation.Id).Select(r => r.Version).FirstAsync());

        var ask = await district.PostFormAsync(details, $"/Recommendations/Withdraw/{recommendation.Id}",
            new Dictionary<string, string> { ["version"] = version.ToString(), ["reason"] = "企业今年暂不参加" });
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        var page = await ask.HtmlAsync();
        Assert.Contains("撤回不能撤销", page);
        Assert.Contains("企业今年暂不参加", page);
        Assert.Equal(RecommendationState.Recommended, await portal.WithDbAsync(db => db.Recommendations.Where(r => r.Id == recommendation.Id).Select(r => r.State).FirstAsync()));

        var done = await district.PostFormAsync(details, $"/Recommendations/Withdraw/{recommendation.Id}",
            new Dictionary<string, string> { ["version"] = version.ToString(), ["reason"] = "企业今年暂不参加", ["confirmed"] = "true" });
        AssertRedirect(done, details);
        Assert.Equal(RecommendationState.Withdrawn, await portal.WithDbAsync(db => db.Recommendations.Where(r => r.Id == recommendation.Id).Select(r => r.State).FirstAsync()));
    }

    [Fact]
    public async Task An_enterprise_not_yet_recommended_has_a_recommend_link_on_its_row()
    {
        var unitId = await UnitIdAsync(portal, Pudong);
        var fresh = new Enterprise($"未推荐企业{Tag()}有限公司", NewCreditCode(), Domain.Reference.KeyIndustry.HighEndEquipment, 20_000m, unitId);
        await portal.WithDbAsync(async db => { db.Enterprises.Add(fresh); return await db.SaveChangesAsync(); });
        var recommended = await AssessmentArrange.RecommendedAsync(portal, Pudong);
        var district = await portal.SignedInAsync(PudongDistrict);

        var html = await district.GetStringAsync("/Enterprises?recommended=false&q=" + Uri.EscapeDataString(fresh.Name));
        Assert.Contains($"/Recommendations/Create?enterpriseId={fresh.Id}", html);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/Recommendations/Create?enterpriseId={fresh.Id}")).StatusCode);
        var all = await district.GetStringAsync("/Enterprises");
        Assert.DoesNotContain($"/Recommendations/Create?enterpriseId={recommended.EnterpriseId}", all);
    }

    private static string HiddenVersionOf(string html) => ZhiPingQuan.Web.Tests.Assessments.AssessmentArrange.HiddenVersion(html);
}

[Collection("sqlite")]
public sealed class BulkAssignmentAndDeclineTests_Sqlite(SqlitePortal portal) : BulkAssignmentAndDeclineTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class BulkAssignmentAndDeclineTests_Postgres(PostgresPortal portal) : BulkAssignmentAndDeclineTests(portal), IClassFixture<PostgresPortal>;
