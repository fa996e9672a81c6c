using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Assessments;

public class AssessmentAssignmentTests
{
    [Fact]
    public void Assigning_an_agency_copies_the_recommendation_and_starts_assigned()
    {
        var s = Make.Assigned();
        var a = s.Assessment;
        var r = s.Recommendation;
        Assert.Equal(AssessmentState.Assigned, a.State);
        Assert.Equal(r.Id, a.RecommendationId);
        Assert.Equal(r.EnterpriseId, a.EnterpriseId);
        Assert.Equal(r.RecommendingUnitId, a.RecommendingUnitId);
        Assert.Equal(r.ProgrammeYearId, a.ProgrammeYearId);
        Assert.Equal(r.BatchId, a.BatchId);
        Assert.Equal(s.Agency.Id, a.AgencyId);
        Assert.Equal("李科长", a.AssignedBy);
        Assert.Equal(Assessment.DefaultStandardEditions, a.StandardEditions);
        Assert.Equal("GB/T 39116-2020 / GB/T 39117-2020", a.StandardEditions);
        Assert.Equal(0, a.ReportVersion);
    }

    [Fact]
    public void Only_a_recommended_enterprise_can_be_assigned()
    {
        var draft = Make.Draft();
        var ex = Assert.Throws<DomainException>(() => new Assessment(draft.Recommendation, Make.MunicipalAgency(), "李科长", Make.Before));
        Assert.Contains("只有已推荐的企业才能分配评估机构", ex.Message);
    }

    [Fact]
    public void An_agency_outside_its_validity_cannot_be_assigned()
    {
        var s = Make.Recommended();
        var expired = new ServiceAgency("过期机构", CreditCode.Parse(Make.AgencyCode), AgencyLevel.Municipal, null,
            new DateOnly(2022, 1, 1), new DateOnly(2023, 9, 30));
        var ex = Assert.Throws<DomainException>(() => new Assessment(s.Recommendation, expired, "李科长", Make.Before));
        Assert.Contains("不在有效期内", ex.Message);
    }

    [Fact]
    public void A_deactivated_agency_cannot_be_assigned()
    {
        var s = Make.Recommended();
        var agency = Make.MunicipalAgency();
        agency.Deactivate();
        Assert.Throws<DomainException>(() => new Assessment(s.Recommendation, agency, "李科长", Make.Before));
    }

    [Fact]
    public void Starting_needs_the_enterprise_agreement()
    {
        var a = Make.Assigned().Assessment;
        a.DeclareConflict(false, null, "周评估师", Make.Before);
        var ex = Assert.Throws<DomainException>(() => a.Start("周评估师", Make.Before));
        Assert.Equal("企业尚未确认评估机构，不能开始评估。", ex.Message);
        Assert.Equal(AssessmentState.Assigned, a.State);
    }

    [Fact]
    public void Starting_needs_a_conflict_declaration()
    {
        var a = Make.Assigned().Assessment;
        a.ConfirmByEnterprise("孙经理", Make.Before);
        var ex = Assert.Throws<DomainException>(() => a.Start("周评估师", Make.Before));
        Assert.Equal("服务机构尚未声明无利益冲突，不能开始评估。", ex.Message);
    }

    [Fact]
    public void A_declared_conflict_blocks_acceptance()
    {
        var a = Make.Assigned().Assessment;
        a.ConfirmByEnterprise("孙经理", Make.Before);
        a.DeclareConflict(true, "本机构曾为该企业提供咨询服务", "周评估师", Make.Before);
        var ex = Assert.Throws<DomainException>(() => a.Start("周评估师", Make.Before));
        Assert.Contains("已声明与该企业存在利益冲突", ex.Message);
        Assert.Equal(AssessmentState.Assigned, a.State);
        Assert.True(a.ConflictDeclared);
        Assert.Equal("本机构曾为该企业提供咨询服务", a.ConflictStatement);
    }

    [Fact]
    public void Declaring_a_conflict_needs_a_statement()
    {
        var a = Make.Assigned().Assessment;
        var ex = Assert.Throws<DomainException>(() => a.DeclareConflict(true, " ", "周评估师", Make.Before));
        Assert.Equal("声明存在利益冲突时必须说明情况。", ex.Message);
        Assert.Null(a.ConflictDeclared);
    }

    [Fact]
    public void With_agreement_and_no_conflict_the_agency_starts()
    {
        var s = Make.InProgress();
        Assert.Equal(AssessmentState.InProgress, s.Assessment.State);
        Assert.Equal(Make.Before, s.Assessment.StartedAtUtc);
        Assert.False(s.Assessment.ConflictDeclared);
        Assert.Equal("孙经理", s.Assessment.EnterpriseConfirmedBy);
    }

    [Fact]
    public void The_enterprise_confirms_only_once()
    {
        var a = Make.Assigned().Assessment;
        a.ConfirmByEnterprise("孙经理", Make.Before);
        Assert.Throws<DomainException>(() => a.ConfirmByEnterprise("孙经理", Make.Before));
    }

    [Fact]
    public void Confirming_or_declaring_after_the_start_is_refused()
    {
        var a = Make.InProgress().Assessment;
        Assert.Throws<InvalidTransitionException>(() => a.ConfirmByEnterprise("孙经理", Make.Before));
        Assert.Throws<InvalidTransitionException>(() => a.DeclareConflict(true, "x", "周评估师", Make.Before));
        Assert.Throws<InvalidTransitionException>(() => a.Start("周评估师", Make.Before));
    }

    [Fact]
    public void Reassigning_keeps_the_change_and_asks_for_agreement_and_declaration_again()
    {
        var s = Make.Assigned();
        var a = s.Assessment;
        a.ConfirmByEnterprise("孙经理", Make.Before);
        a.DeclareConflict(true, "曾提供咨询", "周评估师", Make.Before);
        var other = Make.MunicipalAgency("上海数智工厂评估技术有限公司", "91310000MA1FL8B1X");
        var at = Make.Utc(2023, 10, 3);

        a.Reassign(other, " 原机构存在利益冲突 ", "李科长", at);

        Assert.Equal(other.Id, a.AgencyId);
        Assert.Equal(AssessmentState.Assigned, a.State);
        Assert.Null(a.EnterpriseConfirmedAtUtc);
        Assert.Null(a.ConflictDeclared);
        var change = Assert.Single(a.AssignmentChanges);
        Assert.Equal(s.Agency.Id, change.FromAgencyId);
        Assert.Equal(other.Id, change.ToAgencyId);
        Assert.Equal("原机构存在利益冲突", change.Reason);
        Assert.Equal("李科长", change.ByUserName);
        Assert.Equal(at, change.AtUtc);
    }

    [Fact]
    public void Reassigning_during_the_assessment_clears_the_previous_agency_record()
    {
        var s = Make.InProgress();
        var a = s.Assessment;
        Make.FillRecord(a);
        a.Reassign(Make.MunicipalAgency("另一机构", "91310000MA1FL8B1X"), "原机构无法继续", "李科长", Make.Before);
        Assert.Equal(AssessmentState.Assigned, a.State);
        Assert.Null(a.Score);
        Assert.Null(a.SmartFactoryLevelId);
        Assert.Null(a.PreAssessmentDoneAtUtc);
        Assert.True(a.LevelScores.IsEmpty);
    }

    [Fact]
    public void Reassigning_needs_a_reason()
    {
        var a = Make.Assigned().Assessment;
        var ex = Assert.Throws<DomainException>(() =>
            a.Reassign(Make.MunicipalAgency("另一机构", "91310000MA1FL8B1X"), "", "李科长", Make.Before));
        Assert.Equal("改派评估机构必须填写原因。", ex.Message);
        Assert.Empty(a.AssignmentChanges);
    }

    [Fact]
    public void Reassigning_to_the_same_agency_is_refused()
    {
        var s = Make.Assigned();
        Assert.Throws<DomainException>(() => s.Assessment.Reassign(s.Agency, "原因", "李科长", Make.Before));
    }

    [Fact]
    public void Reassignment_refused_after_report_submitted()
    {
        var a = Make.Submitted().Assessment;
        var ex = Assert.Throws<DomainException>(() =>
            a.Reassign(Make.MunicipalAgency("另一机构", "91310000MA1FL8B1X"), "原因", "李科长", Make.Before));
        Assert.Equal("评估报告已提交，不能再改派服务机构（当前状态：报告已提交）。", ex.Message);
    }

    [Fact]
    public void Reassignment_refused_after_a_return()
    {
        var a = Make.Submitted().Assessment;
        a.Return("分数有误", "赵审核员", Make.Before);
        Assert.Throws<DomainException>(() =>
            a.Reassign(Make.MunicipalAgency("另一机构", "91310000MA1FL8B1X"), "原因", "李科长", Make.Before));
    }
}
