using System.Globalization;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Organisations;

/// <summary>市级服务机构 or 区级服务机构 (recommended by a unit). Only a municipal one's work is redeemed.</summary>
public enum AgencyLevel
{
    Municipal,
    District,
}

public static class AgencyLevelNames
{
    public static string ToChinese(this AgencyLevel level) => level switch
    {
        AgencyLevel.Municipal => "市级服务机构",
        AgencyLevel.District => "区级服务机构",
        _ => level.ToString(),
    };
}

/// <summary>评估诊断/数字化转型服务机构: performs assessments and is paid the redemption (兑付单位).</summary>
public sealed class ServiceAgency : Organisation
{
    private ServiceAgency() { }

    public ServiceAgency(
        string name,
        CreditCode creditCode,
        AgencyLevel level,
        Guid? recommendingUnitId,
        DateOnly validFrom,
        DateOnly? validTo = null,
        bool inCatalogue = false)
        : base(name, OrganisationKind.Agency)
    {
        CreditCode = creditCode ?? throw new DomainException("统一社会信用代码不能为空。");
        SetLevel(level, recommendingUnitId);
        SetValidity(validFrom, validTo);
        InCatalogue = inCatalogue;
    }

    /// <summary>
    /// The commission, Admin or a unit registers an agency (docs/domain.md §4.2 Agencies): the record and its audit line.
    /// <paramref name="unitName"/> names the recommending unit of a district-level agency, for the line.
    /// </summary>
    public static ServiceAgency Register(AgencyDetails details, string? unitName)
    {
        ArgumentNullException.ThrowIfNull(details);
        var agency = new ServiceAgency(details.Name, details.CreditCode, details.Level, details.RecommendingUnitId,
            details.ValidFrom, details.ValidTo, details.InCatalogue);
        agency.SetContact(details.ContactName, details.ContactPhone, details.ContactEmail);
        agency.Raise(new AgencyRegistered(agency.Id, agency.Describe(unitName)));
        return agency;
    }

    /// <summary>
    /// Changes the register's details of the agency; false (nothing recorded) when nothing changed. A refusal part-way
    /// leaves the record changed in memory only: the caller does not save it.
    /// </summary>
    /// <param name="unitNameBefore">The recommending unit's name now, and <paramref name="unitName"/> after, for the audit line.</param>
    public bool ChangeDetails(AgencyDetails details, string? unitNameBefore, string? unitName)
    {
        ArgumentNullException.ThrowIfNull(details);
        var before = Describe(unitNameBefore);
        Rename(details.Name);
        CreditCode = details.CreditCode ?? throw new DomainException("统一社会信用代码不能为空。");
        SetLevel(details.Level, details.RecommendingUnitId);
        InCatalogue = details.InCatalogue;
        SetValidity(details.ValidFrom, details.ValidTo);
        SetContact(details.ContactName, details.ContactPhone, details.ContactEmail);
        var after = Describe(unitName);
        if (after == before)
        {
            return false;
        }
        Raise(new AgencyChanged(Id, before, after));
        return true;
    }

    /// <summary>"2025-01-01 至 长期": the validity as the register shows it.</summary>
    public static string Validity(DateOnly from, DateOnly? to) =>
        $"{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 至 {(to is { } end ? end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "长期")}";

    /// <summary>The record as one line, for the audit trail's before and after.</summary>
    public string Describe(string? unitName) => string.Join("｜",
        Name,
        CreditCode.Value,
        Level.ToChinese() + (unitName is null ? "" : $"（{unitName}推荐）"),
        InCatalogue ? "列入推荐目录" : "未列入推荐目录",
        "有效期 " + Validity(ValidFrom, ValidTo),
        string.Join(" ", new[] { ContactName, ContactPhone, ContactEmail }.Where(s => !string.IsNullOrEmpty(s))));

    public CreditCode CreditCode { get; private set; } = null!;

    public AgencyLevel Level { get; private set; }

    /// <summary>For a district-level agency, the unit that recommended it; null for municipal agencies.</summary>
    public Guid? RecommendingUnitId { get; private set; }

    public RecommendingUnit? RecommendingUnit { get; private set; }

    /// <summary>列入推荐目录.</summary>
    public bool InCatalogue { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    /// <summary>Last day of validity (inclusive); null while open-ended.</summary>
    public DateOnly? ValidTo { get; private set; }

    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public string? ContactEmail { get; private set; }

    public bool IsValidOn(DateOnly date) => ServiceAgencyRules.ValidOn.IsSatisfiedBy(this, date);

    /// <summary>A district may assign a municipal agency, or a district-level agency its own unit recommended.</summary>
    public bool IsOpenTo(Guid recommendingUnitId) => ServiceAgencyRules.OpenTo.IsSatisfiedBy(this, recommendingUnitId);

    /// <summary>Only a municipal agency, valid on the assessment date, can lead to a redemption (docs/domain.md §4.2).</summary>
    public bool CanLeadToRedemption(DateOnly assessmentDate) => ServiceAgencyRules.RedeemableOn.IsSatisfiedBy(this, assessmentDate);

    public void SetLevel(AgencyLevel level, Guid? recommendingUnitId)
    {
        if (!Enum.IsDefined(level))
        {
            throw new DomainException("服务机构级别无效。");
        }
        if (level == AgencyLevel.District && (recommendingUnitId is null || recommendingUnitId == Guid.Empty))
        {
            throw new DomainException("区级服务机构必须注明推荐单位。");
        }
        if (level == AgencyLevel.Municipal && recommendingUnitId is not null)
        {
            throw new DomainException("市级服务机构不属于推荐单位，请不要填写推荐单位。");
        }
        Level = level;
        RecommendingUnitId = recommendingUnitId;
    }

    public void SetValidity(DateOnly validFrom, DateOnly? validTo)
    {
        if (validTo is not null && validTo.Value < validFrom)
        {
            throw new DomainException(
                $"有效期截止日（{ShanghaiTime.FormatDate(validTo.Value)}）不能早于起始日（{ShanghaiTime.FormatDate(validFrom)}）。");
        }
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public void SetContact(string? contactName, string? contactPhone, string? contactEmail)
    {
        var n = ContactRules.Name(contactName);
        var p = ContactRules.Phone(contactPhone);
        var e = ContactRules.Email(contactEmail);
        (ContactName, ContactPhone, ContactEmail) = (n, p, e);
    }
}

/// <summary>What the register's form says of an agency.</summary>
public sealed record AgencyDetails(
    string Name,
    CreditCode CreditCode,
    AgencyLevel Level,
    Guid? RecommendingUnitId,
    bool InCatalogue,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail);


/// <summary>Which agencies qualify, as rules both the database and the aggregates use (docs/domain.md §4.2 Agencies).</summary>
public static class ServiceAgencyRules
{
    /// <summary>Within its validity on the day (both ends inclusive; an open end has no last day).</summary>
    public static readonly QueryRule<ServiceAgency, DateOnly> ValidOn =
        new((a, day) => a.ValidFrom <= day && (a.ValidTo == null || a.ValidTo >= day));

    /// <summary>Its work on the day can be redeemed: a municipal agency, valid on that day (docs/domain.md §4.2).</summary>
    public static readonly QueryRule<ServiceAgency, DateOnly> RedeemableOn =
        new((a, day) => a.Level == AgencyLevel.Municipal && ValidOn.IsSatisfiedBy(a, day));

    /// <summary>A municipal agency, or a district-level agency recommended by the unit.</summary>
    public static readonly QueryRule<ServiceAgency, Guid> OpenTo =
        new((a, unitId) => a.Level == AgencyLevel.Municipal || a.RecommendingUnitId == unitId);
}
