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
