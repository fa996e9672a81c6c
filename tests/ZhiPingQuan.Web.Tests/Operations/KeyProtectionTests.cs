using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Operations;

/// <summary>Production with its data-protection keys encrypted by a certificate made in the test.</summary>
public abstract class KeyCertificatePortal(DbProvider provider) : PortalFactory(provider)
{
    public const string AdminPassword = "First#admin2023";

    public string CertificatePath { get; } = TestCertificates.CreatePfx("CN=ZhiPingQuan key protection test");

    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("DataProtection:CertificatePath", CertificatePath);
        builder.UseSetting("DataProtection:CertificatePassword", TestCertificates.Password);
    }
}

public sealed class KeyCertificateSqlitePortal() : KeyCertificatePortal(DbProvider.Sqlite);

public sealed class KeyCertificatePostgresPortal() : KeyCertificatePortal(DbProvider.Postgres);

public abstract class KeyProtectionTests(KeyCertificatePortal portal)
{
    [Fact]
    public async Task Stored_keys_are_encrypted_with_the_certificate_and_another_instance_reads_them()
    {
        var admin = portal.Browser();
        var signIn = await admin.SignInAsync("admin@zpq.local", KeyCertificatePortal.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var keys = await portal.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedXmlDecryptor", xml);
            Assert.Contains("http://www.w3.org/2001/04/xmlenc#", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });

        // A second instance on the same database decrypts the stored key with the certificate: the first one's
        // sign-in cookie is valid there (the first instance's own key ring is in memory and proves nothing).
        using var second = portal.WithWebHostBuilder(_ => { });
        var other = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/ChangePassword");
        var cookies = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        var page = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("name=\"NewPassword\"", await page.Content.ReadAsStringAsync());
    }
}

public sealed class KeyProtectionTests_Sqlite(KeyCertificateSqlitePortal portal) : KeyProtectionTests(portal), IClassFixture<KeyCertificateSqlitePortal>;

public sealed class KeyProtectionTests_Postgres(KeyCertificatePostgresPortal portal) : KeyProtectionTests(portal), IClassFixture<KeyCertificatePostgresPortal>;

/// <summary>Production without a usable certificate: the start is refused before the database is touched.</summary>
public sealed class KeyProtectionRefusalTests
{
    private sealed class ProductionWithout(string? certificatePath, string? password) : PortalFactory(DbProvider.Sqlite)
    {
        protected override string EnvironmentName => "Production";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Seed:AdminPassword", KeyCertificatePortal.AdminPassword);
            builder.UseSetting("DataProtection:CertificatePath", certificatePath ?? "");
            builder.UseSetting("DataProtection:CertificatePassword", password ?? "");
        }
    }

    [Fact]
    public async Task Production_without_a_certificate_refuses_to_start_and_says_why()
    {
        var error = await StartFailureAsync(new ProductionWithout(null, null));

        Assert.Contains("生产环境必须用证书加密数据保护密钥", error.Message);
        Assert.Contains("DataProtection:CertificatePath", error.Message);
        Assert.Contains("Production requires the data-protection keys to be encrypted", error.Message);
    }

    [Fact]
    public async Task A_wrong_certificate_password_refuses_to_start()
    {
        var error = await StartFailureAsync(new ProductionWithout(TestCertificates.SharedPfx, "not-the-password"));

        Assert.Contains("无法读取数据保护证书", error.Message);
        Assert.Contains("DataProtection:CertificatePassword", error.Message);
    }

    /// <summary>Starts the host, expects the refusal, and checks that nothing was written: no table was created.</summary>
    private static async Task<Exception> StartFailureAsync(PortalFactory factory)
    {
        Exception? error = null;
        long tables;
        try
        {
            try
            {
                await ((IAsyncLifetime)factory).InitializeAsync();
            }
            catch (Exception e)
            {
                error = e;
            }
            tables = TableCount(factory.Database.SqliteFile!);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }

        Assert.NotNull(error);
        var refusal = error is InvalidOperationException ? error : error.InnerException ?? error;
        Assert.IsType<InvalidOperationException>(refusal);
        Assert.Equal(0, tables);
        return refusal;
    }

    private static long TableCount(string sqliteFile)
    {
        if (!File.Exists(sqliteFile))
        {
            return 0;
        }
        using var connection = new SqliteConnection($"Data Source={sqliteFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'";
        return (long)command.ExecuteScalar()!;
    }
}
