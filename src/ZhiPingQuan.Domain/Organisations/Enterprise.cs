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
        RecommendingUnitId = recommendingUnitId == Guid.Empty ? throw new DomainException(NoUnitMessage) : recommendingUnitId;
    }

    private const string NoUnitMessage = "企业必须属于一个推荐单位。";

    /// <summary>
    /// A district registers an enterprise of its own unit (docs/domain.md §2, the registry): the record with all its
    /// details, and its audit line. The batch-list import creates enterprises with the constructor: its own line per
    /// row says so.
    /// </summary>
    public static Enterprise Register(EnterpriseDetails details, Guid recommendingUnitId)
    {
        ArgumentNullException.ThrowIfNull(details);
        var enterprise = new Enterprise(details.Name, details.CreditCode, details.Industry, details.AnnualOutputWanYuan, recommendingUnitId);
        enterprise.SetIndustry(details.Industry, details.IndustryTags);
        enterprise.SetContact(details.Address, details.ContactName, details.ContactPhone, details.ContactEmail);
        enterprise.Raise(new EnterpriseRegistered(enterprise.Id, enterprise.Describe()));
        return enterprise;
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
    /// The district edits the registry's details of its enterprise (whether it may still change the credit code is the
    /// registry's question: it may not once the enterprise has been recommended). Every value is checked before any
    /// changes; false (nothing recorded) when nothing changed.
    /// </summary>
    public bool ChangeDetails(EnterpriseDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var before = Describe();
        var name = NameError(details.Name) is { } nameError ? throw new DomainException(nameError) : details.Name.Trim();
        var code = details.CreditCode ?? throw new DomainException("统一社会信用代码不能为空。");
        if (!Enum.IsDefined(details.Industry))
        {
            throw new DomainException("所属行业应为六大重点产业之一。");
        }
        var tags = ContactRules.Optional(details.IndustryTags, 200, "产业标签");
        if (AnnualOutputError(details.AnnualOutputWanYuan) is { } outputError)
        {
            throw new DomainException(outputError);
        }
        var address = ContactRules.Optional(details.Address, 300, "地址");
        var contactName = ContactRules.Name(details.ContactName);
        var phone = ContactRules.Phone(details.ContactPhone);
        var email = ContactRules.Email(details.ContactEmail);
        Rename(name);
        CreditCode = code;
        (Industry, IndustryTags, AnnualOutputWanYuan) = (details.Industry, tags, details.AnnualOutputWanYuan);
        (Address, ContactName, ContactPhone, ContactEmail) = (address, contactName, phone, email);
        var after = Describe();
        if (after == before)
        {
            return false;
        }
        Raise(new EnterpriseChanged(Id, before, after));
        return true;
    }

    /// <summary>
    /// Admin corrects the mistyped code of an enterprise its district may no longer change, with a reason (the value
    /// object guarantees the code is valid or a registered exception; that no other enterprise holds it is the registry's).
    /// </summary>
    public void CorrectCreditCode(CreditCode creditCode, string reason)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        var why = RequireReason(reason, "更正原因", nameof(reason));
        if (creditCode == CreditCode)
        {
            throw new DomainException("新的统一社会信用代码与现有代码相同，无需更正。");
        }
        var before = CreditCode;
        CreditCode = creditCode;
        Raise(new EnterpriseCreditCodeCorrected(Id, Name, before.Value, CreditCode.Value, why));
    }

    /// <summary>
    /// Admin registers the enterprise in another unit (it moved districts), with a reason. Whether its recommendation
    /// of the year still belongs to the old unit is the registry's question.
    /// </summary>
    /// <param name="unitBeforeName">The unit it leaves, by name, for the audit line.</param>
    public void MoveToUnit(RecommendingUnit target, string? unitBeforeName, string reason)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsActive)
        {
            throw new DomainException("请选择一个在用的推荐单位。");
        }
        if (target.Id == RecommendingUnitId)
        {
            throw new DomainException($"该企业已登记在{target.Name}，无需变更。");
        }
        var why = RequireReason(reason, "变更原因", nameof(reason));
        RecommendingUnitId = target.Id;
        Raise(new EnterpriseUnitChanged(Id, Name, CreditCode.Value, unitBeforeName, target.Name, why));
    }

    /// <summary>The record as one line, for the audit trail's before and after.</summary>
    public string Describe() => string.Join("｜",
        Name,
        CreditCode.Value,
        Industry.ToChinese() + (IndustryTags is null ? "" : $"（{IndustryTags}）"),
        AnnualOutputWanYuan.ToString("0.00", CultureInfo.InvariantCulture) + "万元",
        Address ?? "",
        string.Join(" ", new[] { ContactName, ContactPhone, ContactEmail }.Where(s => !string.IsNullOrEmpty(s))));

    private static string RequireReason(string? reason, string label, string field)
    {
        var r = reason?.Trim() ?? string.Empty;
        return r.Length == 0 ? throw new DomainException($"请填写{label}。", field)
            : r.Length > 500 ? throw new DomainException($"{label}不能超过500个字。", field)
            : r;
    }
}

/// <summary>What the registry form says of an enterprise: everything a district registers or edits.</summary>
public sealed record EnterpriseDetails(
    string Name,
    CreditCode CreditCode,
    KeyIndustry Industry,
    string? IndustryTags,
    decimal AnnualOutputWanYuan,
    string? Address,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail);
