using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Infrastructure.Accounts;

/// <summary>A link just issued: its address, and whether it went out by e-mail (else it is shown once to whoever issued it).</summary>
public sealed record IssuedLink(string Url, string Email, bool Mailed, DateTime ExpiresAtUtc);

/// <summary>
/// One-time links with which users set their own passwords (docs/decisions/0013-sessions-and-separation-of-duties.md): an
/// activation link for a new account (7 days), a reset link (1 hour). With a mail server (<c>Mail:Host</c>) the link
/// goes out through the outbox, in the same save as the change that issued it; without one, it is handed back to be
/// shown once to the administrator or district who issued it — never both. The caller saves.
/// </summary>
public sealed class AccountLinks(AppDbContext db, IClock clock, IConfiguration configuration, IHttpContextAccessor http)
{
    public const string MailHostKey = "Mail:Host";
    public const string PublicBaseUrlKey = "Portal:PublicBaseUrl";
    public const string Unusable = "该链接无效、已使用或已过期。请向发出链接的单位（或安全管理员）重新申请。";

    /// <summary>Links are e-mailed (a mail server is configured) rather than shown.</summary>
    public bool MailConfigured => !string.IsNullOrWhiteSpace(configuration[MailHostKey]);

    /// <summary>A new link for the account, its earlier unused links of the same purpose revoked.</summary>
    public async Task<IssuedLink> IssueAsync(AppUser user, AccountLinkPurpose purpose, bool mail, CancellationToken ct)
    {
        var now = clock.UtcNow;
        foreach (var earlier in await db.AccountLinks
                     .Where(l => l.UserId == user.Id && l.Purpose == purpose && l.UsedAtUtc == null && l.RevokedAtUtc == null)
                     .ToListAsync(ct))
        {
            earlier.Revoke(now);
        }
        var (link, token) = AccountLink.Issue(user.Id, purpose, now);
        db.AccountLinks.Add(link);
        var url = $"{BaseUrl()}/Account/{(purpose == AccountLinkPurpose.Activation ? "Activate" : "ResetPassword")}?token={token}";
        var email = user.Email ?? throw new DomainException("该账户没有邮箱，无法发送链接。");
        if (mail)
        {
            db.OutboxEmails.Add(purpose == AccountLinkPurpose.Activation
                ? new OutboxEmail(email, "【智评券】请激活您的账户",
                    $"{user.DisplayName}，您好：\n\n智评券服务平台已为您开通账户（登录名 {email}）。请在7天内打开以下链接，设置您自己的密码：\n\n{url}\n\n"
                    + "链接只能使用一次。如非本人申请，请忽略本邮件。本邮件由系统自动发送，请勿回复。", now)
                : new OutboxEmail(email, "【智评券】重置密码",
                    $"{user.DisplayName}，您好：\n\n请在1小时内打开以下链接，为账户 {email} 设置新密码：\n\n{url}\n\n"
                    + "链接只能使用一次。如非本人操作，请忽略本邮件，您的密码不会改变。本邮件由系统自动发送，请勿回复。", now));
        }
        return new IssuedLink(url, email, mail, link.ExpiresAtUtc);
    }

    /// <summary>The usable link of this purpose with this token, and its account; null when unknown, used, revoked or expired.</summary>
    public async Task<(AccountLink Link, AppUser User)?> FindAsync(string? token, AccountLinkPurpose purpose, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = AccountLink.Hash(token);
        var found = await (from l in db.AccountLinks.AsNoTracking()
                           join u in db.Users on l.UserId equals u.Id
                           where l.TokenHash == hash && l.Purpose == purpose
                           select new { l, u }).FirstOrDefaultAsync(ct);
        return found is not null && found.l.IsUsable(clock.UtcNow) ? (found.l, found.u) : null;
    }

    /// <summary>
    /// Marks the link used — once: of two requests with the same link only one succeeds. Call inside the transaction
    /// that sets the password, so a refused password leaves the link usable.
    /// </summary>
    public async Task<bool> ConsumeAsync(Guid linkId, CancellationToken ct)
    {
        var now = clock.UtcNow;
        return await db.AccountLinks
            .Where(l => l.Id == linkId && l.UsedAtUtc == null && l.RevokedAtUtc == null && l.ExpiresAtUtc > now)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAtUtc, now), ct) == 1;
    }

    private string BaseUrl()
    {
        var configured = configuration[PublicBaseUrlKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("没有请求上下文，请配置 Portal:PublicBaseUrl。");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
