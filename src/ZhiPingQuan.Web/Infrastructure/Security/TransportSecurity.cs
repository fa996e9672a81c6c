using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ZhiPingQuan.Web.Infrastructure.Security;

/// <summary>
/// Transport and response headers. In Production the portal sits behind a TLS-terminating proxy (README, production
/// operations): every cookie is Secure, plain HTTP is redirected and HSTS pins HTTPS for a year. The Demo, Development
/// and test environments keep SameAsRequest cookies so that http://localhost works.
/// </summary>
public static class TransportSecurity
{
    /// <summary>One year, the HSTS max-age browsers' preload lists expect.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static bool RequiresTls(IHostEnvironment environment) => environment.IsProduction();

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IHostEnvironment environment)
    {
        var secure = RequiresTls(environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        // PostConfigureAll: after Identity's own cookie setup (application, external, two-factor cookies).
        services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = secure);
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = secure);
        services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = secure);
        // Any other cookie (a session cookie, say) goes through the cookie policy.
        services.Configure<CookiePolicyOptions>(o => o.Secure = secure);
        services.AddHsts(o => o.MaxAge = HstsMaxAge);
        return services;
    }

    /// <summary>First in the pipeline, so that error pages, static files and /healthz carry the headers too.</summary>
    public static IApplicationBuilder UseTransportSecurity(this IApplicationBuilder app, IHostEnvironment environment)
    {
        app.UseSecurityHeaders(new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicySameOrigin()
            .AddFrameOptionsDeny()
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            // No 'unsafe-inline': behaviour is wired by data- attributes in wwwroot/js/site.js and sizes are classes in
            // wwwroot/css/site.css. img-src data: is for the SVG icons Bootstrap's CSS draws as data URLs (select arrows, validation marks).
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddFrameAncestors().None();
                csp.AddFormAction().Self();
                csp.AddBaseUri().Self();
                csp.AddObjectSrc().None();
            }));
        if (RequiresTls(environment))
        {
            // UseHsts answers only HTTPS requests (the proxy's X-Forwarded-Proto, applied by UseForwardedHeaders).
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseCookiePolicy();
        return app;
    }
}

/// <summary>Downloads and exports (PDFs, spreadsheets, evidence files) hold personal and business data: no browser or
/// proxy cache may keep a copy.</summary>
public sealed class NoStoreFileResultFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is FileResult)
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HttpContext.Response.Headers.Pragma = "no-cache";
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
