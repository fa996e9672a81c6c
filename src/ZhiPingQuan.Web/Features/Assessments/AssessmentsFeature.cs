using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Assessments;

/// <summary>The services of this feature folder.</summary>
public sealed class AssessmentsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AssessmentService>();
    }
}
