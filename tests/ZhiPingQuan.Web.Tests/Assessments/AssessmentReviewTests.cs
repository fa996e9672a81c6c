using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Assessments.AssessmentArrange;

namespace ZhiPingQuan.Web.Tests.Assessments;

/// <summary>
/// The third party's compliance tracking (all units, filters, confirm or return — one of two reviewers
/// acting at once wins), the commission's read-only view and the district's progress page.
/// </summary>
public abstract class AssessmentReviewTests(AssessmentPortal portal)
{
    private async Task<Guid> SubmittedAsync(string unitName = "浦东新区", string agencyName = DemoDataSeeder.AgencyAName, DateOnly? deadline = null)
    {
        var id = await AssessmentAsync(portal, agencyName: agencyName, unitName: unitName, batchDeadline: deadline);
        await CompleteRecordAsync(portal, id);
        var agency = await portal.SignedInAsync(agencyName == DemoDataSeeder.AgencyAName ? AgencyA : AgencyB);
        AssertRedirect(await agency.SubmitReportAsync(id, Pdf("报告")), $"/Assessments/Details/{id}");
        return id;
    }

    /// <summary>A second account of the third party, so two reviewers can act at once.</summary>
    private async Task<string> SecondReviewerAsync()
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var org = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.ThirdParty);
        var email = $"reviewer.{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "钱审核员（第三方）", OrganisationId = org.Id, CreatedAtUtc = AssessmentPortal.Now };
        Assert.True((await users.CreateAsync(user, Accounts.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.ThirdParty);
        return email;
    }

    [Fact]
    public async Task Two_reviewers_at_once_the_first_wins_and_the_second_is_told()
    {
        var id = await SubmittedAsync();
        var first = await portal.SignedInAsync(ThirdParty);
        var second = await portal.SignedInAsync(await SecondReviewerAsync(), Accounts.Password);
        // A third-party account that is not a demo account signs in with a second factor: it enrols first.
        await AccountTesting.EnrolAsync(second, await AccountTesting.EnrolmentKeyAsync(second));

        // Both open the page: the same version token is in both forms.
        var pageOfFirst = await first.GetStringAsync($"/Assessments/Details/{id}");
        var pageOfSecond = await second.GetStringAsync($"/Assessments/Details/{id}");
        var version = HiddenVersion(pageOfFirst);
        Assert.Equal(version, HiddenVersion(pageOfSecond));

        AssertRedirect(await first.PostFormAsync($"/Assessments/Details/{id}", $"/Assessments/ConfirmCompliance/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = version }), $"/Assessments/Details/{id}");
        var lost = await second.PostFormAsync($"/Assessments/Details/{id}", $"/Assessments/Return/{id}",
            new Dictionary<string, string> { ["version"] = version, ["reasons"] = "分数与报告不一致" });

        Assert.True(lost.StatusCode == HttpStatusCode.Conflict, $"{(int)lost.StatusCode}: {Text(await lost.Content.ReadAsStringAsync())}");
        Assert.Contains("该记录已被他人修改，您的操作未保存", await lost.Content.ReadAsStringAsync());
        var after = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.ReportSubmitted, after.State);
        Assert.NotNull(after.ComplianceConfirmedAtUtc);
        Assert.Empty(after.Returns);
        Assert.Equal(0, await AuditCountAsync(portal, id, AuditAction.ReportReturned));

        // Confirming twice with the same stale page is refused the same way.
        var again = await second.PostFormAsync($"/Assessments/Details/{id}", $"/Assessments/ConfirmCompliance/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = version });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await AuditCountAsync(portal, id, AuditAction.ComplianceConfirmed));
    }

    [Fact]
    public async Task A_change_saved_between_loading_and_saving_is_caught_by_the_database_token()
    {
        var id = await SubmittedAsync();

        // Reviewer 1 has loaded the record (tracked) and is about to save…
        await using var first = portal.Scope();
        var firstDb = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var loaded = await firstDb.Assessments.FirstAsync(a => a.Id == id);
        var pageVersion = loaded.Version;

        // …when reviewer 2's return is saved.
        await using (var second = portal.Scope())
        {
            var service = second.ServiceProvider.GetRequiredService<Web.Features.Assessments.AssessmentService>();
            var other = await service.FindAsync(id, CancellationToken.None);
            await service.ReturnAsync(other!, pageVersion, "请补充评估人员资质证明。", "钱审核员", CancellationToken.None);
        }

        var firstService = first.ServiceProvider.GetRequiredService<Web.Features.Assessments.AssessmentService>();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            firstService.ConfirmComplianceAsync(loaded, pageVersion, "赵审核员", CancellationToken.None));

        var after = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.Returned, after.State);
        Assert.Null(after.ComplianceConfirmedAtUtc);
        Assert.Equal(0, await AuditCountAsync(portal, id, AuditAction.ComplianceConfirmed));
    }

    [Fact]
    public async Task A_return_without_reasons_is_refused_and_changes_nothing()
    {
        var id = await SubmittedAsync();
        var before = await LoadAsync(portal, id);
        var thirdParty = await portal.SignedInAsync(ThirdParty);

        var response = await thirdParty.PostWithPageVersionAsync($"/Assessments/Details/{id}", $"/Assessments/Return/{id}",
            new Dictionary<string, string> { ["reasons"] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("退回必须填写原因", Text(await response.Content.ReadAsStringAsync()));
        var after = await LoadAsync(portal, id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(AssessmentState.ReportSubmitted, after.State);
    }

    [Fact]
    public async Task Tracking_lists_every_unit_with_filters_and_overdue_first()
    {
        var pudong = await SubmittedAsync();
        var minhangByB = await SubmittedAsync(unitName: "闵行区", agencyName: DemoDataSeeder.AgencyBName);
        var overdue = await AssessmentAsync(portal, batchDeadline: new DateOnly(2023, 10, 1));
        var (pudongName, minhangName, overdueName) = (await EnterpriseNameAsync(portal, pudong), await EnterpriseNameAsync(portal, minhangByB), await EnterpriseNameAsync(portal, overdue));
        var thirdParty = await portal.SignedInAsync(ThirdParty);
        var minhangUnit = await portal.WithDbAsync(db => db.RecommendingUnits.Where(u => u.Name == "闵行区").Select(u => u.Id).FirstAsync());
        var agencyB = await portal.WithDbAsync(db => db.ServiceAgencies.Where(a => a.Name == DemoDataSeeder.AgencyBName).Select(a => a.Id).FirstAsync());

        // At the largest page size: the fixture's other tests leave more than a page of assessments.
        var all = await thirdParty.GetStringAsync("/Assessments/Tracking?size=100");
        Assert.Contains(pudongName, all);
        Assert.Contains(minhangName, all);
        Assert.Contains(overdueName, all);
        Assert.True(all.IndexOf(overdueName, StringComparison.Ordinal) < all.IndexOf(pudongName, StringComparison.Ordinal), "overdue first");
        Assert.Contains("已逾期 19 天", Text(all));

        var byUnit = await thirdParty.GetStringAsync($"/Assessments/Tracking?size=100&unitId={minhangUnit}");
        Assert.Contains(minhangName, byUnit);
        Assert.DoesNotContain(pudongName, byUnit);

        var byAgency = await thirdParty.GetStringAsync($"/Assessments/Tracking?size=100&agencyId={agencyB}");
        Assert.Contains(minhangName, byAgency);
        Assert.DoesNotContain(pudongName, byAgency);

        var onlyOverdue = await thirdParty.GetStringAsync("/Assessments/Tracking?size=100&overdue=true");
        Assert.Contains(overdueName, onlyOverdue);
        Assert.DoesNotContain(pudongName, onlyOverdue);

        var byState = await thirdParty.GetStringAsync($"/Assessments/Tracking?size=100&state={AssessmentState.InProgress}");
        Assert.Contains(overdueName, byState);
        Assert.DoesNotContain(minhangName, byState);

        var batchOfOverdue = (await LoadAsync(portal, overdue)).BatchId;
        var byBatch = await thirdParty.GetStringAsync($"/Assessments/Tracking?size=100&batchId={batchOfOverdue}");
        Assert.Contains(overdueName, byBatch);
        Assert.DoesNotContain(pudongName, byBatch);
    }

    [Fact]
    public async Task The_commission_views_read_only()
    {
        var id = await SubmittedAsync();
        var name = await EnterpriseNameAsync(portal, id);
        var commission = await portal.SignedInAsync(Commission);

        var list = await commission.GetStringAsync($"/Assessments/Tracking?q={Uri.EscapeDataString(name)}");
        Assert.Contains(name, list);
        Assert.Contains("评估总览", list);
        var details = await commission.GetStringAsync($"/Assessments/Details/{id}");
        Assert.DoesNotContain("data-testid=\"review-panel\"", details);
        Assert.DoesNotContain("data-testid=\"confirm-completion-panel\"", details);
        Assert.Equal(HttpStatusCode.OK, (await commission.GetAsync($"/Assessments/Report/{id}")).StatusCode);

        var version = (await LoadAsync(portal, id)).Version;
        AssertAccessDenied(await commission.PostFormAsync($"/Assessments/Details/{id}", $"/Assessments/ConfirmCompliance/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = version.ToString() }));
        Assert.Null((await LoadAsync(portal, id)).ComplianceConfirmedAtUtc);

        var thirdParty = await portal.SignedInAsync(ThirdParty);
        Assert.Contains("data-testid=\"review-panel\"", await thirdParty.GetStringAsync($"/Assessments/Details/{id}"));
    }

    [Theory]
    [InlineData(AgencyA, "/Assessments/Tracking")]
    [InlineData(PudongDistrict, "/Assessments/Tracking")]
    [InlineData(ThirdParty, "/Assessments/Progress")]
    [InlineData(EnterpriseA, "/Assessments")]
    [InlineData(Commission, "/Assessments")]
    public async Task Each_list_is_for_its_role(string email, string url)
    {
        var client = await portal.SignedInAsync(email);
        AssertAccessDenied(await client.GetAsync(url));
    }

    [Fact]
    public async Task The_district_sees_its_own_enterprises_progress_counts_and_overdue_first()
    {
        var submitted = await SubmittedAsync();
        var overdue = await AssessmentAsync(portal, batchDeadline: new DateOnly(2023, 9, 30));
        var assigned = await AssessmentAsync(portal, start: false);
        var minhang = await SubmittedAsync(unitName: "闵行区");
        var district = await portal.SignedInAsync(PudongDistrict);

        var expected = await portal.WithDbAsync(async db =>
        {
            var unit = await db.RecommendingUnits.Where(u => u.Name == "浦东新区").Select(u => u.Id).FirstAsync();
            return await db.Assessments.Where(a => a.RecommendingUnitId == unit).GroupBy(a => a.State)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        });
        var html = await district.GetStringAsync("/Assessments/Progress");
        foreach (var state in Enum.GetValues<AssessmentState>())
        {
            Assert.Contains($"data-testid=\"count-{state}\">{expected.GetValueOrDefault(state)}<", html);
        }
        Assert.Contains("data-testid=\"count-overdue\">", html);
        Assert.DoesNotContain("data-testid=\"count-overdue\">0<", html);

        var (submittedName, overdueName, assignedName, minhangName) =
            (await EnterpriseNameAsync(portal, submitted), await EnterpriseNameAsync(portal, overdue), await EnterpriseNameAsync(portal, assigned), await EnterpriseNameAsync(portal, minhang));
        Assert.Contains(submittedName, html);
        Assert.Contains(assignedName, html);
        Assert.DoesNotContain(minhangName, html);
        Assert.True(html.IndexOf(overdueName, StringComparison.Ordinal) < html.IndexOf(submittedName, StringComparison.Ordinal), "overdue first");
    }
}

[Collection("sqlite")]
public sealed class AssessmentReviewTests_Sqlite(AssessmentSqlitePortal portal) : AssessmentReviewTests(portal), IClassFixture<AssessmentSqlitePortal>;

[Collection("postgres")]
public sealed class AssessmentReviewTests_Postgres(AssessmentPostgresPortal portal) : AssessmentReviewTests(portal), IClassFixture<AssessmentPostgresPortal>;
