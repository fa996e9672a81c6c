using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Assessments;

/// <summary>Every transition of an assessment records its event, and the rules of assignment live in the aggregate.</summary>
public class AssessmentEventsTests
{
    private static IDomainEvent Last(Assessment a) => a.PendingEvents()[^1];

    [Fact]
    public void Each_transition_raises_its_event_with_its_audit_line()
    {
        var s = Make.Assigned();
        Assert.IsType<AgencyAssigned>(Last(s.Assessment));
        s.Assessment.ConfirmByEnterprise("孙经理", Make.Before);
        Assert.IsType<AgencyAgreedByEnterprise>(Last(s.Assessment));
        s.Assessment.DeclareConflict(false, null, "周评估师", Make.Before);
        s.Assessment.Start("周评估师", Make.Before);
        Assert.IsType<AssessmentAccepted>(Last(s.Assessment));
        Make.FillRecord(s.Assessment);
        Assert.IsType<CheckpointCompleted>(Last(s.Assessment));
        s.Assessment.SubmitReport(Guid.NewGuid(), "周评估师", Make.Before);
        Assert.Equal(AuditAction.ReportSubmitted, ((IAuditedEvent)Last(s.Assessment)).Audit.Action);
        s.Assessment.Return("缺少现场照片", "赵审核员", Make.Before);
        Assert.IsType<ReportReturned>(Last(s.Assessment));
        s.Assessment.SubmitReport(Guid.NewGuid(), "周评估师", Make.Before);
        Assert.Equal(AuditAction.ReportResubmitted, ((IAuditedEvent)Last(s.Assessment)).Audit.Action);
        s.Assessment.ConfirmCompliance("赵审核员", Make.Before);
        Assert.IsType<ComplianceConfirmed>(Last(s.Assessment));
        s.Assessment.ConfirmCompletion("李科长", Make.Before);
        Assert.IsType<AssessmentConfirmed>(Last(s.Assessment));

        Assert.All(s.Assessment.PendingEvents().OfType<IAuditedEvent>(), e =>
        {
            Assert.Equal(nameof(Assessment), e.Audit.RecordType);
            Assert.Equal(s.Assessment.Id, e.Audit.RecordId);
        });
    }

    [Fact]
    public void Taking_the_events_hands_them_over_once()
    {
        var a = Make.Assigned().Assessment;
        Assert.Single(a.TakeEvents());
        Assert.Empty(a.PendingEvents());
        Assert.Empty(a.TakeEvents());
    }

    [Fact]
    public void A_refused_transition_raises_nothing()
    {
        var a = Make.Assigned().Assessment;
        a.TakeEvents();
        Assert.Throws<DomainException>(() => a.Start("周评估师", Make.Before));
        Assert.Empty(a.PendingEvents());
    }

    [Fact]
    public void Saving_the_record_keeps_the_names_of_the_changed_fields_never_their_values()
    {
        var a = Make.InProgress().Assessment;
        a.UpdateRecord(null, new DateOnly(2023, 10, 9), null, null, null, new MaturityScore(3.27m), MaturityLevel.Three, null);

        var line = ((IAuditedEvent)Last(a)).Audit;
        Assert.Equal(AuditAction.AssessmentRecordSaved, line.Action);
        Assert.Contains("成熟度分数", line.Detail);
        Assert.Contains("开始日期", line.Detail);
        Assert.DoesNotContain("3.27", line.Detail + line.Before + line.After);
        Assert.DoesNotContain("三级", line.Detail + line.Before + line.After);
    }

    [Fact]
    public void No_audit_line_of_the_whole_path_carries_the_score_or_the_level()
    {
        var s = Make.Submitted();
        s.Assessment.ConfirmCompliance("赵审核员", Make.Before);
        s.Assessment.ConfirmCompletion("李科长", Make.Before);
        var text = string.Concat(s.Assessment.PendingEvents().OfType<IAuditedEvent>().Select(e => e.Audit.Before + e.Audit.After + e.Audit.Detail));
        Assert.DoesNotContain(s.Assessment.Score!.Value.ToString(), text);
        Assert.DoesNotContain(s.Assessment.StatedLevel!.Value.ToChinese(), text);
    }

    [Fact]
    public void A_second_declaration_after_a_conflict_is_refused_and_nothing_changes()
    {
        var a = Make.Assigned().Assessment;
        a.ConfirmByEnterprise("孙经理", Make.Before);
        a.DeclareConflict(true, "曾提供咨询", "周评估师", Make.Before);
        a.TakeEvents();

        var ex = Assert.Throws<DomainException>(() => a.DeclareConflict(false, null, "周评估师", Make.Before));

        Assert.Equal(Assessment.ConflictBlocksMessage, ex.Message);
        Assert.True(a.ConflictDeclared);
        Assert.Equal("曾提供咨询", a.ConflictStatement);
        Assert.Empty(a.PendingEvents());
    }

    [Fact]
    public void A_district_funded_only_recommendation_cannot_be_assigned()
    {
        var scene = Make.Recommended();
        scene.Recommendation.SetContent(Make.Basis(RecommendationBasis.SmartTransformation), Make.Contract(), true, scene.Enterprise);

        var ex = Assert.Throws<DomainException>(() => new Assessment(scene.Recommendation, Make.MunicipalAgency(), "李科长", Make.Before));
        Assert.Equal(Assessment.DistrictFundedOnlyMessage, ex.Message);
    }

    [Fact]
    public void Another_units_district_agency_cannot_be_assigned_but_the_units_own_can()
    {
        var scene = Make.Recommended();
        var other = Make.DistrictAgency(Make.Unit("闵行区", "310112"));
        var ex = Assert.Throws<DomainException>(() => new Assessment(scene.Recommendation, other, "李科长", Make.Before));
        Assert.Equal(Assessment.AgencyNotOpenMessage, ex.Message);
        Assert.Equal("AgencyId", ex.Field);

        var own = Make.DistrictAgency(scene.Unit);
        Assert.Equal(own.Id, new Assessment(scene.Recommendation, own, "李科长", Make.Before).AgencyId);
    }

    [Fact]
    public void Reassigning_records_the_previous_agency_and_the_reason()
    {
        var s = Make.InProgress();
        var next = Make.MunicipalAgency("上海数智工厂评估技术有限公司", "91310115MA1H7WXY0");
        s.Assessment.Reassign(next, "原机构人员变动", "李科长", Make.Before);

        var e = Assert.IsType<AgencyReassigned>(Last(s.Assessment));
        Assert.Equal((s.Agency.Id, next.Id, AssessmentState.InProgress), (e.PreviousAgencyId, e.AgencyId, e.StateBefore));
        Assert.Equal("改派原因：原机构人员变动", e.Audit.Detail);
    }
}

/// <summary>Each reader of an assessment's history sees only the part they may see.</summary>
public class AssessmentHistoryPolicyTests
{
    private static readonly AuditAction[] PathOfTwoAgencies =
    [
        AuditAction.AgencyAssigned, AuditAction.AgencyAgreedByEnterprise, AuditAction.AssessmentAccepted, AuditAction.AssessmentRecordSaved,
        AuditAction.AgencyReassigned, AuditAction.AgencyAgreedByEnterprise, AuditAction.AssessmentAccepted,
    ];

    [Fact]
    public void An_agency_sees_only_lines_from_its_own_assignment_on()
    {
        var a = Make.InProgress().Assessment;
        var visible = AssessmentHistoryPolicy.Visible(HistoryReader.Agency, a, PathOfTwoAgencies, x => x);
        Assert.Equal([AuditAction.AgencyReassigned, AuditAction.AgencyAgreedByEnterprise, AuditAction.AssessmentAccepted], visible);
        Assert.Equal(PathOfTwoAgencies, AssessmentHistoryPolicy.Visible(HistoryReader.Supervisor, a, PathOfTwoAgencies, x => x));
        Assert.False(AssessmentHistoryPolicy.SeesAgencyChanges(HistoryReader.Agency));
    }

    [Fact]
    public void An_enterprise_sees_no_working_step_and_no_return_before_confirmation()
    {
        AuditAction[] lines = [AuditAction.AgencyAssigned, AuditAction.AssessmentRecordSaved, AuditAction.CheckpointCompleted,
            AuditAction.ReportSubmitted, AuditAction.ReportReturned, AuditAction.ReportResubmitted];
        var s = Make.Submitted();
        s.Assessment.Return("缺少现场照片", "赵审核员", Make.Before);
        Assert.Equal([AuditAction.AgencyAssigned, AuditAction.ReportSubmitted, AuditAction.ReportResubmitted],
            AssessmentHistoryPolicy.Visible(HistoryReader.Enterprise, s.Assessment, lines, x => x));
        Assert.False(AssessmentHistoryPolicy.SeesReturns(HistoryReader.Enterprise, s.Assessment));

        s.Assessment.SubmitReport(Guid.NewGuid(), "周评估师", Make.Before);
        s.Assessment.ConfirmCompliance("赵审核员", Make.Before);
        s.Assessment.ConfirmCompletion("李科长", Make.Before);
        Assert.Contains(AuditAction.ReportReturned, AssessmentHistoryPolicy.Visible(HistoryReader.Enterprise, s.Assessment, lines, x => x));
        Assert.True(AssessmentHistoryPolicy.SeesReturns(HistoryReader.Enterprise, s.Assessment));
    }
}
