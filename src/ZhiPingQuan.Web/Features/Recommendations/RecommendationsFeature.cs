using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Recommendations;

/// <summary>The services of this feature folder.</summary>
public sealed class RecommendationsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<RecommendationService>();
    }
}
