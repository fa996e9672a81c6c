using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>The six roles of docs/domain.md §1. Role names are code; the UI shows <see cref="ToChinese"/>.</summary>
public static class Roles
{
    public const string Commission = nameof(Commission);
    public const string District = nameof(District);
    public const string Enterprise = nameof(Enterprise);
    public const string Agency = nameof(Agency);
    public const string ThirdParty = nameof(ThirdParty);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Commission, District, Enterprise, Agency, ThirdParty, Admin];

    /// <summary>The roles that see every unit's records (docs/domain.md §1): the commission, the third party and Admin.</summary>
    public static readonly string[] ProgrammeWide = [Commission, ThirdParty, Admin];

    public static string ToChinese(string role) => role switch
    {
        Commission => "市经信委",
        District => "推荐单位",
        Enterprise => "企业",
        Agency => "服务机构",
        ThirdParty => "第三方机构",
        Admin => "系统管理员",
        _ => role,
    };

    /// <summary>
    /// The role of an organisation's users: a district official belongs to a recommending unit, and so
    /// on — so an account's role and organisation cannot disagree.
    /// </summary>
    public static string For(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Commission => Commission,
        OrganisationKind.RecommendingUnit => District,
        OrganisationKind.Enterprise => Enterprise,
        OrganisationKind.Agency => Agency,
        OrganisationKind.ThirdParty => ThirdParty,
        OrganisationKind.Operator => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
