using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Assignments.AssessmentArrange;

namespace ZhiPingQuan.Web.Tests.Assignments;

/// <summary>
/// 评估指派: the district assigns an agency to a recommended enterprise of its unit, the enterprise agrees,
/// the agency declares no conflict of interest and accepts; a declared conflict blocks acceptance and tells
/// the district, which reassigns with a reason until the report is submitted. Every step is audited, every
/// refusal changes nothing, and another organisation's assessment answers 404.
/// </summary>
public abstract class AssignmentsTests(PortalFactory portal)
{
    private const string PudongDistrict = "district.pudong@zpq.local";
    private const string MinhangDistrict = "district.minhang@zpq.local";

    /// <summary>A recommended enterprise of 浦东新区 with its own account, and a municipal agency with its own account.</summary>
    private sealed record Scenario(Recommendation Recommendation, string EnterpriseEmail, ServiceAgency Agency, string AgencyEmail);

    private async Task<Scenario> ScenarioAsync(bool districtFundedOnly = false)
    {
        var recommendation = await RecommendedAsync(portal, Pudong, districtFundedOnly);
        var enterpriseEmail = await NewUserAsync(portal, recommendation.EnterpriseId, Roles.Enterprise);
        var agency = await NewAgencyAsync(portal);
        var agencyEmail = await NewUserAsync(portal, agency.Id, Roles.Agency);
        return new Scenario(recommendation, enterpriseEmail, agency, agencyEmail);
    }

    private Task<HttpClient> SignInAsync(string email) =>
        email.EndsWith("@test.local", StringComparison.Ordinal) ? portal.SignedInAsync(email, TestPassword) : portal.SignedInAsync(email);

    private Task<int> AssessmentsOfAsync(Guid recommendationId) =>
        portal.WithDbAsync(db => db.Assessments.CountAsync(a => a.RecommendationId == recommendationId));

    private Task<List<AuditAction>> AuditActionsAsync(Guid assessmentId) =>
        portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == assessmentId).OrderBy(a => a.AtUtc).Select(a => a.Action).ToListAsync());

    private static Dictionary<string, string> AssignFields(Guid recommendationId, Guid? agencyId) => new()
    {
        ["RecommendationId"] = recommendationId.ToString(),
        ["AgencyId"] = agencyId?.ToString() ?? "",
    };

    private async Task<Guid> VersionOfAsync(Guid assessmentId) => (await LoadAsync(portal, assessmentId))!.Version;

    private async Task<HttpResponseMessage> AcceptAsync(HttpClient agencyClient, Guid id, bool? hasConflict, string statement = "") =>
        await agencyClient.PostWithTokenAsync($"/Assignments/Accept/{id}", new Dictionary<string, string>
        {
            ["version"] = (await VersionOfAsync(id)).ToString(),
            ["hasConflict"] = hasConflict?.ToString().ToLowerInvariant() ?? "",
            ["statement"] = statement,
        });

    private async Task<HttpResponseMessage> AgreeAsync(HttpClient enterpriseClient, Guid id) =>
        await enterpriseClient.PostWithTokenAsync($"/Assignments/Agree/{id}", new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = (await VersionOfAsync(id)).ToString() });

    private async Task<HttpResponseMessage> ReassignAsync(HttpClient districtClient, Guid id, Guid? agencyId, string reason) =>
        await districtClient.PostWithTokenAsync($"/Assignments/Reassign/{id}", new Dictionary<string, string>
        {
            ["Version"] = (await VersionOfAsync(id)).ToString(),
            ["AgencyId"] = agencyId?.ToString() ?? "",
            ["Reason"] = reason,
        });

    private static string AgencyRow(string html, Guid agencyId)
    {
        var match = Regex.Match(html, $"<tr data-agency-id=\"{agencyId}\">(.*?)</tr>", RegexOptions.Singleline);
        return match.Success ? match.Groups[1].Value : string.Empty;
    }

    [Fact]
    public async Task District_assigns_enterprise_agrees_and_agency_accepts_each_step_audited()
    {
        var s = await ScenarioAsync();
        var district = await portal.SignedInAsync(PudongDistrict);
        var enterpriseName = await portal.WithDbAsync(db => db.Enterprises.Where(e => e.Id == s.Recommendation.EnterpriseId).Select(e => e.Name).FirstAsync());

        var unassigned = await (await district.GetAsync("/Assignments/Unassigned")).HtmlAsync();
        Assert.Contains($"/Assignments/Assign?recommendationId={s.Recommendation.Id}", unassigned);

        var assignUrl = $"/Assignments/Assign?recommendationId={s.Recommendation.Id}";
        var assigned = await district.PostFormAsync(assignUrl, "/Assignments/Assign", AssignFields(s.Recommendation.Id, s.Agency.Id));

        AssertRedirect(assigned, "/Assignments/Details/");
        var id = Guid.Parse(assigned.Headers.Location!.OriginalString.Split('/').Last());
        var assessment = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.Assigned, assessment!.State);
        Assert.Equal(s.Agency.Id, assessment.AgencyId);
        Assert.Equal(s.Recommendation.Id, assessment.RecommendationId);
        Assert.Equal([AuditAction.AgencyAssigned], await AuditActionsAsync(id));
        Assert.DoesNotContain($"recommendationId={s.Recommendation.Id}", await (await district.GetAsync("/Assignments/Unassigned")).HtmlAsync());
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.RecipientOrganisationId == s.Recommendation.EnterpriseId)));

        // The enterprise sees the agency on its progress page and agrees.
        var enterprise = await SignInAsync(s.EnterpriseEmail);
        var mine = await (await enterprise.GetAsync("/Assignments/Mine")).HtmlAsync();
        Assert.Contains(s.Agency.Name, mine);
        Assert.Contains("已指派，待企业确认", mine);
        AssertRedirect(await AgreeAsync(enterprise, id), $"/Assignments/Details/{id}");
        Assert.NotNull((await LoadAsync(portal, id))!.EnterpriseConfirmedAtUtc);

        // The agency finds the task and accepts after declaring no conflict.
        var agency = await SignInAsync(s.AgencyEmail);
        var tasks = await (await agency.GetAsync("/Assignments/Tasks?pendingOnly=true")).HtmlAsync();
        Assert.Contains(enterpriseName, tasks);
        Assert.Contains("企业已确认，待服务机构接受", tasks);
        var accepted = await AcceptAsync(agency, id, hasConflict: false);
        Assert.Contains("已声明无利益冲突并接受评估任务", await agency.FollowAsync(accepted));

        assessment = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.InProgress, assessment!.State);
        Assert.False(assessment.ConflictDeclared);
        Assert.NotNull(assessment.StartedAtUtc);
        Assert.Equal([AuditAction.AgencyAssigned, AuditAction.AgencyAgreedByEnterprise, AuditAction.AssessmentAccepted], await AuditActionsAsync(id));

        var details = await (await district.GetAsync($"/Assignments/Details/{id}")).HtmlAsync();
        Assert.Contains("声明无利益冲突", details);
        Assert.Contains("评估中", details);
        Assert.Contains($"/Assessments/Details/{id}", details);
    }

    [Fact]
    public async Task The_assignment_form_says_which_agencies_can_be_redeemed_and_offers_only_usable_ones()
    {
        var s = await ScenarioAsync();
        var ownDistrictAgency = await NewAgencyAsync(portal, AgencyLevel.District, Pudong);
        var otherUnitsAgency = await NewAgencyAsync(portal, AgencyLevel.District, Minhang);
        var expired = await NewAgencyAsync(portal, validFrom: new DateOnly(2020, 1, 1), validTo: new DateOnly(2021, 12, 31));
        var district = await portal.SignedInAsync(PudongDistrict);

        var html = await (await district.GetAsync($"/Assignments/Assign?recommendationId={s.Recommendation.Id}")).HtmlAsync();

        Assert.Contains("只有评估日期在有效期内的市级服务机构的评估才能兑付", html);
        Assert.Contains("可兑付", AgencyRow(html, s.Agency.Id));
        Assert.Contains("data-testid=\"qualifies\"", AgencyRow(html, s.Agency.Id));
        Assert.Contains("不可兑付", AgencyRow(html, ownDistrictAgency.Id));
        Assert.DoesNotContain("data-testid=\"qualifies\"", AgencyRow(html, ownDistrictAgency.Id));
        Assert.Equal(string.Empty, AgencyRow(html, otherUnitsAgency.Id));
        Assert.Equal(string.Empty, AgencyRow(html, expired.Id));
    }

    [Fact]
    public async Task A_district_funded_only_recommendation_cannot_be_assigned_and_nothing_is_written()
    {
        var s = await ScenarioAsync(districtFundedOnly: true);
        var district = await portal.SignedInAsync(PudongDistrict);
        Assert.DoesNotContain(s.Recommendation.Id.ToString(), await (await district.GetAsync("/Assignments/Unassigned")).HtmlAsync());

        var response = await district.PostWithTokenAsync("/Assignments/Assign", AssignFields(s.Recommendation.Id, s.Agency.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("区级叠加支持", Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await AssessmentsOfAsync(s.Recommendation.Id));
    }

    [Fact]
    public async Task A_second_assignment_of_the_same_recommendation_is_refused_and_nothing_is_written()
    {
        var s = await ScenarioAsync();
        var id = await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        var auditsBefore = await AuditCountAsync(portal, id);
        var other = await NewAgencyAsync(portal);
        var district = await portal.SignedInAsync(PudongDistrict);

        var response = await district.PostWithTokenAsync("/Assignments/Assign", AssignFields(s.Recommendation.Id, other.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("每条推荐只能有一条评估记录", Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal(1, await AssessmentsOfAsync(s.Recommendation.Id));
        Assert.Equal(s.Agency.Id, (await LoadAsync(portal, id))!.AgencyId);
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, id));
        // The form itself sends the district to the existing record.
        AssertRedirect(await district.GetAsync($"/Assignments/Assign?recommendationId={s.Recommendation.Id}"), $"/Assignments/Details/{id}");
    }

    [Fact]
    public async Task The_database_keeps_one_assessment_per_recommendation()
    {
        var s = await ScenarioAsync();
        await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => AssignedAsync(portal, s.Recommendation, s.Agency.Id));
        Assert.Equal(1, await AssessmentsOfAsync(s.Recommendation.Id));
    }

    [Fact]
    public async Task Another_units_agency_an_expired_agency_or_no_agency_is_refused_and_nothing_is_written()
    {
        var s = await ScenarioAsync();
        var otherUnitsAgency = await NewAgencyAsync(portal, AgencyLevel.District, Minhang);
        var expired = await NewAgencyAsync(portal, validFrom: new DateOnly(2020, 1, 1), validTo: new DateOnly(2021, 12, 31));
        var district = await portal.SignedInAsync(PudongDistrict);

        async Task<string> RefusalAsync(Guid? agencyId)
        {
            var response = await district.PostWithTokenAsync("/Assignments/Assign", AssignFields(s.Recommendation.Id, agencyId));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Errors(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains("只能指派市级服务机构或本单位推荐的区级服务机构", await RefusalAsync(otherUnitsAgency.Id));
        Assert.Contains("只能指派市级服务机构或本单位推荐的区级服务机构", await RefusalAsync(Guid.NewGuid()));
        Assert.Contains("不在有效期内，不能分配", await RefusalAsync(expired.Id));
        Assert.Contains("请选择服务机构", await RefusalAsync(null));
        Assert.Equal(0, await AssessmentsOfAsync(s.Recommendation.Id));
    }

    [Fact]
    public async Task The_agency_cannot_accept_before_the_enterprise_agrees_and_nothing_changes()
    {
        var s = await ScenarioAsync();
        var id = await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        var auditsBefore = await AuditCountAsync(portal, id);
        var agency = await SignInAsync(s.AgencyEmail);

        var page = await agency.FollowAsync(await AcceptAsync(agency, id, hasConflict: false));

        Assert.Contains("企业尚未确认评估机构，不能开始评估", page);
        var assessment = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.Assigned, assessment!.State);
        Assert.Null(assessment.ConflictDeclared);
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, id));
    }

    [Fact]
    public async Task A_declared_conflict_blocks_acceptance_and_tells_the_district()
    {
        var s = await ScenarioAsync();
        var id = await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        var enterprise = await SignInAsync(s.EnterpriseEmail);
        AssertRedirect(await AgreeAsync(enterprise, id), $"/Assignments/Details/{id}");
        var agency = await SignInAsync(s.AgencyEmail);
        var pudong = await UnitIdAsync(portal, Pudong);

        var page = await agency.FollowAsync(await AcceptAsync(agency, id, hasConflict: true, statement: "本机构股东在该企业任职"));

        Assert.Contains("已记录利益冲突声明", page);
        var assessment = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.Assigned, assessment!.State);
        Assert.True(assessment.ConflictDeclared);
        Assert.Equal("本机构股东在该企业任职", assessment.ConflictStatement);
        Assert.Null(assessment.StartedAtUtc);
        Assert.Contains(AuditAction.ConflictOfInterestDeclared, await AuditActionsAsync(id));
        var notice = await portal.WithDbAsync(db => db.Notifications.AsNoTracking()
            .SingleAsync(n => n.RecipientOrganisationId == pudong && n.Kind == NotificationKind.ConflictDeclared && n.TargetId == id));
        Assert.Contains("利益冲突", notice.Title);
        Assert.Contains("本机构股东在该企业任职", notice.Body);
        Assert.Null(notice.ReadAtUtc);

        // The district sees it on its assignment list and as a todo on its home page.
        var district = await portal.SignedInAsync(PudongDistrict);
        var list = await (await district.GetAsync("/Assignments")).HtmlAsync();
        Assert.Contains("data-testid=\"notices\"", list);
        Assert.Contains($"/Assignments/Details/{id}", list);
        var conflicts = await portal.WithDbAsync(db => db.Assessments.CountAsync(a => a.RecommendingUnitId == pudong
            && a.State == AssessmentState.Assigned && a.ConflictDeclared == true));
        var home = await (await district.GetAsync("/")).HtmlAsync();
        var todo = Regex.Match(home, "<li[^>]*>\\s*<div><a href=\"/Assignments\\?conflicts=true\">需重新指派服务机构的评估（机构声明利益冲突或企业拒绝）.*?</li>", RegexOptions.Singleline).Value;
        Assert.Contains($"data-count=\"{conflicts}\"", todo);
        Assert.True(conflicts >= 1);

        // The agency cannot take the task back by declaring again.
        var again = await agency.FollowAsync(await AcceptAsync(agency, id, hasConflict: false));
        Assert.Contains("已声明与该企业存在利益冲突，不能接受该评估任务", again);
        assessment = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.Assigned, assessment!.State);
        Assert.True(assessment.ConflictDeclared);
    }

    [Fact]
    public async Task A_conflict_without_an_explanation_or_without_a_choice_is_refused_and_nothing_is_written()
    {
        var s = await ScenarioAsync();
        var id = await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        var auditsBefore = await AuditCountAsync(portal, id);
        var agency = await SignInAsync(s.AgencyEmail);

        Assert.Contains("声明存在利益冲突时必须说明情况", await agency.FollowAsync(await AcceptAsync(agency, id, hasConflict: true, statement: "  ")));
        Assert.Contains("请选择本机构与该企业是否存在利益冲突", await agency.FollowAsync(await AcceptAsync(agency, id, hasConflict: null)));

        Assert.Null((await LoadAsync(portal, id))!.ConflictDeclared);
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, id));
        Assert.False(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.TargetId == id && n.Kind == NotificationKind.ConflictDeclared)));
    }

    [Fact]
    public async Task The_district_reassigns_with_a_reason_and_the_history_shows_it()
    {
        var s = await ScenarioAsync();
        var id = await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        var enterprise = await SignInAsync(s.EnterpriseEmail);
        AssertRedirect(await AgreeAsync(enterprise, id), $"/Assignments/Details/{id}");
        var agency = await SignInAsync(s.AgencyEmail);
        await AcceptAsync(agency, id, hasConflict: true, statement: "曾为该企业编制改造方案");
        var replacement = await NewAgencyAsync(portal);
        var district = await portal.SignedInAsync(PudongDistrict);
        var pudong = await UnitIdAsync(portal, Pudong);

        var form = await (await district.GetAsync($"/Assignments/Reassign/{id}")).HtmlAsync();
        Assert.Contains("只有评估日期在有效期内的市级服务机构的评估才能兑付", form);
        Assert.Equal(string.Empty, AgencyRow(form, s.Agency.Id));
        Assert.NotEqual(string.Empty, AgencyRow(form, replacement.Id));

        var response = await ReassignAsync(district, id, replacement.Id, "原机构声明存在利益冲突");

        AssertRedirect(response, $"/Assignments/Details/{id}");
        var assessment = await portal.WithDbAsync(db => db.Assessments.AsNoTracking().FirstAsync(a => a.Id == id));
        Assert.Equal(replacement.Id, assessment.AgencyId);
        Assert.Equal(AssessmentState.Assigned, assessment.State);
        Assert.Null(assessment.ConflictDeclared);
        Assert.Null(assessment.EnterpriseConfirmedAtUtc);
        var change = Assert.Single(assessment.AssignmentChanges);
        Assert.Equal(s.Agency.Id, change.FromAgencyId);
        Assert.Equal("原机构声明存在利益冲突", change.Reason);
        Assert.Contains(AuditAction.AgencyReassigned, await AuditActionsAsync(id));
        Assert.False(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.RecipientOrganisationId == pudong
            && n.Kind == NotificationKind.ConflictDeclared && n.TargetId == id && n.ReadAtUtc == null)));

        var details = await (await district.GetAsync($"/Assignments/Details/{id}")).HtmlAsync();
        Assert.Contains("data-testid=\"reassignments\"", details);
        Assert.Contains($"{s.Agency.Name} → {replacement.Name}", details);
        Assert.Contains("原因：原机构声明存在利益冲突", details);
        // The previous agency no longer sees the record.
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"/Assignments/Details/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("same")]
    public async Task A_reassignment_without_reason_or_to_the_same_agency_is_refused_and_nothing_changes(string variant)
    {
        var s = await ScenarioAsync();
        var id = await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        var auditsBefore = await AuditCountAsync(portal, id);
        var replacement = await NewAgencyAsync(portal);
        var district = await portal.SignedInAsync(PudongDistrict);

        var response = variant == "same"
            ? await ReassignAsync(district, id, s.Agency.Id, "换一家")
            : await ReassignAsync(district, id, replacement.Id, "   ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(variant == "same" ? "改派的评估机构与当前机构相同" : "改派评估机构必须填写原因", Errors(await response.Content.ReadAsStringAsync()));
        var assessment = await portal.WithDbAsync(db => db.Assessments.AsNoTracking().FirstAsync(a => a.Id == id));
        Assert.Equal(s.Agency.Id, assessment.AgencyId);
        Assert.Empty(assessment.AssignmentChanges);
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, id));
    }

    [Fact]
    public async Task Reassignment_is_refused_once_the_report_is_submitted_and_nothing_changes()
    {
        var s = await ScenarioAsync();
        var id = await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        await SubmitReportAsync(portal, id);
        var auditsBefore = await AuditCountAsync(portal, id);
        var replacement = await NewAgencyAsync(portal);
        var district = await portal.SignedInAsync(PudongDistrict);

        var page = await district.FollowAsync(await district.GetAsync($"/Assignments/Reassign/{id}"));
        Assert.Contains("评估报告已提交，不能再改派服务机构", page);
        var response = await ReassignAsync(district, id, replacement.Id, "想换一家");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("评估报告已提交，不能再改派服务机构", Errors(await response.Content.ReadAsStringAsync()));
        var assessment = await portal.WithDbAsync(db => db.Assessments.AsNoTracking().FirstAsync(a => a.Id == id));
        Assert.Equal(s.Agency.Id, assessment.AgencyId);
        Assert.Equal(AssessmentState.ReportSubmitted, assessment.State);
        Assert.Empty(assessment.AssignmentChanges);
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, id));
    }

    [Fact]
    public async Task Once_confirmed_the_enterprise_sees_score_levels_and_the_report_link()
    {
        var s = await ScenarioAsync();
        var id = await AssignedAsync(portal, s.Recommendation, s.Agency.Id);
        await SubmitReportAsync(portal, id);
        var enterprise = await SignInAsync(s.EnterpriseEmail);
        var before = await (await enterprise.GetAsync("/Assignments/Mine")).HtmlAsync();
        Assert.DoesNotContain("data-testid=\"progress-result\"", before);

        await ConfirmAsync(portal, id);

        var mine = await (await enterprise.GetAsync("/Assignments/Mine")).HtmlAsync();
        Assert.Contains("data-testid=\"progress-result\"", mine);
        Assert.Contains("2.56", mine);
        Assert.Contains("二级（规范级）", mine);
        Assert.Contains("先进级", mine);
        Assert.Contains($"/Assessments/Report/{id}", mine);
        Assert.Contains("已确认完成", mine);
    }

    [Fact]
    public async Task The_district_list_shows_its_units_assignments_and_filters_conflicts()
    {
        var quiet = await ScenarioAsync();
        var conflicted = await ScenarioAsync();
        var quietId = await AssignedAsync(portal, quiet.Recommendation, quiet.Agency.Id);
        var conflictedId = await AssignedAsync(portal, conflicted.Recommendation, conflicted.Agency.Id);
        await ChangeAsync(portal, conflictedId, (a, _) => a.DeclareConflict(true, "存在关联", "测试机构", DateTime.UtcNow));
        var district = await portal.SignedInAsync(PudongDistrict);

        var all = await (await district.GetAsync("/Assignments")).HtmlAsync();
        Assert.Contains($"data-assessment-id=\"{quietId}\"", all);
        Assert.Contains($"data-assessment-id=\"{conflictedId}\"", all);

        var conflicts = await (await district.GetAsync("/Assignments?conflicts=true")).HtmlAsync();
        Assert.Contains($"data-assessment-id=\"{conflictedId}\"", conflicts);
        Assert.DoesNotContain($"data-assessment-id=\"{quietId}\"", conflicts);
        Assert.Contains("服务机构声明存在利益冲突，待改派", conflicts);

        var minhang = await portal.SignedInAsync(MinhangDistrict);
        var otherUnit = await (await minhang.GetAsync("/Assignments")).HtmlAsync();
        Assert.DoesNotContain(quietId.ToString(), otherUnit);
        Assert.DoesNotContain(conflictedId.ToString(), otherUnit);
        Assert.DoesNotContain(quiet.Recommendation.Id.ToString(), await (await minhang.GetAsync("/Assignments/Unassigned")).HtmlAsync());
    }

    // ---- Cross-organisation: the demo accounts on each other's records ------------------------------------

    /// <summary>enterprise.a's (浦东新区) assessment of the current year, assigned to agency.a; made once per fixture.</summary>
    [Fact]
    public async Task The_enterprise_reads_its_assignment_without_the_districts_redemption_rule_and_without_ids()
    {
        var s = await ScenarioAsync();
        var district = await portal.SignedInAsync(PudongDistrict);
        var assigned = await district.PostFormAsync($"/Assignments/Assign?recommendationId={s.Recommendation.Id}", "/Assignments/Assign",
            AssignFields(s.Recommendation.Id, s.Agency.Id));
        var page = assigned.Headers.Location!.OriginalString;
        var id = Guid.Parse(page.Split('/').Last());
        var enterprise = await SignInAsync(s.EnterpriseEmail);

        var forDistrict = await (await district.GetAsync(page)).HtmlAsync();
        var forEnterprise = await (await enterprise.GetAsync(page)).HtmlAsync();

        Assert.Contains("data-testid=\"redemption-rule\"", forDistrict);
        Assert.Contains(ZhiPingQuan.Web.Features.Shared.AgencyText.RedemptionNotice, forDistrict);
        Assert.DoesNotContain("data-testid=\"redemption-rule\"", forEnterprise);
        Assert.DoesNotContain(ZhiPingQuan.Web.Features.Shared.AgencyText.RedemptionNotice, forEnterprise);
        Assert.DoesNotContain("可兑付", forEnterprise);
        Assert.Contains(s.Agency.Name, forEnterprise);
        // The breadcrumb leads the enterprise to its own list (评估进展), not the district's.
        Assert.Contains("<a href=\"/Assignments/Mine\">评估进展</a>", forEnterprise);
        Assert.DoesNotContain(id.ToString(), Lists.ListPageAssertions.Section(forEnterprise, "breadcrumb", "nav"));
    }

    private async Task<Guid> DemoAssessmentAsync()
    {
        var enterpriseA = await OrganisationIdOfAsync(portal, "enterprise.a@zpq.local");
        var existing = await portal.WithDbAsync(db => db.Assessments.Where(a => a.EnterpriseId == enterpriseA).Select(a => (Guid?)a.Id).FirstOrDefaultAsync());
        if (existing is { } id)
        {
            return id;
        }
        await MakeDemoAgenciesValidAsync(portal);
        var enterprise = await portal.WithDbAsync(db => db.Enterprises.AsNoTracking().FirstAsync(e => e.Id == enterpriseA));
        var recommendation = await RecommendedAsync(portal, existing: enterprise);
        return await AssignedAsync(portal, recommendation, await OrganisationIdOfAsync(portal, "agency.a@zpq.local"));
    }

    private async Task AssertUnchangedAsync(Guid id, Assessment before)
    {
        var after = await portal.WithDbAsync(db => db.Assessments.AsNoTracking().FirstAsync(a => a.Id == id));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.AgencyId, after.AgencyId);
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.EnterpriseConfirmedAtUtc, after.EnterpriseConfirmedAtUtc);
        Assert.Equal(before.ConflictDeclared, after.ConflictDeclared);
    }

    [Fact]
    public async Task Minhang_district_gets_404_for_every_url_of_pudongs_assessment_and_nothing_changes()
    {
        var id = await DemoAssessmentAsync();
        var before = (await LoadAsync(portal, id))!;
        var auditsBefore = await AuditCountAsync(portal, id);
        var unassigned = await RecommendedAsync(portal, Pudong);
        var agencyB = await OrganisationIdOfAsync(portal, "agency.b@zpq.local");
        var minhang = await portal.SignedInAsync(MinhangDistrict);

        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Assignments/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Assignments/Reassign/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReassignAsync(minhang, id, agencyB, "闵行改派")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Assignments/Assign?recommendationId={unassigned.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.PostWithTokenAsync("/Assignments/Assign", AssignFields(unassigned.Id, agencyB))).StatusCode);

        await AssertUnchangedAsync(id, before);
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, id));
        Assert.Equal(0, await AssessmentsOfAsync(unassigned.Id));
    }

    [Fact]
    public async Task Agency_b_gets_404_for_agency_as_task_and_nothing_changes()
    {
        var id = await DemoAssessmentAsync();
        var before = (await LoadAsync(portal, id))!;
        var auditsBefore = await AuditCountAsync(portal, id);
        var refusedBefore = await RefusedLookupsAsync(portal, id);
        var agencyB = await portal.SignedInAsync("agency.b@zpq.local");

        Assert.Equal(HttpStatusCode.NotFound, (await agencyB.GetAsync($"/Assignments/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AcceptAsync(agencyB, id, hasConflict: false)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AcceptAsync(agencyB, id, hasConflict: true, statement: "冒名声明")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await (await agencyB.GetAsync("/Assignments/Tasks")).HtmlAsync());

        await AssertUnchangedAsync(id, before);
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, id));
        Assert.Equal(refusedBefore + 3, await RefusedLookupsAsync(portal, id));
        Assert.False(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Body.Contains("冒名声明"))));
    }

    [Fact]
    public async Task Enterprise_b_gets_404_for_enterprise_as_assessment_and_nothing_changes()
    {
        var id = await DemoAssessmentAsync();
        var before = (await LoadAsync(portal, id))!;
        var auditsBefore = await AuditCountAsync(portal, id);
        var enterpriseB = await portal.SignedInAsync("enterprise.b@zpq.local");

        Assert.Equal(HttpStatusCode.NotFound, (await enterpriseB.GetAsync($"/Assignments/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AgreeAsync(enterpriseB, id)).StatusCode);
        Assert.DoesNotContain(id.ToString(), await (await enterpriseB.GetAsync("/Assignments/Mine")).HtmlAsync());

        await AssertUnchangedAsync(id, before);
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, id));
    }

    [Fact]
    public async Task The_demo_accounts_see_their_own_record()
    {
        var id = await DemoAssessmentAsync();
        foreach (var email in new[] { PudongDistrict, "enterprise.a@zpq.local", "agency.a@zpq.local", "commission@zpq.local" })
        {
            var client = await portal.SignedInAsync(email);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Assignments/Details/{id}")).StatusCode);
        }
        var agencyA = await portal.SignedInAsync("agency.a@zpq.local");
        Assert.Contains($"data-assessment-id=\"{id}\"", await (await agencyA.GetAsync("/Assignments/Tasks")).HtmlAsync());
        var enterpriseA = await portal.SignedInAsync("enterprise.a@zpq.local");
        Assert.Contains(id.ToString(), await (await enterpriseA.GetAsync("/Assignments/Mine")).HtmlAsync());
    }

    [Theory]
    [InlineData("enterprise.a@zpq.local", "/Assignments/Accept/")]
    [InlineData("agency.a@zpq.local", "/Assignments/Agree/")]
    [InlineData("agency.a@zpq.local", "/Assignments/Reassign/")]
    [InlineData("district.pudong@zpq.local", "/Assignments/Agree/")]
    public async Task Steps_of_another_role_are_refused_and_change_nothing(string email, string action)
    {
        var id = await DemoAssessmentAsync();
        var before = (await LoadAsync(portal, id))!;
        var client = await portal.SignedInAsync(email);

        var response = await client.PostWithTokenAsync(action + id, new Dictionary<string, string>
        {
            ["version"] = before.Version.ToString(), ["hasConflict"] = "false", ["AgencyId"] = Guid.NewGuid().ToString(), ["Reason"] = "x",
        });

        AssertAccessDenied(response);
        await AssertUnchangedAsync(id, before);
    }

    [Theory]
    [InlineData("enterprise.a@zpq.local", "/Assignments")]
    [InlineData("agency.a@zpq.local", "/Assignments/Mine")]
    [InlineData("district.pudong@zpq.local", "/Assignments/Tasks")]
    [InlineData("commission@zpq.local", "/Assignments/Unassigned")]
    public async Task Role_pages_refuse_other_roles(string email, string url)
    {
        var client = await portal.SignedInAsync(email);
        AssertAccessDenied(await client.GetAsync(url));
    }
}

[Collection("sqlite")]
public sealed class AssignmentsTests_Sqlite(SqlitePortal portal) : AssignmentsTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class AssignmentsTests_Postgres(PostgresPortal portal) : AssignmentsTests(portal), IClassFixture<PostgresPortal>;
