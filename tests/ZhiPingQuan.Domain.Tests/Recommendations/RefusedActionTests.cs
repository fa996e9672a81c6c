using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Recommendations;

/// <summary>A refused action leaves the record exactly as it was, even when the refusal comes late in the method.</summary>
public class RefusedActionTests
{
    [Fact]
    public void Recommending_without_an_operator_changes_nothing()
    {
        var s = Make.Draft();
        Assert.Throws<DomainException>(() => s.Recommendation.Recommend(s.Enterprise, s.Batch, " ", Make.Before));
        Assert.Equal(RecommendationState.Draft, s.Recommendation.State);
        Assert.Null(s.Recommendation.RecommendedAtUtc);
    }

    [Fact]
    public void Withdrawing_without_an_operator_changes_nothing()
    {
        var s = Make.Recommended();
        Assert.Throws<DomainException>(() => s.Recommendation.Withdraw("原因", "", Make.Before, false));
        Assert.Equal(RecommendationState.Recommended, s.Recommendation.State);
        Assert.Null(s.Recommendation.WithdrawnAtUtc);
    }

    [Fact]
    public void Submitting_a_report_without_an_operator_changes_nothing()
    {
        var s = Make.InProgress();
        Make.FillRecord(s.Assessment);
        Assert.Throws<DomainException>(() => s.Assessment.SubmitReport(Guid.NewGuid(), " ", Make.Before));
        Assert.Equal(0, s.Assessment.ReportVersion);
        Assert.Null(s.Assessment.ReportFileId);
    }

    [Fact]
    public void Declaring_without_an_operator_changes_nothing()
    {
        var s = Make.Assigned();
        Assert.Throws<DomainException>(() => s.Assessment.DeclareConflict(false, null, "", Make.Before));
        Assert.Null(s.Assessment.ConflictDeclared);
    }

    [Fact]
    public void A_refused_contact_change_keeps_the_old_contact()
    {
        var agency = Make.MunicipalAgency();
        agency.SetContact("张三", "021-1", "a@b.cn");
        Assert.Throws<DomainException>(() => agency.SetContact("李四", "021-2", "not-an-email"));
        Assert.Equal("张三", agency.ContactName);
    }
}
