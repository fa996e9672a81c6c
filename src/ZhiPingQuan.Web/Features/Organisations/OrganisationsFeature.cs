using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Organisations;

/// <summary>The services of this feature folder.</summary>
public sealed class OrganisationsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<OrganisationRegister>();
    }
}
