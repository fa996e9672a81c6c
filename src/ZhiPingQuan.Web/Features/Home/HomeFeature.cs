using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Home;

/// <summary>The services of this feature folder.</summary>
public sealed class HomeFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<HomeDashboardService>();
        services.AddScoped<DashboardFigures>();
        // The charts' figures per year and unit (DashboardFigures): a few dozen small entries at most.
        services.AddMemoryCache();
    }
}
