using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>The services of this feature folder.</summary>
public sealed class BatchImportFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new Infrastructure.Excel.BatchListReader(Infrastructure.Excel.BatchListLimits.Default));
        services.AddSingleton<BatchImportStore>();
        services.AddScoped<BatchImportService>();
    }
}
