using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace ZhiPingQuan.Web.Infrastructure.Signing;

/// <summary>
/// The platform's signature over content it vouches for (a sealed summary table's hash, a notice):
/// SM2 with SM3 (GB/T 32918, GM/T 0009), signer ID "1234567812345678" (the GM/T 0009 default).
/// A signature is the DER-encoded (r, s) pair written as lowercase hex (about 140 characters);
/// verification accepts either case.
/// </summary>
public interface IPlatformSigner
{
    /// <summary>Hex of the DER-encoded SM2 signature over <paramref name="data"/>.</summary>
    string Sign(ReadOnlySpan<byte> data);

    /// <summary>True only when <paramref name="signature"/> is this platform key's signature over exactly <paramref name="data"/>; malformed input is false, never an exception.</summary>
    bool Verify(ReadOnlySpan<byte> data, string? signature);

    /// <summary>The public key as PEM (SubjectPublicKeyInfo, "PUBLIC KEY"), readable by OpenSSL and GmSSL.</summary>
    string PublicKeyPem { get; }

    /// <summary>First 16 hex digits of SM3 over the DER public key: short enough to print, enough to tell keys apart.</summary>
    string KeyFingerprint { get; }
}

public sealed class Sm2PlatformSigner : IPlatformSigner
{
    private static readonly byte[] SignerId = Encoding.ASCII.GetBytes("1234567812345678");

    private readonly ECPrivateKeyParameters _privateKey;
    private readonly ECPublicKeyParameters _publicKey;
    private readonly SecureRandom _random = new();

    public Sm2PlatformSigner(ECPrivateKeyParameters privateKey)
    {
        if (!Sm2Keys.IsSm2(privateKey.Parameters))
        {
            throw new ArgumentException("not a key on the SM2 curve", nameof(privateKey));
        }
        _privateKey = privateKey;
        _publicKey = Sm2Keys.PublicFromPrivate(privateKey);
        var publicDer = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_publicKey).GetDerEncoded();
        PublicKeyPem = Pem("PUBLIC KEY", publicDer);
        KeyFingerprint = Convert.ToHexStringLower(Sm3(publicDer))[..16];
    }

    public string PublicKeyPem { get; }

    public string KeyFingerprint { get; }

    public string Sign(ReadOnlySpan<byte> data)
    {
        var signer = new SM2Signer(new SM3Digest());
        // SecureRandom is not thread-safe; one signature at a time is plenty for a portal.
        lock (_random)
        {
            signer.Init(true, new ParametersWithID(new ParametersWithRandom(_privateKey, _random), SignerId));
            signer.BlockUpdate(data);
            return Convert.ToHexStringLower(signer.GenerateSignature());
        }
    }

    public bool Verify(ReadOnlySpan<byte> data, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature) || signature.Length % 2 != 0 || signature.Length > 512)
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        var verifier = new SM2Signer(new SM3Digest());
        verifier.Init(false, new ParametersWithID(_publicKey, SignerId));
        verifier.BlockUpdate(data);
        try
        {
            return verifier.VerifySignature(bytes);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            // Not DER at all: not a signature of ours.
            return false;
        }
    }

    internal static byte[] Sm3(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }

    internal static string Pem(string label, byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write(label, der)) + "\n";
}

internal static class Sm2Keys
{
    private static readonly ECDomainParameters Domain = ECNamedDomainParameters.LookupOid(GMObjectIdentifiers.sm2p256v1);

    public static bool IsSm2(ECDomainParameters parameters) =>
        parameters.Curve.Equals(Domain.Curve) && parameters.G.Equals(Domain.G) && parameters.N.Equals(Domain.N);

    public static ECPublicKeyParameters PublicFromPrivate(ECPrivateKeyParameters key) =>
        new(key.AlgorithmName, key.Parameters.G.Multiply(key.D).Normalize(), key.Parameters);
}
