using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Assignments;

/// <summary>The services of this feature folder.</summary>
public sealed class AssignmentsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AssignmentService>();
    }
}
