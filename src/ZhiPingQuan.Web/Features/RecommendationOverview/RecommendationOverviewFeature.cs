using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.RecommendationOverview;

/// <summary>The services of this feature folder.</summary>
public sealed class RecommendationOverviewFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<RecommendationOverviewService>();
        services.AddScoped<OverviewExport>();
    }
}
