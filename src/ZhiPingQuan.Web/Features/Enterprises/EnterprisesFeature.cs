using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Enterprises;

/// <summary>The services of this feature folder.</summary>
public sealed class EnterprisesFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<EnterpriseRegistry>();
    }
}
