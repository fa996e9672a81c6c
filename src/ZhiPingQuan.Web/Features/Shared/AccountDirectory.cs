using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>An account as the administrators' lists show it.</summary>
public sealed record UserRow(
    Guid Id, string Email, string DisplayName, string? Role, Guid OrganisationId, string OrganisationName,
    DateTimeOffset? LockoutEnd, DateTime? LastSignInAtUtc, bool MustChangePassword,
    bool AwaitingActivation = false, bool TwoFactorEnabled = false, int AccessFailedCount = 0)
{
    public bool IsLocked(DateTime utcNow) => LockoutEnd is { } end && end.UtcDateTime > utcNow;

    /// <summary>Locked by the security administrator (until unlocked), not for 30 minutes after wrong passwords.</summary>
    public bool IsLockedUntilUnlocked => LockoutEnd is { } end && end.Year >= 9999;
}

/// <summary>The accounts, as the account list and an organisation's page list them.</summary>
public sealed class AccountDirectory(AppDbContext db)
{
    public async Task<PagedList<UserRow>> SearchAsync(string? q, string? role, Guid? organisationId, int page, CancellationToken ct = default,
        AccountStates? states = null)
    {
        var query =
            from u in db.Users
            join o in db.Organisations on u.OrganisationId equals o.Id
            select new
            {
                u,
                o,
                Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
            };
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            query = query.Where(x => x.u.Email!.Contains(t) || x.u.DisplayName.Contains(t) || x.o.Name.Contains(t));
        }
        if (!string.IsNullOrWhiteSpace(role))
        {
            query = query.Where(x => x.Role == role);
        }
        if (organisationId is { } orgId)
        {
            query = query.Where(x => x.o.Id == orgId);
        }
        if (states is { Locked: true } lockedAt)
        {
            var ids = await LockedIdsAsync(lockedAt.UtcNow, ct);
            query = query.Where(x => ids.Contains(x.u.Id));
        }
        if (states is { MustChangePassword: true })
        {
            query = query.Where(x => x.u.MustChangePassword);
        }
        if (states is { AwaitingActivation: true })
        {
            query = query.Where(x => x.u.PasswordHash == null);
        }
        if (states is { TwoFactorMissing: true } missing)
        {
            query = query.Where(x => Roles.RequireTwoFactor.Contains(x.Role!) && !x.u.TwoFactorEnabled
                && !(missing.DemoAccountsExempt && x.u.IsDemoAccount));
        }
        var rows = query
            .OrderBy(x => x.o.Name).ThenBy(x => x.u.Email)
            .Select(x => new UserRow(x.u.Id, x.u.Email!, x.u.DisplayName, x.Role, x.o.Id, x.o.Name,
                x.u.LockoutEnd, x.u.LastSignInAtUtc, x.u.MustChangePassword, x.u.PasswordHash == null, x.u.TwoFactorEnabled, x.u.AccessFailedCount));
        return await PagedList<UserRow>.CreateAsync(rows, page, ct: ct);
    }

    public Task<UserRow?> FindAsync(Guid id, CancellationToken ct = default) =>
        (from u in db.Users
         join o in db.Organisations on u.OrganisationId equals o.Id
         where u.Id == id
         select new UserRow(u.Id, u.Email!, u.DisplayName,
             (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
             o.Id, o.Name, u.LockoutEnd, u.LastSignInAtUtc, u.MustChangePassword, u.PasswordHash == null, u.TwoFactorEnabled,
             u.AccessFailedCount)).FirstOrDefaultAsync(ct);

    /// <summary>The accounts locked at <paramref name="utcNow"/> (SQLite cannot compare DateTimeOffset in SQL; accounts with a lockout date are few).</summary>
    public async Task<List<Guid>> LockedIdsAsync(DateTime utcNow, CancellationToken ct = default) =>
        (await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null).Select(u => new { u.Id, End = u.LockoutEnd!.Value }).ToListAsync(ct))
            .Where(u => u.End.UtcDateTime > utcNow).Select(u => u.Id).ToList();
}

/// <summary>Account states a list can be narrowed to (the administrators' home counts lead here).</summary>
public sealed record AccountStates(bool Locked, bool MustChangePassword, DateTime UtcNow)
{
    /// <summary>Opened, its user has not set a password yet.</summary>
    public bool AwaitingActivation { get; init; }

    /// <summary>Its role requires two-factor sign-in and it has not enrolled (demo accounts left out where exempt).</summary>
    public bool TwoFactorMissing { get; init; }

    public bool DemoAccountsExempt { get; init; }
}
