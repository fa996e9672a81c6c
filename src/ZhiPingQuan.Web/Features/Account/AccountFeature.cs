using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Account;

/// <summary>The services of this feature folder.</summary>
public sealed class AccountFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AccountService>();
    }
}
