using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Domain.Tests.Applications;

namespace ZhiPingQuan.Domain.Tests.Reviews;

public class ReviewDecisionTests
{
    [Fact]
    public void A_pass_needs_no_reason_but_keeps_a_remark()
    {
        var a = QuotaApplicationFactory.UnderReview();

        var d = a.Pass("审核员", QuotaApplicationFactory.Before, "材料齐全");

        Assert.Equal("材料齐全", d.Reason);
        Assert.Equal(QuotaApplicationFactory.Before, d.AtUtc);
    }

    [Fact]
    public void A_decision_needs_a_reviewer()
    {
        var a = QuotaApplicationFactory.UnderReview();

        Assert.Throws<ZhiPingQuan.Domain.Common.DomainException>(() => a.Pass(" ", QuotaApplicationFactory.Before));
        Assert.Equal(ZhiPingQuan.Domain.Applications.QuotaApplicationState.UnderReview, a.State);
    }

    [Fact]
    public void Decision_kinds_have_Chinese_names()
    {
        Assert.Equal("通过", ReviewDecisionKind.Pass.ToChinese());
        Assert.Equal("不通过", ReviewDecisionKind.Reject.ToChinese());
        Assert.Equal("退回补正", ReviewDecisionKind.ReturnForSupplement.ToChinese());
    }
}
