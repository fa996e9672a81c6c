using System.Globalization;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Recommendations;

/// <summary>A contract backing basis 1 (改造合同): amount in 万元 and the link it transforms.</summary>
public sealed class TransformationContract
{
    private TransformationContract() { }

    public TransformationContract(decimal amountWanYuan, KeyLink link, string? description = null)
    {
        if (AmountError(amountWanYuan) is { } amountError)
        {
            throw new DomainException(amountError);
        }
        if (!Enum.IsDefined(link))
        {
            throw new DomainException("改造合同所属环节无效。");
        }
        var d = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (d is not null && d.Length > 500)
        {
            throw new DomainException("改造合同说明不能超过500个字。");
        }
        Id = Guid.CreateVersion7();
        AmountWanYuan = amountWanYuan;
        Link = link;
        Description = d;
    }

    /// <summary>
    /// 合同金额 as a number a contract can hold: above 0, two decimals, below 100 亿万元 (a unit mistake); null when
    /// acceptable. Whether it counts for basis 1 (above 20 万元, key link) is <see cref="CountsForEligibility"/>.
    /// </summary>
    public static string? AmountError(decimal amountWanYuan) =>
        amountWanYuan <= 0m ? "改造合同金额必须大于0。"
        : decimal.Round(amountWanYuan, 2) != amountWanYuan
            ? $"改造合同金额（万元）最多保留两位小数，当前为{amountWanYuan.ToString(CultureInfo.InvariantCulture)}。"
        : amountWanYuan >= 10_000_000_000m ? "改造合同金额（万元）数值过大，请检查单位是否为万元。"
        : null;

    public Guid Id { get; private set; }

    /// <summary>合同金额, 万元 with two decimals.</summary>
    public decimal AmountWanYuan { get; private set; }

    public KeyLink Link { get; private set; }

    /// <summary>What the contract is for (名称/环节说明), free text.</summary>
    public string? Description { get; private set; }

    /// <summary>Counts for basis 1: a key link and strictly above 20 万元.</summary>
    public bool CountsForEligibility => Link.IsKeyLink() && AmountWanYuan > EligibilityRules.ContractThresholdWanYuan;
}
