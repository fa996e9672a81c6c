using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Data;

public abstract partial class AppDbContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<EnterpriseAccountRequest> EnterpriseAccountRequests => Set<EnterpriseAccountRequest>();
}
