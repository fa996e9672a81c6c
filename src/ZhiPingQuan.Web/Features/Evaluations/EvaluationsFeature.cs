using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Evaluations;

/// <summary>The services of the district evaluation (docs/domain.md §4.7).</summary>
public sealed class EvaluationsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<EvaluationFigures>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<EvaluationExports>();
    }
}
