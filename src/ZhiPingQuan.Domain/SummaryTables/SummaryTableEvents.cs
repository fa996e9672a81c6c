using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.SummaryTables;

// The transitions of a summary table (docs/domain.md §4.3). Each is an audit line — the table's history — and the
// feature's handlers turn the seals, the refusal, the submission and the reopening into notices; the submission and
// the reopening also list and unlist the rows' recommendations in the same save. No event carries a score or a level.

/// <summary>A revision was drafted: revision 1 by the district from the records, a later one by the commission's reopening.</summary>
public sealed record SummaryTableDrafted(Guid TableId, Guid UnitId, Guid BatchId, string Title, int Revision, int RowCount) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.SummaryTableDrafted, nameof(SummaryTable), TableId, null, SummaryTableState.Draft.ToChinese(),
        Revision == 1 ? $"生成汇总表草稿，共{RowCount}家企业" : $"第{Revision}版（第{Revision - 1}版退回后生成），共{RowCount}家企业");
}

/// <summary>What kind of change the rows went through.</summary>
public enum SummaryTableRowChange
{
    Added,
    Moved,
    ContactCorrected,
    Dropped,
    UpdatedFromRecords,
}

/// <summary>
/// The rows changed (a late-assessed enterprise added, rows reordered, a contact corrected, a row dropped or refreshed from
/// the records). When seals were on the table they were voided and the table went back to Draft.
/// </summary>
public sealed record SummaryTableRowsChanged(
    Guid TableId, Guid UnitId, Guid BatchId, SummaryTableRowChange Change, string Detail, SummaryTableState StateBefore, bool SealsVoided)
    : IAuditedEvent
{
    public AuditLine Audit => new(Change switch
        {
            SummaryTableRowChange.Added => AuditAction.SummaryTableRowAdded,
            SummaryTableRowChange.Moved => AuditAction.SummaryTableRowMoved,
            SummaryTableRowChange.ContactCorrected => AuditAction.SummaryTableContactCorrected,
            SummaryTableRowChange.Dropped => AuditAction.SummaryTableRowDropped,
            _ => AuditAction.SummaryTableRowsUpdated,
        },
        nameof(SummaryTable), TableId,
        // A draft that stays a draft has no state change to show.
        StateBefore == SummaryTableState.Draft ? null : StateBefore.ToChinese(),
        StateBefore == SummaryTableState.Draft ? null : SummaryTableState.Draft.ToChinese(),
        SealsVoided ? $"{Detail}；{SealVoidCause.ContentChanged.ToChinese()}" : Detail);
}

/// <summary>A seal was put on the table (Draft → DistrictSealed, or DistrictSealed → ThirdPartySealed).</summary>
public sealed record SummaryTableSealed(
    Guid TableId, Guid UnitId, Guid BatchId, string Title, int Revision, SealParty Party, string SealedBy, Guid OrganisationId, string ContentHash)
    : IAuditedEvent
{
    public AuditLine Audit => Party == SealParty.District
        ? new(AuditAction.SummaryTableSealedByDistrict, nameof(SummaryTable), TableId,
            SummaryTableState.Draft.ToChinese(), SummaryTableState.DistrictSealed.ToChinese(), $"内容摘要（SHA-256）{ContentHash}")
        : new(AuditAction.SummaryTableSealedByThirdParty, nameof(SummaryTable), TableId,
            SummaryTableState.DistrictSealed.ToChinese(), SummaryTableState.ThirdPartySealed.ToChinese(), $"内容摘要（SHA-256）{ContentHash}");
}

/// <summary>The third party refused to seal, with a reason (DistrictSealed → Draft; the district's seal is voided).</summary>
public sealed record SummaryTableSealRefused(Guid TableId, Guid UnitId, Guid BatchId, string Title, int Revision, Guid OrganisationId, string Reason)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.SummaryTableSealRefused, nameof(SummaryTable), TableId,
        SummaryTableState.DistrictSealed.ToChinese(), SummaryTableState.Draft.ToChinese(), $"拒绝原因：{Reason}");
}

/// <summary>The district submitted the sealed table (ThirdPartySealed → Submitted); its rows' recommendations become Listed in the same save.</summary>
public sealed record SummaryTableSubmitted(
    Guid TableId, Guid UnitId, Guid BatchId, string Title, int Revision, string VerificationCode, IReadOnlyList<Guid> EnterpriseIds, bool Late)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.SummaryTableSubmitted, nameof(SummaryTable), TableId,
        SummaryTableState.ThirdPartySealed.ToChinese(), SummaryTableState.Submitted.ToChinese(),
        $"第{Revision}版，共{EnterpriseIds.Count}家企业，验证码{SummaryTable.FormatVerificationCode(VerificationCode)}");
}

/// <summary>
/// The commission reopened a submitted revision with a reason: it stays readable but superseded, revision + 1 starts as a
/// draft, and the rows' recommendations are unlisted until that revision is submitted.
/// </summary>
public sealed record SummaryTableReopened(
    Guid TableId, Guid NewRevisionId, Guid UnitId, Guid BatchId, string Title, int Revision, string Reason, IReadOnlyList<Guid> EnterpriseIds)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.SummaryTableReopened, nameof(SummaryTable), TableId,
        SummaryTableState.Submitted.ToChinese(), $"已被第{Revision + 1}版取代", $"退回原因：{Reason}");
}
