using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Domain.Tests.Applications;

/// <summary>Builds applications in each state for the tests of this area and of redemptions.</summary>
internal static class QuotaApplicationFactory
{
    public static readonly DateOnly Deadline = new(2023, 11, 15);

    /// <summary>The batch deadline as the commission extended it (returns may run to it).</summary>
    public static readonly DateOnly Extended = new(2023, 11, 30);
    public static readonly DateTime Before = new(2023, 11, 10, 2, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime LastSecond = new(2023, 11, 15, 15, 59, 59, DateTimeKind.Utc);
    public static readonly DateTime TooLate = new(2023, 11, 15, 16, 0, 0, DateTimeKind.Utc);
    public const string Reviewer = "第三方审核员孙八";

    /// <summary>Bases 1 and 3: the checklist asks for an upgrade contract and a smart-factory approval.</summary>
    public static readonly RecommendationBasis[] Bases = [RecommendationBasis.SmartTransformation, RecommendationBasis.SmartFactoryOrScenario];

    public static StatedAssessment Stated() =>
        new("上海甲智能制造有限公司", "91310110666007217T", new MaturityScore(2.85m), MaturityLevel.Three, "基础级");

    public static ApplicationOrigin Origin(params RecommendationBasis[] bases) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            Guid.CreateVersion7(), bases.Length == 0 ? Bases : bases);

    public static ContractDetails Contract(decimal amount = 35.50m) => new(amount, KeyLink.Production, new DateOnly(2023, 3, 1));

    public static QuotaApplication Draft(bool complete = true)
    {
        var a = new QuotaApplication(Origin(), Stated(), listedInSubmittedSummaryTable: true, Before);
        if (complete)
        {
            a.UpdateContact("张三", "13800000000", "zhangsan@example.cn");
            a.AddEvidence(EvidenceKind.UpgradeContract, "MES系统采购合同", Guid.CreateVersion7(), Contract(), Before);
            a.AddEvidence(EvidenceKind.SmartFactoryApproval, "市级智能工厂认定文件", Guid.CreateVersion7(), null, Before);
        }
        return a;
    }

    public static QuotaApplication Submitted()
    {
        var a = Draft();
        a.Submit(Before, Deadline);
        return a;
    }

    public static QuotaApplication UnderReview()
    {
        var a = Submitted();
        a.StartReview();
        return a;
    }

    public static QuotaApplication Returned(DateOnly? due = null)
    {
        var a = UnderReview();
        a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "电话无法接通")], due ?? new DateOnly(2023, 11, 20), Extended, Reviewer, Before);
        return a;
    }

    public static QuotaApplication Resubmitted()
    {
        var a = Returned();
        a.UpdateContact("张三", "021-6000 1234", "zhangsan@example.cn");
        a.Resubmit("已更新联系电话", Before);
        return a;
    }

    public static QuotaApplication Passed()
    {
        var a = UnderReview();
        a.Pass(Reviewer, Before);
        return a;
    }

    public static QuotaApplication Rejected()
    {
        var a = UnderReview();
        a.Reject("评估机构不是市级服务机构", Reviewer, Before);
        return a;
    }

    public static QuotaApplication Withdrawn()
    {
        var a = Submitted();
        a.Withdraw("重新准备材料", Before);
        return a;
    }

    public static QuotaApplication InState(QuotaApplicationState state) => state switch
    {
        QuotaApplicationState.Draft => Draft(),
        QuotaApplicationState.Submitted => Submitted(),
        QuotaApplicationState.UnderReview => UnderReview(),
        QuotaApplicationState.ReturnedForSupplement => Returned(),
        QuotaApplicationState.Resubmitted => Resubmitted(),
        QuotaApplicationState.Passed => Passed(),
        QuotaApplicationState.Rejected => Rejected(),
        QuotaApplicationState.Withdrawn => Withdrawn(),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
