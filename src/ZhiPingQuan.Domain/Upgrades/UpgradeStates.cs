namespace ZhiPingQuan.Domain.Upgrades;

public enum FollowUpProjectStatus
{
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>An assessed enterprise's follow-up, from its projects (<see cref="UpgradeRecord.StatusOf"/>).</summary>
public enum FollowUpStatus
{
    NotTracked,
    Planned,
    InProgress,
    Completed,
}

public static class FollowUpProjectStatusNames
{
    public static string ToChinese(this FollowUpProjectStatus status) => status switch
    {
        FollowUpProjectStatus.Planned => "计划中",
        FollowUpProjectStatus.InProgress => "实施中",
        FollowUpProjectStatus.Completed => "已完成",
        FollowUpProjectStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };

    public static string ToChinese(this FollowUpStatus status) => status switch
    {
        FollowUpStatus.NotTracked => "未跟踪",
        FollowUpStatus.Planned => "计划中",
        FollowUpStatus.InProgress => "实施中",
        FollowUpStatus.Completed => "已完成",
        _ => status.ToString(),
    };
}
