namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>Services of the feature folders, registered in one place.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<Features.Home.HomeDashboardService>();
        services.AddScoped<Features.Users.AccountAdminService>();
        services.AddScoped<Features.RecommendationOverview.RecommendationOverviewService>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Authorization.EnterpriseAuthorizationHandler>();
        return services;
    }
}
