using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>Who seals: a signed-in user of the sealing organisation.</summary>
public sealed record Sealer(string Name, Guid OrganisationId, string OrganisationName);

/// <summary>
/// An electronic seal: who confirmed the table, for which organisation, when, and the SHA-256 of
/// the content they saw. A seal is never deleted; a change to the rows (or a refusal) voids it, visibly.
/// </summary>
public sealed class SummaryTableSeal : Entity
{
    public const int MaxNameLength = 200;

    private SummaryTableSeal() { }

    internal SummaryTableSeal(Guid summaryTableId, SealParty party, Sealer sealer, DateTime atUtc, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        if (string.IsNullOrWhiteSpace(sealer.Name))
        {
            throw new DomainException("盖章人不能为空。");
        }
        if (sealer.OrganisationId == Guid.Empty || string.IsNullOrWhiteSpace(sealer.OrganisationName))
        {
            throw new DomainException("盖章单位不能为空。");
        }
        SummaryTableId = summaryTableId;
        Party = party;
        SealedBy = sealer.Name.Trim();
        OrganisationId = sealer.OrganisationId;
        OrganisationName = sealer.OrganisationName.Trim();
        AtUtc = atUtc;
        ContentHash = contentHash;
    }

    public Guid SummaryTableId { get; private set; }
    public SealParty Party { get; private set; }
    public string SealedBy { get; private set; } = string.Empty;
    public Guid OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = string.Empty;
    public DateTime AtUtc { get; private set; }

    /// <summary>SHA-256 (hex) of the table's canonical content when sealed.</summary>
    public string ContentHash { get; private set; } = string.Empty;

    public bool IsVoided => VoidedAtUtc is not null;
    public DateTime? VoidedAtUtc { get; private set; }
    public SealVoidCause? VoidCause { get; private set; }

    /// <summary>The first 16 hex digits of the hash: what the printed seal box shows.</summary>
    public string ShortHash => ContentHash.Length > 16 ? ContentHash[..16] : ContentHash;

    internal void Void(DateTime utcNow, SealVoidCause cause)
    {
        if (VoidedAtUtc is null)
        {
            VoidedAtUtc = utcNow;
            VoidCause = cause;
        }
    }
}
