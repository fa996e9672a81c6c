using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Applications;

/// <summary>The services of this feature folder: the enterprise's applications and the third party's review.</summary>
public sealed class ApplicationsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ApplicationService>();
        services.AddScoped<ApplicationChecks>();
        services.AddScoped<ReviewService>();
    }
}
