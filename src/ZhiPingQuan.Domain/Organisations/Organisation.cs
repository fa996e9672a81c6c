using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Organisations;

public enum OrganisationKind
{
    Commission,
    RecommendingUnit,
    Enterprise,
    Agency,
    ThirdParty,
    Operator,
}

/// <summary>
/// Every user account belongs to exactly one organisation; the server scopes every query by it.
/// Enterprises, agencies and recommending units are organisations with more data (subclasses),
/// so "the user's organisation" and "the record's owner" are the same id.
/// </summary>
public class Organisation : Entity
{
    protected Organisation() { }

    public Organisation(string name, OrganisationKind kind)
    {
        Rename(name);
        Kind = kind;
    }

    public string Name { get; private set; } = string.Empty;

    public OrganisationKind Kind { get; protected set; }

    public bool IsActive { get; private set; } = true;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("单位名称不能为空。");
        }
        Name = name.Trim();
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}

public static class OrganisationKindNames
{
    public static string ToChinese(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.Commission => "市经济信息化委",
        OrganisationKind.RecommendingUnit => "推荐单位",
        OrganisationKind.Enterprise => "企业",
        OrganisationKind.Agency => "服务机构",
        OrganisationKind.ThirdParty => "第三方机构",
        OrganisationKind.Operator => "系统运维",
        _ => kind.ToString(),
    };
}
