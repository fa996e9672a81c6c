using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Assessments;

public class AssessmentReportTests
{
    [Fact]
    public void The_agency_records_the_assessment_while_in_progress()
    {
        var a = Make.InProgress().Assessment;
        var tier = Make.Tier("先进级");
        a.UpdateRecord(" GB/T 39116-2020 ", new DateOnly(2023, 10, 9), new DateOnly(2023, 10, 12), " 王工、赵工 ",
            new LevelScores(1m, 0.9m, 0.45m, null, null), new MaturityScore(2.35m), MaturityLevel.Two, tier);
        Assert.Equal("GB/T 39116-2020", a.StandardEditions);
        Assert.Equal("王工、赵工", a.Assessors);
        Assert.Equal(2.35m, a.Score!.Value.Value);
        Assert.Equal(MaturityLevel.Two, a.DerivedLevel);
        Assert.Equal(tier.Id, a.SmartFactoryLevelId);
        Assert.Equal("先进级", a.SmartFactoryLevelName);
        Assert.Equal(new DateOnly(2023, 10, 12), a.AssessmentDate);
    }

    [Fact]
    public void A_blank_standard_edition_falls_back_to_the_default()
    {
        var a = Make.InProgress().Assessment;
        a.UpdateRecord("", null, null, null, null, null, null, null);
        Assert.Equal(Assessment.DefaultStandardEditions, a.StandardEditions);
    }

    [Fact]
    public void Recording_before_the_start_is_refused()
    {
        var a = Make.Assigned().Assessment;
        Assert.Throws<InvalidTransitionException>(() => a.UpdateRecord(null, null, null, null, null, new MaturityScore(2m), null, null));
        Assert.Null(a.Score);
    }

    [Fact]
    public void A_site_visit_before_the_start_date_is_refused()
    {
        var a = Make.InProgress().Assessment;
        var ex = Assert.Throws<DomainException>(() =>
            a.UpdateRecord(null, new DateOnly(2023, 10, 9), new DateOnly(2023, 10, 8), null, null, null, null, null));
        Assert.Contains("不能早于开始日期", ex.Message);
        Assert.Null(a.StartDate);
    }

    [Fact]
    public void A_deactivated_smart_factory_level_cannot_be_chosen()
    {
        var a = Make.InProgress().Assessment;
        var tier = Make.Tier("卓越级");
        tier.Deactivate();
        Assert.Throws<DomainException>(() => a.UpdateRecord(null, null, null, null, null, null, null, tier));
    }

    [Fact]
    public void Checkpoints_are_done_in_order()
    {
        var a = Make.InProgress().Assessment;
        var ex = Assert.Throws<DomainException>(() => a.CompleteCheckpoint(AssessmentCheckpoint.FormalAssessment, Make.Before));
        Assert.Equal("请先完成“预评估”，再记录“正式评估（现场评估）”。", ex.Message);

        a.CompleteCheckpoint(AssessmentCheckpoint.PreAssessment, Make.Before);
        a.CompleteCheckpoint(AssessmentCheckpoint.FormalAssessment, Make.Utc(2023, 10, 12));
        a.CompleteCheckpoint(AssessmentCheckpoint.ResultPublication, Make.Utc(2023, 10, 20));
        Assert.Equal(Make.Before, a.PreAssessmentDoneAtUtc);
        Assert.Equal(Make.Utc(2023, 10, 12), a.FormalAssessmentDoneAtUtc);
        Assert.Equal(Make.Utc(2023, 10, 20), a.ResultPublishedAtUtc);
    }

    [Fact]
    public void A_checkpoint_is_done_once()
    {
        var a = Make.InProgress().Assessment;
        a.CompleteCheckpoint(AssessmentCheckpoint.PreAssessment, Make.Before);
        Assert.Throws<DomainException>(() => a.CompleteCheckpoint(AssessmentCheckpoint.PreAssessment, Make.Utc(2023, 10, 2)));
        Assert.Equal(Make.Before, a.PreAssessmentDoneAtUtc);
    }

    [Fact]
    public void Submitting_lists_everything_still_missing()
    {
        var a = Make.InProgress().Assessment;
        var ex = Assert.Throws<DomainException>(() => a.SubmitReport(Guid.Empty, "周评估师", Make.Before));
        Assert.Equal(
            "提交评估报告前还需完成：开始日期、现场评估日期、评估人员、成熟度分数、成熟度等级、智能工厂等级、预评估、正式评估（现场评估）、结果发布、评估报告文件。",
            ex.Message);
        Assert.Equal(AssessmentState.InProgress, a.State);
        Assert.Equal(0, a.ReportVersion);
    }

    [Fact]
    public void Submitting_a_complete_record_makes_report_version_1()
    {
        var a = Make.InProgress().Assessment;
        Make.FillRecord(a);
        var file = Guid.NewGuid();
        a.SubmitReport(file, "周评估师", Make.Before);
        Assert.Equal(AssessmentState.ReportSubmitted, a.State);
        Assert.Equal(file, a.ReportFileId);
        Assert.Equal(1, a.ReportVersion);
        Assert.Equal("周评估师", a.ReportSubmittedBy);
        Assert.False(a.IsComplianceConfirmed);
    }

    [Fact]
    public void Submitting_before_the_start_is_refused()
    {
        var a = Make.Assigned().Assessment;
        Assert.Throws<InvalidTransitionException>(() => a.SubmitReport(Guid.NewGuid(), "周评估师", Make.Before));
    }

    [Fact]
    public void The_record_is_frozen_once_the_report_is_submitted()
    {
        var a = Make.Submitted().Assessment;
        Assert.Throws<InvalidTransitionException>(() => a.UpdateRecord(null, null, null, null, null, new MaturityScore(3m), null, null));
        Assert.Equal(2.35m, a.Score!.Value.Value);
    }

    [Fact]
    public void The_third_party_confirms_compliance_and_the_state_stays_report_submitted()
    {
        var a = Make.Submitted().Assessment;
        a.ConfirmCompliance("赵审核员", Make.Utc(2023, 10, 21));
        Assert.Equal(AssessmentState.ReportSubmitted, a.State);
        Assert.True(a.IsComplianceConfirmed);
        Assert.Equal("赵审核员", a.ComplianceConfirmedBy);
        Assert.Equal(Make.Utc(2023, 10, 21), a.ComplianceConfirmedAtUtc);
    }

    [Fact]
    public void Compliance_is_confirmed_once_and_only_on_a_submitted_report()
    {
        var a = Make.Submitted().Assessment;
        a.ConfirmCompliance("赵审核员", Make.Before);
        Assert.Throws<DomainException>(() => a.ConfirmCompliance("赵审核员", Make.Before));
        Assert.Throws<InvalidTransitionException>(() => Make.InProgress().Assessment.ConfirmCompliance("赵审核员", Make.Before));
    }

    [Fact]
    public void Return_keeps_reasons_and_voids_the_compliance_confirmation()
    {
        var a = Make.Submitted().Assessment;
        a.ConfirmCompliance("赵审核员", Make.Before);
        a.Return(" 分级得分与总分不一致 ", "赵审核员", Make.Utc(2023, 10, 22));
        Assert.Equal(AssessmentState.Returned, a.State);
        Assert.False(a.IsComplianceConfirmed);
        var r = Assert.Single(a.Returns);
        Assert.Equal("分级得分与总分不一致", r.Reasons);
        Assert.Equal("赵审核员", r.ByUserName);
        Assert.Equal(1, r.ReportVersion);
        Assert.Equal(Make.Utc(2023, 10, 22), r.AtUtc);
    }

    [Fact]
    public void Return_needs_reasons()
    {
        var a = Make.Submitted().Assessment;
        var ex = Assert.Throws<DomainException>(() => a.Return("  ", "赵审核员", Make.Before));
        Assert.Equal("退回必须填写原因。", ex.Message);
        Assert.Equal(AssessmentState.ReportSubmitted, a.State);
        Assert.Empty(a.Returns);
    }

    [Fact]
    public void Returning_an_unsubmitted_assessment_is_refused()
    {
        Assert.Throws<InvalidTransitionException>(() => Make.InProgress().Assessment.Return("原因", "赵审核员", Make.Before));
    }

    [Fact]
    public void Resubmitting_after_a_return_makes_a_new_version_and_keeps_the_returns()
    {
        var a = Make.Submitted().Assessment;
        a.Return("分数有误", "赵审核员", Make.Before);
        a.UpdateRecord(null, a.StartDate, a.SiteVisitDate, a.Assessors, a.LevelScores, new MaturityScore(2.35m), MaturityLevel.Two, Make.Tier("基础级"));
        var file = Guid.NewGuid();
        a.SubmitReport(file, "周评估师", Make.Utc(2023, 10, 25));
        Assert.Equal(AssessmentState.ReportSubmitted, a.State);
        Assert.Equal(2, a.ReportVersion);
        Assert.Equal(file, a.ReportFileId);
        Assert.Equal("基础级", a.SmartFactoryLevelName);
        Assert.Single(a.Returns);

        a.Return("仍有问题", "赵审核员", Make.Before);
        Assert.Equal([1, 2], a.Returns.Select(r => r.ReportVersion));
    }

    [Fact]
    public void The_district_confirms_completion_after_compliance_and_says_so_to_the_recommendation()
    {
        var s = Make.Submitted();
        s.Assessment.ConfirmCompliance("赵审核员", Make.Before);
        s.Assessment.TakeEvents();
        s.Assessment.ConfirmCompletion("李科长", Make.Utc(2023, 10, 30));
        Assert.Equal(AssessmentState.Confirmed, s.Assessment.State);
        Assert.Equal("李科长", s.Assessment.DistrictConfirmedBy);
        Assert.Equal(Make.Utc(2023, 10, 30), s.Assessment.DistrictConfirmedAtUtc);
        // The recommendation is another record: it moves through the event, in the same save.
        var confirmed = Assert.IsType<AssessmentConfirmed>(Assert.Single(s.Assessment.PendingEvents()));
        Assert.Equal((s.Assessment.Id, s.Recommendation.Id), (confirmed.AssessmentId, confirmed.RecommendationId));
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
    }

    [Fact]
    public void The_district_cannot_confirm_before_the_third_party()
    {
        var s = Make.Submitted();
        s.Assessment.TakeEvents();
        var ex = Assert.Throws<DomainException>(() => s.Assessment.ConfirmCompletion("李科长", Make.Before));
        Assert.Equal("第三方机构尚未确认合规，推荐单位暂不能确认完成。", ex.Message);
        Assert.Equal(AssessmentState.ReportSubmitted, s.Assessment.State);
        Assert.Empty(s.Assessment.PendingEvents());
    }

    [Fact]
    public void Confirming_a_returned_assessment_is_refused()
    {
        var s = Make.Submitted();
        s.Assessment.Return("原因", "赵审核员", Make.Before);
        Assert.Throws<InvalidTransitionException>(() => s.Assessment.ConfirmCompletion("李科长", Make.Before));
    }

    [Fact]
    public void A_confirmed_assessment_accepts_no_further_transition()
    {
        var s = Make.Submitted();
        s.Assessment.ConfirmCompliance("赵审核员", Make.Before);
        s.Assessment.ConfirmCompletion("李科长", Make.Before);
        Assert.Throws<InvalidTransitionException>(() => s.Assessment.Return("原因", "赵审核员", Make.Before));
        Assert.Throws<InvalidTransitionException>(() => s.Assessment.ConfirmCompletion("李科长", Make.Before));
        Assert.Throws<InvalidTransitionException>(() => s.Assessment.SubmitReport(Guid.NewGuid(), "周评估师", Make.Before));
    }

    [Theory]
    [InlineData(AssessmentState.Assigned, "已分配")]
    [InlineData(AssessmentState.InProgress, "评估中")]
    [InlineData(AssessmentState.ReportSubmitted, "报告已提交")]
    [InlineData(AssessmentState.Returned, "已退回")]
    [InlineData(AssessmentState.Confirmed, "已确认完成")]
    public void States_have_Chinese_names(AssessmentState state, string name) => Assert.Equal(name, state.ToChinese());
}
