using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.SummaryTables;

/// <summary>Where printed verification links point: <c>Portal:PublicBaseUrl</c>, else the address the request came to.</summary>
public sealed class PortalLinkOptions
{
    public const string Key = "Portal:PublicBaseUrl";

    public string? PublicBaseUrl { get; init; }
}

/// <summary>The services of this feature folder.</summary>
public sealed class SummaryTablesFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SummaryTableService>();
        services.AddScoped<SummaryTableExports>();
        services.AddSingleton(new PortalLinkOptions { PublicBaseUrl = configuration[PortalLinkOptions.Key] });
    }
}
