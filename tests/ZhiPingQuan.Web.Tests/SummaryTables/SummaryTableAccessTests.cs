using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.SummaryTables;

/// <summary>
/// Who may see and do what with a summary table, the deadline, two people acting at once, and a snapshot changed
/// behind the portal's back.
/// </summary>
public abstract class SummaryTableAccessTests(TablePortal portal)
{
    [Fact]
    public async Task Another_district_an_agency_and_an_enterprise_get_404_on_the_table_its_files_and_its_revisions()
    {
        var batch = await NewBatchAsync(portal);
        await EnterprisesAsync(portal, batch, 2);
        var id = await SubmittedAsync(portal, batch);
        var commission = await portal.SignedInAsync(Commission);
        var reopen = await commission.ActAsync(id, "Reopen", new Dictionary<string, string> { ["reason"] = "请更正" });
        var nextId = Guid.Parse(reopen.Headers.Location!.OriginalString.Split('/').Last());

        foreach (var outsider in new[] { Minhang, AgencyA, EnterpriseA })
        {
            var client = await portal.SignedInAsync(outsider);
            foreach (var table in new[] { id, nextId })
            {
                foreach (var page in new[] { "Details", "Xlsx", "Pdf" })
                {
                    var response = await client.GetAsync($"/SummaryTables/{page}/{table}");
                    Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{outsider} {page} {table}: {(int)response.StatusCode}");
                }
            }
        }
        // Another district cannot change it either, whatever it posts.
        var minhang = await portal.SignedInAsync(Minhang);
        var version = (await LoadAsync(portal, nextId)).Version;
        var token = await minhang.AntiforgeryTokenAsync("/SummaryTables");
        foreach (var action in new[] { "SealDistrict", "Refresh", "Submit" })
        {
            var post = await minhang.PostAsync($"/SummaryTables/{action}/{nextId}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["version"] = version.ToString(), ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        var after = await LoadAsync(portal, nextId);
        Assert.Equal((SummaryTableState.Draft, version, 0), (after.State, after.Version, after.Seals.Count));
        Assert.DoesNotContain("浦东新区", Text(await minhang.GetStringAsync("/SummaryTables")));
    }

    [Fact]
    public async Task The_third_party_sees_every_unit_and_the_commission_cannot_seal()
    {
        var batch = await NewBatchAsync(portal);
        var pudong = await EnterpriseAsync(portal, batch);
        var minhangRow = await EnterpriseAsync(portal, batch, unitName: "闵行区");
        var pudongTable = await DraftAsync(await portal.SignedInAsync(Pudong), batch);
        var minhang = await portal.SignedInAsync(Minhang);
        var minhangTable = await DraftAsync(minhang, batch);
        await minhang.ActOkAsync(minhangTable, "SealDistrict");

        var thirdParty = await portal.SignedInAsync(ThirdParty);
        var list = Text(await thirdParty.GetStringAsync($"/SummaryTables?batchId={batch}"));
        Assert.Contains("浦东新区", list);
        Assert.Contains("闵行区", list);
        Assert.Contains(pudong.Name, Text(await thirdParty.GetStringAsync($"/SummaryTables/Details/{pudongTable}")));
        Assert.Contains(minhangRow.Name, Text(await thirdParty.GetStringAsync($"/SummaryTables/Details/{minhangTable}")));
        Assert.Equal(HttpStatusCode.OK, (await thirdParty.GetAsync($"/SummaryTables/Xlsx/{pudongTable}")).StatusCode);

        // The commission reads but never seals (nor does the third party seal for the district).
        var commission = await portal.SignedInAsync(Commission);
        Assert.Contains(minhangRow.Name, Text(await commission.GetStringAsync($"/SummaryTables/Details/{minhangTable}")));
        var before = await LoadAsync(portal, minhangTable);
        AssertAccessDenied(await commission.PostWithVersionAsync(portal, minhangTable, "SealThirdParty"));
        AssertAccessDenied(await commission.PostWithVersionAsync(portal, pudongTable, "SealDistrict"));
        AssertAccessDenied(await thirdParty.PostWithVersionAsync(portal, pudongTable, "SealDistrict"));
        Assert.DoesNotContain("data-testid=\"seal-third-party\"", await commission.GetStringAsync($"/SummaryTables/Details/{minhangTable}"));
        var after = await LoadAsync(portal, minhangTable);
        Assert.Equal((before.State, before.Version, 1), (after.State, after.Version, after.Seals.Count));
        Assert.Empty((await LoadAsync(portal, pudongTable)).Seals);
    }

    [Fact]
    public async Task A_late_submission_is_refused_in_Chinese_and_changes_nothing_until_the_commission_extends_the_deadline()
    {
        var batch = await NewBatchAsync(portal, new DateOnly(2023, 10, 25));
        var rows = await EnterprisesAsync(portal, batch, 2);
        var id = await SealedAsync(portal, batch);
        var district = await portal.SignedInAsync(Pudong);
        var before = await LoadAsync(portal, id);
        var audits = await portal.WithDbAsync(db => db.AuditEntries.CountAsync());

        portal.Now = new DateTime(2023, 10, 25, 16, 0, 0, DateTimeKind.Utc); // 26 October, 00:00 in Shanghai
        try
        {
            var late = await district.ActAsync(id, "Submit");
            Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
            Assert.Contains("第一批的截止日期为2023年10月25日（当日24:00截止），已过截止时间，不能报送汇总表。如确需报送汇总表，请联系市经信委延长截止日期。",
                Text(await late.Content.ReadAsStringAsync()));
            var unchanged = await LoadAsync(portal, id);
            Assert.Equal((SummaryTableState.ThirdPartySealed, before.Version, (string?)null, (string?)null),
                (unchanged.State, unchanged.Version, unchanged.VerificationCode, unchanged.PlatformSignature));
            Assert.Equal(audits, await portal.WithDbAsync(db => db.AuditEntries.CountAsync()));
            Assert.All(rows, r => Assert.Equal(RecommendationState.Assessed, RecommendationStateAsync(portal, r.RecommendationId).Result));

            // The commission extends the deadline (with a reason); now the submission goes through, and counts as late.
            var commission = await portal.SignedInAsync(Commission);
            await ExtendAsync(batch, new DateOnly(2023, 10, 31));
            await district.ActOkAsync(id, "Submit");
            var submitted = await LoadAsync(portal, id);
            Assert.Equal(SummaryTableState.Submitted, submitted.State);
            Assert.True(submitted.SubmittedLate);
            Assert.Contains("浦东新区 已报送（逾期）", Text(await commission.GetStringAsync($"/SummaryTables/Inbox?batchId={batch}")));
            Assert.All(rows, r => Assert.Equal(RecommendationState.Listed, RecommendationStateAsync(portal, r.RecommendationId).Result));
        }
        finally
        {
            portal.Now = TablePortal.Start;
        }
    }

    private async Task ExtendAsync(Guid batchId, DateOnly deadline)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var batch = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.Id == batchId);
        batch.ExtendDeadline(deadline, "部分推荐单位评估延后", "王主任（市经信委）", portal.Now);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Two_people_sealing_at_once_one_wins_and_the_other_gets_the_409_page()
    {
        var batch = await NewBatchAsync(portal);
        await EnterprisesAsync(portal, batch, 2);
        var first = await portal.SignedInAsync(Pudong);
        var id = await DraftAsync(first, batch);
        var second = await SecondPudongUserAsync();
        var page = $"/SummaryTables/Details/{id}";
        var version = HiddenVersion(await first.GetStringAsync(page));
        var tokens = (await first.AntiforgeryTokenAsync(page), await second.AntiforgeryTokenAsync(page));
        var version2 = HiddenVersion(await second.GetStringAsync(page));
        Assert.Equal(version, version2);

        var answers = await Task.WhenAll(
            first.PostAsync($"/SummaryTables/SealDistrict/{id}", Form(version, tokens.Item1)),
            second.PostAsync($"/SummaryTables/SealDistrict/{id}", Form(version, tokens.Item2)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var conflict = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", Text(await conflict.Content.ReadAsStringAsync()));
        var table = await LoadAsync(portal, id);
        Assert.Single(table.Seals);
        Assert.Single(await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == id && e.Action == AuditAction.SummaryTableSealedByDistrict).ToListAsync()));

        // A stale form (the page read before the seal) is refused the same way and changes nothing.
        var stale = await first.PostAsync($"/SummaryTables/MoveRow/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = version, ["__RequestVerificationToken"] = tokens.Item1, ["enterpriseId"] = table.Rows[0].EnterpriseId.ToString(), ["to"] = "2",
        }));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(SummaryTableState.DistrictSealed, (await LoadAsync(portal, id)).State);
    }

    private static FormUrlEncodedContent Form(string version, string token) =>
        new(new Dictionary<string, string> { ["version"] = version, ["__RequestVerificationToken"] = token });

    private async Task<HttpClient> SecondPudongUserAsync()
    {
        await using (var scope = portal.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Web.Data.Identity.AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await users.FindByEmailAsync("district.pudong.2@test.local") is null)
            {
                var unit = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区");
                var user = new Web.Data.Identity.AppUser
                {
                    UserName = "district.pudong.2@test.local", Email = "district.pudong.2@test.local", DisplayName = "周科员（浦东新区）",
                    OrganisationId = unit.Id, CreatedAtUtc = DateTime.UtcNow,
                };
                Assert.True((await users.CreateAsync(user, Accounts.Password)).Succeeded);
                await users.AddToRoleAsync(user, Web.Authorization.Roles.District);
            }
        }
        return await portal.SignedInAsync("district.pudong.2@test.local", Accounts.Password);
    }

    [Fact]
    public async Task A_snapshot_changed_in_the_database_fails_the_signature_check()
    {
        var batch = await NewBatchAsync(portal);
        var rows = await EnterprisesAsync(portal, batch, 2);
        var id = await SubmittedAsync(portal, batch);
        var code = (await LoadAsync(portal, id)).VerificationCode!;
        var anonymous = portal.Browser();
        Assert.Contains("签名有效", Text(await anonymous.GetStringAsync($"/verify/{code}")));

        // Someone with database access changes a score in the submitted revision.
        await portal.WithDbAsync(db => db.SummaryTableRows.Where(r => r.SummaryTableId == id && r.EnterpriseId == rows[0].EnterpriseId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Contact, "篡改 13900000000")));

        var page = Text(await anonymous.GetStringAsync($"/verify/{code}"));
        Assert.Contains("签名无效", page);
        Assert.DoesNotContain("签名有效", page);
        Assert.Contains("签名无效", Text(await (await portal.SignedInAsync(Commission)).GetStringAsync($"/SummaryTables/Details/{id}")));

        // And a stored hash changed to match the tampered rows does not pass either: the platform never signed it.
        var tampered = await LoadAsync(portal, id);
        await portal.WithDbAsync(db => db.SummaryTables.Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.SubmittedContentHash, tampered.ComputeContentHash())));
        Assert.Contains("签名无效", Text(await anonymous.GetStringAsync($"/verify/{code}")));
    }
}

[Collection("sqlite")]
public sealed class SummaryTableAccessTests_Sqlite(TableSqlitePortal portal) : SummaryTableAccessTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class SummaryTableAccessTests_Postgres(TablePostgresPortal portal) : SummaryTableAccessTests(portal), IClassFixture<TablePostgresPortal>;
