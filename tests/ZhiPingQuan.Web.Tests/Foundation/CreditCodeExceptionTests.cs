using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Tests.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Foundation;

/// <summary>Admin registers a genuine legacy credit code that fails the check (docs/domain.md §2).</summary>
public abstract class CreditCodeExceptionTests(PortalFactory portal)
{
    private static Dictionary<string, string> Form(string code, string reason) => new() { ["Code"] = code, ["Reason"] = reason };

    [Fact]
    public async Task Admin_registers_a_failing_code_with_a_reason_and_it_is_audited()
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var response = await admin.PostFormAsync("/CreditCodeExceptions", "/CreditCodeExceptions/Add",
            Form("９１３１０１１０６６６００７２１７ａ", "上海某历史企业，经市场监管部门核实为真实代码"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await portal.WithDbAsync(db => db.CreditCodeExceptions.Select(e => e.Code).ToListAsync());
        Assert.Contains(stored, c => c.Value == "91310110666007217A");
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.CreditCodeExceptionRegistered && a.After == "91310110666007217A")));
        // One line, written from the registration's own event.
        var id = await portal.WithDbAsync(db => db.CreditCodeExceptions.Select(e => e.Id).SingleAsync());
        var line = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == id));
        Assert.Equal("上海某历史企业，经市场监管部门核实为真实代码", line.Detail);

        var again = await admin.PostFormAsync("/CreditCodeExceptions", "/CreditCodeExceptions/Add", Form("91310110666007217A", "重复"));
        Assert.Contains("已登记为例外", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await portal.WithDbAsync(db => db.CreditCodeExceptions.CountAsync()));
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.CreditCodeExceptionRegistered)));
    }

    [Theory]
    [InlineData("91310115591693856A", "", "校验通过，无需登记例外")]
    [InlineData("91310110666007217B", "", "必须填写原因")]
    [InlineData("9131011066600721", "长度不对", "18位")]
    public async Task Bad_registrations_are_refused_in_Chinese_and_nothing_is_stored(string code, string reason, string message)
    {
        var admin = await portal.SignedInAsync("admin@zpq.local");
        var before = await portal.WithDbAsync(db => db.CreditCodeExceptions.CountAsync());
        var response = await admin.PostFormAsync("/CreditCodeExceptions", "/CreditCodeExceptions/Add", Form(code, reason));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await portal.WithDbAsync(db => db.CreditCodeExceptions.CountAsync()));
    }

    [Fact]
    public async Task Only_admin_may_register_exceptions()
    {
        var district = await portal.SignedInAsync("district.pudong@zpq.local");
        var response = await district.GetAsync("/CreditCodeExceptions");
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}

[Collection("sqlite")]
public sealed class CreditCodeExceptionTests_Sqlite(SqlitePortal portal) : CreditCodeExceptionTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class CreditCodeExceptionTests_Postgres(PostgresPortal portal) : CreditCodeExceptionTests(portal), IClassFixture<PostgresPortal>;
