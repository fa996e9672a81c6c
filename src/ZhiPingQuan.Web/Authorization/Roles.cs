using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// The roles of docs/domain.md §1: the six of the programme, with the platform's administration split in three
/// (三权分立: accounts and organisations, security, audit). Role names are code; the UI shows <see cref="ToChinese"/>.
/// </summary>
public static class Roles
{
    public const string Commission = nameof(Commission);
    public const string District = nameof(District);
    public const string Enterprise = nameof(Enterprise);
    public const string Agency = nameof(Agency);
    public const string ThirdParty = nameof(ThirdParty);

    /// <summary>系统管理员: accounts (created without knowing their passwords) and organisations.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>安全管理员: locks and unlocks accounts, issues password-reset links, resets two-factor sign-in, reads the security settings.</summary>
    public const string SecurityAdmin = nameof(SecurityAdmin);

    /// <summary>审计管理员: reads and exports the audit trail, nothing else.</summary>
    public const string AuditAdmin = nameof(AuditAdmin);

    public static readonly IReadOnlyList<string> All = [Commission, District, Enterprise, Agency, ThirdParty, Admin, SecurityAdmin, AuditAdmin];

    /// <summary>The platform's three administrators; none of them reads business records.</summary>
    public static readonly string[] Administrators = [Admin, SecurityAdmin, AuditAdmin];

    /// <summary>The roles that see every unit's business records (docs/domain.md §1): the commission and the third party.</summary>
    public static readonly string[] ProgrammeWide = [Commission, ThirdParty];

    /// <summary>Roles whose accounts must sign in with a second factor (TOTP); optional for the others.</summary>
    public static readonly string[] RequireTwoFactor = [Commission, ThirdParty, Admin, SecurityAdmin, AuditAdmin];

    public static string ToChinese(string role) => role switch
    {
        Commission => "市经信委",
        District => "推荐单位",
        Enterprise => "企业",
        Agency => "服务机构",
        ThirdParty => "第三方机构",
        Admin => "系统管理员",
        SecurityAdmin => "安全管理员",
        AuditAdmin => "审计管理员",
        _ => role,
    };

    /// <summary>
    /// The roles an account of an organisation of this kind may hold (its first is the usual one): a district official
    /// belongs to a recommending unit, and so on; the operator's staff hold one of the three administrator roles.
    /// </summary>
    public static IReadOnlyList<string> AllowedFor(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Commission => [Commission],
        OrganisationKind.RecommendingUnit => [District],
        OrganisationKind.Enterprise => [Enterprise],
        OrganisationKind.Agency => [Agency],
        OrganisationKind.ThirdParty => [ThirdParty],
        OrganisationKind.Operator => Administrators,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The role an account of this organisation gets unless another allowed one is chosen.</summary>
    public static string DefaultFor(OrganisationKind kind) => AllowedFor(kind)[0];

    /// <summary><paramref name="role"/> when the organisation's kind allows it, else null.</summary>
    public static string? Allowed(OrganisationKind kind, string? role) =>
        role is not null && AllowedFor(kind).Contains(role) ? role : null;
}
