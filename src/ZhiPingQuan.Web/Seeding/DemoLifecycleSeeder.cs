using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Infrastructure.Pdf;
using ZhiPingQuan.Web.Infrastructure.Signing;

namespace ZhiPingQuan.Web.Seeding;

/// <summary>
/// The demo's assessed enterprises and summary tables (<c>Demo:Tables</c>), so a newcomer signing in as each role finds
/// every state of a table: in the 2023 pilot's 第一批, 浦东新区 and 闵行区 submitted theirs — 浦东新区's reopened once by the
/// commission and submitted again, so two revisions show — listing the demo accounts' enterprises too, whose quota applications
/// (with the other listed enterprises', one in every state) <see cref="DemoApplicationSeeder"/> adds; in the current year's 第一批 浦东新区's table waits for the third
/// party's seal and 闵行区's for submission; in 第二批 闵行区 has a draft (one contact missing) and 浦东新区 has confirmed
/// assessments and no table yet, to build one. The pilot's 第二批 is complete end to end for both units (<see cref="ProgrammeAsync"/>:
/// recommended, assessed, listed, applied, passed or rejected, redeemed and mostly paid, some enterprises stopping at each step),
/// the units entered their 规上 counts, and in the current year 嘉定区 has gone the whole way in 第一批, so redemptions wait. Everything goes through the domain's methods, with their events (audit
/// lines, notices, listing); each demo inbox then has read and unread notices. Idempotent: nothing is added once the first demo
/// enterprise exists.
/// </summary>
public sealed class DemoLifecycleSeeder(AppDbContext db, IClock clock, IPlatformSigner signer, IFileStore files, PdfLayout layout,
    DemoApplicationSeeder applications, DemoRedemptionSeeder redemptions, DemoAssessments assessments, DemoHistory history, ILogger<DemoLifecycleSeeder> log)
{
    private sealed record DemoEnterprise(string Name, string First17, KeyIndustry Industry, string? Contact, string Phone);

    private static readonly DemoEnterprise[] Pudong =
    [
        new("上海张江智能传感科技有限公司", "91310115MA1KD0100", KeyIndustry.ElectronicInformation, "吴晓明", "021-5080 1101"),
        new("上海金桥新能源汽车部件有限公司", "91310115MA1KD0200", KeyIndustry.Automotive, "郑海峰", "021-5080 1202"),
        new("上海外高桥生物医药股份有限公司", "91310115MA1KD0300", KeyIndustry.LifeHealth, "冯丽", "021-5080 1303"),
        new("上海临港高端装备制造有限公司", "91310115MA1KD0400", KeyIndustry.HighEndEquipment, "何建军", "021-5080 1404"),
    ];

    /// <summary>Recommended this year and waiting for an agency, so the district can try assigning several at once.</summary>
    private static readonly DemoEnterprise[] PudongWaiting =
    [
        new("上海川沙精密模具有限公司", "91310115MA1KD0500", KeyIndustry.HighEndEquipment, "陆明", "021-5080 1505"),
        new("上海周浦智能家电有限公司", "91310115MA1KD0600", KeyIndustry.ElectronicInformation, "蒋芳", "021-5080 1606"),
        new("上海康桥汽车电子有限公司", "91310115MA1KD0700", KeyIndustry.Automotive, "魏强", "021-5080 1707"),
        new("上海张江细胞药业有限公司", "91310115MA1KD0800", KeyIndustry.LifeHealth, "邹婷", "021-5080 1808"),
        new("上海航头新型材料有限公司", "91310115MA1KD0900", KeyIndustry.AdvancedMaterials, "潘磊", "021-5080 1909"),
    ];

    private sealed record UnderwayEnterprise(DemoEnterprise Enterprise, DemoAssessments.Stage Stage, decimal Score, string Tier);

    /// <summary>
    /// Recommended this year and assessed by agency.a's agency, each stopped at one step before confirmation, so every role finds
    /// what waits for it: the enterprise's answer, the district's reassignment (declined, conflict declared) and confirmation,
    /// the agency's acceptance, record and corrected report, the third party's check.
    /// </summary>
    private static readonly UnderwayEnterprise[] PudongUnderway =
    [
        new(new("上海惠南智能制造有限公司", "91310115MA1KJ0100", KeyIndustry.HighEndEquipment, "宋晨", "021-5080 6101"), DemoAssessments.Stage.Assigned, 0m, ""),
        new(new("上海祝桥航空配套有限公司", "91310115MA1KJ0200", KeyIndustry.HighEndEquipment, "祝平", "021-5080 6202"), DemoAssessments.Stage.DeclinedByEnterprise, 0m, ""),
        new(new("上海新场精密铸造有限公司", "91310115MA1KJ0300", KeyIndustry.AdvancedMaterials, "辛媛", "021-5080 6303"), DemoAssessments.Stage.Agreed, 0m, ""),
        new(new("上海宣桥电子元件有限公司", "91310115MA1KJ0400", KeyIndustry.ElectronicInformation, "宣亮", "021-5080 6404"), DemoAssessments.Stage.ConflictDeclared, 0m, ""),
        new(new("上海老港环保装备有限公司", "91310115MA1KJ0500", KeyIndustry.HighEndEquipment, "高港", "021-5080 6505"), DemoAssessments.Stage.InProgress, 0m, ""),
        new(new("上海书院新能源科技有限公司", "91310115MA1KJ0600", KeyIndustry.Automotive, "舒媛", "021-5080 6606"), DemoAssessments.Stage.ReportSubmitted, 2.86m, "先进级"),
        new(new("上海万祥医疗器械有限公司", "91310115MA1KJ0700", KeyIndustry.LifeHealth, "万祥", "021-5080 6707"), DemoAssessments.Stage.Returned, 2.41m, "基础级"),
        new(new("上海泥城智能物流有限公司", "91310115MA1KJ0800", KeyIndustry.ElectronicInformation, "倪成", "021-5080 6808"), DemoAssessments.Stage.ComplianceConfirmed, 3.15m, "先进级"),
    ];

    private static readonly DemoEnterprise[] Minhang =
    [
        new("上海紫竹新材料科技有限公司", "91310112MA1KE0100", KeyIndustry.AdvancedMaterials, "许文静", "021-6430 2101"),
        new("上海莘庄时尚服饰有限公司", "91310112MA1KE0200", KeyIndustry.FashionConsumerGoods, "沈佳", "021-6430 2202"),
        new("上海马桥智能装备有限公司", "91310112MA1KE0300", KeyIndustry.HighEndEquipment, "韩志刚", "021-6430 2303"),
        new("上海虹桥医疗器械有限公司", "91310112MA1KE0400", KeyIndustry.LifeHealth, null, "021-6430 2404"),
    ];

    /// <summary>How far an enterprise of the pilot's 第二批 got: the demo's complete programme stops some at each step.</summary>
    public enum Reached { Recommended, Assessed, Listed, Rejected, Approved, Paid }

    private sealed record PilotEnterprise(DemoEnterprise Enterprise, Reached Reached, decimal Score, string Tier);

    /// <summary>浦东新区's 2023 第二批: with 第一批 and the redemption demo's enterprises, 14 recommended in the pilot.</summary>
    private static readonly PilotEnterprise[] PudongSecond =
    [
        new(new("上海陆家嘴智能仪表有限公司", "91310115MA1KF0100", KeyIndustry.ElectronicInformation, "钱志远", "021-5080 3101"), Reached.Recommended, 0m, ""),
        new(new("上海高桥石化新材料有限公司", "91310115MA1KF0200", KeyIndustry.AdvancedMaterials, "孔令华", "021-5080 3202"), Reached.Assessed, 2.38m, "基础级"),
        new(new("上海曹路精密机械有限公司", "91310115MA1KF0300", KeyIndustry.HighEndEquipment, "曹建平", "021-5080 3303"), Reached.Listed, 1.62m, "未评定"),
        new(new("上海唐镇生物制药有限公司", "91310115MA1KF0400", KeyIndustry.LifeHealth, "唐文", "021-5080 3404"), Reached.Rejected, 2.15m, "基础级"),
        new(new("上海北蔡智能装备有限公司", "91310115MA1KF0500", KeyIndustry.HighEndEquipment, "蔡伟", "021-5080 3505"), Reached.Approved, 3.56m, "卓越级"),
        new(new("上海三林汽车电子有限公司", "91310115MA1KF0600", KeyIndustry.Automotive, "林晓", "021-5080 3606"), Reached.Paid, 2.92m, "先进级"),
        new(new("上海花木数字科技有限公司", "91310115MA1KF0700", KeyIndustry.ElectronicInformation, "花蕾", "021-5080 3707"), Reached.Paid, 4.05m, "领航级"),
    ];

    /// <summary>闵行区's 2023 第二批: with 第一批 and the redemption demo's enterprises, 12 recommended in the pilot.</summary>
    private static readonly PilotEnterprise[] MinhangSecond =
    [
        new(new("上海七宝精工机械有限公司", "91310112MA1KG0100", KeyIndustry.HighEndEquipment, "齐宝", "021-6430 4101"), Reached.Recommended, 0m, ""),
        new(new("上海梅陇电子材料有限公司", "91310112MA1KG0200", KeyIndustry.AdvancedMaterials, "梅龙", "021-6430 4202"), Reached.Listed, 2.24m, "基础级"),
        new(new("上海颛桥医疗科技有限公司", "91310112MA1KG0300", KeyIndustry.LifeHealth, "颛宁", "021-6430 4303"), Reached.Rejected, 1.75m, "未评定"),
        new(new("上海吴泾化工新材料有限公司", "91310112MA1KG0400", KeyIndustry.AdvancedMaterials, "吴静", "021-6430 4404"), Reached.Paid, 3.12m, "先进级"),
        new(new("上海华漕航空部件有限公司", "91310112MA1KG0500", KeyIndustry.HighEndEquipment, "华超", "021-6430 4505"), Reached.Paid, 3.84m, "卓越级"),
        new(new("上海江川动力设备有限公司", "91310112MA1KG0600", KeyIndustry.HighEndEquipment, "江川", "021-6430 4606"), Reached.Approved, 2.67m, "基础级"),
        new(new("上海古美时尚用品有限公司", "91310112MA1KG0700", KeyIndustry.FashionConsumerGoods, "顾美", "021-6430 4707"), Reached.Paid, 2.81m, "先进级"),
    ];

    /// <summary>嘉定区 in the current year's 第一批: a submitted table and passed applications, so redemptions wait for approval.</summary>
    private static readonly PilotEnterprise[] JiadingCurrent =
    [
        new(new("上海安亭汽车智造有限公司", "91310114MA1KH0100", KeyIndustry.Automotive, "安婷", "021-5995 5101"), Reached.Approved, 3.28m, "先进级"),
        new(new("上海南翔精密电子有限公司", "91310114MA1KH0200", KeyIndustry.ElectronicInformation, "南翔", "021-5995 5202"), Reached.Approved, 2.96m, "先进级"),
        new(new("上海马陆生物材料有限公司", "91310114MA1KH0300", KeyIndustry.LifeHealth, "马路", "021-5995 5303"), Reached.Approved, 3.61m, "卓越级"),
        new(new("上海江桥新能源装备有限公司", "91310114MA1KH0400", KeyIndustry.HighEndEquipment, "江乔", "021-5995 5404"), Reached.Listed, 2.45m, "基础级"),
        new(new("上海外冈纺织科技有限公司", "91310114MA1KH0500", KeyIndustry.FashionConsumerGoods, "王刚", "021-5995 5505"), Reached.Recommended, 0m, ""),
    ];

    private const string JiadingOfficer = "吴科长（嘉定区）";
    private const string PudongOfficer = "李科长（浦东新区）";
    private const string MinhangOfficer = "陈科长（闵行区）";
    private const string Reviewer = DemoAssessments.Reviewer;
    private const string CommissionOfficer = "王主任（市经信委）";

    public async Task SeedAsync(CancellationToken ct)
    {
        var firstCode = DemoDataSeeder.DemoCode(Pudong[0].First17);
        if (await db.Organisations.OfType<Enterprise>().AnyAsync(e => e.CreditCode == firstCode, ct))
        {
            return;
        }
        await SeedTablesAsync(ct);
        await ReadOlderNoticesAsync(ct);
    }

    /// <summary>
    /// The transitions above leave each organisation its notices; notices that asked for a step already taken are settled (read)
    /// by the handlers. A demo user has read all but the newest two of the rest, so each inbox shows read and unread notices.
    /// </summary>
    private async Task ReadOlderNoticesAsync(CancellationToken ct)
    {
        const int keepUnread = 2;
        var unread = await db.Notifications.Where(NotificationRules.Unread).ToListAsync(ct);
        foreach (var inbox in unread.GroupBy(n => (n.RecipientOrganisationId, n.RecipientUserId)))
        {
            foreach (var notice in inbox.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).Skip(keepUnread))
            {
                notice.MarkRead(clock.UtcNow);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedTablesAsync(CancellationToken ct)
    {
        var pudong = await db.RecommendingUnits.FirstAsync(u => u.Name == "浦东新区", ct);
        var minhang = await db.RecommendingUnits.FirstAsync(u => u.Name == "闵行区", ct);
        var thirdParty = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.ThirdParty, ct);
        var agencyA = await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyAName, ct);
        var agencyB = await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyBName, ct);
        var tiers = await db.SmartFactoryLevels.ToListAsync(ct);
        var p = Pudong.Select(e => Register(e, pudong.Id)).ToArray();
        var m = Minhang.Select(e => Register(e, minhang.Id)).ToArray();
        await db.SaveChangesAsync(ct);
        // The demo accounts' enterprises take part in the 2023 pilot too, so enterprise.a and enterprise.b have applications.
        var enterpriseA = await db.Enterprises.FirstAsync(e => e.Name == DemoDataSeeder.EnterpriseAName, ct);
        var enterpriseB = await db.Enterprises.FirstAsync(e => e.Name == DemoDataSeeder.EnterpriseBName, ct);

        // ---- 2023 pilot, 第一批 (deadline 15 November 2023) ----
        var pilot = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第一批", ct);
        var september = Utc(2023, 9, 5);
        // The pilot's bases vary, so the applications' evidence checklists do (1 contracts, 2 project approval, 3 smart-factory approval).
        await AssessAsync(p[0], pilot, agencyA, 3.35m, tiers, "先进级", september, ct, Bases(1));
        await AssessAsync(p[1], pilot, agencyA, 2.86m, tiers, "基础级", september.AddDays(1), ct, Bases(1, 3));
        await AssessAsync(p[2], pilot, agencyB, 3.62m, tiers, "先进级", september.AddDays(2), ct, Bases(1));
        await AssessAsync(m[0], pilot, agencyB, 2.95m, tiers, "基础级", september.AddDays(3), ct, Bases(1, 2));
        await AssessAsync(m[1], pilot, agencyA, 2.41m, tiers, "基础级", september.AddDays(4), ct, Bases(1));
        await AssessAsync(enterpriseA, pilot, agencyA, 3.18m, tiers, "先进级", september.AddDays(5), ct, Bases(1, 3));
        await AssessAsync(enterpriseB, pilot, agencyB, 2.74m, tiers, "基础级", september.AddDays(6), ct, Bases(1, 2));

        // The redemption examples (one of them assessed by a district-level agency) are assessed in September too, and listed.
        var (pudongExamples, minhangExamples) = await redemptions.AssessAsync(pilot, ct);
        var pudong2023 = await DraftAsync(pudong, pilot, [p[0], p[1], p[2], enterpriseA, .. pudongExamples], PudongOfficer, Utc(2023, 11, 6), ct);
        await SealAsync(pudong2023, pudong, thirdParty, PudongOfficer, pilot, Utc(2023, 11, 8), Utc(2023, 11, 9), ct);
        await SubmitAsync(pudong2023, pilot, PudongOfficer, Utc(2023, 11, 10), ct);
        var pudong2023b = pudong2023.Reopen($"{p[2].Name}的联系方式有误，请核实后重新报送。", CommissionOfficer, Utc(2023, 11, 20));
        db.SummaryTables.Add(pudong2023b);
        await history.AsCommissionAsync(CommissionOfficer, Utc(2023, 11, 20), ct);
        await db.SaveChangesAsync(ct);
        pudong2023b.CorrectContact(p[2].Id, "冯丽 021-5080 1399", Utc(2023, 11, 21));
        await history.AsAsync(PudongOfficer, Utc(2023, 11, 21), ct, pudong.Id);
        await SealAsync(pudong2023b, pudong, thirdParty, PudongOfficer, pilot, Utc(2023, 11, 21), Utc(2023, 11, 22), ct);
        await SubmitAsync(pudong2023b, pilot, PudongOfficer, Utc(2023, 11, 22, 6), ct);

        var minhang2023 = await DraftAsync(minhang, pilot, [m[0], m[1], enterpriseB, .. minhangExamples], MinhangOfficer, Utc(2023, 11, 7), ct);
        await SealAsync(minhang2023, minhang, thirdParty, MinhangOfficer, pilot, Utc(2023, 11, 13), Utc(2023, 11, 14), ct);
        await SubmitAsync(minhang2023, pilot, MinhangOfficer, Utc(2023, 11, 14, 7), ct);

        // ---- the pilot's quota applications, one in every state ----
        await applications.SeedAsync(pilot, [p[0], p[1], p[2], enterpriseA, m[0], m[1], enterpriseB], ct);

        // ---- 2023 第二批 (deadline 15 December 2023): the pilot complete end to end, some enterprises stopping at each step ----
        var pilotSecond = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.ProgrammeYear!.Year == 2023 && b.Name == "第二批", ct);
        // Assessed by agency.b, so agency.a's 2023 notice stays the 第一批 one the redemption path approves and pays.
        await ProgrammeAsync(pudong, pilotSecond, PudongSecond, [agencyB], tiers, thirdParty, Utc(2023, 10, 9), Utc(2023, 12, 4), ct);
        await ProgrammeAsync(minhang, pilotSecond, MinhangSecond, [agencyB], tiers, thirdParty, Utc(2023, 10, 16), Utc(2023, 12, 6), ct);
        await redemptions.SeedAsync(pilot, pilotSecond,
            PudongSecond.Concat(MinhangSecond).Where(x => x.Reached == Reached.Paid).Select(x => x.Enterprise.Name).ToList(), ct);
        await AboveSizeCountsAsync(pilot.ProgrammeYear!, (pudong, 80), (minhang, 60));

        // ---- the current year: tables at work (its batches are open; the pilot's are long closed) ----
        var now = clock.UtcNow;
        var year = ShanghaiTime.Today(clock).Year;
        if (year == 2023)
        {
            return;
        }
        var first = await db.Batches.Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.ProgrammeYear!.Year == year && b.Name == "第一批", ct);
        var second = await db.Batches.Include(b => b.ProgrammeYear).FirstOrDefaultAsync(b => b.ProgrammeYear!.Year == year && b.Name == "第二批", ct);
        if (first is null || second is null || !first.IsOpen(now) || !second.IsOpen(now))
        {
            return;
        }
        var start = now.AddDays(-6);
        await AssessAsync(p[0], first, agencyA, 3.48m, tiers, "卓越级", start, ct);
        await AssessAsync(p[1], first, agencyB, 3.02m, tiers, "先进级", start.AddHours(1), ct);
        await AssessAsync(m[0], first, agencyA, 3.10m, tiers, "先进级", start.AddHours(2), ct);
        await AssessAsync(m[1], first, agencyB, 2.66m, tiers, "基础级", start.AddHours(3), ct);
        await AssessAsync(p[2], second, agencyB, 3.71m, tiers, "卓越级", start.AddHours(4), ct);
        await AssessAsync(p[3], second, agencyA, 2.93m, tiers, "先进级", start.AddHours(5), ct);
        await AssessAsync(m[2], second, agencyA, 3.26m, tiers, "先进级", start.AddHours(6), ct);
        await AssessAsync(m[3], second, agencyB, 2.58m, tiers, "基础级", start.AddHours(7), ct);

        var pudongFirst = await DraftAsync(pudong, first, [p[0], p[1]], PudongOfficer, now.AddDays(-2), ct);
        pudongFirst.SealByDistrict(new Sealer(PudongOfficer, pudong.Id, pudong.Name), now.AddDays(-1), first);
        await history.AsAsync(PudongOfficer, now.AddDays(-1), ct, pudong.Id);
        var minhangFirst = await DraftAsync(minhang, first, [m[0], m[1]], MinhangOfficer, now.AddDays(-3), ct);
        await SealAsync(minhangFirst, minhang, thirdParty, MinhangOfficer, first, now.AddDays(-2), now.AddDays(-1), ct);
        await DraftAsync(minhang, second, [m[2], m[3]], MinhangOfficer, now.AddHours(-3), ct);
        foreach (var (waiting, i) in PudongWaiting.Select((e, i) => (e, i)))
        {
            var enterprise = Register(waiting, pudong.Id);
            var recommendation = new Recommendation(enterprise, second, PudongOfficer, now.AddHours(-2 + i * 0.1));
            recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, "企业自愿参加智能工厂评估诊断")], [], false, enterprise);
            recommendation.Recommend(enterprise, second, PudongOfficer, now.AddHours(-2 + i * 0.1));
            db.Recommendations.Add(recommendation);
            await history.AsAsync(PudongOfficer, now.AddHours(-2 + i * 0.1), ct, pudong.Id);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (underway, i) in PudongUnderway.Select((e, i) => (e, i)))
        {
            await AssessAsync(Register(underway.Enterprise, pudong.Id), second, agencyA, underway.Score, tiers, underway.Tier,
                now.AddDays(-5).AddHours(i), ct, stage: underway.Stage);
        }

        // 嘉定区 went the whole way in 第一批: its table is submitted and three applications passed, waiting for approval.
        var jiading = await db.RecommendingUnits.FirstAsync(u => u.Name == "嘉定区", ct);
        // Assessed by agency.b: agency.a's redemption list keeps opening on the pilot's year, where its notices are.
        await ProgrammeAsync(jiading, first, JiadingCurrent, [agencyB], tiers, thirdParty, now.AddDays(-20), now.AddDays(-8), ct);
        await AboveSizeCountsAsync(first.ProgrammeYear!, (pudong, 85), (minhang, 62), (jiading, 70));
        log.LogInformation("已写入演示汇总表：2023年第一批两张已报送（浦东新区一张已退回重报），{Year}年草稿、已盖章各状态。", year);
    }

    /// <summary>
    /// One unit's programme in a batch, each enterprise as far as it <see cref="Reached"/>: recommended (from
    /// <paramref name="start"/>, a day apart), assessed and confirmed, listed in the unit's table (drafted on
    /// <paramref name="tableAt"/>, sealed and submitted within four days) — the one that stops at "assessed" is confirmed after
    /// the submission —, its application submitted and then rejected or passed, and its redemption approved or paid
    /// (<see cref="DemoRedemptionSeeder"/>; a pass makes the redemption, waiting for approval).
    /// </summary>
    private async Task ProgrammeAsync(RecommendingUnit unit, Batch batch, PilotEnterprise[] plan, ServiceAgency[] agencies, List<SmartFactoryLevel> tiers,
        Organisation thirdParty, DateTime start, DateTime tableAt, CancellationToken ct)
    {
        var enterprises = plan.Select(x => Register(x.Enterprise, unit.Id)).ToArray();
        await db.SaveChangesAsync(ct);
        var officer = OfficerOf(unit.Name);
        for (var i = 0; i < plan.Length; i++)
        {
            var at = start.AddDays(i);
            switch (plan[i].Reached)
            {
                case Reached.Recommended:
                    var recommendation = new Recommendation(enterprises[i], batch, officer, at);
                    recommendation.SetContent([new RecommendationBasisStatement(RecommendationBasis.Voluntary, BasisStatements[RecommendationBasis.Voluntary])], [], false,
                        enterprises[i]);
                    recommendation.Recommend(enterprises[i], batch, officer, at);
                    db.Recommendations.Add(recommendation);
                    await history.AsAsync(officer, at, ct, unit.Id);
                    await db.SaveChangesAsync(ct);
                    break;
                case Reached.Assessed:
                    break;
                default:
                    await AssessAsync(enterprises[i], batch, agencies[i % agencies.Length], plan[i].Score, tiers, plan[i].Tier, at, ct);
                    break;
            }
        }
        var listed = enterprises.Where((_, i) => plan[i].Reached >= Reached.Listed).ToArray();
        var table = await DraftAsync(unit, batch, listed, officer, tableAt, ct);
        await SealAsync(table, unit, thirdParty, officer, batch, tableAt.AddDays(1), tableAt.AddDays(2), ct);
        await SubmitAsync(table, batch, officer, tableAt.AddDays(3), ct);
        for (var i = 0; i < plan.Length; i++)
        {
            if (plan[i].Reached == Reached.Assessed)
            {
                await AssessAsync(enterprises[i], batch, agencies[i % agencies.Length], plan[i].Score, tiers, plan[i].Tier, tableAt.AddDays(4), ct);
            }
        }
        var applying = enterprises.Select((e, i) => (e, plan[i].Reached)).Where(x => x.Reached >= Reached.Rejected)
            .Select(x => (x.e, Passed: x.Reached != Reached.Rejected)).ToList();
        await applications.SeedDecidedAsync(batch, applying, tableAt.AddDays(5), ct);
    }

    private static string OfficerOf(string unitName) => unitName switch
    {
        "浦东新区" => PudongOfficer,
        "闵行区" => MinhangOfficer,
        _ => JiadingOfficer,
    };

    /// <summary>The units' 规上工业企业 counts of the year (本单位设置), the denominator of the coverage on the home pages.</summary>
    private async Task AboveSizeCountsAsync(ProgrammeYear year, params (RecommendingUnit Unit, int Count)[] counts)
    {
        foreach (var (unit, count) in counts)
        {
            if (!await db.UnitYearSettings.AnyAsync(s => s.RecommendingUnitId == unit.Id && s.ProgrammeYearId == year.Id))
            {
                var industries = await db.Enterprises.Where(e => e.RecommendingUnitId == unit.Id).Select(e => e.Industry).Distinct().ToListAsync();
                db.UnitYearSettings.Add(new UnitYearSettings(unit, year, industries.Order().Take(3), count));
            }
        }
        await db.SaveChangesAsync();
    }

    private Enterprise Register(DemoEnterprise e, Guid unitId)
    {
        var enterprise = new Enterprise(e.Name, DemoDataSeeder.DemoCode(e.First17), e.Industry, 28_000.00m, unitId);
        enterprise.SetContact("上海市示例路 1 号", e.Contact, e.Contact is null ? null : e.Phone, null);
        db.Organisations.Add(enterprise);
        return enterprise;
    }

    private static RecommendationBasis[] Bases(params int[] numbers) => numbers.Select(n => (RecommendationBasis)n).ToArray();

    private static readonly Dictionary<RecommendationBasis, string> BasisStatements = new()
    {
        [RecommendationBasis.SmartTransformation] = "当年实施MES与智能仓储改造，合同金额超过20万元",
        [RecommendationBasis.MajorProject] = "承担区级重大产业项目",
        [RecommendationBasis.SmartFactoryOrScenario] = "获评市级智能工厂",
        [RecommendationBasis.Voluntary] = "企业自愿参加智能工厂评估诊断",
    };

    /// <summary>Recommended, assessed by the agency, checked by the third party and confirmed by the district — the path of §4.1–§4.2.</summary>
    private async Task AssessAsync(Enterprise enterprise, Batch batch, ServiceAgency agency, decimal score, List<SmartFactoryLevel> tiers, string tier,
        DateTime at, CancellationToken ct, RecommendationBasis[]? bases = null, DemoAssessments.Stage stage = DemoAssessments.Stage.Confirmed)
    {
        var officer = OfficerOf(await db.RecommendingUnits.Where(u => u.Id == enterprise.RecommendingUnitId).Select(u => u.Name).FirstAsync(ct));
        var recommendation = new Recommendation(enterprise, batch, officer, at);
        var claimed = bases ?? [RecommendationBasis.Voluntary];
        recommendation.SetContent(claimed.Select(b => new RecommendationBasisStatement(b, BasisStatements[b])),
            claimed.Contains(RecommendationBasis.SmartTransformation) ? [new TransformationContract(86.50m, KeyLink.Production, "MES系统与智能仓储改造")] : [],
            false, enterprise);
        recommendation.Recommend(enterprise, batch, officer, at);
        db.Recommendations.Add(recommendation);
        var maturity = new MaturityScore(score);
        // A stage that stops before the record is written uses neither the score nor the tier.
        var level = tiers.FirstOrDefault(l => l.Name == tier) ?? tiers.First();
        await assessments.UpToAsync(stage, recommendation, enterprise, agency, officer, officer, maturity, level,
            async () => (await ReportAsync(enterprise, agency, maturity, level.Name, ct))?.Id ?? Guid.CreateVersion7(), at, ct);
    }

    /// <summary>A one-page report PDF for the demo; none when the CJK font is missing (the assessment then has no downloadable report).</summary>
    private async Task<StoredFile?> ReportAsync(Enterprise enterprise, ServiceAgency agency, MaturityScore score, string tier, CancellationToken ct)
    {
        byte[] pdf;
        try
        {
            pdf = layout.Create(PdfPageSetup.A4Portrait)
                .Title("智能制造能力成熟度评估报告（演示）")
                .Paragraph($"受评企业：{enterprise.Name}")
                .Paragraph($"统一社会信用代码：{enterprise.CreditCode.Value}")
                .Paragraph($"评估机构：{agency.Name}")
                .Paragraph($"依据标准：{Assessment.DefaultStandardEditions}")
                .Paragraph($"智能制造能力成熟度分数：{score}（{score.Level.ToChinese()}）；智能工厂等级：{tier}")
                .Paragraph("本报告为演示数据，仅用于体验平台功能。")
                .ToBytes();
        }
        catch (PdfFontUnavailableException)
        {
            return null;
        }
        await using var content = new MemoryStream(pdf);
        var stored = await files.SaveAsync(new IncomingFile(content, $"{enterprise.Name}评估报告.pdf"), FileTypes.PdfOnly, FileTypes.DefaultMaxSizeBytes,
            agency.Id, DemoAssessments.AgencyStaff, null, ct);
        db.StoredFiles.Add(stored);
        return stored;
    }

    private async Task<SummaryTable> DraftAsync(RecommendingUnit unit, Batch batch, Enterprise[] enterprises, string officer, DateTime at, CancellationToken ct)
    {
        var ids = enterprises.Select(e => e.Id).ToList();
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.BatchId == batch.Id && ids.Contains(a.EnterpriseId)).ToListAsync(ct);
        var rows = enterprises.Select(e => SummaryTableRowData.FromRecords(e, assessments.Single(a => a.EnterpriseId == e.Id)));
        var table = new SummaryTable(new SummaryTableHeading(unit.Id, unit.Name, batch.Id, batch.ProgrammeYear!.Year, batch.Name), rows, officer, at);
        db.SummaryTables.Add(table);
        await history.AsAsync(officer, at, ct, unit.Id);
        await db.SaveChangesAsync(ct);
        return table;
    }

    private async Task SealAsync(SummaryTable table, RecommendingUnit unit, Organisation thirdParty, string officer, Batch batch,
        DateTime districtAt, DateTime thirdPartyAt, CancellationToken ct)
    {
        table.SealByDistrict(new Sealer(officer, unit.Id, unit.Name), districtAt, batch);
        await history.AsAsync(officer, districtAt, ct, unit.Id);
        table.SealByThirdParty(new Sealer(Reviewer, thirdParty.Id, thirdParty.Name), thirdPartyAt);
        await history.AsThirdPartyAsync(Reviewer, thirdPartyAt, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task SubmitAsync(SummaryTable table, Batch batch, string officer, DateTime at, CancellationToken ct)
    {
        string code;
        do
        {
            code = SummaryTable.NewVerificationCode();
        }
        while (await db.SummaryTables.AnyAsync(t => t.VerificationCode == code, ct));
        table.Submit(officer, at, batch, code, statement => new PlatformSignature(signer.Sign(statement), signer.KeyFingerprint));
        await history.AsAsync(officer, at, ct, table.RecommendingUnitId);
        await db.SaveChangesAsync(ct);
    }

    private static DateTime Utc(int year, int month, int day, int hour = 2) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
