using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Web.Infrastructure.Signing;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Signing;

/// <summary>The portal's first start makes the platform key under Storage:Root/keys (a file matter: one provider is enough).</summary>
public sealed class PlatformSignerStartTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public void The_first_start_made_the_key_file_the_registered_signer_uses()
    {
        var keyFile = Path.Combine(portal.StorageRoot, SigningKeyStore.KeyFolder, SigningKeyStore.KeyFileName);
        Assert.True(File.Exists(keyFile));

        var signer = portal.Services.GetRequiredService<IPlatformSigner>();
        var fromFile = new Sm2PlatformSigner(SigningKeyStore.Parse(File.ReadAllText(keyFile))!);
        Assert.Equal(fromFile.KeyFingerprint, signer.KeyFingerprint);
        var content = "汇总表内容"u8.ToArray();
        Assert.True(fromFile.Verify(content, signer.Sign(content)));
    }
}
