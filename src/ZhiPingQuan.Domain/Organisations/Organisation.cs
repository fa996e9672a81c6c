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
        Kind = kind;
        Rename(name);
    }

    /// <summary>Every organisation's name fits the registry's column.</summary>
    public const int MaxNameLength = 200;

    public string Name { get; private set; } = string.Empty;

    public OrganisationKind Kind { get; protected set; }

    public bool IsActive { get; private set; } = true;

    public void Rename(string name) =>
        Name = NameError(name, Kind) is { } error ? throw new DomainException(error) : name.Trim();

    /// <summary>"企业名称不能为空。", "企业名称不能超过200个字，当前为…个字。" (单位名称 for other kinds), or null.</summary>
    public static string? NameError(string? name, OrganisationKind kind)
    {
        var label = kind == OrganisationKind.Enterprise ? "企业名称" : "单位名称";
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length == 0 ? $"{label}不能为空。"
            : trimmed.Length > MaxNameLength ? $"{label}不能超过{MaxNameLength}个字，当前为{trimmed.Length}个字。"
            : null;
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
