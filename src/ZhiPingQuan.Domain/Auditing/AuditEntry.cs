using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Auditing;

/// <summary>
/// One line of the append-only audit trail: every state change and every sensitive read
/// (file downloads). Never updated or deleted: the database refuses it (triggers), except the one update that links
/// a new line into the hash chain (docs/domain.md §5).
/// </summary>
public sealed class AuditEntry : Entity
{
    private AuditEntry() { }

    public AuditEntry(
        DateTime atUtc,
        Guid? userId,
        string userName,
        Guid? organisationId,
        string organisationName,
        AuditAction action,
        string recordType,
        Guid? recordId,
        string? before,
        string? after,
        string? detail,
        string? remoteAddress)
    {
        AtUtc = atUtc;
        UserId = userId;
        UserName = userName;
        OrganisationId = organisationId;
        OrganisationName = organisationName;
        Action = action;
        RecordType = recordType;
        RecordId = recordId;
        Before = before;
        After = after;
        Detail = detail;
        RemoteAddress = remoteAddress;
    }

    public DateTime AtUtc { get; private set; }
    public Guid? UserId { get; private set; }
    public string UserName { get; private set; } = string.Empty;
    public Guid? OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = string.Empty;

    /// <summary>What happened, from the closed catalogue (shown by its Chinese name).</summary>
    public AuditAction Action { get; private set; }

    /// <summary>The kind of record (CLR type name, e.g. "QuotaApplication").</summary>
    public string RecordType { get; private set; } = string.Empty;
    public Guid? RecordId { get; private set; }

    /// <summary>State before the change (e.g. "Draft"), or null for creations and reads.</summary>
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? Detail { get; private set; }
    public string? RemoteAddress { get; private set; }

    /// <summary>Position in the hash chain (0, 1, 2 …; unique), once the line is linked; null until then.</summary>
    public long? ChainIndex { get; private set; }

    /// <summary>The hash of the line before it in the chain (64 zeros for the first).</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>SHA-256 (hex) of <see cref="PreviousHash"/> and this line's content: changing any field, or removing or
    /// reordering a line, breaks every link after it.</summary>
    public string? Hash { get; private set; }

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Links the line after <paramref name="previousHash"/>; a line is linked once.</summary>
    public void LinkInto(long index, string previousHash)
    {
        if (Hash is not null)
        {
            throw new DomainException("审计记录已写入哈希链，不能再次写入。");
        }
        ChainIndex = index;
        PreviousHash = previousHash;
        Hash = ComputeHash(index, previousHash);
    }

    /// <summary>The hash this line should have at <paramref name="index"/> after <paramref name="previousHash"/>.</summary>
    public string ComputeHash(long index, string previousHash)
    {
        // One field a line, each with its length, so no two different lines serialise alike.
        var text = new StringBuilder();
        void Add(string? value) => text.Append(value is null ? "-1:" : $"{value.Length}:{value}").Append('\n');
        Add(index.ToString(CultureInfo.InvariantCulture));
        Add(previousHash);
        Add(Id.ToString("D"));
        Add(AtUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        Add(UserId?.ToString("D"));
        Add(UserName);
        Add(OrganisationId?.ToString("D"));
        Add(OrganisationName);
        Add(Action.ToString());
        Add(RecordType);
        Add(RecordId?.ToString("D"));
        Add(Before);
        Add(After);
        Add(Detail);
        Add(RemoteAddress);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
