using System.Security.Cryptography;
using System.Text;

namespace ZhiPingQuan.Web.Data.Identity;

public enum AccountLinkPurpose
{
    /// <summary>A new account's user sets the first password (7 days).</summary>
    Activation,

    /// <summary>A user who forgot the password, or whose password the security administrator reset, sets a new one (1 hour).</summary>
    PasswordReset,
}

/// <summary>
/// A one-time link that lets a user set their own password (docs/decisions/0013-sessions-and-separation-of-duties.md): only the
/// SHA-256 of its random token is stored, it expires, and it works once. Issuing a new link of the same purpose
/// revokes the account's earlier ones.
/// </summary>
public sealed class AccountLink
{
    public static readonly TimeSpan ActivationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);

    private AccountLink() { }

    private AccountLink(Guid userId, AccountLinkPurpose purpose, string tokenHash, DateTime utcNow)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        Purpose = purpose;
        TokenHash = tokenHash;
        CreatedAtUtc = utcNow;
        ExpiresAtUtc = utcNow + (purpose == AccountLinkPurpose.Activation ? ActivationLifetime : PasswordResetLifetime);
    }

    /// <summary>A new link and its token (the token is given out once and never stored).</summary>
    public static (AccountLink Link, string Token) Issue(Guid userId, AccountLinkPurpose purpose, DateTime utcNow)
    {
        var token = Base64UrlToken(RandomNumberGenerator.GetBytes(32));
        return (new AccountLink(userId, purpose, Hash(token), utcNow), token);
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public AccountLinkPurpose Purpose { get; private set; }
    public string TokenHash { get; private set; } = string.Empty;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? UsedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsUsable(DateTime utcNow) => UsedAtUtc is null && RevokedAtUtc is null && utcNow < ExpiresAtUtc;

    public void Revoke(DateTime utcNow) => RevokedAtUtc ??= utcNow;

    public static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    private static string Base64UrlToken(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
