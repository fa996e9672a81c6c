using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.UnitSettings;

/// <summary>The services of this feature folder.</summary>
public sealed class UnitSettingsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<UnitSettingsService>();
    }
}
