using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Upgrades;

// The district's entries in an upgrade record (docs/domain.md §4.7): each is an audit line of the record, which its page
// shows as the record's history. The lines name the capability domain and the project, never the problem's text.

public sealed record UpgradeProblemRecorded(Guid UpgradeRecordId, Guid EnterpriseId, Guid ProblemId, CapabilityArea Area) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.UpgradeProblemRecorded, nameof(UpgradeRecord), UpgradeRecordId, null, Area.ToChinese(), $"能力域：{Area.ToChinese()}");
}

public sealed record UpgradeProblemChanged(Guid UpgradeRecordId, Guid EnterpriseId, Guid ProblemId, CapabilityArea Before, CapabilityArea After) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.UpgradeProblemChanged, nameof(UpgradeRecord), UpgradeRecordId, Before.ToChinese(), After.ToChinese(), "修改问题描述或能力域");
}

public sealed record UpgradeProblemRemoved(Guid UpgradeRecordId, Guid EnterpriseId, Guid ProblemId, CapabilityArea Area) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.UpgradeProblemRemoved, nameof(UpgradeRecord), UpgradeRecordId, Area.ToChinese(), null, $"能力域：{Area.ToChinese()}");
}

public sealed record FollowUpProjectAdded(Guid UpgradeRecordId, Guid EnterpriseId, Guid ProjectId, string Name) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.FollowUpProjectAdded, nameof(UpgradeRecord), UpgradeRecordId, null, FollowUpProjectStatus.Planned.ToChinese(), $"项目：{Name}");
}

public sealed record FollowUpProjectChanged(Guid UpgradeRecordId, Guid EnterpriseId, Guid ProjectId, string Name, FollowUpProjectStatus Status) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.FollowUpProjectChanged, nameof(UpgradeRecord), UpgradeRecordId, Status.ToChinese(), Status.ToChinese(), $"项目：{Name}");
}

public sealed record FollowUpProjectStarted(Guid UpgradeRecordId, Guid EnterpriseId, Guid ProjectId, string Name, DateOnly StartDate) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.FollowUpProjectStarted, nameof(UpgradeRecord), UpgradeRecordId,
        FollowUpProjectStatus.Planned.ToChinese(), FollowUpProjectStatus.InProgress.ToChinese(), $"项目：{Name}，开始日期{ShanghaiTime.FormatDate(StartDate)}");
}

public sealed record FollowUpProjectCompleted(Guid UpgradeRecordId, Guid EnterpriseId, Guid ProjectId, string Name, FollowUpProjectStatus Before, DateOnly EndDate) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.FollowUpProjectCompleted, nameof(UpgradeRecord), UpgradeRecordId,
        Before.ToChinese(), FollowUpProjectStatus.Completed.ToChinese(), $"项目：{Name}，完成日期{ShanghaiTime.FormatDate(EndDate)}");
}

public sealed record FollowUpProjectCancelled(Guid UpgradeRecordId, Guid EnterpriseId, Guid ProjectId, string Name, FollowUpProjectStatus Before) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.FollowUpProjectCancelled, nameof(UpgradeRecord), UpgradeRecordId,
        Before.ToChinese(), FollowUpProjectStatus.Cancelled.ToChinese(), $"项目：{Name}");
}
