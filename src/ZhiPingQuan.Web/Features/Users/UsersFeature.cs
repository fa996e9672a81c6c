using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Users;

/// <summary>The services of this feature folder.</summary>
public sealed class UsersFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AccountAdminService>();
    }
}
