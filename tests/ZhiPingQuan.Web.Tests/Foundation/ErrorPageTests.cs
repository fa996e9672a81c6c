using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Hosting;
using Moq;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Foundation;

/// <summary>The portal as deployed (Production): demo data is never seeded there, so the test
/// arranges its own admin through Seed:AdminPassword, then breaks the clock to force a failure.</summary>
public sealed class ProductionPortal() : PortalFactory(DbProvider.Sqlite)
{
    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:AdminPassword", "First#admin2023");
        // Production starts only with its data-protection keys encrypted by a certificate.
        builder.UseSetting("DataProtection:CertificatePath", TestCertificates.SharedPfx);
        builder.UseSetting("DataProtection:CertificatePassword", TestCertificates.Password);
    }
}

public sealed class ErrorPageTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    [Fact]
    public async Task Production_never_seeds_demo_accounts_and_forces_the_first_admin_to_change_password()
    {
        var demo = await portal.Browser().SignInAsync("commission@zpq.local", PortalFactory.DemoPassword);
        Assert.Contains("邮箱或密码不正确", await demo.Content.ReadAsStringAsync());

        var admin = portal.Browser();
        var signIn = await admin.SignInAsync("admin@zpq.local", "First#admin2023");
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unexpected_failure_shows_a_Chinese_page_without_a_stack_trace()
    {
        var admin = portal.Browser();
        await admin.SignInAsync("admin@zpq.local", "First#admin2023");
        await admin.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "First#admin2023", ["NewPassword"] = "Second#admin2024", ["ConfirmPassword"] = "Second#admin2024",
        });

        // The clock is an outside effect: make it fail and the home page with it.
        var failing = new Mock<IClock>();
        failing.SetupGet(c => c.UtcNow).Throws(new InvalidOperationException("secret internal detail"));
        var broken = portal.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.RemoveAll<IClock>();
            s.AddSingleton(failing.Object);
        }));
        var client = broken.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.SignInAsync("admin@zpq.local", "Second#admin2024");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("抱歉，系统处理您的请求时出错", html);
        Assert.DoesNotContain("secret internal detail", html);
        Assert.DoesNotContain("at ZhiPingQuan", html);
    }

    [Fact]
    public async Task Unknown_page_answers_a_Chinese_404()
    {
        var response = await portal.Browser().GetAsync("/Errors/Status/404");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }
}
