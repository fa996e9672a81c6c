using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>Whether an enterprise can act in the portal itself (docs/domain.md §5 Accounts).</summary>
public enum EnterpriseAccountState
{
    /// <summary>无账户: nobody of the enterprise can sign in.</summary>
    None,

    /// <summary>已邀请: an account is opened, its user has not yet set a password through the activation link.</summary>
    Invited,

    /// <summary>已开通: at least one account has its password set.</summary>
    Active,
}

public static class EnterpriseAccountStateNames
{
    public static string ToChinese(this EnterpriseAccountState state) => state switch
    {
        EnterpriseAccountState.None => "无账户",
        EnterpriseAccountState.Invited => "已邀请",
        EnterpriseAccountState.Active => "已开通",
        _ => state.ToString(),
    };
}

/// <summary>The account state of enterprises, for the registry's column, the assignment's warning and the invitation page.</summary>
public sealed class EnterpriseAccountStates(AppDbContext db)
{
    public async Task<IReadOnlyDictionary<Guid, EnterpriseAccountState>> ForAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken ct = default)
    {
        var ids = enterpriseIds.Distinct().ToList();
        var accounts = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.OrganisationId))
            .GroupBy(u => u.OrganisationId)
            .Select(g => new { Id = g.Key, Active = g.Any(u => u.PasswordHash != null) })
            .ToListAsync(ct);
        var found = accounts.ToDictionary(a => a.Id, a => a.Active ? EnterpriseAccountState.Active : EnterpriseAccountState.Invited);
        return ids.ToDictionary(id => id, id => found.GetValueOrDefault(id, EnterpriseAccountState.None));
    }

    public async Task<EnterpriseAccountState> ForAsync(Guid enterpriseId, CancellationToken ct = default) =>
        (await ForAsync([enterpriseId], ct))[enterpriseId];
}
