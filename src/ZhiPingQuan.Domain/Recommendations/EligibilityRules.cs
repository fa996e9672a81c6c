using System.Globalization;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Recommendations;

/// <summary>
/// The municipal recommendation rules of docs/domain.md §4.1, as a pure function. The answer is a list of
/// explanations in Chinese, one per rule failed; an empty list means eligible.
/// </summary>
public static class EligibilityRules
{
    /// <summary>年产值 ≥ 1 亿元, in 万元.</summary>
    public const decimal MinimumAnnualOutputWanYuan = 10000.00m;

    /// <summary>A basis-1 contract must be strictly above this amount in 万元.</summary>
    public const decimal ContractThresholdWanYuan = 20.00m;

    /// <summary>
    /// <paramref name="annualOutputWanYuan"/> and <paramref name="industry"/> may be null when an imported
    /// row lacks them; each missing fact is reported as such.
    /// </summary>
    public static IReadOnlyList<string> Check(
        decimal? annualOutputWanYuan,
        KeyIndustry? industry,
        IEnumerable<RecommendationBasis> bases,
        IEnumerable<TransformationContract> contracts) =>
        new[] { AnnualOutputError(annualOutputWanYuan), BasisError(bases, contracts), IndustryError(industry) }.OfType<string>().ToList();

    /// <summary>年产值 ≥ 1 亿元: why not, or null.</summary>
    public static string? AnnualOutputError(decimal? annualOutputWanYuan) =>
        annualOutputWanYuan is null ? "未填写年产值。"
        : annualOutputWanYuan.Value < MinimumAnnualOutputWanYuan
            ? $"年产值为{WanYuan(annualOutputWanYuan.Value)}万元，低于1亿元（{WanYuan(MinimumAnnualOutputWanYuan)}万元）。"
        : null;

    /// <summary>At least one basis; basis 1 only with a contract that counts (key link, above 20 万元): why not, or null.</summary>
    public static string? BasisError(IEnumerable<RecommendationBasis> bases, IEnumerable<TransformationContract> contracts)
    {
        var basisSet = bases.ToHashSet();
        if (basisSet.Count == 0)
        {
            return "未选择推荐依据，至少应符合一项。";
        }
        var contractList = contracts.ToList();
        if (!basisSet.Contains(RecommendationBasis.SmartTransformation) || contractList.Any(c => c.CountsForEligibility))
        {
            return null;
        }
        var why = contractList.Count == 0
            ? "未填写改造合同"
            : "所填合同均不符合（金额须高于20万元，且财务、OA等非关键环节不计入）";
        return $"推荐依据1（智能化改造）需至少一份设计、生产、研发、制造、检测、仓储或节能环保等关键环节、金额高于20万元的改造合同：{why}。";
    }

    /// <summary>One of the six key industries: why not, or null.</summary>
    public static string? IndustryError(KeyIndustry? industry) =>
        industry is null || !Enum.IsDefined(industry.Value)
            ? "所属行业不是六大重点产业（电子信息、生命健康、汽车、高端装备、先进材料、时尚消费品）之一。"
            : null;

    public static IReadOnlyList<string> Check(
        Enterprise enterprise,
        IEnumerable<RecommendationBasis> bases,
        IEnumerable<TransformationContract> contracts) =>
        Check(enterprise.AnnualOutputWanYuan, enterprise.Industry, bases, contracts);

    private static string WanYuan(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);
}

/// <summary>A recommendation was refused because the enterprise fails the municipal rules.</summary>
public sealed class NotEligibleException : DomainException
{
    public NotEligibleException(IReadOnlyList<string> reasons)
        : base("该企业不符合市级推荐条件：" + string.Join("", reasons) + "如仅作区级叠加支持，请勾选“区级叠加支持”。")
    {
        Reasons = reasons;
    }

    public IReadOnlyList<string> Reasons { get; }
}
