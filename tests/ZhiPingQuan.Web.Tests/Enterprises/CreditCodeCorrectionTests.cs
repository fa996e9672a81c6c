using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Features.Enterprises;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Enterprises.RegistryData;

namespace ZhiPingQuan.Web.Tests.Enterprises;

/// <summary>
/// Once an enterprise is recommended its district may no longer change its credit code; a mistyped code is
/// corrected by Admin, with a reason, the same checks as the registry's, and both codes in the audit trail.
/// </summary>
public abstract class CreditCodeCorrectionTests(PortalFactory portal)
{
    private const string Admin = "admin@zpq.local";
    private const AuditAction Action = AuditAction.EnterpriseCreditCodeCorrected;

    private async Task<Enterprise> RecommendedEnterpriseAsync(string name)
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, name + Tag());
        var batch = await BatchAsync(portal, CurrentYear, "第一批");
        await RecommendAsync(portal, enterprise.Id, batch.Id, DateTime.UtcNow);
        return (await FindEnterpriseAsync(portal, enterprise.Id))!;
    }

    private static Dictionary<string, string> Correction(string code, string reason, Guid version) => new()
    {
        ["NewCreditCode"] = code,
        ["Reason"] = reason,
        ["Version"] = version.ToString(),
    };

    private async Task AssertUnchangedAsync(Enterprise before, int auditsBefore)
    {
        var now = await FindEnterpriseAsync(portal, before.Id);
        Assert.Equal((before.CreditCode, before.Version), (now!.CreditCode, now.Version));
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, Action));
    }

    [Fact]
    public async Task The_district_cannot_change_a_recommended_enterprises_code_and_is_told_to_ask_the_administrator()
    {
        var enterprise = await RecommendedEnterpriseAsync("上海已推荐改码测试有限公司");
        var client = await portal.SignedInAsync(PudongDistrict);
        var url = $"/Enterprises/Edit/{enterprise.Id}";
        var fields = new Dictionary<string, string>
        {
            ["Name"] = enterprise.Name,
            ["CreditCode"] = NewCode(),
            ["Industry"] = enterprise.Industry.ToString(),
            ["AnnualOutputWanYuan"] = "56000",
            ["Version"] = await VersionOnPageAsync(client, url),
        };

        var response = await client.PostFormAsync(url, url, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EnterpriseRegistry.CodeLockedMessage, await response.BodyAsync());
        Assert.Equal(enterprise.CreditCode, (await FindEnterpriseAsync(portal, enterprise.Id))!.CreditCode);
    }

    [Fact]
    public async Task Admin_corrects_the_code_with_a_reason_and_the_audit_keeps_both_codes()
    {
        var enterprise = await RecommendedEnterpriseAsync("上海管理员更正测试有限公司");
        var admin = await portal.SignedInAsync(Admin);
        var url = $"/Enterprises/CorrectCode/{enterprise.Id}";
        // Admin reaches the correction from its register of organisations, never from the registry's record page
        // (which shows recommendations).
        var details = await (await admin.GetAsync($"/Organisations/Details/{enterprise.Id}")).BodyAsync();
        Assert.Contains("更正统一社会信用代码", details);
        Assert.Contains("/Account/AccessDenied", (await admin.GetAsync($"/Enterprises/Details/{enterprise.Id}")).Headers.Location!.ToString());
        var page = await (await admin.GetAsync(url)).BodyAsync();
        Assert.Contains(enterprise.CreditCode.Value, page);
        var corrected = NewCode();
        var version = Guid.Parse(await VersionOnPageAsync(admin, url));

        // Typed with spaces and in lower case: normalised as everywhere else.
        var response = await admin.PostFormAsync(url, url, Correction($" {corrected.ToLowerInvariant()} ", "推荐单位录入时错一位，已核对营业执照", version));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Organisations/Details/{enterprise.Id}", response.Headers.Location!.OriginalString);
        var saved = await FindEnterpriseAsync(portal, enterprise.Id);
        Assert.Equal(corrected, saved!.CreditCode.Value);
        Assert.NotEqual(version, saved.Version);
        var entry = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == Action && a.RecordId == enterprise.Id));
        var adminId = await portal.WithDbAsync(db => db.Users.Where(u => u.Email == Admin).Select(u => u.Id).SingleAsync());
        Assert.Equal((enterprise.CreditCode.Value, corrected, adminId), (entry.Before, entry.After, entry.UserId));
        Assert.Contains("已核对营业执照", entry.Detail);
        // The recommendation stays with the enterprise.
        Assert.Single(await RecommendationsOfAsync(portal, enterprise.Id));
    }

    [Fact]
    public async Task A_bad_code_a_taken_code_the_same_code_or_no_reason_is_refused_in_Chinese_and_changes_nothing()
    {
        var enterprise = await RecommendedEnterpriseAsync("上海更正拒绝测试有限公司");
        var other = await EnterpriseAsync(portal, Minhang, "上海闵行已登记代码有限公司" + Tag());
        var admin = await portal.SignedInAsync(Admin);
        var url = $"/Enterprises/CorrectCode/{enterprise.Id}";
        var audits = await AuditCountAsync(portal, Action);
        var wrongCheck = enterprise.CreditCode.Value[..17] + (enterprise.CreditCode.Value[17] == '0' ? '1' : '0');

        (string Code, string Reason, string Message)[] cases =
        [
            (wrongCheck, "核对营业执照", "校验位"),
            (other.CreditCode.Value, "核对营业执照", "该统一社会信用代码已由闵行区登记。"),
            (enterprise.CreditCode.Value, "核对营业执照", "与现有代码相同"),
            (NewCode(), "", "请填写更正原因"),
            (NewCode(), new string('因', 501), "不能超过500个字"),
        ];
        foreach (var (code, reason, message) in cases)
        {
            var response = await admin.PostFormAsync(url, url, Correction(code, reason, enterprise.Version));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.BodyAsync());
            await AssertUnchangedAsync(enterprise, audits);
        }
    }

    [Fact]
    public async Task A_correction_made_on_a_stale_page_is_refused_and_changes_nothing()
    {
        var enterprise = await RecommendedEnterpriseAsync("上海更正并发测试有限公司");
        var admin = await portal.SignedInAsync(Admin);
        var url = $"/Enterprises/CorrectCode/{enterprise.Id}";
        await portal.WithDbAsync(async db =>
        {
            (await db.Organisations.OfType<Enterprise>().FirstAsync(e => e.Id == enterprise.Id)).SetAnnualOutput(60_000m);
            return await db.SaveChangesAsync();
        });
        var changed = (await FindEnterpriseAsync(portal, enterprise.Id))!;
        var audits = await AuditCountAsync(portal, Action);

        var response = await admin.PostFormAsync(url, url, Correction(NewCode(), "核对营业执照", enterprise.Version));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await AssertUnchangedAsync(changed, audits);
    }

    [Fact]
    public async Task Only_Admin_may_correct_a_code_and_an_unknown_enterprise_answers_404()
    {
        var enterprise = await RecommendedEnterpriseAsync("上海更正权限测试有限公司");
        var url = $"/Enterprises/CorrectCode/{enterprise.Id}";
        var audits = await AuditCountAsync(portal, Action);
        foreach (var email in new[] { PudongDistrict, "commission@zpq.local", "thirdparty@zpq.local" })
        {
            var client = await portal.SignedInAsync(email);
            Assert.DoesNotContain("更正统一社会信用代码", await (await client.GetAsync($"/Enterprises/Details/{enterprise.Id}")).BodyAsync());
            Assert.Contains("/Account/AccessDenied", (await client.GetAsync(url)).Headers.Location!.ToString());
            var post = await client.PostFormAsync("/Enterprises", url, Correction(NewCode(), "越权更正", enterprise.Version));
            Assert.Contains("/Account/AccessDenied", post.Headers.Location!.ToString());
            await AssertUnchangedAsync(enterprise, audits);
        }

        var admin = await portal.SignedInAsync(Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Enterprises/CorrectCode/{Guid.NewGuid()}")).StatusCode);
        var forged = await admin.PostFormAsync(url, $"/Enterprises/CorrectCode/{Guid.NewGuid()}", Correction(NewCode(), "核对", enterprise.Version));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        await AssertUnchangedAsync(enterprise, audits);
    }
}

[Collection("sqlite")]
public sealed class CreditCodeCorrectionTests_Sqlite(SqlitePortal portal) : CreditCodeCorrectionTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class CreditCodeCorrectionTests_Postgres(PostgresPortal portal) : CreditCodeCorrectionTests(portal), IClassFixture<PostgresPortal>;
