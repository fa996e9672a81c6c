using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Agencies;

/// <summary>The services of this feature folder.</summary>
public sealed class AgenciesFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AgencyRegistry>();
    }
}
