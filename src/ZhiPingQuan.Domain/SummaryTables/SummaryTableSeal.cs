using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>
/// An electronic seal: who confirmed the table, for which organisation, when, and the SHA-256 of
/// the content they saw. A seal is never deleted; a change to the rows voids it.
/// </summary>
public sealed class SummaryTableSeal : Entity
{
    public const int MaxNameLength = 200;

    private SummaryTableSeal() { }

    internal SummaryTableSeal(
        Guid summaryTableId,
        SealParty party,
        string sealedBy,
        Guid organisationId,
        string organisationName,
        DateTime atUtc,
        string contentHash)
    {
        if (string.IsNullOrWhiteSpace(sealedBy))
        {
            throw new DomainException("盖章人不能为空。");
        }
        if (organisationId == Guid.Empty || string.IsNullOrWhiteSpace(organisationName))
        {
            throw new DomainException("盖章单位不能为空。");
        }
        SummaryTableId = summaryTableId;
        Party = party;
        SealedBy = sealedBy.Trim();
        OrganisationId = organisationId;
        OrganisationName = organisationName.Trim();
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

    internal void Void(DateTime utcNow) => VoidedAtUtc ??= utcNow;
}
