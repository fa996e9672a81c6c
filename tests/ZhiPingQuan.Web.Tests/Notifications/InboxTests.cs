using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Tests.Assignments;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Notifications;

/// <summary>
/// 通知: the bell in the bar and the inbox of every signed-in user (docs/domain.md §5): notices to the user's organisation and to
/// the user, newest first, paged; marked read one by one or all at once; another organisation's notice answers 404.
/// </summary>
public abstract partial class InboxTests(PortalFactory portal)
{
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    /// <summary>A new agency with two users (each test its own, so counts are exact).</summary>
    private async Task<(Guid Org, string First, string Second, Guid FirstId, Guid SecondId)> OrganisationAsync()
    {
        var agency = await AssessmentArrange.NewAgencyAsync(portal);
        var first = await AssessmentArrange.NewUserAsync(portal, agency.Id, Roles.Agency);
        var second = await AssessmentArrange.NewUserAsync(portal, agency.Id, Roles.Agency);
        return (agency.Id, first, second, await UserIdAsync(first), await UserIdAsync(second));
    }

    private Task<Guid> UserIdAsync(string email) => portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).FirstAsync());

    private Task<HttpClient> SignInAsync(string email) => portal.SignedInAsync(email, AssessmentArrange.TestPassword);

    private Task<Guid> AddAsync(Notification notice) =>
        portal.WithDbAsync(async db =>
        {
            db.Notifications.Add(notice);
            await db.SaveChangesAsync();
            return notice.Id;
        });

    private static Notification ToOrg(Guid org, string title, DateTime? at = null) =>
        Notification.ToOrganisation(org, NotificationKind.AssessmentTaskAssigned, title, $"{title}的内容", null, at ?? T0);

    private static Notification ToUser(Guid user, string title, DateTime? at = null) =>
        Notification.ToUser(user, NotificationKind.SummaryTableDeadlineReminder, title, $"{title}的内容", null, at ?? T0);

    private static async Task<int> BellAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        var match = BellCount().Match(html);
        Assert.True(match.Success, "no bell in the navigation bar");
        return int.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex("data-testid=\"bell-count\">(\\d+)</span>")]
    private static partial Regex BellCount();

    private Task<DateTime?> ReadAtAsync(Guid id) => portal.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAtUtc).FirstAsync());

    [Fact]
    public async Task The_bell_counts_the_unread_notices_to_the_user_and_to_the_users_organisation()
    {
        var (org, first, second, firstId, secondId) = await OrganisationAsync();
        var other = await AssessmentArrange.NewAgencyAsync(portal);
        await AddAsync(ToOrg(org, "机构通知一"));
        await AddAsync(ToOrg(org, "机构通知二"));
        var read = ToOrg(org, "已读的机构通知");
        read.MarkRead(T0);
        await AddAsync(read);
        await AddAsync(ToUser(firstId, "给第一位的提醒"));
        await AddAsync(ToUser(secondId, "给第二位的提醒"));
        await AddAsync(ToUser(secondId, "给第二位的另一条提醒"));
        await AddAsync(ToOrg(other.Id, "其他机构的通知"));

        Assert.Equal(3, await BellAsync(await SignInAsync(first)));
        Assert.Equal(4, await BellAsync(await SignInAsync(second)));
    }

    [Fact]
    public async Task The_inbox_lists_the_users_and_the_organisations_notices_newest_first_and_pages_them()
    {
        var (org, first, _, firstId, secondId) = await OrganisationAsync();
        var other = await AssessmentArrange.NewAgencyAsync(portal);
        var tag = TestData.Tag();
        for (var i = 1; i <= 23; i++)
        {
            await AddAsync(ToOrg(org, $"{tag}机构通知{i:D2}", T0.AddMinutes(i)));
        }
        await AddAsync(ToUser(firstId, $"{tag}本人提醒", T0.AddMinutes(30)));
        await AddAsync(ToUser(secondId, $"{tag}同事的提醒", T0.AddMinutes(40)));
        await AddAsync(ToOrg(other.Id, $"{tag}其他机构的通知", T0.AddMinutes(50)));
        var client = await SignInAsync(first);

        var page1 = Titles(await client.GetStringAsync("/Notifications"));
        var page2 = Titles(await client.GetStringAsync("/Notifications?page=2"));

        var expected = new[] { $"{tag}本人提醒" }.Concat(Enumerable.Range(1, 23).Reverse().Select(i => $"{tag}机构通知{i:D2}")).ToList();
        Assert.Equal(expected.Take(20), page1);
        Assert.Equal(expected.Skip(20), page2);
        Assert.Contains("共 24 条，第 1 / 2 页", WebUtility.HtmlDecode(await client.GetStringAsync("/Notifications")));
    }

    private static List<string> Titles(string html) =>
        TitlePattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("data-testid=\"notice-title\">([^<]*)</strong>")]
    private static partial Regex TitlePattern();

    [Fact]
    public async Task Marking_one_notice_read_and_then_all_lowers_the_count_for_the_organisation_but_not_a_colleagues_own_notices()
    {
        var (org, first, second, firstId, secondId) = await OrganisationAsync();
        var a = await AddAsync(ToOrg(org, "待读一"));
        var b = await AddAsync(ToOrg(org, "待读二"));
        var mine = await AddAsync(ToUser(firstId, "本人提醒"));
        var colleagues = await AddAsync(ToUser(secondId, "同事提醒"));
        var client = await SignInAsync(first);
        Assert.Equal(3, await BellAsync(client));

        var marked = await client.PostFormAsync("/Notifications", $"/Notifications/MarkRead/{a}", new Dictionary<string, string> { ["page"] = "1" });

        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal(2, await BellAsync(client));
        Assert.NotNull(await ReadAtAsync(a));
        // A notice to the organisation is read for all of it.
        var colleague = await SignInAsync(second);
        Assert.Equal(2, await BellAsync(colleague));
        var firstReading = await ReadAtAsync(a);
        await client.PostFormAsync("/Notifications", $"/Notifications/MarkRead/{a}", new Dictionary<string, string>());
        Assert.Equal(firstReading, await ReadAtAsync(a));

        var all = await client.PostFormAsync("/Notifications", "/Notifications/MarkAllRead", new Dictionary<string, string>());

        Assert.Contains("已将 2 条通知标为已读", await client.FollowAsync(all));
        Assert.Equal(0, await BellAsync(client));
        Assert.NotNull(await ReadAtAsync(b));
        Assert.NotNull(await ReadAtAsync(mine));
        Assert.Null(await ReadAtAsync(colleagues));
        Assert.Equal(1, await BellAsync(colleague));
        Assert.Contains("没有未读通知", WebUtility.HtmlDecode(await client.GetStringAsync("/Notifications?unread=true")));
    }

    [Fact]
    public async Task Another_organisations_notice_or_a_colleagues_own_answers_404_and_stays_unread()
    {
        var (_, first, _, _, secondId) = await OrganisationAsync();
        var other = await AssessmentArrange.NewAgencyAsync(portal);
        var theirs = await AddAsync(ToOrg(other.Id, "其他机构的通知"));
        var colleagues = await AddAsync(ToUser(secondId, "同事提醒"));
        var client = await SignInAsync(first);

        foreach (var id in new[] { theirs, colleagues, Guid.NewGuid() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync($"/Notifications/MarkRead/{id}", new Dictionary<string, string>())).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Notifications/Open/{id}")).StatusCode);
        }

        Assert.Null(await ReadAtAsync(theirs));
        Assert.Null(await ReadAtAsync(colleagues));
        var inbox = WebUtility.HtmlDecode(await client.GetStringAsync("/Notifications"));
        Assert.DoesNotContain("其他机构的通知", inbox);
        Assert.DoesNotContain("同事提醒", inbox);
    }

    [Fact]
    public async Task The_district_assigning_an_agency_puts_a_notice_in_the_agencys_inbox_that_opens_the_assessment()
    {
        var agency = await AssessmentArrange.NewAgencyAsync(portal);
        var email = await AssessmentArrange.NewUserAsync(portal, agency.Id, Roles.Agency);
        var client = await SignInAsync(email);
        Assert.Equal(0, await BellAsync(client));
        var recommendation = await AssessmentArrange.RecommendedAsync(portal);

        var assessmentId = await AssessmentArrange.AssignedAsync(portal, recommendation, agency.Id);

        Assert.Equal(1, await BellAsync(client));
        var inbox = WebUtility.HtmlDecode(await client.GetStringAsync("/Notifications"));
        var enterprise = await portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>().Where(e => e.Id == recommendation.EnterpriseId).Select(e => e.Name).FirstAsync());
        Assert.Contains($"新的评估任务：{enterprise}", inbox);
        Assert.Contains("发给本单位", inbox);
        var noticeId = await portal.WithDbAsync(db => db.Notifications.Where(n => n.RecipientOrganisationId == agency.Id && n.TargetId == assessmentId)
            .Select(n => n.Id).FirstAsync());

        var open = await client.GetAsync($"/Notifications/Open/{noticeId}");

        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/Assignments/Details/{assessmentId}", open.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(open.Headers.Location)).StatusCode);
        Assert.Equal(0, await BellAsync(client));
        // The outbox has the e-mail of the same notice for the agency's user.
        Assert.True(await portal.WithDbAsync(db => db.OutboxEmails.AnyAsync(m => m.To == email && m.Subject == $"【智评券】新的评估任务：{enterprise}")));
    }

    [Fact]
    public async Task A_notice_asking_for_a_step_is_read_once_the_step_is_taken()
    {
        var agency = await AssessmentArrange.NewAgencyAsync(portal);
        var recommendation = await AssessmentArrange.RecommendedAsync(portal);
        var id = await AssessmentArrange.AssignedAsync(portal, recommendation, agency.Id);
        Task<DateTime?> ReadAtOf(NotificationKind kind) =>
            portal.WithDbAsync(db => db.Notifications.Where(n => n.TargetId == id && n.Kind == kind).Select(n => n.ReadAtUtc).SingleAsync());
        Assert.Null(await ReadAtOf(NotificationKind.AgencyToAgree));
        Assert.Null(await ReadAtOf(NotificationKind.AssessmentTaskAssigned));

        await AssessmentArrange.ChangeAsync(portal, id, (a, _) => a.ConfirmByEnterprise("企业联系人", DateTime.UtcNow));

        Assert.NotNull(await ReadAtOf(NotificationKind.AgencyToAgree));
        Assert.Null(await ReadAtOf(NotificationKind.EnterpriseAgreed));

        await AssessmentArrange.ChangeAsync(portal, id, (a, _) =>
        {
            a.DeclareConflict(false, null, "测试机构", DateTime.UtcNow);
            a.Start("测试机构", DateTime.UtcNow);
        });

        Assert.NotNull(await ReadAtOf(NotificationKind.AssessmentTaskAssigned));
        Assert.NotNull(await ReadAtOf(NotificationKind.EnterpriseAgreed));
    }

    [Fact]
    public async Task Steps_taken_in_the_same_save_as_the_notice_settle_it_too()
    {
        var agency = await AssessmentArrange.NewAgencyAsync(portal);
        var recommendation = await AssessmentArrange.RecommendedAsync(portal);

        var id = await portal.WithDbAsync(async db =>
        {
            var a = new ZhiPingQuan.Domain.Assessments.Assessment(await db.Recommendations.FirstAsync(r => r.Id == recommendation.Id),
                await db.ServiceAgencies.FirstAsync(x => x.Id == agency.Id), "测试", DateTime.UtcNow);
            a.ConfirmByEnterprise("企业联系人", DateTime.UtcNow);
            db.Assessments.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });

        var notices = await portal.WithDbAsync(db => db.Notifications.Where(n => n.TargetId == id).Select(n => new { n.Kind, n.ReadAtUtc }).ToListAsync());
        Assert.NotNull(notices.Single(n => n.Kind == NotificationKind.AgencyToAgree).ReadAtUtc);
        Assert.Null(notices.Single(n => n.Kind == NotificationKind.EnterpriseAgreed).ReadAtUtc);
    }

    [Theory]
    [InlineData("admin@zpq.local")]
    [InlineData("commission@zpq.local")]
    [InlineData("district.pudong@zpq.local")]
    [InlineData("thirdparty@zpq.local")]
    [InlineData("agency.a@zpq.local")]
    [InlineData("enterprise.a@zpq.local")]
    public async Task Every_role_has_the_bell_and_the_inbox(string email)
    {
        var client = await portal.SignedInAsync(email);

        var count = await BellAsync(client);
        var inbox = WebUtility.HtmlDecode(await client.GetStringAsync("/Notifications"));

        Assert.Contains($"未读 {count} 条", inbox);
    }
}

[Collection("sqlite")]
public sealed class InboxTests_Sqlite(SqlitePortal portal) : InboxTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class InboxTests_Postgres(PostgresPortal portal) : InboxTests(portal), IClassFixture<PostgresPortal>;
