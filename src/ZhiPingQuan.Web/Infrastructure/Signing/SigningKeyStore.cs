using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace ZhiPingQuan.Web.Infrastructure.Signing;

/// <summary>
/// Where the platform's SM2 private key comes from (section <c>Signing</c>): a PEM given in
/// configuration (<c>Signing:PrivateKeyPem</c>) or a PEM file (<c>Signing:PrivateKeyPath</c>) —
/// for production, from a secret store — or else a key the portal generates at its first start
/// and keeps under <c>Storage:Root/keys</c>.
/// </summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    public string? PrivateKeyPem { get; set; }
    public string? PrivateKeyPath { get; set; }
}

/// <summary>Reads, or at the first start generates, the platform key.</summary>
public static class SigningKeyStore
{
    public const string KeyFolder = "keys";
    public const string KeyFileName = "platform-sm2.pem";

    // How long an instance that lost the race to create the key waits for the winner to finish writing it.
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(10);

    /// <summary>The key and where it came from (for the start-up log; never the key itself).</summary>
    public static (ECPrivateKeyParameters Key, string Source) Load(SigningOptions options, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPem))
        {
            return (Parse(options.PrivateKeyPem)
                ?? throw new InvalidOperationException("配置项 Signing:PrivateKeyPem 不是有效的 SM2 私钥（PEM，未加密的 PRIVATE KEY 或 EC PRIVATE KEY）。"),
                "配置项 Signing:PrivateKeyPem");
        }
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            if (!File.Exists(options.PrivateKeyPath))
            {
                throw new InvalidOperationException($"配置项 Signing:PrivateKeyPath 指向的文件不存在：{options.PrivateKeyPath}");
            }
            return (Parse(File.ReadAllText(options.PrivateKeyPath))
                ?? throw new InvalidOperationException($"文件 {options.PrivateKeyPath}（Signing:PrivateKeyPath）不是有效的 SM2 私钥（PEM，未加密）。"),
                options.PrivateKeyPath);
        }
        var path = Path.Combine(storage.Root, KeyFolder, KeyFileName);
        return (LoadOrCreate(path), path);
    }

    /// <summary>
    /// The key in <paramref name="path"/>, created there if there is none. Several instances may
    /// start at once on shared storage: the file is created exclusively (O_EXCL), so exactly one
    /// instance writes a key; the others fail to create it and read the winner's key instead.
    /// </summary>
    public static ECPrivateKeyParameters LoadOrCreate(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        if (File.Exists(path))
        {
            return ReadWritten(path);
        }

        var key = Generate();
        var pem = Encoding.ASCII.GetBytes(ToPem(key));
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var file = new FileStream(path, create);
            file.Write(pem);
            file.Flush(flushToDisk: true);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance created it first: its key is the platform's key.
            return ReadWritten(path);
        }
    }

    /// <summary>A new key pair on the SM2 curve (sm2p256v1).</summary>
    public static ECPrivateKeyParameters Generate()
    {
        var generator = new ECKeyPairGenerator("EC");
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        return (ECPrivateKeyParameters)generator.GenerateKeyPair().Private;
    }

    /// <summary>PKCS#8 "PRIVATE KEY" PEM with the named curve, as <c>openssl genpkey -algorithm SM2</c> writes it.</summary>
    public static string ToPem(ECPrivateKeyParameters key) =>
        Sm2PlatformSigner.Pem("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetDerEncoded());

    /// <summary>An unencrypted SM2 private key from PKCS#8 or SEC1 ("EC PRIVATE KEY") PEM; null when it is anything else.</summary>
    public static ECPrivateKeyParameters? Parse(string pem)
    {
        object? read;
        try
        {
            read = new PemReader(new StringReader(pem.Trim())).ReadObject();
        }
        catch (Exception e) when (e is IOException or PemException or ArgumentException or InvalidCastException or FormatException)
        {
            return null;
        }
        var key = read switch
        {
            ECPrivateKeyParameters k => k,
            AsymmetricCipherKeyPair { Private: ECPrivateKeyParameters k } => k,
            _ => null,
        };
        return key is not null && Sm2Keys.IsSm2(key.Parameters) ? key : null;
    }

    /// <summary>Reads a key file another instance may still be writing (it holds the file locked until done).</summary>
    private static ECPrivateKeyParameters ReadWritten(string path)
    {
        var deadline = DateTime.UtcNow + WriterWait;
        while (true)
        {
            try
            {
                var key = Parse(File.ReadAllText(path));
                if (key is not null)
                {
                    return key;
                }
            }
            catch (IOException)
            {
                // Locked by the writer: wait.
            }
            // Only a file being written right now is worth waiting for; an old one is simply damaged.
            if (DateTime.UtcNow > deadline || File.GetLastWriteTimeUtc(path) < DateTime.UtcNow - WriterWait)
            {
                throw new InvalidOperationException(
                    $"平台签名密钥文件 {path} 不是有效的 SM2 私钥（为空或已损坏）。请从备份恢复该文件；删除它会生成新密钥，此前的签名将无法再用本平台密钥核验。");
            }
            Thread.Sleep(50);
        }
    }
}
