using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Programmes;

/// <summary>The services of this feature folder.</summary>
public sealed class ProgrammesFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ProgrammeService>();
    }
}
