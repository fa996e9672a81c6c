using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.Programmes;

namespace ZhiPingQuan.Web.Tests.Audit;

/// <summary>
/// 审计日志: searched by text and by an action of the catalogue, read in Chinese (actions and record types), record
/// ids shortened with the full value on demand; the export keeps every stored value as it is, and is itself recorded.
/// </summary>
public abstract class AuditLogTests(PortalFactory portal)
{
    private const string Commission = "commission@zpq.local";

    /// <summary>An account of its own that signed in once with a wrong password and once rightly: two lines naming it.</summary>
    private async Task<(string Tag, Guid UserId)> AccountWithTwoSignInsAsync()
    {
        var tag = TestData.Tag();
        var email = await Accounts.CreateEnterpriseUserAsync(portal, tag);
        await portal.Browser().SignInAsync(email, "Wrong#pass1");
        await portal.Browser().SignInAsync(email, Accounts.Password);
        var id = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (tag, id);
    }

    [Fact]
    public async Task The_action_filter_offers_the_whole_catalogue_by_Chinese_name()
    {
        var html = await (await portal.SignedInAsync(Commission)).GetStringAsync("/Audit");
        foreach (var action in Enum.GetValues<AuditAction>())
        {
            Assert.Contains($"<option value=\"{action}\">{action.ToChinese()}</option>", html);
        }
    }

    [Fact]
    public async Task Filtering_by_an_action_shows_only_its_lines_with_the_text_search_alongside()
    {
        var (tag, _) = await AccountWithTwoSignInsAsync();
        var client = await portal.SignedInAsync(Commission);

        var both = await client.GetStringAsync($"/Audit?q={tag}");
        var failed = await client.GetStringAsync($"/Audit?q={tag}&operation={AuditAction.SignInFailedWrongPassword}");

        Assert.Contains("<td>登录</td>", both);
        Assert.Contains("<td>登录失败（密码错误）</td>", both);
        Assert.Contains("<td>登录失败（密码错误）</td>", failed);
        Assert.DoesNotContain("<td>登录</td>", failed);
        Assert.Contains("共 1 条", failed);
        Assert.Contains($"<option value=\"{AuditAction.SignInFailedWrongPassword}\" selected=\"selected\">", failed);
    }

    [Fact]
    public async Task The_record_type_is_shown_in_Chinese_and_the_id_shortened_with_the_full_value_on_demand()
    {
        var (tag, userId) = await AccountWithTwoSignInsAsync();

        var html = await (await portal.SignedInAsync(Commission)).GetStringAsync($"/Audit?q={tag}&operation={AuditAction.SignedIn}");

        Assert.Contains("data-testid=\"record-type\">账户</span>", html);
        Assert.DoesNotContain(">Account<", html);
        Assert.Contains($"title=\"{userId}\" data-testid=\"record-id\">{userId.ToString()[..8]}…</code>", html);
        Assert.DoesNotContain($">{userId}<", html);
    }

    [Fact]
    public async Task Record_types_are_searched_by_their_Chinese_names()
    {
        var (tag, _) = await AccountWithTwoSignInsAsync();
        var client = await portal.SignedInAsync(Commission);

        var html = await client.GetStringAsync($"/Audit?q={Uri.EscapeDataString("账户")}&operation={AuditAction.SignInFailedWrongPassword}");

        Assert.Contains($"测试用户{tag}", html);
    }

    [Fact]
    public async Task The_export_keeps_every_stored_value_and_the_filters_and_is_recorded()
    {
        var (tag, userId) = await AccountWithTwoSignInsAsync();
        var client = await portal.SignedInAsync(Commission);
        var exportsBefore = await Arrange.AuditCountAsync(portal, AuditAction.AuditTrailExported);

        var response = await client.GetAsync($"/Audit/Export?q={tag}&operation={AuditAction.SignInFailedWrongPassword}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("审计日志");
        Assert.Equal(
            ["时间（北京时间）", "用户", "单位", "操作", "记录类型", "记录编号", "变更前", "变更后", "说明", "来源地址"],
            Enumerable.Range(1, 10).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(2, sheet.LastRowUsed().RowNumber());
        Assert.Equal(($"测试用户{tag}", "登录失败（密码错误）", "Account", userId.ToString()),
            (sheet.Cell(2, 2).GetString(), sheet.Cell(2, 4).GetString(), sheet.Cell(2, 5).GetString(), sheet.Cell(2, 6).GetString()));
        Assert.Equal(exportsBefore + 1, await Arrange.AuditCountAsync(portal, AuditAction.AuditTrailExported));
    }
}

[Collection("sqlite")]
public sealed class AuditLogTests_Sqlite(SqlitePortal portal) : AuditLogTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class AuditLogTests_Postgres(PostgresPortal portal) : AuditLogTests(portal), IClassFixture<PostgresPortal>;
