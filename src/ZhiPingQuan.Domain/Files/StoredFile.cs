using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Files;

/// <summary>
/// Metadata of one uploaded file (assessment reports, application evidence). The bytes live in the
/// file store under <see cref="StorageKey"/>, a key the portal chooses — never the user's file name,
/// which is kept only to show and to offer on download. A replaced file is not overwritten: the
/// replacement is a new record pointing at the one it replaces, so every version stays readable.
/// </summary>
public sealed class StoredFile : Entity
{
    public const int MaxFileNameLength = 255;

    private StoredFile() { }

    public StoredFile(
        Guid ownerOrganisationId,
        string originalFileName,
        string contentType,
        long sizeBytes,
        string sha256Hex,
        string storageKey,
        string uploadedBy,
        DateTime atUtc)
        : this(ownerOrganisationId, originalFileName, contentType, sizeBytes, sha256Hex, storageKey, uploadedBy, atUtc, null, 1)
    {
    }

    private StoredFile(
        Guid ownerOrganisationId,
        string originalFileName,
        string contentType,
        long sizeBytes,
        string sha256Hex,
        string storageKey,
        string uploadedBy,
        DateTime atUtc,
        Guid? previousVersionId,
        int versionNumber)
    {
        if (ownerOrganisationId == Guid.Empty)
        {
            throw new DomainException("文件必须属于一个单位。");
        }
        var name = Path.GetFileName((originalFileName ?? string.Empty).Replace('\\', '/')).Trim();
        if (name.Length == 0)
        {
            throw new DomainException("文件名不能为空。");
        }
        if (name.Length > MaxFileNameLength)
        {
            throw new DomainException($"文件名过长（最多{MaxFileNameLength}个字符）。");
        }
        if (string.IsNullOrWhiteSpace(contentType))
        {
            throw new DomainException("文件类型不能为空。");
        }
        if (sizeBytes <= 0)
        {
            throw new DomainException("文件为空。");
        }
        if (!FileHashing.IsSha256Hex(sha256Hex))
        {
            throw new DomainException("文件校验值（SHA-256）格式不正确。");
        }
        if (string.IsNullOrWhiteSpace(storageKey))
        {
            throw new DomainException("文件存储位置不能为空。");
        }
        if (string.IsNullOrWhiteSpace(uploadedBy))
        {
            throw new DomainException("上传人不能为空。");
        }

        OwnerOrganisationId = ownerOrganisationId;
        OriginalFileName = name;
        ContentType = contentType.Trim();
        SizeBytes = sizeBytes;
        Sha256 = sha256Hex.ToLowerInvariant();
        StorageKey = storageKey.Trim();
        UploadedBy = uploadedBy.Trim();
        AtUtc = atUtc;
        PreviousVersionId = previousVersionId;
        VersionNumber = versionNumber;
    }

    public Guid OwnerOrganisationId { get; private set; }

    /// <summary>The name the user's file had; metadata only, never used as a path.</summary>
    public string OriginalFileName { get; private set; } = string.Empty;
    public string ContentType { get; private set; } = string.Empty;
    public long SizeBytes { get; private set; }

    /// <summary>SHA-256 of the content, lower-case hex (64 characters).</summary>
    public string Sha256 { get; private set; } = string.Empty;

    /// <summary>Where the file store keeps the bytes; chosen by the portal.</summary>
    public string StorageKey { get; private set; } = string.Empty;
    public string UploadedBy { get; private set; } = string.Empty;
    public DateTime AtUtc { get; private set; }

    /// <summary>The file this one replaces, or null for a first upload.</summary>
    public Guid? PreviousVersionId { get; private set; }

    /// <summary>1 for a first upload, previous + 1 for each replacement.</summary>
    public int VersionNumber { get; private set; }

    /// <summary>A replacement of this file: a new record that keeps this one as its previous version.</summary>
    public StoredFile NewVersion(
        string originalFileName,
        string contentType,
        long sizeBytes,
        string sha256Hex,
        string storageKey,
        string uploadedBy,
        DateTime atUtc) =>
        new(OwnerOrganisationId, originalFileName, contentType, sizeBytes, sha256Hex, storageKey, uploadedBy, atUtc, Id, VersionNumber + 1);
}
