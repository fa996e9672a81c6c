using System.Net;
using Microsoft.AspNetCore.Hosting;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.SummaryTables;

/// <summary>A portal whose printed links use a configured public address and whose verification page allows 3 wrong codes per address.</summary>
public abstract class VerificationPortal(DbProvider provider) : TablePortal(provider)
{
    public const string PublicBaseUrl = "https://zpq.example.cn/portal";
    public const int FailuresAllowed = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:PublicBaseUrl", PublicBaseUrl + "/");
        builder.UseSetting("Verification:FailedLookupsPerWindow", FailuresAllowed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class VerificationSqlitePortal() : VerificationPortal(DbProvider.Sqlite);

public sealed class VerificationPostgresPortal() : VerificationPortal(DbProvider.Postgres);

/// <summary>
/// The public verification page (docs/domain.md §4.3): no sign-in; what a code belongs to, never an enterprise;
/// superseded revisions say so; wrong codes get "未找到" and are limited per address.
/// </summary>
public abstract class VerificationTests(VerificationPortal portal)
{
    [Fact]
    public async Task A_code_shows_unit_batch_revision_rows_seals_hash_and_signature_without_sign_in_and_no_enterprise()
    {
        var batch = await NewBatchAsync(portal);
        var rows = await EnterprisesAsync(portal, batch, 3);
        var id = await SubmittedAsync(portal, batch);
        var table = await LoadAsync(portal, id);
        var anonymous = portal.Browser();

        Assert.Contains("汇总表核验", Text(await anonymous.GetStringAsync("/verify")));
        var typed = await anonymous.GetAsync($"/verify?code={table.VerificationCode!.ToLowerInvariant()[..4]}-{table.VerificationCode[4..8]} {table.VerificationCode[8..]}");
        Assert.Equal($"/verify/{table.VerificationCode}", typed.Headers.Location!.OriginalString);

        var response = await anonymous.GetAsync($"/verify/{table.VerificationCode}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Text(await response.Content.ReadAsStringAsync());
        Assert.Contains($"推荐单位 浦东新区 批次 {table.Year} 年度 第一批 版本 第1版 当前有效版本 企业数 3 家", page);
        Assert.Contains($"推荐单位盖章 浦东新区，{ZhiPingQuan.Web.Infrastructure.Display.Time(table.DistrictSeal!.AtUtc)}", page);
        Assert.Contains("第三方机构盖章 上海智能制造质量监督服务中心（第三方）", page);
        Assert.Contains(table.SubmittedContentHash!, page);
        Assert.Contains("签名有效", page);
        foreach (var r in rows)
        {
            Assert.DoesNotContain(r.Name, page);
            Assert.DoesNotContain(r.CreditCode, page);
        }

        // Reopened: the printed code still verifies, and says a later revision replaced it.
        var commission = await portal.SignedInAsync(Commission);
        await commission.ActOkAsync(id, "Reopen", new Dictionary<string, string> { ["reason"] = "请核实分数" }, "/SummaryTables/Details/");
        var superseded = Text(await anonymous.GetStringAsync($"/verify/{table.VerificationCode}"));
        Assert.Contains("已被取代", superseded);
        Assert.Contains("最新为第2版", superseded);
        Assert.Contains("签名有效", superseded);
    }

    [Fact]
    public async Task The_printed_link_uses_the_configured_public_address()
    {
        var batch = await NewBatchAsync(portal);
        await EnterprisesAsync(portal, batch, 1);
        var id = await SubmittedAsync(portal, batch);
        var code = (await LoadAsync(portal, id)).VerificationCode;

        var xlsx = await (await portal.SignedInAsync(Commission)).GetByteArrayAsync($"/SummaryTables/Xlsx/{id}");

        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(xlsx));
        Assert.Contains(workbook.Worksheet(1).CellsUsed(), c => c.GetString() == $"核验网址：{VerificationPortal.PublicBaseUrl}/verify/{code}");
    }

    [Fact]
    public async Task Wrong_and_malformed_codes_get_not_found_and_are_limited_per_address()
    {
        const string guesser = "203.0.113.7";
        foreach (var wrong in new[] { "ABCD2345EFGH", "%3Cscript%3E", "2345" })
        {
            var (status, html) = await GetFromAsync(guesser, $"/verify/{wrong}");
            Assert.Equal(404, status);
            Assert.Contains("未找到", Text(html));
            Assert.DoesNotContain("签名", Text(html));
            Assert.DoesNotContain("<script>", html);
        }

        var (blocked, message) = await GetFromAsync(guesser, "/verify/ABCD2345EFGJ");
        Assert.Equal(429, blocked);
        Assert.Contains($"本地址输入错误的验证码已达{VerificationPortal.FailuresAllowed}次", Text(message));

        // Another address is not affected.
        var (other, _) = await GetFromAsync("198.51.100.20", "/verify/ABCD2345EFGJ");
        Assert.Equal(404, other);
    }

    [Fact]
    public async Task Wrong_redemption_notice_codes_count_against_the_same_budget_and_nothing_is_looked_up_once_blocked()
    {
        const string guesser = "203.0.113.44";
        for (var i = 0; i < VerificationPortal.FailuresAllowed - 1; i++)
        {
            var (status, html) = await GetFromAsync(guesser, $"/verify/notice/WRONG{i}CODE");
            Assert.Equal(404, status);
            Assert.Contains("没有找到验证码", Text(html));
        }
        // One more wrong summary-table code uses up the address's budget for both pages.
        Assert.Equal(404, (await GetFromAsync(guesser, "/verify/ABCD2345EFGK")).Status);

        var (blocked, message) = await GetFromAsync(guesser, "/verify/notice/ANOTHERCODE");
        Assert.Equal(429, blocked);
        Assert.Contains($"本地址输入错误的验证码已达{VerificationPortal.FailuresAllowed}次", Text(message));
        Assert.DoesNotContain("没有找到验证码", Text(message));
        Assert.Equal(404, (await GetFromAsync("198.51.100.44", "/verify/notice/ANOTHERCODE")).Status);
    }

    /// <summary>A request from a given client address (the test server lets the test set it).</summary>
    private async Task<(int Status, string Html)> GetFromAsync(string address, string path)
    {
        var context = await portal.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = Microsoft.AspNetCore.Http.PathString.FromUriComponent(path);
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}

[Collection("sqlite")]
public sealed class VerificationTests_Sqlite(VerificationSqlitePortal portal) : VerificationTests(portal), IClassFixture<VerificationSqlitePortal>;

[Collection("postgres")]
public sealed class VerificationTests_Postgres(VerificationPostgresPortal portal) : VerificationTests(portal), IClassFixture<VerificationPostgresPortal>;
