using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// Signing in and out with a server-side session (docs/decisions/0013-sessions-and-separation-of-duties.md): the cookie carries the
/// id of a <see cref="UserSession"/> row, which <see cref="SessionCookieEvents"/> checks on every request. Signing out
/// revokes the row, so a copy of the cookie stops working at once. Session times follow the host's
/// <see cref="TimeProvider"/> (as the cookie's own expiry does), not the programme's business clock.
/// </summary>
public sealed class PortalSessions(SignInManager<AppUser> signIn, AppDbContext db, TimeProvider time)
{
    /// <summary>Opens a session for <paramref name="user"/> (password and, when enrolled, second factor checked) and sets the cookie.</summary>
    public async Task SignInAsync(AppUser user, bool twoFactor, CancellationToken ct)
    {
        var session = new UserSession(user.Id, time.GetUtcNow().UtcDateTime, signIn.Context.Connection.RemoteIpAddress?.ToString(), twoFactor);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false }, SessionClaims(session.Id, twoFactor));
    }

    /// <summary>
    /// Writes the cookie again with the account's current claims (a duty done: password changed, second factor
    /// enrolled), in the same session.
    /// </summary>
    public async Task RefreshAsync(AppUser user, ClaimsPrincipal current)
    {
        var sessionId = current.GetSessionId() ?? throw new InvalidOperationException("登录会话缺少会话标识。");
        var twoFactor = current.HasClaim("amr", "mfa");
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false }, SessionClaims(sessionId, twoFactor));
    }

    /// <summary>Ends the current session on the server and removes the cookie.</summary>
    public async Task SignOutAsync(ClaimsPrincipal current, CancellationToken ct)
    {
        if (current.GetSessionId() is { } sessionId)
        {
            await RevokeAsync(db.UserSessions.Where(s => s.Id == sessionId), "退出登录", ct);
        }
        await signIn.SignOutAsync();
    }

    /// <summary>Ends every session of the account (but <paramref name="except"/>): password changed or reset, account locked.</summary>
    public Task<int> RevokeAllAsync(Guid userId, string reason, Guid? except, CancellationToken ct) =>
        RevokeAsync(db.UserSessions.Where(s => s.UserId == userId && s.Id != except), reason, ct);

    /// <summary>Why the sessions of a deactivated organisation's people ended.</summary>
    public const string OrganisationDeactivated = "单位已停用";

    /// <summary>Ends every session of the organisation's people (the organisation deactivated).</summary>
    public Task<int> RevokeOrganisationAsync(Guid organisationId, string reason, CancellationToken ct) =>
        RevokeAsync(db.UserSessions.Where(s => db.Users.Any(u => u.Id == s.UserId && u.OrganisationId == organisationId)), reason, ct);

    private Task<int> RevokeAsync(IQueryable<UserSession> sessions, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return sessions.Where(s => s.RevokedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtUtc, now).SetProperty(s => s.RevokedReason, reason), ct);
    }

    private static Claim[] SessionClaims(Guid sessionId, bool twoFactor) =>
        twoFactor
            ? [new Claim(PortalClaims.SessionId, sessionId.ToString()), new Claim("amr", "mfa")]
            : [new Claim(PortalClaims.SessionId, sessionId.ToString())];

    /// <summary>The claims a refreshed principal keeps from the cookie (Identity rebuilds the rest from the account).</summary>
    public static void KeepSessionClaims(SecurityStampRefreshingPrincipalContext context)
    {
        var kept = context.CurrentPrincipal?.Claims.Where(c => c.Type is PortalClaims.SessionId or "amr").ToList() ?? [];
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            foreach (var claim in kept.Where(c => !identity.HasClaim(c.Type, c.Value)))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }
    }
}

/// <summary>
/// The check of every signed-in request: the cookie's session exists, is not revoked, and is within its 12-hour
/// lifetime and its 30-minute idle limit: one query of the session row by primary key; the last-seen time is written
/// at most once a minute. Locking an account and deactivating an organisation revoke their sessions when they happen,
/// and Identity's security-stamp check (every minute) refuses a locked account or one of a deactivated organisation
/// besides.
/// </summary>
public sealed class SessionCookieEvents(AppDbContext db, TimeProvider time) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var refusal = await RefusalAsync(context.Principal, context.HttpContext.RequestAborted);
        if (refusal is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Why the session may not go on (and the session revoked with that reason), or null.</summary>
    private async Task<string?> RefusalAsync(ClaimsPrincipal? principal, CancellationToken ct)
    {
        if (principal?.GetSessionId() is not { } sessionId || principal.GetUserId() is not { } userId)
        {
            return "无会话";
        }
        var now = time.GetUtcNow().UtcDateTime;
        var session = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.RevokedAtUtc, s.ExpiresAtUtc, s.LastSeenAtUtc }).FirstOrDefaultAsync(ct);
        if (session is null || session.UserId != userId)
        {
            return "无会话";
        }
        if (session.RevokedAtUtc is not null)
        {
            return "已结束";
        }
        var reason =
            now >= session.ExpiresAtUtc ? "超过12小时"
            : now - session.LastSeenAtUtc >= UserSession.IdleTimeout ? "空闲超过30分钟"
            : null;
        if (reason is not null)
        {
            await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtUtc, now).SetProperty(s => s.RevokedReason, reason), ct);
            return reason;
        }
        if (now - session.LastSeenAtUtc >= UserSession.LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, now), ct);
        }
        return null;
    }
}

/// <summary>
/// Identity's periodic security-stamp check (every minute), which also refuses a locked account and an account of a
/// deactivated organisation — so neither keeps working while its cookie slides, even where the session check is bypassed.
/// </summary>
public sealed class PortalSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<AppUser> signInManager,
    ILoggerFactory logger,
    AppDbContext db) : SecurityStampValidator<AppUser>(options, signInManager, logger)
{
    protected override async Task<AppUser?> VerifySecurityStamp(ClaimsPrincipal? principal)
    {
        var user = await base.VerifySecurityStamp(principal);
        if (user is null || await SignInManager.UserManager.IsLockedOutAsync(user))
        {
            return null;
        }
        var active = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.IsActive).FirstOrDefaultAsync();
        return active ? user : null;
    }
}
