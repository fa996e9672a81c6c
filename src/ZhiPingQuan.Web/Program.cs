using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Authorization;
using Microsoft.AspNetCore.Authorization;
using Serilog;
using Serilog.Formatting.Compact;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Accounts;
using ZhiPingQuan.Web.Infrastructure.Auditing;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Infrastructure.Notifications;
using ZhiPingQuan.Web.Infrastructure.Operations;
using ZhiPingQuan.Web.Infrastructure.Pdf;
using ZhiPingQuan.Web.Infrastructure.Security;
using ZhiPingQuan.Web.Infrastructure.Signing;

var builder = WebApplication.CreateBuilder(args);
// 1 MB for every request body; the upload actions raise theirs with [RequestSizeLimit] (RequestBodyLimit).
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = RequestBodyLimit.DefaultBytes);

builder.Host.UseSerilog((ctx, services, log) =>
{
    var logDir = ctx.Configuration["Logs:Path"];
    if (string.IsNullOrWhiteSpace(logDir))
    {
        logDir = Path.Combine(ctx.HostingEnvironment.ContentRootPath, "App_Data", "logs");
    }
    log.ReadFrom.Configuration(ctx.Configuration)
        .Enrich.FromLogContext()
        .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
        .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logDir, "portal-.json"),
            rollingInterval: RollingInterval.Day, retainedFileCountLimit: 180);
});

var provider = builder.Services.AddPortalDatabase(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(DatabaseSetup.ResolveStorage(builder.Configuration, builder.Environment));
builder.Services.AddSingleton<IClock, SystemClock>();
// Session lifetimes and the cookie's expiry read the host's time; the programme's deadlines read IClock.
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddScoped<IAuditTrail, AuditTrail>();
builder.Services.AddScoped<HistoryReplay>();
builder.Services.AddScoped<IRefusedRecordLog, RefusedRecordLog>();
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddAuditChain();
builder.Services.AddSingleton<IFileStore, DiskFileStore>();
builder.Services.AddSingleton<IAuthorizationHandler, RecordScopeAuthorizationHandler>();
builder.Services.AddDomainEvents();
builder.Services.AddScoped<ReferenceDataSeeder>();
builder.Services.AddScoped<DemoDataSeeder>();
builder.Services.AddScoped<DemoLifecycleSeeder>();
builder.Services.AddScoped<DemoApplicationSeeder>();
builder.Services.AddScoped<DemoRedemptionSeeder>();
builder.Services.AddScoped<DemoUpgradeSeeder>();
builder.Services.AddScoped<DemoEvaluationSeeder>();
builder.Services.AddScoped<DemoHistory>();
builder.Services.AddScoped<DemoAssessments>();
builder.Services.AddHostedService<DatabaseInitialiser>();
builder.Services.AddPortalFeatures(builder.Configuration);
builder.Services.AddPdfLayout(builder.Configuration);
builder.Services.AddPlatformSigner(builder.Configuration);
builder.Services.AddScoped<PortalSessions>();
builder.Services.AddScoped<SessionCookieEvents>();
builder.Services.AddScoped<AccountLinks>();
builder.Services.AddSingleton<TwoFactorPolicy>();
SignInThrottle.AddSignInThrottling(builder.Services, builder.Configuration);
builder.Services.AddRequestAdmission(builder.Configuration);

builder.Services
    .AddIdentity<AppUser, AppRole>(o =>
    {
        // ≥ 12 characters from 3 classes, not a common password (PasswordPolicyValidator; docs/domain.md §5, decision 0013), lock 30 minutes after 5 failures.
        o.Password.RequiredLength = PasswordPolicyValidator.MinimumLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(30);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddErrorDescriber<ChineseIdentityErrorDescriber>()
    .AddPasswordValidator<PasswordPolicyValidator>()
    .AddClaimsPrincipalFactory<PortalClaimsFactory>();
// The periodic stamp check also refuses locked accounts and deactivated organisations.
builder.Services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, PortalSecurityStampValidator>());

builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Cookie.Name = "zpq.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    // Idle sign-out after 30 minutes (docs/domain.md §5): a sliding cookie that is not persisted. The server-side session
    // (SessionCookieEvents, every request) adds the 12-hour absolute limit and ends a signed-out cookie's copies.
    o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
    o.SlidingExpiration = true;
    o.EventsType = typeof(SessionCookieEvents);
});
// A changed password or role takes effect within a minute on other sessions; the refreshed cookie keeps its session.
builder.Services.Configure<SecurityStampValidatorOptions>(o =>
{
    o.ValidationInterval = TimeSpan.FromMinutes(1);
    o.OnRefreshingPrincipal = context =>
    {
        PortalSessions.KeepSessionClaims(context);
        return Task.CompletedTask;
    };
});

builder.Services.AddControllersWithViews(o =>
    {
        // Signed-in by default; the few public endpoints say [AllowAnonymous].
        o.Filters.Add(new AuthorizeFilter(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));
        o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        o.Filters.Add<AccountDutiesFilter>();
        o.Filters.Add<DomainExceptionFilter>();
        o.Filters.Add<NoStoreFileResultFilter>();
        // Required-ness is the validators' job (with Chinese messages); MVC must not add English ones.
        o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        ChineseModelBindingMessages.Apply(o.ModelBindingMessageProvider);
    })
    .AddRazorOptions(o =>
    {
        // Feature folders: Features/<Feature>/<View>.cshtml, shared parts in Features/Shared.
        o.ViewLocationFormats.Clear();
        o.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
        o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
    });
builder.Services.AddFluentValidationClientsideAdapters();
builder.Services.AddValidatorsFromAssemblyContaining<Program>();
ValidatorOptions.Global.LanguageManager.Culture = new CultureInfo("zh-CN");

// Chinese text goes into pages as characters, not as &#x…; entities.
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
builder.Services.AddPortalProxy(builder.Configuration);
builder.Services.AddTransportSecurity(builder.Environment);

var app = builder.Build();

app.UsePortalInstanceHeader();
app.UseForwardedHeaders();
app.UseTransportSecurity(app.Environment);
if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    app.UseExceptionHandler("/Errors/Error");
}
app.UseStatusCodePagesWithReExecute("/Errors/Status/{0}");
app.UseSerilogRequestLogging();
app.UseClientDisconnects();

var zhCn = new CultureInfo("zh-CN");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(zhCn),
    SupportedCultures = [zhCn],
    SupportedUICultures = [zhCn],
});

app.UseStaticFiles();
app.UseRouting();
app.UseRequestBodyLimit();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");

Log.Information("智评券平台启动：数据库 {Provider}", provider);
app.Run();

public partial class Program;
