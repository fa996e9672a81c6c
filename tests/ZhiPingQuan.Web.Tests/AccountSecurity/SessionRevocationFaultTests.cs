using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.AccountSecurity;

/// <summary>
/// Deactivating an organisation and locking an account commit together with the end of the people's sessions: when
/// ending the sessions fails (the database refuses the statement), the organisation stays active, the account stays
/// unlocked, no audit line says otherwise, and the people stay signed in. The fault is a real statement failing
/// inside the portal's own database, not a mock; a matter of the portal's transactions, so SQLite only.
/// </summary>
public sealed class SessionRevocationFaultTests : IClassFixture<SessionRevocationFaultTests.FaultPortal>
{
    private const string Password = "Session#Fault2024";
    private readonly FaultPortal _portal;

    public SessionRevocationFaultTests(FaultPortal portal) => _portal = portal;

    /// <summary>Fails the statement that ends sessions while <see cref="Armed"/> is set.</summary>
    public sealed class FailingRevocation : DbCommandInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains("UserSessions"))
            {
                throw new InvalidOperationException("测试注入的数据库故障：结束会话的语句失败。");
            }
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    public sealed class FaultPortal() : PortalFactory(DbProvider.Sqlite)
    {
        public FailingRevocation Fault { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(Fault)));
        }
    }

    private async Task<(Guid Enterprise, Guid UserId, string Email, HttpClient Session)> SignedInEnterpriseUserAsync()
    {
        var enterprise = await AccountTesting.NewEnterpriseAsync(_portal, "浦东新区", "上海会话故障" + TestData.Tag() + "有限公司");
        var user = await AccountTesting.CreateUserAsync(_portal, enterprise, Roles.Enterprise, "fault", Password);
        var session = await _portal.SignedInAsync(user.Email!, Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
        return (enterprise, user.Id, user.Email!, session);
    }

    private Task<int> RevokedSessionsAsync(Guid userId) =>
        _portal.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == userId && s.RevokedAtUtc != null));

    [Fact]
    public async Task A_deactivation_whose_sessions_cannot_be_ended_changes_nothing()
    {
        var (enterprise, userId, _, session) = await SignedInEnterpriseUserAsync();
        var admin = await _portal.SignedInAsync("admin@zpq.local");
        var version = await _portal.WithDbAsync(db => db.Organisations.Where(o => o.Id == enterprise).Select(o => o.Version).FirstAsync());

        _portal.Fault.Armed = true;
        HttpResponseMessage refused;
        try
        {
            refused = await admin.PostFormAsync($"/Organisations/Details/{enterprise}", $"/Organisations/SetActive/{enterprise}",
                new Dictionary<string, string> { ["version"] = version.ToString(), ["active"] = "false" });
        }
        finally
        {
            _portal.Fault.Armed = false;
        }

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        var after = await _portal.WithDbAsync(db => db.Organisations.Where(o => o.Id == enterprise).Select(o => new { o.IsActive, o.Version }).FirstAsync());
        Assert.True(after.IsActive);
        Assert.Equal(version, after.Version);
        Assert.Equal(0, await _portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == enterprise && a.Action == AuditAction.OrganisationDeactivated)));
        Assert.Equal(0, await RevokedSessionsAsync(userId));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);

        // Without the fault the same form goes through, sessions and all.
        var deactivated = await admin.PostFormAsync($"/Organisations/Details/{enterprise}", $"/Organisations/SetActive/{enterprise}",
            new Dictionary<string, string> { ["version"] = version.ToString(), ["active"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Equal(1, await RevokedSessionsAsync(userId));
    }

    [Fact]
    public async Task A_lock_whose_sessions_cannot_be_ended_changes_nothing()
    {
        var (_, userId, email, session) = await SignedInEnterpriseUserAsync();
        var security = await _portal.SignedInAsync("security@zpq.local");

        _portal.Fault.Armed = true;
        HttpResponseMessage refused;
        try
        {
            refused = await security.PostFormAsync($"/Users/Edit/{userId}", $"/Users/Lock/{userId}", new Dictionary<string, string>());
        }
        finally
        {
            _portal.Fault.Armed = false;
        }

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        var user = await _portal.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => new { u.LockoutEnd }).FirstAsync());
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, await _portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == userId && a.Action == AuditAction.AccountLocked)));
        Assert.Equal(0, await RevokedSessionsAsync(userId));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _portal.Browser().SignInAsync(email, Password)).StatusCode);
    }
}
