using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Enterprises.RegistryData;

namespace ZhiPingQuan.Web.Tests.AccountSecurity;

/// <summary>The portal with a mail server configured (nothing reads the host in tests: the outbox is only written).</summary>
public abstract class MailPortal(DbProvider provider) : PortalFactory(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:Host", "mail.test.invalid");
    }
}

public sealed class MailSqlitePortal() : MailPortal(DbProvider.Sqlite);

public sealed class MailPostgresPortal() : MailPortal(DbProvider.Postgres);

/// <summary>
/// A rejected account request is e-mailed to the person who asked, with the district's reason (they have no account, so no
/// in-app notice reaches them) — written by the rejection's event handler in the same save.
/// </summary>
public abstract class EnterpriseAccountMailTests(MailPortal portal)
{
    [Fact]
    public async Task The_requester_of_a_rejected_request_gets_the_reason_by_e_mail_and_a_refused_rejection_sends_nothing()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海驳回邮件" + Tag() + "有限公司");
        var email = $"rejected.{Guid.NewGuid():N}@test.local";
        await portal.Browser().PostFormAsync("/Registration", "/Registration", new Dictionary<string, string>
        {
            ["CreditCode"] = enterprise.CreditCode.Value, ["EnterpriseName"] = enterprise.Name, ["ContactName"] = "申请人",
            ["ContactPhone"] = "021-5555 0000", ["Email"] = email,
        });
        var request = await portal.WithDbAsync(db => db.EnterpriseAccountRequests.AsNoTracking().SingleAsync(r => r.Email == email));
        var pudong = await portal.SignedInAsync(PudongDistrict);
        var page = $"/EnterpriseAccounts/Details/{request.Id}";
        Task<List<Domain.Notifications.OutboxEmail>> MailsAsync() => portal.WithDbAsync(db => db.OutboxEmails.AsNoTracking().Where(m => m.To == email).ToListAsync());

        // Without a reason the rejection is refused, and no mail is written.
        await pudong.PostFormAsync(page, $"/EnterpriseAccounts/Reject/{request.Id}",
            new Dictionary<string, string> { ["reason"] = " ", ["version"] = request.Version.ToString() });
        Assert.Empty(await MailsAsync());

        await pudong.PostFormAsync(page, $"/EnterpriseAccounts/Reject/{request.Id}",
            new Dictionary<string, string> { ["reason"] = "申请人不是本企业员工", ["version"] = request.Version.ToString() });

        Assert.Equal(EnterpriseAccountRequestState.Rejected,
            await portal.WithDbAsync(db => db.EnterpriseAccountRequests.Where(r => r.Id == request.Id).Select(r => r.State).SingleAsync()));
        var mail = Assert.Single(await MailsAsync());
        Assert.Equal("【智评券】企业账户申请未获批准", mail.Subject);
        Assert.Contains($"您为“{enterprise.Name}”（统一社会信用代码 {enterprise.CreditCode.Value}）提交的平台账户申请未获浦东新区批准", mail.Body);
        Assert.Contains("申请人不是本企业员工", mail.Body);
    }
}

[Collection("sqlite")]
public sealed class EnterpriseAccountMailTests_Sqlite(MailSqlitePortal portal) : EnterpriseAccountMailTests(portal), IClassFixture<MailSqlitePortal>;

[Collection("postgres")]
public sealed class EnterpriseAccountMailTests_Postgres(MailPostgresPortal portal) : EnterpriseAccountMailTests(portal), IClassFixture<MailPostgresPortal>;
