using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ZhiPingQuan.Web.Data;

public abstract partial class AppDbContext : IDataProtectionKeyContext
{
    /// <summary>Keys that protect sign-in cookies and antiforgery tokens, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
