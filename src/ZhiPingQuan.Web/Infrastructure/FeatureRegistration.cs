namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>Services of the feature folders, registered in one place.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<Features.Home.HomeDashboardService>();
        services.AddScoped<Features.Users.AccountAdminService>();
        services.AddSingleton(_ => new Features.BatchImport.BatchListReader(Features.BatchImport.BatchListLimits.Default));
        services.AddSingleton<Features.BatchImport.BatchImportStore>();
        services.AddScoped<Features.BatchImport.BatchImportService>();
        services.AddScoped<Features.Enterprises.EnterpriseRegistry>();
        services.AddScoped<Features.Recommendations.RecommendationService>();
        services.AddScoped<Features.RecommendationOverview.RecommendationOverviewService>();
        services.AddSingleton<Files.IFileStore, Files.DiskFileStore>();
        services.AddScoped<Features.Assessments.AssessmentService>();
        services.AddScoped<Features.Agencies.AgencyRegistry>();
        services.AddScoped<Features.Assignments.AssignmentService>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Authorization.EnterpriseAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Authorization.AssessmentAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Features.Recommendations.RecommendationAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Features.Agencies.AgencyAuthorizationHandler>();
        return services;
    }
}
