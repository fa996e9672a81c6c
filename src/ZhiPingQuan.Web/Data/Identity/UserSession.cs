namespace ZhiPingQuan.Web.Data.Identity;

/// <summary>
/// One signed-in session, kept on the server (docs/decisions/0013-sessions-and-separation-of-duties.md): the sign-in cookie
/// carries only its id, and every request checks it here — so signing out (which revokes it), the 12-hour absolute
/// lifetime, the 30-minute idle limit, a locked account and a deactivated organisation end a session even for a
/// copy of the cookie.
/// </summary>
public sealed class UserSession
{
    /// <summary>Sessions end 12 hours after sign-in, however active.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>… and after 30 minutes without a request (docs/domain.md §5).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>How stale <see cref="LastSeenAtUtc"/> may get before a request writes it again (one write a minute, not one per request).</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private UserSession() { }

    public UserSession(Guid userId, DateTime utcNow, string? remoteAddress, bool twoFactor)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        CreatedAtUtc = utcNow;
        LastSeenAtUtc = utcNow;
        ExpiresAtUtc = utcNow + AbsoluteLifetime;
        RemoteAddress = remoteAddress is { Length: > 64 } ? remoteAddress[..64] : remoteAddress;
        TwoFactor = twoFactor;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime LastSeenAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    /// <summary>Why it ended early (signed out, password changed, …), for the account's administrators.</summary>
    public string? RevokedReason { get; private set; }
    public string? RemoteAddress { get; private set; }

    /// <summary>Signed in with a second factor.</summary>
    public bool TwoFactor { get; private set; }

    public void Revoke(DateTime utcNow, string reason)
    {
        if (RevokedAtUtc is null)
        {
            RevokedAtUtc = utcNow;
            RevokedReason = reason;
        }
    }
}
