using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZhiPingQuan.Web.Infrastructure.Operations;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Operations;

/// <summary>
/// Admission control (RequestAdmission): one request at a time here and one waiting. The test takes the one permit
/// itself, as a long request would, and looks at what the next requests get. Not a database matter: SQLite only.
/// </summary>
public sealed class RequestAdmissionTests
{
    private sealed class OneAtATimePortal() : PortalFactory(DbProvider.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(RequestAdmission.ConcurrentKey, "1");
            builder.UseSetting(RequestAdmission.QueueKey, "1");
        }
    }

    [Fact]
    public async Task A_request_waits_its_turn_a_full_queue_answers_busy_in_Chinese_and_the_health_check_never_waits()
    {
        await using var portal = new OneAtATimePortal();
        await ((IAsyncLifetime)portal).InitializeAsync();
        var browser = portal.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Login")).StatusCode);
        var limiter = portal.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;

        // The one permit, held as by a request still working.
        var working = limiter.AttemptAcquire(new DefaultHttpContext { Request = { Path = "/Enterprises" } });
        Assert.True(working.IsAcquired);

        var waiting = browser.GetAsync("/Account/Login");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "the second request waits for the permit instead of starting");

        var refused = await portal.Browser().GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("系统繁忙", await refused.Content.ReadAsStringAsync());

        var health = await portal.Browser().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        working.Dispose();
        var served = await waiting;
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("登录", await served.Content.ReadAsStringAsync());
    }
}
