using System.Text;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Domain.Tests.Files;

public class StoredFileTests
{
    private static readonly DateTime At = new(2023, 11, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Owner = Guid.Parse("0190a000-0000-7000-8000-000000000010");
    private const string AbcHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static StoredFile NewFile(string name = "合同.pdf", string hash = AbcHash) =>
        new(Owner, name, "application/pdf", 3, hash, "2023/11/" + Guid.NewGuid().ToString("N"), "企业用户甲", At);

    [Fact]
    public void Sha256_is_lower_case_hex()
    {
        Assert.Equal(AbcHash, FileHashing.Sha256Hex("abc"));
        Assert.Equal(AbcHash, FileHashing.Sha256Hex(new MemoryStream(Encoding.ASCII.GetBytes("abc"))));
        Assert.True(FileHashing.IsSha256Hex(AbcHash));
        Assert.False(FileHashing.IsSha256Hex(AbcHash[..63]));
        Assert.False(FileHashing.IsSha256Hex(AbcHash[..63] + "g"));
    }

    [Fact]
    public void A_first_upload_is_version_1_without_previous()
    {
        var f = NewFile();

        Assert.Equal(1, f.VersionNumber);
        Assert.Null(f.PreviousVersionId);
        Assert.Equal("合同.pdf", f.OriginalFileName);
        Assert.Equal(AbcHash, f.Sha256);
    }

    [Fact]
    public void A_replacement_keeps_the_previous_version()
    {
        var v1 = NewFile();

        var v2 = v1.NewVersion("合同（盖章版）.pdf", "application/pdf", 10, new string('c', 64), "2023/11/x", "企业用户甲", At.AddHours(1));
        var v3 = v2.NewVersion("合同（终版）.pdf", "application/pdf", 12, new string('d', 64), "2023/11/y", "企业用户甲", At.AddHours(2));

        Assert.Equal(v1.Id, v2.PreviousVersionId);
        Assert.Equal(2, v2.VersionNumber);
        Assert.Equal(v2.Id, v3.PreviousVersionId);
        Assert.Equal(3, v3.VersionNumber);
        Assert.Equal(v1.OwnerOrganisationId, v3.OwnerOrganisationId);
        Assert.Equal("合同.pdf", v1.OriginalFileName);
    }

    [Fact]
    public void A_path_in_the_original_name_is_dropped()
    {
        Assert.Equal("a.pdf", NewFile(@"C:\fakepath\a.pdf").OriginalFileName);
        Assert.Equal("b.pdf", NewFile("../../etc/b.pdf").OriginalFileName);
    }

    [Fact]
    public void An_invalid_hash_is_refused()
    {
        Assert.Throws<DomainException>(() => NewFile(hash: "not-a-hash"));
    }

    [Fact]
    public void An_empty_file_or_name_is_refused()
    {
        Assert.Throws<DomainException>(() => new StoredFile(Owner, "a.pdf", "application/pdf", 0, AbcHash, "k", "u", At));
        Assert.Throws<DomainException>(() => NewFile(name: "  "));
        Assert.Throws<DomainException>(() => new StoredFile(Guid.Empty, "a.pdf", "application/pdf", 3, AbcHash, "k", "u", At));
    }
}
