using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Signing;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Signing;

/// <summary>The platform signer on real folders: SM2/SM3 signatures, where the key comes from, and the first start.</summary>
public sealed class PlatformSignerTests : IDisposable
{
    private readonly string _root = StorageRoot.CreateTemp();
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("汇总表 浦东新区 2023年第一批 修订1 sha256=1a2b3c4d5e6f7a8b9c0d");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string KeysFolder => Path.Combine(_root, SigningKeyStore.KeyFolder);
    private string KeyFile => Path.Combine(KeysFolder, SigningKeyStore.KeyFileName);

    private Sm2PlatformSigner Start(SigningOptions? options = null, string? root = null) =>
        PlatformSignerRegistration.Create(options ?? new SigningOptions(), new StorageOptions { Root = root ?? _root }, NullLogger.Instance);

    [Fact]
    public void A_signature_verifies_against_the_signed_bytes()
    {
        var signer = Start();
        var signature = signer.Sign(Content);

        Assert.True(signer.Verify(Content, signature));
        Assert.True(signer.Verify(Content, signature.ToUpperInvariant()));
        Assert.Matches("^30[0-9a-f]{136,142}$", signature); // DER SEQUENCE of r and s, lowercase hex
        // SM2 signs with a fresh random k: two signatures differ, both verify.
        var again = signer.Sign(Content);
        Assert.NotEqual(signature, again);
        Assert.True(signer.Verify(Content, again));
    }

    [Fact]
    public void Changing_any_byte_of_the_content_makes_the_signature_invalid()
    {
        var signer = Start();
        var signature = signer.Sign(Content);

        foreach (var position in new[] { 0, Content.Length / 2, Content.Length - 1 })
        {
            var changed = (byte[])Content.Clone();
            changed[position] ^= 0x01;
            Assert.False(signer.Verify(changed, signature), $"byte {position} changed");
        }
        Assert.False(signer.Verify(Content.Append((byte)0).ToArray(), signature));
    }

    [Fact]
    public void A_changed_or_malformed_signature_is_invalid_not_an_error()
    {
        var signer = Start();
        var signature = signer.Sign(Content);
        var flipped = signature[..20] + (signature[20] == '0' ? '1' : '0') + signature[21..];
        var otherContent = signer.Sign(Encoding.UTF8.GetBytes("另一份汇总表"));

        Assert.False(signer.Verify(Content, flipped));
        Assert.False(signer.Verify(Content, otherContent));
        Assert.False(signer.Verify(Content, signature[..^2]));
        Assert.False(signer.Verify(Content, "zz" + signature[2..]));
        Assert.False(signer.Verify(Content, "3006020101020101"));
        Assert.False(signer.Verify(Content, ""));
        Assert.False(signer.Verify(Content, null));
    }

    [Fact]
    public void The_key_made_at_the_first_start_is_kept_private_and_reused_by_the_next_instance()
    {
        Assert.False(Directory.Exists(KeysFolder));
        var first = Start();
        Assert.True(File.Exists(KeyFile));
        Assert.Contains("-----BEGIN PRIVATE KEY-----", File.ReadAllText(KeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(KeysFolder));
        }
        var written = File.ReadAllBytes(KeyFile);

        var second = Start();

        Assert.Equal(first.KeyFingerprint, second.KeyFingerprint);
        Assert.Equal(first.PublicKeyPem, second.PublicKeyPem);
        Assert.True(second.Verify(Content, first.Sign(Content)));
        Assert.Equal(written, File.ReadAllBytes(KeyFile));
        Assert.Matches("^[0-9a-f]{16}$", first.KeyFingerprint);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", first.PublicKeyPem);
    }

    [Fact]
    public void A_key_given_as_PEM_in_configuration_is_used_and_nothing_is_written()
    {
        var key = SigningKeyStore.Generate();
        var expected = new Sm2PlatformSigner(key);

        var signer = Start(new SigningOptions { PrivateKeyPem = SigningKeyStore.ToPem(key) });

        Assert.Equal(expected.KeyFingerprint, signer.KeyFingerprint);
        Assert.True(expected.Verify(Content, signer.Sign(Content)));
        Assert.False(Directory.Exists(KeysFolder));
    }

    [Fact]
    public void A_key_given_as_a_file_path_is_used_and_nothing_is_written()
    {
        var key = SigningKeyStore.Generate();
        var path = Path.Combine(_root, "secret-platform.pem");
        File.WriteAllText(path, SigningKeyStore.ToPem(key));

        var signer = Start(new SigningOptions { PrivateKeyPath = path });

        Assert.Equal(new Sm2PlatformSigner(key).KeyFingerprint, signer.KeyFingerprint);
        Assert.False(Directory.Exists(KeysFolder));
    }

    [Fact]
    public void A_configured_key_that_is_not_SM2_stops_the_start_with_a_message_naming_the_setting()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var notSm2 = Assert.Throws<InvalidOperationException>(() => Start(new SigningOptions { PrivateKeyPem = p256.ExportPkcs8PrivateKeyPem() }));
        Assert.Contains("Signing:PrivateKeyPem", notSm2.Message);
        Assert.Contains("SM2", notSm2.Message);

        var garbage = Assert.Throws<InvalidOperationException>(() => Start(new SigningOptions { PrivateKeyPem = "not a key" }));
        Assert.Contains("不是有效的 SM2 私钥", garbage.Message);

        var missing = Assert.Throws<InvalidOperationException>(() => Start(new SigningOptions { PrivateKeyPath = Path.Combine(_root, "none.pem") }));
        Assert.Contains("Signing:PrivateKeyPath", missing.Message);
        Assert.False(Directory.Exists(KeysFolder));
    }

    [Fact]
    public void A_damaged_key_file_stops_the_start_instead_of_being_replaced()
    {
        Directory.CreateDirectory(KeysFolder);
        File.WriteAllText(KeyFile, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        File.SetLastWriteTimeUtc(KeyFile, DateTime.UtcNow.AddHours(-1));

        var error = Assert.Throws<InvalidOperationException>(() => Start());

        Assert.Contains("不是有效的 SM2 私钥", error.Message);
        Assert.Contains("AAAA", File.ReadAllText(KeyFile));
    }

    [Fact]
    public async Task Instances_starting_at_the_same_moment_end_with_one_key()
    {
        for (var round = 0; round < 5; round++)
        {
            var root = Path.Combine(_root, $"round{round}");
            Directory.CreateDirectory(root);
            const int instances = 6;
            using var gate = new Barrier(instances);
            var starts = Enumerable.Range(0, instances).Select(_ => Task.Factory.StartNew(() =>
            {
                gate.SignalAndWait();
                return Start(root: root);
            }, TaskCreationOptions.LongRunning)).ToList();
            var signers = await Task.WhenAll(starts);

            Assert.Single(signers.Select(s => s.KeyFingerprint).Distinct());
            Assert.Single(Directory.GetFiles(Path.Combine(root, SigningKeyStore.KeyFolder)));
            Assert.True(signers[^1].Verify(Content, signers[0].Sign(Content)));
        }
    }

    [Fact]
    public void OpenSSL_reads_the_key_file_and_verifies_the_signature()
    {
        // Interoperability: the PEM and the signature are the standard ones (GB/T 32918, ID 1234567812345678).
        var signer = Start();
        var dataFile = Path.Combine(_root, "content.bin");
        var signatureFile = Path.Combine(_root, "content.sig");
        var publicKeyFile = Path.Combine(_root, "public.pem");
        File.WriteAllBytes(dataFile, Content);
        File.WriteAllBytes(signatureFile, Convert.FromHexString(signer.Sign(Content)));
        File.WriteAllText(publicKeyFile, signer.PublicKeyPem);

        Assert.Equal(signer.PublicKeyPem.Trim(), OpenSsl("pkey", "-in", KeyFile, "-pubout").Trim());
        var verified = OpenSsl("pkeyutl", "-verify", "-pubin", "-inkey", publicKeyFile, "-rawin", "-digest", "sm3",
            "-pkeyopt", "distid:1234567812345678", "-in", dataFile, "-sigfile", signatureFile);
        Assert.Contains("Signature Verified Successfully", verified);
    }

    private static string OpenSsl(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"openssl {arguments[0]} failed: {errors}{output}");
        return output;
    }
}
