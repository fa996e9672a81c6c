using ZhiPingQuan.Domain.Assessments;
using System.Security.Claims;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>Claims the portal adds to the sign-in cookie so every request knows whose data it may touch.</summary>
public static class PortalClaims
{
    public const string OrganisationId = "zpq:org";
    public const string OrganisationName = "zpq:org_name";
    public const string DisplayName = "zpq:display_name";
    public const string MustChangePassword = "zpq:must_change_password";

    /// <summary>The account's role requires two-factor sign-in and it has not enrolled yet: it may do nothing else first.</summary>
    public const string MustEnrolTwoFactor = "zpq:must_enrol_2fa";

    /// <summary>The server-side session (<see cref="Data.Identity.UserSession"/>) this cookie belongs to.</summary>
    public const string SessionId = "zpq:sid";

    public static Guid? GetSessionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SessionId), out var id) ? id : null;

    public static Guid? GetOrganisationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(OrganisationId), out var id) ? id : null;

    /// <summary>The organisation of a signed-in user; every portal account has one.</summary>
    public static Guid RequireOrganisationId(this ClaimsPrincipal user) =>
        user.GetOrganisationId() ?? throw new InvalidOperationException("账户未绑定单位。");

    public static Guid? GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static string GetOrganisationName(this ClaimsPrincipal user) => user.FindFirstValue(OrganisationName) ?? string.Empty;

    /// <summary>The user's one role (accounts have exactly one).</summary>
    public static string? GetRole(this ClaimsPrincipal user) => Roles.All.FirstOrDefault(user.IsInRole);

    /// <summary>Roles that see every unit's records (read-mostly for the third party).</summary>
    public static bool SeesAllUnits(this ClaimsPrincipal user) =>
        Roles.ProgrammeWide.Any(user.IsInRole);

    /// <summary>How the user reads an assessment's history (the agency assigned now, the enterprise, or a supervisor).</summary>
    public static HistoryReader AsHistoryReader(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Agency) ? HistoryReader.Agency
        : user.IsInRole(Roles.Enterprise) ? HistoryReader.Enterprise
        : HistoryReader.Supervisor;
}
