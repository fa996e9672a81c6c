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
/// Admission control (RequestAdmission): one request at a time here and one waiting, in the pages' line and in the
/// sign-ins' own. The test takes a line's one permit itself, as a long request would, and looks at what the next
/// requests get. Not a database matter: SQLite only.
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
            builder.UseSetting(RequestAdmission.SignInKey, "1");
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

    [Fact]
    public async Task Sign_ins_wait_in_a_line_of_their_own_so_pages_and_sign_ins_never_wait_behind_each_other()
    {
        await using var portal = new OneAtATimePortal();
        await ((IAsyncLifetime)portal).InitializeAsync();
        var limiter = portal.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
        var person = portal.Browser();
        var token = await person.AntiforgeryTokenAsync("/Account/Login");
        FormUrlEncodedContent Form() => new(new Dictionary<string, string>
        {
            ["Email"] = "nobody@zpq.local", ["Password"] = "不是这个密码", ["__RequestVerificationToken"] = token,
        });

        // Every page's permit is held: a sign-in still goes through, and is answered (the wrong password, in Chinese).
        using (var page = limiter.AttemptAcquire(new DefaultHttpContext { Request = { Path = "/Enterprises" } }))
        {
            Assert.True(page.IsAcquired);
            // (Were it in the pages' line, it would wait there for as long as the permit is held.)
            var signIn = await person.PostAsync("/Account/Login", Form()).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.Contains("邮箱或密码不正确", System.Net.WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync()));
        }

        // The sign-ins' permit is held: pages are served, and the next sign-in waits its turn in its own line.
        var hashing = limiter.AttemptAcquire(new DefaultHttpContext { Request = { Method = "POST", Path = "/Account/Login" } });
        Assert.True(hashing.IsAcquired);
        Assert.Equal(HttpStatusCode.OK, (await portal.Browser().GetAsync("/Account/Login").WaitAsync(TimeSpan.FromSeconds(20))).StatusCode);
        var waiting = person.PostAsync("/Account/Login", Form());
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "the sign-in waits for the sign-ins' permit");
        hashing.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
    }
}
