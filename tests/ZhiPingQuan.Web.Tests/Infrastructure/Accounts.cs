using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;

namespace ZhiPingQuan.Web.Tests.Infrastructure;

/// <summary>Arranging accounts that a test may lock or change without disturbing the demo accounts.</summary>
public static class Accounts
{
    public const string Password = "Test#pass2023";

    public static async Task<string> CreateEnterpriseUserAsync(PortalFactory portal, string tag)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var enterprise = await db.Organisations.OfType<Enterprise>().OrderBy(e => e.Name).FirstAsync();
        var email = $"{tag}.{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "测试用户" + tag, OrganisationId = enterprise.Id, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Enterprise);
        return email;
    }
}
