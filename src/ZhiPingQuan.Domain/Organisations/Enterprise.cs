using System.Globalization;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Organisations;

/// <summary>
/// An industrial enterprise (the 申请单位), registered in one recommending unit. Its credit code is its
/// identity across the registry, the summary table, the assessment and the application.
/// </summary>
public sealed class Enterprise : Organisation
{
    private Enterprise() { }

    public Enterprise(
        string name,
        CreditCode creditCode,
        KeyIndustry industry,
        decimal annualOutputWanYuan,
        Guid recommendingUnitId)
        : base(name, OrganisationKind.Enterprise)
    {
        CreditCode = creditCode ?? throw new DomainException("统一社会信用代码不能为空。");
        SetIndustry(industry, null);
        SetAnnualOutput(annualOutputWanYuan);
        MoveToUnit(recommendingUnitId);
    }

    public CreditCode CreditCode { get; private set; } = null!;

    /// <summary>所属行业: one of the six key industries.</summary>
    public KeyIndustry Industry { get; private set; }

    /// <summary>Optional tags of the wider "2+(3+6)+(4+5)" system, free text (e.g. "集成电路、人工智能").</summary>
    public string? IndustryTags { get; private set; }

    /// <summary>年产值 in 万元, two decimals.</summary>
    public decimal AnnualOutputWanYuan { get; private set; }

    public string? Address { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public string? ContactEmail { get; private set; }

    /// <summary>The recommending unit the enterprise is registered in (the only one that may recommend it).</summary>
    public Guid RecommendingUnitId { get; private set; }

    public RecommendingUnit? RecommendingUnit { get; private set; }

    /// <summary>联系方式 as the summary table prints it: "张三 021-12345678".</summary>
    public string ContactLine => string.Join(" ", new[] { ContactName, ContactPhone }.Where(s => !string.IsNullOrEmpty(s)));

    public void SetIndustry(KeyIndustry industry, string? tags)
    {
        if (!Enum.IsDefined(industry))
        {
            throw new DomainException("所属行业应为六大重点产业之一。");
        }
        var t = ContactRules.Optional(tags, 200, "产业标签");
        Industry = industry;
        IndustryTags = t;
    }

    public void SetAnnualOutput(decimal wanYuan) =>
        AnnualOutputWanYuan = AnnualOutputError(wanYuan) is { } error ? throw new DomainException(error) : wanYuan;

    /// <summary>企业名称: required, at most <see cref="Organisation.MaxNameLength"/> characters (null when acceptable).</summary>
    public static string? NameError(string? name) => NameError(name, OrganisationKind.Enterprise);

    /// <summary>
    /// 年产值 as a number the registry can hold: not negative, two decimals, below 100 亿万元 (a unit mistake).
    /// Whether it reaches the municipal 1 亿 is <see cref="Recommendations.EligibilityRules"/>' question, not this one.
    /// </summary>
    public static string? AnnualOutputError(decimal wanYuan) =>
        wanYuan < 0m ? "年产值不能为负数。"
        : decimal.Round(wanYuan, 2) != wanYuan ? $"年产值（万元）最多保留两位小数，当前为{wanYuan.ToString(CultureInfo.InvariantCulture)}。"
        : wanYuan >= 10_000_000_000m ? "年产值（万元）数值过大，请检查单位是否为万元。"
        : null;

    public void SetContact(string? address, string? contactName, string? contactPhone, string? contactEmail)
    {
        // Check everything before changing anything: a refused input leaves the record as it was.
        var a = ContactRules.Optional(address, 300, "地址");
        var n = ContactRules.Name(contactName);
        var p = ContactRules.Phone(contactPhone);
        var e = ContactRules.Email(contactEmail);
        (Address, ContactName, ContactPhone, ContactEmail) = (a, n, p, e);
    }

    /// <summary>
    /// The enterprise corrects its own contact (联系人, 联系电话, 电子邮箱; docs/domain.md §5 Accounts): recorded as a line of
    /// the enterprise's history, which its district reads. False (nothing recorded) when nothing changes.
    /// </summary>
    public bool ChangeContactByEnterprise(string? contactName, string? contactPhone, string? contactEmail)
    {
        var n = ContactRules.Name(contactName);
        var p = ContactRules.Phone(contactPhone);
        var e = ContactRules.Email(contactEmail);
        if (n is null)
        {
            throw new DomainException("请填写联系人。", nameof(ContactName));
        }
        if ((n, p, e) == (ContactName, ContactPhone, ContactEmail))
        {
            return false;
        }
        var before = DescribeContact(ContactName, ContactPhone, ContactEmail);
        (ContactName, ContactPhone, ContactEmail) = (n, p, e);
        Raise(new EnterpriseContactChangedByEnterprise(Id, before, DescribeContact(n, p, e)));
        return true;
    }

    private static string DescribeContact(string? name, string? phone, string? email) =>
        $"{name ?? "—"}｜{phone ?? "—"}｜{email ?? "—"}";

    /// <summary>Admin corrects a mistyped code (the value object guarantees it is valid or a registered exception).</summary>
    public void CorrectCreditCode(CreditCode creditCode) =>
        CreditCode = creditCode ?? throw new DomainException("统一社会信用代码不能为空。");

    /// <summary>Registers the enterprise in another unit (Admin; e.g. after a move).</summary>
    public void MoveToUnit(Guid recommendingUnitId)
    {
        if (recommendingUnitId == Guid.Empty)
        {
            throw new DomainException("企业必须属于一个推荐单位。");
        }
        RecommendingUnitId = recommendingUnitId;
    }
}
