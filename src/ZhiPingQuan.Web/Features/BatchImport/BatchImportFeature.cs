using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>The services of this feature folder.</summary>
public sealed class BatchImportFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new BatchListReader(BatchListLimits.Default));
        services.AddSingleton<BatchImportStore>();
        services.AddScoped<BatchImportService>();
    }
}
