using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// Who must sign in with a second factor (docs/decisions/0013-sessions-and-separation-of-duties.md): every account of the roles in
/// <see cref="Roles.RequireTwoFactor"/>, except the demo accounts where <c>Security:RequireTwoFactorForDemoAccounts</c>
/// is false (only the Demo and Development settings say so). Optional for every other account.
/// </summary>
public sealed class TwoFactorPolicy(IConfiguration configuration)
{
    public const string DemoAccountsKey = "Security:RequireTwoFactorForDemoAccounts";

    private readonly bool _demoAccountsToo = configuration.GetValue(DemoAccountsKey, true);

    /// <summary>The demo accounts are exempt (the Demo and Development settings).</summary>
    public bool DemoAccountsExempt => !_demoAccountsToo;

    public bool IsRequired(AppUser user, IEnumerable<string> roles) =>
        roles.Any(Roles.RequireTwoFactor.Contains) && (_demoAccountsToo || !user.IsDemoAccount);

    /// <summary>Required and not yet enrolled: the account may only enrol.</summary>
    public bool MustEnrol(AppUser user, IEnumerable<string> roles) => !user.TwoFactorEnabled && IsRequired(user, roles);
}
