using System.IO.Compression;
using System.Security.Cryptography;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Web.Infrastructure.Files;

/// <summary>An upload as it arrives: the user's file name is only metadata.</summary>
public sealed record IncomingFile(Stream Content, string FileName);

/// <summary>
/// Every uploaded file goes through here: streamed to disk under
/// Storage:Root — never buffered whole in memory — with a name the portal chooses, its SHA-256
/// computed on the way, its content checked against the declared type and its size against the
/// limit. A refused upload leaves no file behind.
/// The returned <see cref="StoredFile"/> is not yet saved: the caller adds it to the DbContext
/// with the record that uses it, and calls <see cref="DeleteAsync"/> if that save fails.
/// </summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(IncomingFile file, IReadOnlyList<AllowedFileType> allowed, long maxSizeBytes,
        Guid ownerOrganisationId, string uploadedBy, StoredFile? previousVersion = null, CancellationToken ct = default);

    Stream OpenRead(StoredFile file);

    Task DeleteAsync(string storageKey);
}

public static class FileStoreReading
{
    /// <summary>
    /// The stored file's content, or null when its file is gone from the store (removed by hand, a restore without the
    /// files): a download answers 404 and a check says it cannot read it, rather than failing the request.
    /// </summary>
    public static Stream? TryOpenRead(this IFileStore store, StoredFile file)
    {
        try
        {
            return store.OpenRead(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}

public sealed class DiskFileStore(StorageOptions storage, IClock clock) : IFileStore
{
    private const int BufferSize = 81920;

    public async Task<StoredFile> SaveAsync(IncomingFile file, IReadOnlyList<AllowedFileType> allowed, long maxSizeBytes,
        Guid ownerOrganisationId, string uploadedBy, StoredFile? previousVersion = null, CancellationToken ct = default)
    {
        var now = clock.UtcNow;
        var key = $"{now:yyyy}/{now:MM}/{Guid.CreateVersion7():N}";
        var finalPath = PathFor(key);
        var tempPath = Path.Combine(storage.Root, "tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(tempPath)!);

        try
        {
            var (size, head, sha256) = await CopyHashingAsync(file.Content, tempPath, maxSizeBytes, ct);
            // Size over the limit is reported with the limit (the copy stopped reading at limit + 1).
            var type = FileTypes.EnsureAllowed(file.FileName, size, head, allowed, maxSizeBytes);
            EnsurePackageParts(type, file.FileName, tempPath);
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            File.Move(tempPath, finalPath);
            var name = Path.GetFileName(file.FileName);
            return previousVersion is null
                ? new StoredFile(ownerOrganisationId, name, type.ContentType, size, sha256, key, uploadedBy, now)
                : previousVersion.NewVersion(name, type.ContentType, size, sha256, key, uploadedBy, now);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    /// <summary>
    /// A .docx, .xlsx or .ofd must be a ZIP holding its format's own parts, not any ZIP renamed (docs/domain.md §5 Files). Only
    /// the archive's directory is read — nothing is unpacked — with the BCL's ZIP reader.
    /// </summary>
    private static void EnsurePackageParts(AllowedFileType type, string fileName, string path)
    {
        if (type.PackageParts.Count == 0)
        {
            return;
        }
        string? error;
        try
        {
            using var archive = ZipFile.OpenRead(path);
            error = FileTypes.PackageError(type, fileName, archive.Entries.Select(e => e.FullName));
        }
        catch (InvalidDataException)
        {
            error = FileTypes.DamagedPackage(type, fileName);
        }
        if (error is not null)
        {
            throw new DomainException(error);
        }
    }

    /// <summary>Copies to disk in chunks while hashing; stops one byte past the limit so a huge upload is not read to the end.</summary>
    private static async Task<(long Size, byte[] Head, string Sha256)> CopyHashingAsync(Stream source, string path, long maxSizeBytes, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        var head = new List<byte>(FileSignature.BytesNeeded);
        long size = 0;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                if (head.Count < FileSignature.BytesNeeded)
                {
                    head.AddRange(buffer.Take(Math.Min(read, FileSignature.BytesNeeded - head.Count)));
                }
                size += read;
                if (size > maxSizeBytes)
                {
                    break;
                }
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        return (size, head.ToArray(), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public Stream OpenRead(StoredFile file) =>
        new FileStream(PathFor(file.StorageKey), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);

    public Task DeleteAsync(string storageKey)
    {
        File.Delete(PathFor(storageKey));
        return Task.CompletedTask;
    }

    private string PathFor(string key)
    {
        // Keys are made here (yyyy/MM/guid); refuse anything that would leave the storage root.
        var full = Path.GetFullPath(Path.Combine(storage.Root, key));
        if (!full.StartsWith(storage.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("storage key outside the storage root");
        }
        return full;
    }
}
