using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Infrastructure.Operations;

/// <summary>
/// The data-protection keys (they sign the sign-in cookies, antiforgery tokens and TempData) live in the database, so
/// every instance shares them. With <c>DataProtection:CertificatePath</c> (a PKCS#12 file with its private key) and
/// <c>DataProtection:CertificatePassword</c> they are stored encrypted with the certificate (XML encryption): a copy of
/// the database or a backup alone cannot forge a sign-in. Production refuses to start without it.
/// </summary>
public static class KeyProtection
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = services.AddDataProtection().SetApplicationName("ZhiPingQuan").PersistKeysToDbContext<AppDbContext>();

        var path = configuration[CertificatePathKey];
        string? refusal = null;
        if (!string.IsNullOrWhiteSpace(path))
        {
            try
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
                if (!certificate.HasPrivateKey || certificate.GetRSAPublicKey() is null)
                {
                    refusal = $"数据保护证书 {path} 须为带私钥的 RSA 证书（PKCS#12）/ the data-protection certificate {path} must be an RSA certificate with its private key (PKCS#12)";
                }
                else
                {
                    // Also registers the certificate for decrypting the keys it encrypted.
                    builder.ProtectKeysWithCertificate(certificate);
                }
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                refusal = $"无法读取数据保护证书 {path}（{CertificatePasswordKey} 是否正确？）：{e.Message} / cannot read the data-protection certificate {path} (is {CertificatePasswordKey} right?): {e.Message}";
            }
        }
        else if (environment.IsProduction())
        {
            refusal = $"生产环境必须用证书加密数据保护密钥：请配置 {CertificatePathKey}（带私钥的 .pfx）和 {CertificatePasswordKey}，见 README“生产配置” / "
                + $"Production requires the data-protection keys to be encrypted with a certificate: set {CertificatePathKey} (a .pfx with its private key) and {CertificatePasswordKey}; see README 'Production'";
        }

        services.AddSingleton<IHostedService>(sp => new KeyProtectionCheck(refusal, sp.GetRequiredService<ILogger<KeyProtectionCheck>>()));
        return services;
    }

    /// <summary>
    /// Refuses the start, with the reason in the log, before anything else starts (it is registered before the
    /// database initialiser and acts in the "starting" phase).
    /// </summary>
    public sealed class KeyProtectionCheck(string? refusal, ILogger<KeyProtectionCheck> log) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken)
        {
            if (refusal is null)
            {
                return Task.CompletedTask;
            }
            log.LogCritical("拒绝启动 / refusing to start: {Reason}", refusal);
            throw new InvalidOperationException(refusal);
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
