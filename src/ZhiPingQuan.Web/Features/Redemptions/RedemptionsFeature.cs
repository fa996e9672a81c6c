using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Redemptions;

/// <summary>The services of the redemption step (docs/domain.md §4.6).</summary>
public sealed class RedemptionsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<RedemptionService>();
        services.AddScoped<RedemptionExports>();
        services.AddScoped<PaymentListImport>();
    }
}
