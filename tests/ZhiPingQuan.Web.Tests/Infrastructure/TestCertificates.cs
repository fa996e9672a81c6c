using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ZhiPingQuan.Web.Tests.Infrastructure;

/// <summary>Self-signed RSA certificates made in the test, written as password-protected .pfx files (for DataProtection:CertificatePath).</summary>
public static class TestCertificates
{
    public const string Password = "Cert#pass2026";

    private static readonly Lazy<string> Shared = new(() => CreatePfx("CN=ZhiPingQuan test data protection"));
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Made = [];

    static TestCertificates() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var path in Made)
            {
                File.Delete(path);
            }
        };

    /// <summary>One certificate for the whole test run (Production hosts need one to start).</summary>
    public static string SharedPfx => Shared.Value;

    public static string CreatePfx(string subject, string password = Password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"zpq-dp-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        Made.Add(path);
        return path;
    }
}
