using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Domain.Tests.Upgrades;

public class UpgradeRecordTests
{
    // Confirmed on 2024-01-10 in Shanghai (02:00 UTC is 10:00 there); "now" is much later so any start date may be typed.
    private static readonly DateTime ConfirmedAt = new(2024, 1, 10, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2025, 3, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly AssessedOn = new(2024, 1, 10);

    private static Assessment Confirmed(DateTime? at = null)
    {
        var a = Make.Submitted().Assessment;
        a.ConfirmCompliance("第三方", at ?? ConfirmedAt);
        a.ConfirmCompletion("区经委", at ?? ConfirmedAt);
        return a;
    }

    private static (UpgradeRecord Record, FollowUpProject Project) WithProject()
    {
        var record = new UpgradeRecord(Confirmed(), Now);
        var project = record.AddProject(new FollowUpProjectInput("设备联网改造", KeyLink.Production, 80.00m, null, null), Now);
        return (record, project);
    }

    [Fact]
    public void A_record_takes_the_assessment_and_its_confirmation_day()
    {
        var assessment = Confirmed(new DateTime(2024, 1, 9, 17, 30, 0, DateTimeKind.Utc)); // 01:30 on the 10th in Shanghai
        var record = new UpgradeRecord(assessment, Now);

        Assert.Equal(assessment.Id, record.AssessmentId);
        Assert.Equal(assessment.EnterpriseId, record.EnterpriseId);
        Assert.Equal(assessment.RecommendingUnitId, record.RecommendingUnitId);
        Assert.Equal(assessment.ProgrammeYearId, record.ProgrammeYearId);
        Assert.Equal(new DateOnly(2024, 1, 10), record.AssessedOn);
        Assert.Equal(new DateOnly(2024, 7, 10), record.FollowUpDeadline);
        Assert.Equal(FollowUpStatus.NotTracked, record.Status);
        Assert.False(record.HasFollowUp);
        Assert.False(record.StartedWithinSixMonths);
    }

    [Fact]
    public void An_assessment_not_yet_confirmed_cannot_be_tracked()
    {
        var submitted = Make.Submitted().Assessment;

        var e = Assert.Throws<DomainException>(() => new UpgradeRecord(submitted, Now));
        Assert.Contains("确认完成", e.Message);
    }

    [Fact]
    public void Problems_are_filed_under_capability_areas_and_can_be_changed_and_removed()
    {
        var record = new UpgradeRecord(Confirmed(), Now);

        var p = record.AddProblem(CapabilityArea.Equipment, "  设备联网率低  ", Now);
        record.AddProblem(CapabilityArea.Data, "能源数据未采集", Now);
        Assert.Equal("设备联网率低", p.Description);
        Assert.Equal([CapabilityArea.Equipment, CapabilityArea.Data], record.Problems.Select(x => x.Area));

        record.UpdateProblem(p.Id, CapabilityArea.Network, "车间网络未覆盖", Now);
        Assert.Equal(CapabilityArea.Network, p.Area);
        Assert.Equal("车间网络未覆盖", p.Description);

        record.RemoveProblem(p.Id, Now);
        Assert.Single(record.Problems);
        Assert.Equal(
            [AuditAction.UpgradeProblemRecorded, AuditAction.UpgradeProblemRecorded, AuditAction.UpgradeProblemChanged, AuditAction.UpgradeProblemRemoved],
            record.PendingEvents().OfType<IAuditedEvent>().Select(e => e.Audit.Action));
        // The history names the capability domain, never the problem's text.
        Assert.DoesNotContain(record.PendingEvents().OfType<IAuditedEvent>(), e => (e.Audit.Detail ?? string.Empty).Contains("设备联网率低"));
    }

    [Fact]
    public void A_problem_needs_text_within_the_limit_and_a_known_area()
    {
        var record = new UpgradeRecord(Confirmed(), Now);
        var p = record.AddProblem(CapabilityArea.Sales, "销售预测依赖人工", Now);

        Assert.Equal("请填写发现的问题。", Assert.Throws<DomainException>(() => record.AddProblem(CapabilityArea.Data, "  ", Now)).Message);
        Assert.Throws<DomainException>(() => record.AddProblem(CapabilityArea.Data, new string('问', UpgradeProblem.MaxDescriptionLength + 1), Now));
        Assert.Throws<DomainException>(() => record.AddProblem((CapabilityArea)99, "x", Now));
        Assert.Throws<DomainException>(() => record.UpdateProblem(p.Id, CapabilityArea.Data, "", Now));
        Assert.Throws<DomainException>(() => record.RemoveProblem(Guid.NewGuid(), Now));

        Assert.Single(record.Problems);
        Assert.Equal("销售预测依赖人工", p.Description);
        Assert.Equal(CapabilityArea.Sales, p.Area);
    }

    [Fact]
    public void A_new_project_is_planned_and_the_record_counts_as_followed_up()
    {
        var (record, project) = WithProject();

        Assert.Equal(FollowUpProjectStatus.Planned, project.Status);
        Assert.Equal(record.Id, project.UpgradeRecordId);
        Assert.Equal(FollowUpStatus.Planned, record.Status);
        Assert.True(record.HasFollowUp);
        Assert.True(UpgradeRules.HasFollowUp.IsSatisfiedBy(record));
        Assert.False(record.StartedWithinSixMonths);
    }

    [Fact]
    public void Start_then_complete_moves_planned_to_in_progress_to_completed()
    {
        var (record, project) = WithProject();

        record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now);
        Assert.Equal(FollowUpProjectStatus.InProgress, project.Status);
        Assert.Equal(new DateOnly(2024, 2, 1), project.StartDate);
        Assert.Equal(FollowUpStatus.InProgress, record.Status);

        record.CompleteProject(project.Id, new DateOnly(2024, 6, 30), Now);
        Assert.Equal(FollowUpProjectStatus.Completed, project.Status);
        Assert.Equal(new DateOnly(2024, 6, 30), project.EndDate);
        Assert.Equal(FollowUpStatus.Completed, record.Status);
        Assert.Equal([AuditAction.FollowUpProjectAdded, AuditAction.FollowUpProjectStarted, AuditAction.FollowUpProjectCompleted],
            record.PendingEvents().OfType<IAuditedEvent>().Select(e => e.Audit.Action));
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
    public void A_start_or_end_in_the_future_is_refused()
    {
        var (record, project) = WithProject();
        var tomorrow = ShanghaiTime.Today(Now).AddDays(1);

        Assert.Contains("不能晚于今天", Assert.Throws<DomainException>(() => record.StartProject(project.Id, tomorrow, Now)).Message);
        Assert.Equal(FollowUpProjectStatus.Planned, project.Status);
        record.StartProject(project.Id, ShanghaiTime.Today(Now), Now);
        Assert.Throws<DomainException>(() => record.CompleteProject(project.Id, tomorrow, Now));
        Assert.Equal(FollowUpProjectStatus.InProgress, project.Status);
    }

    [Fact]
    public void An_end_before_the_start_is_refused()
    {
        var (record, project) = WithProject();
        record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now);

        Assert.Equal("结束日期不能早于开始日期。", Assert.Throws<DomainException>(() => record.CompleteProject(project.Id, new DateOnly(2024, 1, 31), Now)).Message);
        Assert.Equal(FollowUpProjectStatus.InProgress, project.Status);
    }

    [Fact]
    public void A_planned_project_completes_only_with_a_start_date()
    {
        var (record, project) = WithProject();

        Assert.Throws<DomainException>(() => record.CompleteProject(project.Id, new DateOnly(2024, 6, 30), Now));
        Assert.Equal(FollowUpProjectStatus.Planned, project.Status);

        record.UpdateProject(project.Id, new FollowUpProjectInput("设备联网改造", KeyLink.Production, 80m, new DateOnly(2024, 3, 1), null), Now);
        record.CompleteProject(project.Id, new DateOnly(2024, 6, 30), Now);
        Assert.Equal(FollowUpProjectStatus.Completed, project.Status);
        Assert.True(record.StartedWithinSixMonths);
    }

    [Fact]
    public void A_cancelled_project_is_kept_but_does_not_count_as_follow_up()
    {
        var (record, project) = WithProject();
        record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now);
        Assert.True(record.StartedWithinSixMonths);

        record.CancelProject(project.Id, Now);

        Assert.Equal(FollowUpProjectStatus.Cancelled, project.Status);
        Assert.Single(record.Projects);
        Assert.False(record.HasFollowUp);
        Assert.Equal(FollowUpStatus.NotTracked, record.Status);
        Assert.False(record.StartedWithinSixMonths);
        Assert.Throws<InvalidTransitionException>(() => record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now));
        Assert.Throws<InvalidTransitionException>(() => record.CompleteProject(project.Id, new DateOnly(2024, 2, 1), Now));
        Assert.Throws<InvalidTransitionException>(() => record.CancelProject(project.Id, Now));
        Assert.Throws<InvalidTransitionException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput("x", KeyLink.Design, null, null, null), Now));
    }

    [Fact]
    public void A_completed_project_cannot_be_cancelled()
    {
        var (record, project) = WithProject();
        record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now);
        record.CompleteProject(project.Id, new DateOnly(2024, 6, 30), Now);

        Assert.Throws<InvalidTransitionException>(() => record.CancelProject(project.Id, Now));
        Assert.Equal(FollowUpProjectStatus.Completed, project.Status);
    }

    [Theory]
    [InlineData("2024-01-10", true)]   // the assessment day
    [InlineData("2024-07-10", true)]   // six months later, the last day
    [InlineData("2024-07-11", false)]  // a day too late
    [InlineData("2024-01-09", false)]  // under way before the assessment: not its follow-up
    public void The_six_months_rule_counts_starts_from_the_assessment_day_to_six_months_later(string start, bool within)
    {
        var (record, project) = WithProject();

        record.StartProject(project.Id, DateOnly.Parse(start), Now);

        Assert.Equal(within, record.StartedWithinSixMonths);
        Assert.Equal(within, UpgradeRecord.StartedWithin(AssessedOn, project));
        Assert.Equal(within, UpgradeRules.StartedWithinSixMonths.IsSatisfiedBy(record));
    }

    [Fact]
    public void A_planned_start_date_alone_does_not_count_as_started()
    {
        var record = new UpgradeRecord(Confirmed(), Now);
        record.AddProject(new FollowUpProjectInput("MES二期", KeyLink.Manufacturing, 120m, new DateOnly(2024, 3, 1), null), Now);

        Assert.False(record.StartedWithinSixMonths);
        Assert.Equal(FollowUpStatus.Planned, record.Status);
    }

    [Fact]
    public void One_project_started_in_time_is_enough_beside_a_late_one()
    {
        var (record, late) = WithProject();
        var early = record.AddProject(new FollowUpProjectInput("能源管理系统", KeyLink.EnergySavingEnvironmental, 45m, null, null), Now);

        record.StartProject(late.Id, new DateOnly(2024, 9, 1), Now);
        Assert.False(record.StartedWithinSixMonths);
        record.StartProject(early.Id, new DateOnly(2024, 4, 1), Now);
        Assert.True(record.StartedWithinSixMonths);
    }

    [Theory]
    [InlineData(new FollowUpProjectStatus[0], FollowUpStatus.NotTracked)]
    [InlineData(new[] { FollowUpProjectStatus.Cancelled }, FollowUpStatus.NotTracked)]
    [InlineData(new[] { FollowUpProjectStatus.Planned, FollowUpProjectStatus.Cancelled }, FollowUpStatus.Planned)]
    [InlineData(new[] { FollowUpProjectStatus.Planned, FollowUpProjectStatus.InProgress }, FollowUpStatus.InProgress)]
    [InlineData(new[] { FollowUpProjectStatus.Planned, FollowUpProjectStatus.Completed }, FollowUpStatus.InProgress)]
    [InlineData(new[] { FollowUpProjectStatus.Completed, FollowUpProjectStatus.Cancelled }, FollowUpStatus.Completed)]
    public void The_follow_up_status_follows_the_projects(FollowUpProjectStatus[] projects, FollowUpStatus expected) =>
        Assert.Equal(expected, UpgradeRecord.StatusOf(projects));

    [Fact]
    public void Project_details_are_validated_and_a_refusal_changes_nothing()
    {
        var (record, project) = WithProject();

        Assert.Equal("请填写项目名称。", Assert.Throws<DomainException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput(" ", KeyLink.Design, null, null, null), Now)).Message);
        Assert.Equal("合同金额（万元）不能为负数。", Assert.Throws<DomainException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput("x", KeyLink.Design, -1m, null, null), Now)).Message);
        Assert.Throws<DomainException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput("x", KeyLink.Design, 1.234m, null, null), Now));
        Assert.Throws<DomainException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput("x", KeyLink.Design, null, new DateOnly(2024, 5, 1), new DateOnly(2024, 4, 1)), Now));
        Assert.Throws<DomainException>(() => record.AddProject(new FollowUpProjectInput("", KeyLink.Design, null, null, null), Now));
        Assert.Equal("设备联网改造", project.Name);
        Assert.Equal(80.00m, project.ContractAmountWan);
        Assert.Single(record.Projects);

        record.UpdateProject(project.Id, new FollowUpProjectInput("能源管理系统", KeyLink.EnergySavingEnvironmental, 45.5m, new DateOnly(2024, 3, 1), null), Now);
        Assert.Equal("能源管理系统", project.Name);
        Assert.Equal(45.5m, project.ContractAmountWan);
    }

    [Fact]
    public void A_started_project_keeps_its_start_date()
    {
        var (record, project) = WithProject();
        record.StartProject(project.Id, new DateOnly(2024, 2, 1), Now);

        Assert.Throws<DomainException>(() => record.UpdateProject(project.Id, new FollowUpProjectInput("设备联网改造", KeyLink.Production, 80m, null, null), Now));
        Assert.Equal(new DateOnly(2024, 2, 1), project.StartDate);
    }

    [Fact]
    public void An_unknown_project_is_reported()
    {
        var (record, _) = WithProject();

        Assert.Throws<DomainException>(() => record.CancelProject(Guid.NewGuid(), Now));
        Assert.False(record.HasProject(Guid.NewGuid()));
    }

    [Fact]
    public void Capability_areas_follow_the_standard()
    {
        Assert.Equal(12, CapabilityAreas.All.Count);
        Assert.Equal("组织战略", CapabilityArea.OrganisationStrategy.ToChinese());
        Assert.Equal("人员", CapabilityArea.PersonnelSkills.Element());
        Assert.Equal("资源", CapabilityArea.Network.Element());
        Assert.Equal("制造", CapabilityArea.Service.Element());
        Assert.Equal("实施中", FollowUpProjectStatus.InProgress.ToChinese());
        Assert.Equal("未跟踪", FollowUpStatus.NotTracked.ToChinese());
    }
}
