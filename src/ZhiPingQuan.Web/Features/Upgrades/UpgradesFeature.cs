using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Upgrades;

/// <summary>The services of upgrade tracking (docs/domain.md §4.7).</summary>
public sealed class UpgradesFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<UpgradeService>();
    }
}
