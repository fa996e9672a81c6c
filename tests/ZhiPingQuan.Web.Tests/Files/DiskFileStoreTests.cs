using System.Security.Cryptography;
using System.Text;
using Moq;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Files;

/// <summary>The file store on a real folder: what is kept, what is refused, and that a refusal leaves nothing behind.</summary>
public sealed class DiskFileStoreTests : IDisposable
{
    private readonly string _root = StorageRoot.CreateTemp();
    private readonly DiskFileStore _store;
    private static readonly Guid Owner = Guid.CreateVersion7();

    public DiskFileStoreTests()
    {
        var clock = new Mock<IClock>();
        clock.SetupGet(c => c.UtcNow).Returns(new DateTime(2023, 11, 1, 8, 0, 0, DateTimeKind.Utc));
        _store = new DiskFileStore(new StorageOptions { Root = _root }, clock.Object);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private string[] FilesOnDisk() => Directory.GetFiles(_root, "*", SearchOption.AllDirectories);

    [Fact]
    public async Task A_pdf_is_kept_under_a_name_the_portal_chooses_with_its_sha256()
    {
        var content = Pdf(300_000);
        var stored = await _store.SaveAsync(new IncomingFile(new MemoryStream(content), "../../评估报告.pdf"), FileTypes.PdfOnly, 1_000_000, Owner, "周评估师");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(300_000, stored.SizeBytes);
        Assert.Equal("application/pdf", stored.ContentType);
        Assert.Equal("评估报告.pdf", stored.OriginalFileName);
        Assert.DoesNotContain("评估报告", stored.StorageKey);
        Assert.StartsWith("2023/11/", stored.StorageKey);
        var onDisk = Assert.Single(FilesOnDisk());
        Assert.Equal(content, await File.ReadAllBytesAsync(onDisk));
        await using var read = _store.OpenRead(stored);
        Assert.Equal(content.Length, read.Length);
    }

    [Fact]
    public async Task A_renamed_executable_is_not_a_pdf_and_leaves_no_file()
    {
        var exe = Encoding.ASCII.GetBytes("MZ\x90\0this program cannot be run in DOS mode");
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _store.SaveAsync(new IncomingFile(new MemoryStream(exe), "报告.pdf"), FileTypes.PdfOnly, 1_000_000, Owner, "周评估师"));
        Assert.Contains("不是PDF格式", error.Message);
        Assert.Empty(FilesOnDisk());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_and_leaves_no_file()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _store.SaveAsync(new IncomingFile(new MemoryStream(Pdf(2_500_000)), "大报告.pdf"), FileTypes.PdfOnly, 1_000_000, Owner, "周评估师"));
        Assert.Contains("上限", error.Message);
        Assert.Empty(FilesOnDisk());
    }

    [Fact]
    public async Task A_type_outside_the_list_is_refused_by_its_extension()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _store.SaveAsync(new IncomingFile(new MemoryStream(Pdf(1000)), "报告.exe"), FileTypes.PdfOnly, 1_000_000, Owner, "周评估师"));
        Assert.Contains("只接受PDF", error.Message);
        Assert.Empty(FilesOnDisk());
    }

    [Fact]
    public async Task A_replacement_is_a_new_version_and_the_earlier_one_is_kept()
    {
        var first = await _store.SaveAsync(new IncomingFile(new MemoryStream(Pdf(1000)), "v1.pdf"), FileTypes.PdfOnly, 1_000_000, Owner, "周评估师");
        var second = await _store.SaveAsync(new IncomingFile(new MemoryStream(Pdf(2000)), "v2.pdf"), FileTypes.PdfOnly, 1_000_000, Owner, "周评估师", first);

        Assert.Equal(first.Id, second.PreviousVersionId);
        Assert.Equal(2, second.VersionNumber);
        Assert.NotEqual(first.StorageKey, second.StorageKey);
        Assert.Equal(2, FilesOnDisk().Length);
    }

    [Fact]
    public async Task A_stream_failing_half_way_leaves_no_file()
    {
        // The client's connection dropping is an outside effect: a stream that fails after some bytes.
        var failing = new Mock<Stream>();
        var calls = 0;
        failing.Setup(s => s.ReadAsync(It.IsAny<Memory<byte>>(), It.IsAny<CancellationToken>()))
            .Returns((Memory<byte> buffer, CancellationToken _) =>
            {
                if (calls++ > 0)
                {
                    throw new IOException("connection reset");
                }
                "%PDF-1.7"u8.CopyTo(buffer.Span);
                return ValueTask.FromResult(8);
            });
        await Assert.ThrowsAsync<IOException>(() =>
            _store.SaveAsync(new IncomingFile(failing.Object, "报告.pdf"), FileTypes.PdfOnly, 1_000_000, Owner, "周评估师"));
        Assert.Empty(FilesOnDisk());
    }
}
