using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Foundation;

/// <summary>A record of another organisation answers 404, whatever id is typed into the URL.</summary>
public abstract class RecordScopeTests(PortalFactory portal)
{
    private Task<Guid> EnterpriseIdAsync(string name) =>
        portal.WithDbAsync(db => db.Organisations.OfType<Enterprise>().Where(e => e.Name == name).Select(e => e.Id).FirstAsync());

    [Fact]
    public async Task Enterprise_sees_its_own_record()
    {
        var own = await EnterpriseIdAsync(DemoDataSeeder.EnterpriseAName);
        var client = await portal.SignedInAsync("enterprise.a@zpq.local");
        var response = await client.GetAsync($"/Enterprises/Details/{own}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(DemoDataSeeder.EnterpriseAName, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Enterprise_typing_another_enterprises_url_gets_404()
    {
        var other = await EnterpriseIdAsync(DemoDataSeeder.EnterpriseBName);
        var client = await portal.SignedInAsync("enterprise.a@zpq.local");
        var response = await client.GetAsync($"/Enterprises/Details/{other}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(DemoDataSeeder.EnterpriseBName, html);
        Assert.Contains("页面不存在", html);
    }

    [Fact]
    public async Task District_gets_404_on_another_districts_enterprise_and_only_lists_its_own()
    {
        var pudongEnterprise = await EnterpriseIdAsync(DemoDataSeeder.EnterpriseAName);
        var client = await portal.SignedInAsync("district.minhang@zpq.local");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Enterprises/Details/{pudongEnterprise}")).StatusCode);
        var list = await client.GetStringAsync("/Enterprises");
        Assert.Contains(DemoDataSeeder.EnterpriseBName, list);
        Assert.DoesNotContain(DemoDataSeeder.EnterpriseAName, list);
    }

    [Fact]
    public async Task Commission_sees_every_units_enterprise()
    {
        var client = await portal.SignedInAsync("commission@zpq.local");
        foreach (var name in new[] { DemoDataSeeder.EnterpriseAName, DemoDataSeeder.EnterpriseBName })
        {
            var id = await EnterpriseIdAsync(name);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Enterprises/Details/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_made_up_id_is_404_too()
    {
        var client = await portal.SignedInAsync("commission@zpq.local");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Enterprises/Details/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("enterprise.a@zpq.local", "/Users")]
    [InlineData("district.pudong@zpq.local", "/Organisations")]
    [InlineData("commission@zpq.local", "/Users")]
    [InlineData("agency.a@zpq.local", "/Audit")]
    public async Task Admin_pages_refuse_other_roles(string email, string url)
    {
        var client = await portal.SignedInAsync(email);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}

[Collection("sqlite")]
public sealed class RecordScopeTests_Sqlite(SqlitePortal portal) : RecordScopeTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class RecordScopeTests_Postgres(PostgresPortal portal) : RecordScopeTests(portal), IClassFixture<PostgresPortal>;
