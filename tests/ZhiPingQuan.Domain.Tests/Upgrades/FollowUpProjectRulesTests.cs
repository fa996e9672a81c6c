using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Domain.Tests.Upgrades;

public class FollowUpProjectRulesTests
{
    private static readonly DateTime Now = new(2024, 1, 31, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, true)]
    [InlineData(FollowUpProjectStatus.InProgress, true)]
    [InlineData(FollowUpProjectStatus.Completed, true)]
    [InlineData(FollowUpProjectStatus.Cancelled, false)]
    public void A_project_counts_as_follow_up_unless_cancelled_as_the_record_says(FollowUpProjectStatus? status, bool counts)
    {
        var record = new UpgradeRecord(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "数据采集覆盖不足", Now);
        var project = record.AddProject(new FollowUpProjectInput("产线数据采集改造", KeyLink.Production, 50m, null, null), Now);
        switch (status)
        {
            case FollowUpProjectStatus.InProgress:
                record.StartProject(project.Id, new DateOnly(2024, 1, 2), Now);
                break;
            case FollowUpProjectStatus.Completed:
                record.CompleteProject(project.Id, new DateOnly(2024, 1, 20), Now);
                break;
            case FollowUpProjectStatus.Cancelled:
                record.CancelProject(project.Id, Now);
                break;
        }

        Assert.Equal(counts, FollowUpProjectRules.CountsAsFollowUp.IsSatisfiedBy(project));
        Assert.Equal(counts, record.HasFollowUp);
    }
}
