using System.Net;
using Microsoft.EntityFrameworkCore;
using Moq;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Features.Registration;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Enterprises.RegistryData;

namespace ZhiPingQuan.Web.Tests.AccountSecurity;

/// <summary>The portal with a programme clock the test moves (link expiry), starting now.</summary>
public abstract class LinkClockPortal : PortalFactory
{
    protected LinkClockPortal(DbProvider provider) : base(provider)
    {
        var clock = new Mock<IClock>();
        clock.SetupGet(c => c.UtcNow).Returns(() => Now);
        Clock = clock.Object;
    }

    public DateTime Now { get; set; } = DateTime.UtcNow;
}

public sealed class LinkClockSqlitePortal() : LinkClockPortal(DbProvider.Sqlite);

public sealed class LinkClockPostgresPortal() : LinkClockPortal(DbProvider.Postgres);

/// <summary>
/// Enterprise accounts without the platform operator (docs/domain.md §5 Accounts): the district invites, the enterprise
/// asks, the district approves; the enterprise sets its own password through a one-time link (7 days); the enterprise
/// keeps its own contact, which its district reads in the enterprise's history.
/// </summary>
public abstract class EnterpriseAccountTests(LinkClockPortal portal)
{
    private const string Password = "Enterprise#Own2024";

    private async Task<(HttpClient District, string Link)> InviteAsync(Enterprise enterprise, string email, string district = PudongDistrict)
    {
        var client = await portal.SignedInAsync(district);
        var url = $"/EnterpriseAccounts/Invite?enterpriseId={enterprise.Id}";
        var response = await client.PostFormAsync(url, url, new Dictionary<string, string> { ["ContactName"] = "邀请联系人", ["Email"] = email });
        return (client, await AccountTesting.IssuedLinkAsync(client, response));
    }

    private static string NewEmail(string tag) => $"{tag}.{Guid.NewGuid():N}@test.local";

    [Fact]
    public async Task The_district_invites_the_enterprise_which_activates_once_and_signs_in_to_its_own_account()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海邀请测试" + Tag() + "有限公司");
        var other = await EnterpriseAsync(portal, Pudong, "上海旁观测试" + Tag() + "有限公司");
        var email = NewEmail("invited");
        var district = await portal.SignedInAsync(PudongDistrict);
        var list = await district.GetStringAsync("/Enterprises?q=" + Uri.EscapeDataString(enterprise.Name));
        Assert.Contains("无账户", list);

        var (_, link) = await InviteAsync(enterprise, email);
        Assert.Contains("已邀请", await district.GetStringAsync("/Enterprises?q=" + Uri.EscapeDataString(enterprise.Name)));

        // The link sets the password of the invited account only: whatever else is posted with it names no other enterprise.
        var activated = await AccountTesting.SetPasswordByLinkAsync(portal.Browser(), link, Password,
            extra: new Dictionary<string, string> { ["OrganisationId"] = other.Id.ToString(), ["Email"] = "enterprise.b@zpq.local" });
        Assert.Equal("/Account/Login", activated.Headers.Location?.OriginalString);
        var account = await portal.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(enterprise.Id, account.OrganisationId);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.OrganisationId == other.Id)));

        var client = await portal.SignedInAsync(email, Password);
        Assert.Contains("企业工作台", await client.GetStringAsync("/"));
        Assert.Equal($"/Enterprises/Details/{enterprise.Id}", (await client.GetAsync("/Enterprises/Mine")).Headers.Location?.OriginalString);
        Assert.Contains("已开通", await district.GetStringAsync("/Enterprises?q=" + Uri.EscapeDataString(enterprise.Name)));

        var again = await AccountTesting.SetPasswordByLinkAsync(portal.Browser(), link, "Another#Own2025");
        Assert.Contains("该链接无效、已使用或已过期", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invitation_expires_after_7_days()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海过期测试" + Tag() + "有限公司");
        var email = NewEmail("expiring");
        var (_, link) = await InviteAsync(enterprise, email);
        var issuedAt = portal.Now;
        try
        {
            portal.Now = issuedAt.AddDays(7).AddMinutes(-1);
            Assert.Contains(email, await portal.Browser().GetStringAsync(link));
            portal.Now = issuedAt.AddDays(7).AddMinutes(1);
            Assert.Contains("该链接无效、已使用或已过期", await portal.Browser().GetStringAsync(link));
            var late = await AccountTesting.SetPasswordByLinkAsync(portal.Browser(), link, Password);
            Assert.Contains("该链接无效、已使用或已过期", await late.Content.ReadAsStringAsync());
            Assert.Null(await portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).FirstAsync()));
        }
        finally
        {
            portal.Now = DateTime.UtcNow;
        }
    }

    [Fact]
    public async Task A_district_cannot_invite_for_another_districts_enterprise()
    {
        var minhangs = await EnterpriseAsync(portal, Minhang, "上海闵行越权测试" + Tag() + "有限公司");
        var pudong = await portal.SignedInAsync(PudongDistrict);
        var url = $"/EnterpriseAccounts/Invite?enterpriseId={minhangs.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync(url)).StatusCode);
        var posted = await pudong.PostFormAsync("/EnterpriseAccounts/Requests", url, new Dictionary<string, string> { ["ContactName"] = "越权", ["Email"] = NewEmail("foreign") });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.OrganisationId == minhangs.Id)));
    }

    [Fact]
    public async Task Self_registration_for_a_code_in_no_registry_is_refused_in_Chinese_and_nothing_is_kept()
    {
        var before = await portal.WithDbAsync(db => db.EnterpriseAccountRequests.CountAsync());
        var response = await portal.Browser().PostFormAsync("/Registration", "/Registration", Registration(NewCode(), "上海无名录企业有限公司", NewEmail("nobody")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不在任何推荐单位", await response.Content.ReadAsStringAsync());
        var malformed = await portal.Browser().PostFormAsync("/Registration", "/Registration", Registration("91310000ABC", "上海格式错误企业", NewEmail("bad")));
        Assert.Contains("统一社会信用代码", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(before, await portal.WithDbAsync(db => db.EnterpriseAccountRequests.CountAsync()));
    }

    [Fact]
    public async Task Self_registration_waits_for_the_right_district_which_approves_it_and_another_gets_404()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海自助申请" + Tag() + "有限公司");
        var email = NewEmail("selfreg");
        var sign = await portal.Browser().GetStringAsync("/Account/Login");
        Assert.Contains("/Registration", sign);

        var submitted = await portal.Browser().PostFormAsync("/Registration", "/Registration", Registration(enterprise.CreditCode.Value, enterprise.Name, email));
        Assert.Equal("/Registration/Submitted", submitted.Headers.Location?.OriginalString);
        var request = await portal.WithDbAsync(db => db.EnterpriseAccountRequests.AsNoTracking().SingleAsync(r => r.Email == email));
        Assert.Equal(EnterpriseAccountRequestState.Pending, request.State);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        var pudong = await portal.SignedInAsync(PudongDistrict);
        var home = await pudong.GetStringAsync("/");
        Assert.Contains("待审核的企业账户申请", home);
        Assert.Contains(email, await pudong.GetStringAsync("/EnterpriseAccounts/Requests"));

        var minhang = await portal.SignedInAsync(MinhangDistrict);
        Assert.DoesNotContain(email, await minhang.GetStringAsync("/EnterpriseAccounts/Requests"));
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/EnterpriseAccounts/Details/{request.Id}")).StatusCode);
        var version = new Dictionary<string, string> { ["version"] = request.Version.ToString() };
        var foreignApproval = await minhang.PostFormAsync("/EnterpriseAccounts/Requests", $"/EnterpriseAccounts/Approve/{request.Id}", version);
        Assert.Equal(HttpStatusCode.NotFound, foreignApproval.StatusCode);
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        // A form without the request's version, or with an earlier one (another officer decided meanwhile), is refused: nothing changes.
        foreach (var stale in new[] { new Dictionary<string, string>(), new Dictionary<string, string> { ["version"] = Guid.NewGuid().ToString() } })
        {
            var refused = await pudong.PostFormAsync($"/EnterpriseAccounts/Details/{request.Id}", $"/EnterpriseAccounts/Approve/{request.Id}", stale);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("该记录已被他人修改", await refused.Content.ReadAsStringAsync());
            Assert.Equal(EnterpriseAccountRequestState.Pending, await portal.WithDbAsync(db => db.EnterpriseAccountRequests.Where(r => r.Id == request.Id).Select(r => r.State).FirstAsync()));
            Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        }
        var approved = await pudong.PostFormAsync($"/EnterpriseAccounts/Details/{request.Id}", $"/EnterpriseAccounts/Approve/{request.Id}", version);
        var link = await AccountTesting.IssuedLinkAsync(pudong, approved);
        Assert.Equal(EnterpriseAccountRequestState.Approved, await portal.WithDbAsync(db => db.EnterpriseAccountRequests.Where(r => r.Id == request.Id).Select(r => r.State).FirstAsync()));
        await AccountTesting.SetPasswordByLinkAsync(portal.Browser(), link, Password);
        var client = await portal.SignedInAsync(email, Password);
        Assert.Equal($"/Enterprises/Details/{enterprise.Id}", (await client.GetAsync("/Enterprises/Mine")).Headers.Location?.OriginalString);
        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.RecordId == request.Id && a.Action != AuditAction.RecordOutOfScope).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditAction.EnterpriseAccountRequested, AuditAction.EnterpriseAccountRequestApproved], actions.Order().ToList());
    }

    [Fact]
    public async Task A_second_account_for_an_enterprise_also_waits_and_a_rejection_needs_a_reason()
    {
        var enterpriseA = await portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>().AsNoTracking().FirstAsync(e => e.Name == ZhiPingQuan.Web.Seeding.DemoDataSeeder.EnterpriseAName));
        var email = NewEmail("second");
        await portal.Browser().PostFormAsync("/Registration", "/Registration", Registration(enterpriseA.CreditCode.Value, enterpriseA.Name, email));
        var request = await portal.WithDbAsync(db => db.EnterpriseAccountRequests.AsNoTracking().SingleAsync(r => r.Email == email));
        Assert.Equal(EnterpriseAccountRequestState.Pending, request.State);

        var pudong = await portal.SignedInAsync(PudongDistrict);
        Assert.Contains("这是该企业的又一个账户", await pudong.GetStringAsync($"/EnterpriseAccounts/Details/{request.Id}"));
        var noReason = await pudong.PostFormAsync($"/EnterpriseAccounts/Details/{request.Id}", $"/EnterpriseAccounts/Reject/{request.Id}",
            new Dictionary<string, string> { ["reason"] = " ", ["version"] = request.Version.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("请填写驳回原因", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(EnterpriseAccountRequestState.Pending, await portal.WithDbAsync(db => db.EnterpriseAccountRequests.Where(r => r.Id == request.Id).Select(r => r.State).FirstAsync()));

        var stale = await pudong.PostFormAsync($"/EnterpriseAccounts/Details/{request.Id}", $"/EnterpriseAccounts/Reject/{request.Id}",
            new Dictionary<string, string> { ["reason"] = "申请人不是本企业员工", ["version"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(EnterpriseAccountRequestState.Pending, await portal.WithDbAsync(db => db.EnterpriseAccountRequests.Where(r => r.Id == request.Id).Select(r => r.State).FirstAsync()));

        var rejected = await pudong.PostFormAsync($"/EnterpriseAccounts/Details/{request.Id}", $"/EnterpriseAccounts/Reject/{request.Id}",
            new Dictionary<string, string> { ["reason"] = "申请人不是本企业员工", ["version"] = request.Version.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var after = await portal.WithDbAsync(db => db.EnterpriseAccountRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        Assert.Equal((EnterpriseAccountRequestState.Rejected, "申请人不是本企业员工"), (after.State, after.RejectionReason));
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        // No mail server here: no e-mail is queued that nothing would ever send (the district tells the requester itself).
        Assert.False(await portal.WithDbAsync(db => db.OutboxEmails.AnyAsync(m => m.To == email)));
    }

    [Fact]
    public async Task The_enterprise_changes_its_own_contact_audited_and_its_district_sees_it_in_the_history()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海联系人测试" + Tag() + "有限公司");
        var user = await AccountTesting.CreateUserAsync(portal, enterprise.Id, ZhiPingQuan.Web.Authorization.Roles.Enterprise, "contact", Password);
        var client = await portal.SignedInAsync(user.Email!, Password);
        var version = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Id == enterprise.Id).Select(o => o.Version).FirstAsync());

        var bad = await client.PostFormAsync("/EnterpriseAccounts/Contact", "/EnterpriseAccounts/Contact", new Dictionary<string, string>
        {
            ["ContactName"] = "新联系人", ["ContactPhone"] = "电话号码", ["ContactEmail"] = "new@test.local", ["Version"] = version.ToString(),
        });
        Assert.Contains("联系电话只能包含数字", await bad.Content.ReadAsStringAsync());
        Assert.Null((await FindEnterpriseAsync(portal, enterprise.Id))!.ContactName);

        var saved = await client.PostFormAsync("/EnterpriseAccounts/Contact", "/EnterpriseAccounts/Contact", new Dictionary<string, string>
        {
            ["ContactName"] = "新联系人", ["ContactPhone"] = "021-1234 5678", ["ContactEmail"] = "new.contact@test.local", ["Version"] = version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = (await FindEnterpriseAsync(portal, enterprise.Id))!;
        Assert.Equal(("新联系人", "021-1234 5678", "new.contact@test.local"), (stored.ContactName, stored.ContactPhone, stored.ContactEmail));
        var line = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.RecordId == enterprise.Id && a.Action == AuditAction.EnterpriseContactChangedByEnterprise));
        Assert.Equal(("—｜—｜—", "新联系人｜021-1234 5678｜new.contact@test.local"), (line.Before, line.After));

        var pudong = await portal.SignedInAsync(PudongDistrict);
        var details = await pudong.GetStringAsync($"/Enterprises/Details/{enterprise.Id}");
        Assert.Contains("企业修改本企业联系人", details);
        Assert.Contains("新联系人｜021-1234 5678｜new.contact@test.local", details);
        var minhang = await portal.SignedInAsync(MinhangDistrict);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Enterprises/Details/{enterprise.Id}")).StatusCode);

        // A stale form changes nothing.
        var stale = await client.PostFormAsync("/EnterpriseAccounts/Contact", "/EnterpriseAccounts/Contact", new Dictionary<string, string>
        {
            ["ContactName"] = "过期表单", ["ContactPhone"] = "", ["ContactEmail"] = "", ["Version"] = version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("新联系人", (await FindEnterpriseAsync(portal, enterprise.Id))!.ContactName);
    }

    [Fact]
    public async Task Assigning_an_agency_to_an_enterprise_without_an_account_warns_and_offers_the_invitation()
    {
        var recommendation = await ZhiPingQuan.Web.Tests.Assignments.AssessmentArrange.RecommendedAsync(portal);
        var pudong = await portal.SignedInAsync(PudongDistrict);
        var page = await pudong.GetStringAsync($"/Assignments/Assign?recommendationId={recommendation.Id}");
        Assert.Contains("data-testid=\"no-account-warning\"", page);
        Assert.Contains($"/EnterpriseAccounts/Invite?enterpriseId={recommendation.EnterpriseId}", page);

        await AccountTesting.CreateUserAsync(portal, recommendation.EnterpriseId, ZhiPingQuan.Web.Authorization.Roles.Enterprise, "hasaccount", Password);
        Assert.DoesNotContain("data-testid=\"no-account-warning\"", await pudong.GetStringAsync($"/Assignments/Assign?recommendationId={recommendation.Id}"));
    }

    private static Dictionary<string, string> Registration(string code, string name, string email) => new()
    {
        ["CreditCode"] = code, ["EnterpriseName"] = name, ["ContactName"] = "申请人", ["ContactPhone"] = "021-5555 0000", ["Email"] = email,
    };
}

[Collection("sqlite")]
public sealed class EnterpriseAccountTests_Sqlite(LinkClockSqlitePortal portal) : EnterpriseAccountTests(portal), IClassFixture<LinkClockSqlitePortal>;

[Collection("postgres")]
public sealed class EnterpriseAccountTests_Postgres(LinkClockPostgresPortal portal) : EnterpriseAccountTests(portal), IClassFixture<LinkClockPostgresPortal>;
