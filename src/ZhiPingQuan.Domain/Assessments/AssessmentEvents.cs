using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Domain.Assessments;

// The transitions of an assessment (docs/domain.md §4.2). Each is an audit line; notices and the effect on the
// recommendation are handled where they belong. No event carries the assessment's result values: the audit
// trail is also the record's history, which people read who may not yet see the result.

/// <summary>The district assigned an agency (state Assigned).</summary>
public sealed record AgencyAssigned(Guid AssessmentId, Guid EnterpriseId, Guid RecommendingUnitId, Guid AgencyId, string AgencyName, AgencyLevel AgencyLevel)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AgencyAssigned, nameof(Assessment), AssessmentId,
        null, $"{AgencyName}（{AgencyLevel.ToChinese()}）", $"指派{AgencyName}评估诊断");
}

/// <summary>The enterprise agreed to the assigned agency.</summary>
public sealed record AgencyAgreedByEnterprise(Guid AssessmentId, Guid EnterpriseId, Guid AgencyId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AgencyAgreedByEnterprise, nameof(Assessment), AssessmentId, null, null, "企业同意由所指派的服务机构进行评估诊断");
}

/// <summary>The enterprise declined the assigned agency with a reason: the district must reassign.</summary>
public sealed record AgencyDeclinedByEnterprise(Guid AssessmentId, Guid EnterpriseId, Guid RecommendingUnitId, Guid AgencyId, string Reason)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AgencyDeclinedByEnterprise, nameof(Assessment), AssessmentId, null, null, $"拒绝原因：{Reason}");
}

/// <summary>The agency declared a conflict of interest: it cannot take the task; the district must reassign.</summary>
public sealed record ConflictOfInterestDeclared(Guid AssessmentId, Guid EnterpriseId, Guid RecommendingUnitId, Guid AgencyId, string Statement)
    : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ConflictOfInterestDeclared, nameof(Assessment), AssessmentId, null, null, $"声明内容：{Statement}");
}

/// <summary>The agency declared no conflict of interest and accepted (Assigned → InProgress).</summary>
public sealed record AssessmentAccepted(Guid AssessmentId, Guid AgencyId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AssessmentAccepted, nameof(Assessment), AssessmentId,
        AssessmentState.Assigned.ToChinese(), AssessmentState.InProgress.ToChinese());
}

/// <summary>The district gave the task to another agency (back to Assigned); the previous agency's record was cleared.</summary>
public sealed record AgencyReassigned(
    Guid AssessmentId, Guid EnterpriseId, Guid RecommendingUnitId, Guid PreviousAgencyId, AssessmentState StateBefore,
    Guid AgencyId, string AgencyName, AgencyLevel AgencyLevel, string Reason) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AgencyReassigned, nameof(Assessment), AssessmentId,
        StateBefore.ToChinese(), $"{AgencyName}（{AgencyLevel.ToChinese()}）", $"改派原因：{Reason}");
}

/// <summary>The agency saved its record; only the names of the fields it changed are kept, never their values.</summary>
public sealed record AssessmentRecordSaved(Guid AssessmentId, IReadOnlyList<string> ChangedFields) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AssessmentRecordSaved, nameof(Assessment), AssessmentId, null, null,
        ChangedFields.Count == 0 ? "未修改任何内容" : $"修改了：{string.Join("、", ChangedFields)}");
}

/// <summary>The agency marked a process step done.</summary>
public sealed record CheckpointCompleted(Guid AssessmentId, AssessmentCheckpoint Checkpoint) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.CheckpointCompleted, nameof(Assessment), AssessmentId, null, $"{Checkpoint.ToChinese()}已完成");
}

/// <summary>The agency submitted (or, after a return, resubmitted) the report.</summary>
public sealed record ReportSubmitted(Guid AssessmentId, Guid EnterpriseId, Guid AgencyId, AssessmentState StateBefore, int ReportVersion, Guid ReportFileId)
    : IAuditedEvent
{
    public bool IsResubmission => StateBefore == AssessmentState.Returned;

    public AuditLine Audit => new(IsResubmission ? AuditAction.ReportResubmitted : AuditAction.ReportSubmitted, nameof(Assessment), AssessmentId,
        StateBefore.ToChinese(), AssessmentState.ReportSubmitted.ToChinese(), $"第{ReportVersion}次提交");
}

/// <summary>The third party confirmed compliance (state stays ReportSubmitted; the district may now confirm).</summary>
public sealed record ComplianceConfirmed(Guid AssessmentId, Guid EnterpriseId, Guid RecommendingUnitId, int ReportVersion) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ComplianceConfirmed, nameof(Assessment), AssessmentId,
        "报告已提交（待核查）", "报告已提交（合规已确认）", $"第{ReportVersion}次提交的报告");
}

/// <summary>The third party returned the report to the agency with reasons (ReportSubmitted → Returned).</summary>
public sealed record ReportReturned(Guid AssessmentId, Guid EnterpriseId, Guid AgencyId, int ReportVersion, string Reasons) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.ReportReturned, nameof(Assessment), AssessmentId,
        AssessmentState.ReportSubmitted.ToChinese(), AssessmentState.Returned.ToChinese(), $"退回原因：{Reasons}");
}

/// <summary>The district confirmed completion (ReportSubmitted → Confirmed); the recommendation becomes Assessed in the same save.</summary>
public sealed record AssessmentConfirmed(Guid AssessmentId, Guid RecommendationId, Guid EnterpriseId, Guid AgencyId) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.AssessmentConfirmed, nameof(Assessment), AssessmentId,
        AssessmentState.ReportSubmitted.ToChinese(), AssessmentState.Confirmed.ToChinese());
}
