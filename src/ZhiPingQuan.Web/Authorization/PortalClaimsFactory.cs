using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// Adds the organisation, the display name and the account's pending duties (change the password, enrol a second
/// factor) to the cookie at sign-in and at each security-stamp check (read then, not per request).
/// </summary>
public sealed class PortalClaimsFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options,
    AppDbContext db,
    TwoFactorPolicy twoFactor) : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var orgName = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync();
        identity.AddClaim(new Claim(PortalClaims.OrganisationId, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(PortalClaims.OrganisationName, orgName ?? string.Empty));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "true"));
        }
        if (twoFactor.MustEnrol(user, await UserManager.GetRolesAsync(user)))
        {
            identity.AddClaim(new Claim(PortalClaims.MustEnrolTwoFactor, "true"));
        }
        return identity;
    }
}
