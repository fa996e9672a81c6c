using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Upgrades;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Domain.Tests.Upgrades;

public class UpgradeRecordTests
{
    private static readonly DateTime Now = new(2024, 1, 10, 2, 0, 0, DateTimeKind.Utc);

    private static (UpgradeRecord Record, FollowUpProject Project) WithProject()
    {
        var record = new UpgradeRecord(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "设备联网率低；能源数据未采集", Now);
        var project = record.AddProject(new FollowUpProjectInput("设备联网改造", KeyLink.Production, 80.00m, null, null), Now);
        return (record, project);
    }

    [Fact]
    public void A_new_project_is_planned()
    {
        var (record, project) = WithProject();

        Assert.Equal(FollowUpProjectStatus.Planned, project.Status);
        Assert.Equal("设备联网改造", project.Name);
        Assert.Equal(record.Id, project.UpgradeRecordId);
        Assert.True(record.HasFollowUp);
    }

    [Fact]
    public void Start_then_complete_moves_planned_to_in_progress_to_completed()
    {
        var (record, project) = WithProject();

        record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now);
        Assert.Equal(FollowUpProjectStatus.InProgress, project.Status);
        Assert.Equal(new DateOnly(2024, 2, 1), project.StartDate);

        record.CompleteProject(project.Id, new DateOnly(2024, 6, 30), Now);
        Assert.Equal(FollowUpProjectStatus.Completed, project.Status);
        Assert.Equal(new DateOnly(2024, 6, 30), project.EndDate);
    }

    [Fact]
    public void Start_twice_is_refused()
    {
        var (record, project) = WithProject();
        record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now);

        Assert.Throws<InvalidTransitionException>(() => record.StartProject(project.Id, new DateOnly(2024, 3, 1), Now));
        Assert.Equal(new DateOnly(2024, 2, 1), project.StartDate);
    }

    [Fact]
    public void An_end_before_the_start_is_refused()
    {
        var (record, project) = WithProject();
        record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now);

        Assert.Throws<DomainException>(() => record.CompleteProject(project.Id, new DateOnly(2024, 1, 31), Now));
        Assert.Equal(FollowUpProjectStatus.InProgress, project.Status);
    }

    [Fact]
    public void A_cancelled_project_is_kept_but_does_not_count_as_follow_up()
    {
        var (record, project) = WithProject();

        record.CancelProject(project.Id, Now);

        Assert.Equal(FollowUpProjectStatus.Cancelled, project.Status);
        Assert.Single(record.Projects);
        Assert.False(record.HasFollowUp);
        Assert.Throws<InvalidTransitionException>(() => record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now));
        Assert.Throws<InvalidTransitionException>(() => record.CompleteProject(project.Id, new DateOnly(2024, 2, 1), Now));
        Assert.Throws<InvalidTransitionException>(() => record.CancelProject(project.Id, Now));
    }

    [Fact]
    public void A_completed_project_cannot_be_cancelled()
    {
        var (record, project) = WithProject();
        record.CompleteProject(project.Id, new DateOnly(2024, 6, 30), Now);

        Assert.Throws<InvalidTransitionException>(() => record.CancelProject(project.Id, Now));
        Assert.Equal(FollowUpProjectStatus.Completed, project.Status);
    }

    [Fact]
    public void Project_details_are_validated()
    {
        var (record, project) = WithProject();

        Assert.Throws<DomainException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput(" ", KeyLink.Design, null, null, null), Now));
        Assert.Throws<DomainException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput("x", KeyLink.Design, -1m, null, null), Now));
        Assert.Throws<DomainException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput("x", KeyLink.Design, null, new DateOnly(2024, 5, 1), new DateOnly(2024, 4, 1)), Now));
        Assert.Equal("设备联网改造", project.Name);

        record.UpdateProject(project.Id, new FollowUpProjectInput("能源管理系统", KeyLink.EnergySavingEnvironmental, 45.5m, new DateOnly(2024, 3, 1), null), Now);
        Assert.Equal("能源管理系统", project.Name);
        Assert.Equal(45.5m, project.ContractAmountWan);
    }

    [Fact]
    public void An_unknown_project_is_reported()
    {
        var (record, _) = WithProject();

        Assert.Throws<DomainException>(() => record.CancelProject(Guid.NewGuid(), Now));
    }

    [Fact]
    public void A_record_without_projects_has_no_follow_up_and_problems_are_limited()
    {
        var record = new UpgradeRecord(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, Now);

        Assert.False(record.HasFollowUp);
        Assert.Equal(string.Empty, record.ProblemsFound);
        Assert.Throws<DomainException>(() => record.RecordProblems(new string('问', UpgradeRecord.MaxProblemsLength + 1), Now));
        Assert.Throws<DomainException>(() => new UpgradeRecord(Guid.Empty, Guid.NewGuid(), Guid.NewGuid(), null, Now));
        Assert.Equal("实施中", FollowUpProjectStatus.InProgress.ToChinese());
    }
}
