using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.AccountSecurity;

/// <summary>A deployment that is neither Demo nor Development, with the first administrator from its configuration.</summary>
public abstract class StagingPortal(DbProvider provider) : PortalFactory(provider)
{
    public const string AdminEmail = "first.admin@test.local";
    public const string SeedPassword = "First#Staging2024";

    protected override string EnvironmentName => "Staging";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", SeedPassword);
    }
}

public sealed class StagingSqlitePortal() : StagingPortal(DbProvider.Sqlite);

public sealed class StagingPostgresPortal() : StagingPortal(DbProvider.Postgres);

/// <summary>
/// Keys and seeds (docs/decisions/0013-sessions-and-separation-of-duties.md): demo data only in the Demo and Development environments,
/// the first administrator's seed password used once and never again.
/// </summary>
public abstract class SeedTests(StagingPortal portal)
{
    [Fact]
    public async Task Demo_seed_is_ignored_outside_the_demo_and_development_environments()
    {
        Assert.False(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "commission@zpq.local" || u.IsDemoAccount)));
        Assert.False(await portal.WithDbAsync(db => db.ProgrammeYears.AnyAsync()));
    }

    [Fact]
    public async Task The_seed_password_must_be_changed_and_a_later_start_never_sets_it_again()
    {
        var admin = portal.Browser();
        var signIn = await admin.SignInAsync(StagingPortal.AdminEmail, StagingPortal.SeedPassword);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location?.OriginalString);
        Assert.Equal("/Account/ChangePassword", (await admin.GetAsync("/Organisations")).Headers.Location?.OriginalString);
        var changed = await admin.PostFormAsync("/Account/ChangePassword", "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = StagingPortal.SeedPassword, ["NewPassword"] = "Changed#Staging2025", ["ConfirmPassword"] = "Changed#Staging2025",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        // Then the administrator role's second factor.
        Assert.Equal("/Account/TwoFactor", (await admin.GetAsync("/Organisations")).Headers.Location?.OriginalString);

        // What every start runs: the seed finds an administrator and leaves the password alone.
        await using (var scope = portal.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        }
        Assert.Contains("邮箱或密码不正确", await (await portal.Browser().SignInAsync(StagingPortal.AdminEmail, StagingPortal.SeedPassword)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().SignInAsync(StagingPortal.AdminEmail, "Changed#Staging2025")).StatusCode);
        Assert.Equal(1, await portal.WithDbAsync(db => db.Users.CountAsync()));
    }
}

[Collection("sqlite")]
public sealed class SeedTests_Sqlite(StagingSqlitePortal portal) : SeedTests(portal), IClassFixture<StagingSqlitePortal>;

[Collection("postgres")]
public sealed class SeedTests_Postgres(StagingPostgresPortal portal) : SeedTests(portal), IClassFixture<StagingPostgresPortal>;

/// <summary>The Production start on a database with demo accounts, and the request-body limit.</summary>
public abstract class ProductionGuardTests(PortalFactory portal)
{
    [Fact]
    public async Task Production_refuses_to_start_while_a_demo_account_exists()
    {
        Assert.True(await portal.WithDbAsync(db => db.Users.AnyAsync(u => u.IsDemoAccount)));
        await using var production = portal.WithWebHostBuilder(b => b.UseEnvironment("Production")
            // Production needs its key certificate to start at all; the demo-account guard is what is tested here.
            .UseSetting("DataProtection:CertificatePath", TestCertificates.SharedPfx).UseSetting("DataProtection:CertificatePassword", TestCertificates.Password));
        var refusal = Assert.ThrowsAny<Exception>(() => production.Server);
        Assert.Contains("生产环境中存在演示账户", Flatten(refusal));
    }

    [Fact]
    public async Task A_demo_address_that_still_takes_the_demo_password_counts_as_a_demo_account()
    {
        // A database seeded before accounts were marked: the published password gives the account away.
        await portal.WithDbAsync(db => db.Users.Where(u => u.Email == "agency.b@zpq.local")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDemoAccount, false)));
        await portal.WithDbAsync(db => db.Users.Where(u => u.Email != "agency.b@zpq.local")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDemoAccount, false)));
        try
        {
            await using var production = portal.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Demo:Seed", "false")
                .UseSetting("DataProtection:CertificatePath", TestCertificates.SharedPfx).UseSetting("DataProtection:CertificatePassword", TestCertificates.Password));
            var refusal = Assert.ThrowsAny<Exception>(() => production.Server);
            Assert.Contains("agency.b@zpq.local", Flatten(refusal));
        }
        finally
        {
            await portal.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@zpq.local"))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDemoAccount, true)));
        }
    }

    [Fact]
    public async Task A_body_over_1_MB_is_refused_except_by_the_upload_actions()
    {
        var big = new string('x', 1_100_000);
        var client = portal.Browser();
        var refused = await client.PostAsync("/Account/Login", new FormUrlEncodedContent([new("Email", big), new("Password", "x")]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);

        // The batch-list upload takes its own limit (10 MB): the same size passes the limit and reaches the action.
        var district = await portal.SignedInAsync("district.pudong@zpq.local");
        var token = await district.AntiforgeryTokenAsync("/BatchImport");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[1_500_000]), "file", "list.csv" },
        };
        var upload = await district.PostAsync("/BatchImport/Upload", form);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}

[Collection("sqlite")]
public sealed class ProductionGuardTests_Sqlite(SqlitePortal portal) : ProductionGuardTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class ProductionGuardTests_Postgres(PostgresPortal portal) : ProductionGuardTests(portal), IClassFixture<PostgresPortal>;
