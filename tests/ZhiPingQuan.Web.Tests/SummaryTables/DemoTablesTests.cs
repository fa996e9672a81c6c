using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.SummaryTables;

/// <summary>The demo with its summary tables (<c>Demo:Tables</c>), on today's clock, as run.sh starts it.</summary>
public abstract class DemoTablesPortal(DbProvider provider) : PortalFactory(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Tables", "true");
    }
}

public sealed class DemoTablesSqlitePortal() : DemoTablesPortal(DbProvider.Sqlite);

public sealed class DemoTablesPostgresPortal() : DemoTablesPortal(DbProvider.Postgres);

/// <summary>A newcomer signing in as each role finds every state of a summary table, and a printed code verifies.</summary>
public abstract partial class DemoTablesTests(DemoTablesPortal portal)
{
    private Task<List<SummaryTable>> TablesAsync() =>
        portal.WithDbAsync(db => db.SummaryTables.AsNoTracking().Include(t => t.Rows).Include(t => t.Seals).AsSplitQuery().ToListAsync());

    [Fact]
    public async Task The_demo_has_every_state_and_the_pilot_tables_are_submitted_one_of_them_twice()
    {
        var tables = await TablesAsync();
        var year = DateTime.UtcNow.AddHours(8).Year;

        var pilotPudong = tables.Where(t => t is { Year: 2023, BatchName: "第一批", UnitName: "浦东新区" }).OrderBy(t => t.Revision).ToList();
        Assert.Equal([1, 2], pilotPudong.Select(t => t.Revision));
        Assert.False(pilotPudong[0].IsCurrent);
        Assert.NotNull(pilotPudong[0].ReopenReason);
        Assert.All(pilotPudong, t => Assert.Equal(SummaryTableState.Submitted, t.State));
        var pilotMinhang = Assert.Single(tables, t => t is { Year: 2023, BatchName: "第一批", UnitName: "闵行区" });
        Assert.Equal(SummaryTableState.Submitted, pilotMinhang.State);

        await using (var scope = portal.Scope())
        {
            var signer = scope.ServiceProvider.GetRequiredService<Web.Infrastructure.Signing.IPlatformSigner>();
            Assert.All(tables.Where(t => t.State == SummaryTableState.Submitted),
                t => Assert.Equal(SignatureCheck.Valid, t.CheckSignature((d, s) => signer.Verify(d, s))));
        }
        var listedIn = await portal.WithDbAsync(db => db.Recommendations.Where(r => r.State == RecommendationState.Listed && r.BatchId == pilotMinhang.BatchId)
            .Select(r => r.ListedInSummaryTableId).ToListAsync());
        // Five pilot enterprises, the demo accounts' two (whose applications the demo also has) and the five redemption examples.
        Assert.Equal(12, listedIn.Count);
        Assert.All(listedIn, id => Assert.Contains(id!.Value, new[] { pilotPudong[1].Id, pilotMinhang.Id }));

        // The pilot's 第二批 went the whole way too: one table per unit, submitted, five and six enterprises listed.
        var second = tables.Where(t => t is { Year: 2023, BatchName: "第二批" }).ToList();
        Assert.Equal(5, Assert.Single(second, t => t.UnitName == "浦东新区").Rows.Count);
        Assert.Equal(6, Assert.Single(second, t => t.UnitName == "闵行区").Rows.Count);
        Assert.Equal(2, second.Count);
        Assert.All(second, t => Assert.Equal(SummaryTableState.Submitted, t.State));

        var current = tables.Where(t => t.Year == year).ToList();
        Assert.Equal(SummaryTableState.Submitted, Assert.Single(current, t => t is { UnitName: "嘉定区", BatchName: "第一批" }).State);
        Assert.Equal(SummaryTableState.DistrictSealed, Assert.Single(current, t => t is { UnitName: "浦东新区", BatchName: "第一批" }).State);
        Assert.Equal(SummaryTableState.ThirdPartySealed, Assert.Single(current, t => t is { UnitName: "闵行区", BatchName: "第一批" }).State);
        Assert.Equal(SummaryTableState.Draft, Assert.Single(current, t => t is { UnitName: "闵行区", BatchName: "第二批" }).State);
        Assert.DoesNotContain(current, t => t is { UnitName: "浦东新区", BatchName: "第二批" });

        // Seeding again adds nothing.
        var count = await portal.WithDbAsync(db => db.SummaryTables.CountAsync());
        await using (var scope = portal.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
            await scope.ServiceProvider.GetRequiredService<DemoLifecycleSeeder>().SeedAsync(default);
        }
        Assert.Equal(count, await portal.WithDbAsync(db => db.SummaryTables.CountAsync()));
    }

    [Fact]
    public async Task Each_role_finds_its_tables_and_a_code_printed_in_a_downloaded_pdf_verifies()
    {
        var pudong = Text(await (await portal.SignedInAsync(Pudong)).GetStringAsync("/SummaryTables"));
        Assert.Contains("区已盖章", pudong);
        Assert.Contains("已报送（按时）", pudong);
        Assert.Contains("生成汇总表", pudong);
        var minhang = Text(await (await portal.SignedInAsync(Minhang)).GetStringAsync("/SummaryTables"));
        Assert.Contains("第三方已盖章", minhang);
        Assert.Contains("草稿", minhang);
        Assert.Contains("浦东新区", Text(await (await portal.SignedInAsync(ThirdParty)).GetStringAsync("/SummaryTables?queue=AwaitingThirdPartySeal")));
        var home = Text(await (await portal.SignedInAsync(ThirdParty)).GetStringAsync("/"));
        Assert.Matches("推荐单位已盖章、待第三方盖章的汇总表 浦东新区 \\d{4}年第一批（还剩 \\d+ 天） 1", home);

        var commission = await portal.SignedInAsync(Commission);
        var pilot = await portal.WithDbAsync(db => db.Batches.Where(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批").Select(b => b.Id).FirstAsync());
        var inbox = Text(await commission.GetStringAsync($"/SummaryTables/Inbox?batchId={pilot}"));
        Assert.Contains("浦东新区 已报送（按时） 第2版 （另有 1 个旧版本）", inbox);
        Assert.Contains("闵行区 已报送（按时） 第1版", inbox);

        var table = (await TablesAsync()).Single(t => t is { Year: 2023, UnitName: "浦东新区", Revision: 2 });
        using var pdf = PdfDocument.Open(await commission.GetByteArrayAsync($"/SummaryTables/Pdf/{table.Id}"));
        var printed = CodePattern().Match(pdf.GetPage(1).Text).Value;
        Assert.Equal(SummaryTable.FormatVerificationCode(table.VerificationCode!), printed);
        var verified = Text(await portal.Browser().GetStringAsync($"/verify/{printed}"));
        Assert.Contains("签名有效", verified);
        Assert.Contains("第2版 当前有效版本", verified);
    }

    [Fact]
    public async Task The_demos_history_names_who_took_each_step_and_when_the_demo_says_it_happened()
    {
        var pilotEnd = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var recommended = await portal.WithDbAsync(db => db.Recommendations.AsNoTracking()
            .Where(r => r.RecommendedAtUtc < pilotEnd).Select(r => new { r.Id, At = r.RecommendedAtUtc!.Value }).ToListAsync());
        var confirmed = await portal.WithDbAsync(db => db.Assessments.AsNoTracking()
            .Where(a => a.DistrictConfirmedAtUtc < pilotEnd)
            .Select(a => new { a.Id, Compliance = a.ComplianceConfirmedAtUtc!.Value, District = a.DistrictConfirmedAtUtc!.Value }).ToListAsync());
        var lines = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.EnterpriseRecommended || a.Action == AuditAction.ComplianceConfirmed || a.Action == AuditAction.AssessmentConfirmed)
            .ToListAsync());
        var thirdParty = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.ThirdParty).Select(o => o.Id).SingleAsync());
        Assert.True(recommended.Count >= 20, $"the pilot's recommendations: {recommended.Count}");
        Assert.True(confirmed.Count >= 15, $"the pilot's confirmed assessments: {confirmed.Count}");

        // Each step's line is dated when the record says the step happened — in 2023, not when the demo was written —
        // and names a person of the organisation that took it, not "系统".
        Assert.All(recommended, r =>
        {
            var line = Assert.Single(lines, l => l.RecordId == r.Id && l.Action == AuditAction.EnterpriseRecommended);
            Assert.Equal(r.At, line.AtUtc);
            Assert.NotEqual("系统", line.UserName);
            Assert.Contains(line.OrganisationName, new[] { "浦东新区", "闵行区" });
        });
        Assert.All(confirmed, a =>
        {
            var compliance = Assert.Single(lines, l => l.RecordId == a.Id && l.Action == AuditAction.ComplianceConfirmed);
            Assert.Equal((a.Compliance, "赵审核员", thirdParty), (compliance.AtUtc, compliance.UserName, compliance.OrganisationId!.Value));
            var district = Assert.Single(lines, l => l.RecordId == a.Id && l.Action == AuditAction.AssessmentConfirmed);
            Assert.Equal(a.District, district.AtUtc);
            Assert.Contains(district.OrganisationName, new[] { "浦东新区", "闵行区" });
        });

        // The notices these steps gave are dated at the step too, so an inbox reads in the order the programme ran.
        var ids = confirmed.Select(a => (Guid?)a.Id).ToList();
        var notices = await portal.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => ids.Contains(n.TargetId) && (n.Kind == NotificationKind.ComplianceConfirmed || n.Kind == NotificationKind.AssessmentConfirmed))
            .Select(n => new { n.TargetId, n.Kind, n.CreatedAtUtc, n.ReadAtUtc }).ToListAsync());
        Assert.All(confirmed, a =>
        {
            Assert.Equal(a.Compliance, Assert.Single(notices, n => n.TargetId == a.Id && n.Kind == NotificationKind.ComplianceConfirmed).CreatedAtUtc);
            Assert.All(notices.Where(n => n.TargetId == a.Id && n.Kind == NotificationKind.AssessmentConfirmed), n => Assert.Equal(a.District, n.CreatedAtUtc));
        });
        // The district's "confirm completion" notice was settled by its own confirmation, at that moment.
        Assert.All(confirmed, a => Assert.Equal(a.District,
            notices.Single(n => n.TargetId == a.Id && n.Kind == NotificationKind.ComplianceConfirmed).ReadAtUtc));

        // What a district officer reads on the record's page.
        var pudong = await portal.SignedInAsync(Pudong);
        var first = await portal.WithDbAsync(db => db.Recommendations.AsNoTracking()
            .Where(r => r.RecommendedAtUtc < pilotEnd && r.RecommendingUnit!.Name == "浦东新区").OrderBy(r => r.RecommendedAtUtc)
            .Select(r => new { r.Id, At = r.RecommendedAtUtc!.Value }).FirstAsync());
        var page = Text(await pudong.GetStringAsync($"/Recommendations/Details/{first.Id}"));
        Assert.Contains($"推荐企业 {Web.Infrastructure.Display.Time(first.At)} 李科长（浦东新区）", page);
        Assert.DoesNotContain("系统（）", page);
    }

    [GeneratedRegex("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")]
    private static partial Regex CodePattern();
}

[Collection("sqlite")]
public sealed class DemoTablesTests_Sqlite(DemoTablesSqlitePortal portal) : DemoTablesTests(portal), IClassFixture<DemoTablesSqlitePortal>;

[Collection("postgres")]
public sealed class DemoTablesTests_Postgres(DemoTablesPostgresPortal portal) : DemoTablesTests(portal), IClassFixture<DemoTablesPostgresPortal>;
