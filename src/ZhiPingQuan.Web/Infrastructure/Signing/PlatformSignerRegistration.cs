namespace ZhiPingQuan.Web.Infrastructure.Signing;

public static class PlatformSignerRegistration
{
    /// <summary>
    /// Registers <see cref="IPlatformSigner"/> (SM2/SM3) with its key from the <c>Signing</c> section
    /// or <c>Storage:Root/keys</c>, and loads it at start-up: the first start generates the key, and a
    /// configured key that is not a valid SM2 key stops the start with a message saying so.
    /// Needs <see cref="StorageOptions"/> registered.
    /// </summary>
    public static IServiceCollection AddPlatformSigner(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new SigningOptions();
        configuration.GetSection(SigningOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<IPlatformSigner>(sp => Create(options, sp.GetRequiredService<StorageOptions>(), sp.GetRequiredService<ILogger<Sm2PlatformSigner>>()));
        services.AddHostedService<PlatformSignerStartup>();
        return services;
    }

    internal static Sm2PlatformSigner Create(SigningOptions options, StorageOptions storage, ILogger logger)
    {
        var (key, source) = SigningKeyStore.Load(options, storage);
        var signer = new Sm2PlatformSigner(key);
        logger.LogInformation("平台签名密钥（SM2）：{Source}，公钥指纹 {Fingerprint}", source, signer.KeyFingerprint);
        if (!OperatingSystem.IsWindows() && File.Exists(source)
            && (File.GetUnixFileMode(source) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            logger.LogWarning("平台签名密钥文件 {Path} 可被其他用户读取或修改，请执行 chmod 600。", source);
        }
        return signer;
    }
}

/// <summary>Resolves the signer at start-up so the key exists before the first request needs it.</summary>
public sealed class PlatformSignerStartup(IPlatformSigner signer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = signer.KeyFingerprint;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
