using System.Security.Cryptography;
using System.Text.Json;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>What the server keeps about an upload between preview and confirm (never taken from the client).</summary>
public sealed record StoredImport(
    Guid Id,
    Guid UnitId,
    Guid BatchId,
    string FileName,
    long SizeBytes,
    string Sha256,
    Guid? UploadedByUserId,
    string UploadedBy,
    DateTime UploadedAtUtc);

/// <summary>The summary kept for the result page once an import is confirmed (the upload itself is deleted).</summary>
public sealed record ImportResultRecord(
    Guid Id,
    Guid UnitId,
    Guid BatchId,
    string BatchTitle,
    string FileName,
    int Created,
    int Updated,
    int NewEnterprises,
    int Invalid,
    DateTime ImportedAtUtc,
    string ImportedBy);

/// <summary>
/// Uploaded lists between preview and confirm, under Storage:Root/imports/&lt;unit&gt;/&lt;id&gt;.upload with a
/// small &lt;id&gt;.json beside it saying which batch and who, and &lt;id&gt;.verdict: the list as read and checked
/// at upload (<see cref="BatchImportVerdict"/>), which the preview pages and the error workbook are served
/// from. Everything is on disk under the storage root — nothing lives only in one process's memory — so any
/// portal instance sharing that folder serves any step. Everything is looked up inside the caller's own unit
/// folder, so another unit's import id simply finds nothing (404). The upload is streamed to disk and read
/// from there, never held whole in memory by us. After confirm only the error rows and the result summary
/// stay, for the result page; every file here older than a day is swept on the unit's next upload.
/// </summary>
public sealed class BatchImportStore(StorageOptions storage, IClock clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private string UnitFolder(Guid unitId) => Path.Combine(storage.Root, "imports", unitId.ToString("N"));

    private string UploadPath(Guid unitId, Guid id) => Path.Combine(UnitFolder(unitId), $"{id:N}.upload");
    private string VerdictPath(Guid unitId, Guid id) => Path.Combine(UnitFolder(unitId), $"{id:N}.verdict");
    private string MetaPath(Guid unitId, Guid id) => Path.Combine(UnitFolder(unitId), $"{id:N}.json");
    private string ErrorsPath(Guid unitId, Guid id) => Path.Combine(UnitFolder(unitId), $"{id:N}-errors.xlsx");
    private string ResultPath(Guid unitId, Guid id) => Path.Combine(UnitFolder(unitId), $"{id:N}-result.json");

    /// <summary>
    /// Streams the upload to disk, hashing it on the way; stops and keeps nothing once it passes
    /// <paramref name="maxBytes"/> (a client may lie about the length). Returns null when too large.
    /// </summary>
    public async Task<StoredImport?> SaveAsync(Guid unitId, Guid batchId, string fileName, Stream content, long maxBytes,
        Guid? userId, string userName, CancellationToken ct = default)
    {
        var folder = UnitFolder(unitId);
        Directory.CreateDirectory(folder);
        SweepStale(unitId);

        var id = Guid.CreateVersion7();
        var path = UploadPath(unitId, id);
        var partial = path + ".part";
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        break;
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (size > maxBytes)
            {
                File.Delete(partial);
                return null;
            }
            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        var stored = new StoredImport(id, unitId, batchId, Path.GetFileName(fileName), size,
            Convert.ToHexStringLower(hash.GetHashAndReset()), userId, userName, clock.UtcNow);
        await File.WriteAllTextAsync(MetaPath(unitId, id), JsonSerializer.Serialize(stored, Json), ct);
        return stored;
    }

    /// <summary>The pending upload with this id in the unit's own folder, or null (gone, or another unit's).</summary>
    public StoredImport? Find(Guid unitId, Guid id)
    {
        var meta = MetaPath(unitId, id);
        if (!File.Exists(meta) || !File.Exists(UploadPath(unitId, id)))
        {
            return null;
        }
        var stored = JsonSerializer.Deserialize<StoredImport>(File.ReadAllText(meta), Json);
        return stored is not null && stored.UnitId == unitId && stored.Id == id ? stored : null;
    }

    public Stream OpenUpload(StoredImport stored) =>
        new FileStream(UploadPath(stored.UnitId, stored.Id), FileMode.Open, FileAccess.Read, FileShare.Read, 81920);

    /// <summary>Removes the upload, its description and its verdict (after confirm, cancel or a refused file).</summary>
    public void DeleteUpload(Guid unitId, Guid id)
    {
        File.Delete(VerdictPath(unitId, id));
        File.Delete(UploadPath(unitId, id));
        File.Delete(MetaPath(unitId, id));
    }

    /// <summary>Keeps the verdict of a pending upload (written whole to a temporary file first, then moved into place).</summary>
    public async Task SaveVerdictAsync(StoredImport stored, BatchImportVerdict verdict, CancellationToken ct = default)
    {
        if (!verdict.BelongsTo(stored))
        {
            throw new InvalidOperationException($"the verdict of import {verdict.ImportId} does not belong to import {stored.Id}");
        }
        var path = VerdictPath(stored.UnitId, stored.Id);
        var partial = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await JsonSerializer.SerializeAsync(file, verdict, Json, ct);
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The verdict kept for this pending upload, or null (none, or not this import's file).</summary>
    public async Task<BatchImportVerdict?> FindVerdictAsync(StoredImport stored, CancellationToken ct = default)
    {
        var path = VerdictPath(stored.UnitId, stored.Id);
        if (!File.Exists(path))
        {
            return null;
        }
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var verdict = await JsonSerializer.DeserializeAsync<BatchImportVerdict>(file, Json, ct);
        return verdict is not null && verdict.BelongsTo(stored) ? verdict : null;
    }

    public async Task SaveOutcomeAsync(ImportResultRecord result, byte[]? errorWorkbook, CancellationToken ct = default)
    {
        Directory.CreateDirectory(UnitFolder(result.UnitId));
        if (errorWorkbook is not null)
        {
            await File.WriteAllBytesAsync(ErrorsPath(result.UnitId, result.Id), errorWorkbook, ct);
        }
        await File.WriteAllTextAsync(ResultPath(result.UnitId, result.Id), JsonSerializer.Serialize(result, Json), ct);
    }

    public ImportResultRecord? FindResult(Guid unitId, Guid id)
    {
        var path = ResultPath(unitId, id);
        if (!File.Exists(path))
        {
            return null;
        }
        var result = JsonSerializer.Deserialize<ImportResultRecord>(File.ReadAllText(path), Json);
        return result is not null && result.UnitId == unitId && result.Id == id ? result : null;
    }

    /// <summary>The error rows saved at confirm (the upload itself is gone by then).</summary>
    public byte[]? FindSavedErrorWorkbook(Guid unitId, Guid id)
    {
        var path = ErrorsPath(unitId, id);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>
    /// Previews abandoned without confirm or cancel, and results older than a day, are removed (on the unit's
    /// next upload). Ages come from the times recorded in the .json files — the portal's clock — not from the
    /// file system.
    /// </summary>
    public void SweepStale(Guid unitId)
    {
        var folder = UnitFolder(unitId);
        if (!Directory.Exists(folder))
        {
            return;
        }
        var cutoff = clock.UtcNow - KeepFor;
        foreach (var json in Directory.EnumerateFiles(folder, "*.json"))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(json));
                var root = document.RootElement;
                var recorded = root.TryGetProperty(nameof(StoredImport.UploadedAtUtc), out var uploaded) ? uploaded.GetDateTime()
                    : root.TryGetProperty(nameof(ImportResultRecord.ImportedAtUtc), out var imported) ? imported.GetDateTime()
                    : DateTime.MinValue;
                if (recorded >= cutoff)
                {
                    continue;
                }
                var id = Path.GetFileNameWithoutExtension(json).Replace("-result", string.Empty, StringComparison.Ordinal);
                foreach (var file in Directory.EnumerateFiles(folder, id + "*"))
                {
                    File.Delete(file);
                }
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException)
            {
                // Being written or read by a request right now: the next sweep takes it.
            }
        }
    }
}
