using Microsoft.AspNetCore.Identity;
using ZhiPingQuan.Domain.Organisations;

namespace ZhiPingQuan.Web.Data.Identity;

/// <summary>A person's account. Bound to exactly one organisation, which scopes everything it sees.</summary>
public class AppUser : IdentityUser<Guid>
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = string.Empty;

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>Seeded accounts outside the demo must change the password at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }

    /// <summary>
    /// Made by the demo seeder (published password): exempt from two-factor sign-in where the demo says so, and the
    /// reason a Production start is refused.
    /// </summary>
    public bool IsDemoAccount { get; set; }

    /// <summary>Opened, but its user has not yet set a password through the activation link (an account nobody else knows the password of).</summary>
    public bool IsAwaitingActivation => PasswordHash is null;
}

public class AppRole : IdentityRole<Guid>
{
    public AppRole() => Id = Guid.CreateVersion7();

    public AppRole(string name) : this() => Name = name;
}
