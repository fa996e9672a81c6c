using ZhiPingQuan.Web.Infrastructure;

// The namespace differs from the folder so it does not hide the domain's CreditCodeExceptions class.
namespace ZhiPingQuan.Web.Features.CreditCodeExceptionRegistry;

/// <summary>The services of this feature folder.</summary>
public sealed class CreditCodeExceptionsFeature : IFeatureRegistration
{
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CreditCodeExceptionRegistry>();
    }
}
