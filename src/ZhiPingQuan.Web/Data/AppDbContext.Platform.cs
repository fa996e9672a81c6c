using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Data;

public abstract partial class AppDbContext : IDataProtectionKeyContext
{
    /// <summary>Keys that protect sign-in cookies and antiforgery tokens, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Signed-in sessions, checked on every request (docs/decisions/0013-sessions-and-separation-of-duties.md).</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>One-time activation and password-reset links (only their tokens' hashes).</summary>
    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();
}
