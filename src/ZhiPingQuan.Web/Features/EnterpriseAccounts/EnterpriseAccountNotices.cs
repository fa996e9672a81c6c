using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure.Accounts;

namespace ZhiPingQuan.Web.Features.EnterpriseAccounts;

/// <summary>
/// The person whose account request a district rejected is told why (docs/domain.md §5 Accounts). They have no account,
/// so no in-app notice can reach them: an e-mail goes to the address they gave, in the same save as the rejection — where a
/// mail server is configured; without one nothing would ever send it, and the district tells them itself.
/// </summary>
public sealed class EnterpriseAccountNotices(AppDbContext db, AccountLinks links, IClock clock, ProgrammeChoices choices) :
    IDomainEventHandler<EnterpriseAccountRequestRejected>
{
    public async Task HandleAsync(EnterpriseAccountRequestRejected e, CancellationToken ct)
    {
        if (!links.MailConfigured)
        {
            return;
        }
        var request = db.EnterpriseAccountRequests.Local.FirstOrDefault(r => r.Id == e.RequestId)
            ?? await db.EnterpriseAccountRequests.AsNoTracking().FirstAsync(r => r.Id == e.RequestId, ct);
        var unitId = await db.Enterprises.AsNoTracking().Where(x => x.Id == e.EnterpriseId).Select(x => x.RecommendingUnitId).FirstAsync(ct);
        var district = await choices.UnitNameAsync(unitId, ct) ?? "推荐单位";
        db.OutboxEmails.Add(new OutboxEmail(e.Email, "【智评券】企业账户申请未获批准",
            $"{request.ContactName}，您好：\n\n您为“{request.EnterpriseName}”（统一社会信用代码 {request.CreditCode}）提交的平台账户申请未获{district}批准，原因：\n\n"
            + $"{e.Reason}\n\n如有疑问请联系{district}。本邮件由系统自动发送，请勿回复。", clock.UtcNow));
    }
}
