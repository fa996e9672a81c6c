using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Applications;

// The steps of a quota application (docs/domain.md §4.4–§4.5). Each is an audit line of the application — its history;
// the feature's handlers tell the party that must act next (the third party on a submission, the enterprise on a
// decision). No event carries the stated score or level: the history is read by people who check them.

/// <summary>The enterprise started its application (a draft, filled in from the records).</summary>
public sealed record ApplicationDrafted(Guid ApplicationId, Guid EnterpriseId, Guid BatchId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationDrafted, nameof(QuotaApplication), ApplicationId, null,
        QuotaApplicationState.Draft.ToChinese(), "按评估记录和汇总表预填申请信息");
}

/// <summary>The enterprise changed its contact or its stated values; only the names of the fields are kept.</summary>
public sealed record ApplicationDetailsChanged(Guid ApplicationId, IReadOnlyList<string> Fields) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationDetailsChanged, nameof(QuotaApplication), ApplicationId, null, null,
        $"修改了：{string.Join("、", Fields)}");
}

public enum EvidenceChange
{
    Added,
    FileReplaced,
    DetailsChanged,
    Removed,
}

/// <summary>An evidence item was uploaded, given a new file (the old one kept as a version), corrected or removed.</summary>
public sealed record EvidenceChanged(Guid ApplicationId, Guid EvidenceItemId, EvidenceChange Change, EvidenceKind Kind, string Title,
    Guid? OldFileId, Guid? NewFileId) : IAuditedEvent
{
    public AuditLine Audit => new(Change switch
        {
            EvidenceChange.Added => AuditAction.EvidenceUploaded,
            EvidenceChange.FileReplaced => AuditAction.EvidenceReplaced,
            EvidenceChange.DetailsChanged => AuditAction.EvidenceChanged,
            _ => AuditAction.EvidenceRemoved,
        },
        nameof(QuotaApplication), ApplicationId, null, null,
        $"{Kind.ToChinese()}：{Title}" + Change switch
        {
            EvidenceChange.Added => $"（文件编号 {NewFileId}）",
            EvidenceChange.FileReplaced => $"（原文件编号 {OldFileId}，新文件编号 {NewFileId}）",
            EvidenceChange.Removed => $"（文件编号 {OldFileId}）",
            _ => string.Empty,
        });
}

/// <summary>Draft → Submitted (by the batch deadline, as extended).</summary>
public sealed record ApplicationSubmitted(Guid ApplicationId, Guid EnterpriseId, Guid BatchId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationSubmitted, nameof(QuotaApplication), ApplicationId,
        QuotaApplicationState.Draft.ToChinese(), QuotaApplicationState.Submitted.ToChinese());
}

/// <summary>A reviewer opened a submitted or resubmitted application (→ UnderReview).</summary>
public sealed record ApplicationReviewStarted(Guid ApplicationId, QuotaApplicationState StateBefore) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationReviewStarted, nameof(QuotaApplication), ApplicationId,
        StateBefore.ToChinese(), QuotaApplicationState.UnderReview.ToChinese());
}

/// <summary>UnderReview → Passed.</summary>
public sealed record ApplicationPassed(Guid ApplicationId, Guid EnterpriseId, string? Remark, bool InBulk) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationPassed, nameof(QuotaApplication), ApplicationId,
        QuotaApplicationState.UnderReview.ToChinese(), QuotaApplicationState.Passed.ToChinese(),
        InBulk ? (Remark is null ? "批量审核通过" : $"批量审核通过；{Remark}") : Remark);
}

/// <summary>UnderReview → Rejected, with the reason.</summary>
public sealed record ApplicationRejected(Guid ApplicationId, Guid EnterpriseId, string Reason) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationRejected, nameof(QuotaApplication), ApplicationId,
        QuotaApplicationState.UnderReview.ToChinese(), QuotaApplicationState.Rejected.ToChinese(), $"不通过原因：{Reason}");
}

/// <summary>UnderReview → ReturnedForSupplement: the items to fix, each with its reason, and the due date.</summary>
public sealed record ApplicationReturned(Guid ApplicationId, Guid EnterpriseId, int Sequence, DateOnly DueDate, string Reasons) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationReturned, nameof(QuotaApplication), ApplicationId,
        QuotaApplicationState.UnderReview.ToChinese(), QuotaApplicationState.ReturnedForSupplement.ToChinese(),
        $"第{Sequence}次退回补正，补正截止{ShanghaiTime.FormatDate(DueDate)}：{Reasons}");
}

/// <summary>ReturnedForSupplement → Resubmitted (已补正), with what changed.</summary>
public sealed record ApplicationResubmitted(Guid ApplicationId, Guid EnterpriseId, Guid BatchId, int Sequence, int ChangeCount) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationResubmitted, nameof(QuotaApplication), ApplicationId,
        QuotaApplicationState.ReturnedForSupplement.ToChinese(), QuotaApplicationState.Resubmitted.ToChinese(),
        $"第{Sequence}次补正，修改{ChangeCount}处");
}

/// <summary>The enterprise withdrew its application before a decision; it may apply again in the same year.</summary>
public sealed record ApplicationWithdrawn(Guid ApplicationId, Guid EnterpriseId, QuotaApplicationState StateBefore, string? Reason) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ApplicationWithdrawn, nameof(QuotaApplication), ApplicationId,
        StateBefore.ToChinese(), QuotaApplicationState.Withdrawn.ToChinese(), Reason is null ? null : $"撤回原因：{Reason}");
}
