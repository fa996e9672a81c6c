using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Assessments;

/// <summary>The enterprise may decline the assigned agency, with a reason, before it agrees; the district then reassigns.</summary>
public class EnterpriseDeclineTests
{
    [Fact]
    public void Declining_records_who_when_and_why_raises_an_audited_event_and_waits_for_reassignment()
    {
        var a = Make.Assigned().Assessment;
        a.TakeEvents();

        a.DeclineByEnterprise("  该机构曾为本企业做过咨询 ", "孙经理", Make.Before);

        Assert.Equal("该机构曾为本企业做过咨询", a.EnterpriseDeclineReason);
        Assert.Equal("孙经理", a.EnterpriseDeclinedBy);
        Assert.Equal(Make.Before, a.EnterpriseDeclinedAtUtc);
        Assert.Equal(AssessmentState.Assigned, a.State);
        Assert.True(AssessmentRules.AwaitingReassignment.IsSatisfiedBy(a));
        Assert.False(AssessmentRules.AwaitingEnterpriseAgreement.IsSatisfiedBy(a));
        var e = Assert.IsType<AgencyDeclinedByEnterprise>(Assert.Single(a.PendingEvents()));
        Assert.Equal(AuditAction.AgencyDeclinedByEnterprise, e.Audit.Action);
        Assert.Equal("拒绝原因：该机构曾为本企业做过咨询", e.Audit.Detail);
        Assert.Equal(a.RecommendingUnitId, e.RecommendingUnitId);
        Assert.Equal("企业拒绝所指派的评估机构", AuditAction.AgencyDeclinedByEnterprise.ToChinese());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_reason_is_required_and_nothing_changes_without_one(string? reason)
    {
        var a = Make.Assigned().Assessment;
        a.TakeEvents();
        var ex = Assert.Throws<DomainException>(() => a.DeclineByEnterprise(reason, "孙经理", Make.Before));
        Assert.Equal("Reason", ex.Field);
        Assert.Null(a.EnterpriseDeclinedAtUtc);
        Assert.Empty(a.PendingEvents());
    }

    [Fact]
    public void A_reason_longer_than_500_characters_is_refused()
    {
        var a = Make.Assigned().Assessment;
        Assert.Throws<DomainException>(() => a.DeclineByEnterprise(new string('长', 501), "孙经理", Make.Before));
        Assert.Null(a.EnterpriseDeclinedAtUtc);
    }

    [Fact]
    public void After_agreeing_or_declining_the_enterprise_cannot_decline_or_agree()
    {
        var agreed = Make.Assigned().Assessment;
        agreed.ConfirmByEnterprise("孙经理", Make.Before);
        Assert.Contains("不能再拒绝", Assert.Throws<DomainException>(() => agreed.DeclineByEnterprise("改主意", "孙经理", Make.Before)).Message);

        var declined = Make.Assigned().Assessment;
        declined.DeclineByEnterprise("原因", "孙经理", Make.Before);
        Assert.Equal(Assessment.DeclinedAwaitingReassignmentMessage, Assert.Throws<DomainException>(() => declined.ConfirmByEnterprise("孙经理", Make.Before)).Message);
        Assert.Equal(Assessment.DeclinedAwaitingReassignmentMessage, Assert.Throws<DomainException>(() => declined.DeclineByEnterprise("再次", "孙经理", Make.Before)).Message);
        Assert.Null(declined.EnterpriseConfirmedAtUtc);
    }

    [Fact]
    public void Once_the_enterprise_declined_the_agency_cannot_declare_and_its_task_is_no_longer_open()
    {
        var a = Make.Assigned().Assessment;
        Assert.True(AssessmentRules.OpenToAgency.IsSatisfiedBy(a));
        a.DeclineByEnterprise("原因", "孙经理", Make.Before);

        Assert.False(AssessmentRules.OpenToAgency.IsSatisfiedBy(a));
        Assert.Equal(Assessment.DeclinedAwaitingReassignmentMessage,
            Assert.Throws<DomainException>(() => a.DeclareConflict(false, null, "周评估师", Make.Before)).Message);
        Assert.Null(a.ConflictDeclared);
    }

    [Fact]
    public void Reassigning_clears_the_refusal_and_the_enterprise_is_asked_again()
    {
        var a = Make.Assigned().Assessment;
        a.DeclineByEnterprise("原因", "孙经理", Make.Before);
        a.Reassign(Make.MunicipalAgency("另一机构", "91310000MA1FL8B1X"), "企业拒绝原机构", "李科长", Make.Before);
        Assert.Null(a.EnterpriseDeclinedAtUtc);
        Assert.Null(a.EnterpriseDeclineReason);
        Assert.True(AssessmentRules.AwaitingEnterpriseAgreement.IsSatisfiedBy(a));
        Assert.False(AssessmentRules.AwaitingReassignment.IsSatisfiedBy(a));
    }

    [Fact]
    public void Declining_is_refused_once_the_assessment_has_started()
    {
        var a = Make.Assigned().Assessment;
        a.ConfirmByEnterprise("孙经理", Make.Before);
        a.DeclareConflict(false, null, "周评估师", Make.Before);
        a.Start("周评估师", Make.Before);
        Assert.ThrowsAny<DomainException>(() => a.DeclineByEnterprise("原因", "孙经理", Make.Before));
    }
}
