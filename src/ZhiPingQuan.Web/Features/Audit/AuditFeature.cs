using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Audit;

/// <summary>The services of this feature folder.</summary>
public sealed class AuditFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditChainCheck>();
    }
}
