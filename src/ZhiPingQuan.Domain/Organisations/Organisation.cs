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

    /// <summary>
    /// Admin has entered this organisation in the platform's register of organisations (单位管理, docs/domain.md §1).
    /// Not raised by the constructor: an enterprise a district registers and an agency the commission or a unit
    /// registers come in through their own registries' transitions, and seeded reference data is no one's act.
    /// </summary>
    public void EnterInRegister() => Raise(new OrganisationCreated(Id, Kind, Name));

    /// <summary>
    /// Admin renames the organisation in the register; false (nothing recorded) when the name stays. A registry
    /// edit of an enterprise or an agency changes the name with <see cref="Rename"/> as part of its own transition.
    /// </summary>
    public bool RenameInRegister(string name)
    {
        var before = Name;
        Rename(name);
        if (Name == before)
        {
            return false;
        }
        Raise(new OrganisationRenamed(Id, Kind, before, Name));
        return true;
    }

    /// <summary>Its accounts can no longer sign in (and, for a unit or an agency, it is no longer offered). Recorded when it was active.</summary>
    public void Deactivate()
    {
        if (!IsActive)
        {
            return;
        }
        IsActive = false;
        Raise(new OrganisationDeactivated(Id, Kind, Name));
    }

    /// <summary>Its accounts may sign in again. Recorded when it was inactive.</summary>
    public void Activate()
    {
        if (IsActive)
        {
            return;
        }
        IsActive = true;
        Raise(new OrganisationActivated(Id, Kind, Name));
    }
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
