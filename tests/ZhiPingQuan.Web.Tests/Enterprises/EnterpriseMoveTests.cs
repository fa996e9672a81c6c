using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Enterprises.RegistryData;

namespace ZhiPingQuan.Web.Tests.Enterprises;

/// <summary>
/// An enterprise that moved districts is registered in its new unit by Admin (the batch import tells a
/// district to ask for this): with a reason, audited, and never while this year's recommendation stands.
/// </summary>
public abstract class EnterpriseMoveTests(PortalFactory portal)
{
    private const string Admin = "admin@zpq.local";
    private const AuditAction Action = AuditAction.EnterpriseUnitChanged;

    private static Dictionary<string, string> Move(Guid unitId, string reason, Guid version) => new()
    {
        ["RecommendingUnitId"] = unitId.ToString(),
        ["Reason"] = reason,
        ["Version"] = version.ToString(),
    };

    private async Task AssertUnchangedAsync(Enterprise before, int auditsBefore)
    {
        var now = await FindEnterpriseAsync(portal, before.Id);
        Assert.Equal((before.RecommendingUnitId, before.Version), (now!.RecommendingUnitId, now.Version));
        Assert.Equal(auditsBefore, await AuditCountAsync(portal, Action));
    }

    [Fact]
    public async Task Admin_moves_an_enterprise_to_its_new_district_which_then_holds_it_alone()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海迁区测试有限公司" + Tag());
        var minhangId = await UnitIdAsync(portal, Minhang);
        var admin = await portal.SignedInAsync(Admin);
        var url = $"/Enterprises/MoveUnit/{enterprise.Id}";
        Assert.Contains("变更登记单位", await (await admin.GetAsync($"/Organisations/Details/{enterprise.Id}")).BodyAsync());
        var version = Guid.Parse(await VersionOnPageAsync(admin, url));

        var response = await admin.PostFormAsync(url, url, Move(minhangId, "企业注册地已迁至闵行区", version));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(minhangId, (await FindEnterpriseAsync(portal, enterprise.Id))!.RecommendingUnitId);
        var entry = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == Action && a.RecordId == enterprise.Id));
        Assert.Equal((Pudong, Minhang), (entry.Before, entry.After));
        Assert.Contains("企业注册地已迁至闵行区", entry.Detail);
        var pudong = await portal.SignedInAsync(PudongDistrict);
        var minhang = await portal.SignedInAsync(MinhangDistrict);
        Assert.Equal(HttpStatusCode.NotFound, (await pudong.GetAsync($"/Enterprises/Details/{enterprise.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await minhang.GetAsync($"/Enterprises/Edit/{enterprise.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_move_while_this_years_recommendation_stands_to_the_same_unit_or_without_a_reason_is_refused_and_changes_nothing()
    {
        var recommended = await EnterpriseAsync(portal, Pudong, "上海已推荐迁区测试有限公司" + Tag());
        var batch = await BatchAsync(portal, CurrentYear, "第一批");
        await RecommendAsync(portal, recommended.Id, batch.Id, DateTime.UtcNow);
        recommended = (await FindEnterpriseAsync(portal, recommended.Id))!;
        var free = await EnterpriseAsync(portal, Pudong, "上海未推荐迁区测试有限公司" + Tag());
        var pudongId = await UnitIdAsync(portal, Pudong);
        var minhangId = await UnitIdAsync(portal, Minhang);
        var admin = await portal.SignedInAsync(Admin);
        var audits = await AuditCountAsync(portal, Action);

        (Enterprise Enterprise, Dictionary<string, string> Fields, string Message)[] cases =
        [
            (recommended, Move(minhangId, "迁区", recommended.Version), "须由该单位先撤回推荐"),
            (free, Move(pudongId, "迁区", free.Version), "已登记在浦东新区，无需变更"),
            (free, Move(Guid.NewGuid(), "迁区", free.Version), "请选择一个在用的推荐单位"),
            (free, Move(minhangId, "", free.Version), "请填写变更原因"),
        ];
        foreach (var (enterprise, fields, message) in cases)
        {
            var url = $"/Enterprises/MoveUnit/{enterprise.Id}";
            var response = await admin.PostFormAsync(url, url, fields);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.BodyAsync());
            await AssertUnchangedAsync(enterprise, audits);
        }
    }

    [Fact]
    public async Task Only_Admin_may_move_an_enterprise_and_an_unknown_enterprise_answers_404()
    {
        var enterprise = await EnterpriseAsync(portal, Pudong, "上海迁区权限测试有限公司" + Tag());
        var minhangId = await UnitIdAsync(portal, Minhang);
        var url = $"/Enterprises/MoveUnit/{enterprise.Id}";
        var audits = await AuditCountAsync(portal, Action);
        foreach (var email in new[] { PudongDistrict, MinhangDistrict, "commission@zpq.local" })
        {
            var client = await portal.SignedInAsync(email);
            Assert.Contains("/Account/AccessDenied", (await client.GetAsync(url)).Headers.Location!.ToString());
            var post = await client.PostFormAsync("/Enterprises", url, Move(minhangId, "越权变更", enterprise.Version));
            Assert.Contains("/Account/AccessDenied", post.Headers.Location!.ToString());
            await AssertUnchangedAsync(enterprise, audits);
        }

        var admin = await portal.SignedInAsync(Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Enterprises/MoveUnit/{Guid.NewGuid()}")).StatusCode);
        var forged = await admin.PostFormAsync(url, $"/Enterprises/MoveUnit/{Guid.NewGuid()}", Move(minhangId, "迁区", enterprise.Version));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        await AssertUnchangedAsync(enterprise, audits);
    }
}

[Collection("sqlite")]
public sealed class EnterpriseMoveTests_Sqlite(SqlitePortal portal) : EnterpriseMoveTests(portal), IClassFixture<SqlitePortal>;

[Collection("postgres")]
public sealed class EnterpriseMoveTests_Postgres(PostgresPortal portal) : EnterpriseMoveTests(portal), IClassFixture<PostgresPortal>;
