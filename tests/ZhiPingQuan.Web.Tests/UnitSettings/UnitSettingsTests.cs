using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.Programmes;

namespace ZhiPingQuan.Web.Tests.UnitSettings;

/// <summary>本单位设置: a district enters its own unit's focus industries and 规上工业企业数; the commission reads all.</summary>
public abstract class UnitSettingsTests(PortalFactory portal)
{
    private const string Pudong = "district.pudong@zpq.local";
    private const string Minhang = "district.minhang@zpq.local";

    private static IEnumerable<(string, string)> Fields(Guid yearId, string count, params string[] industries) =>
        industries.Select(i => ("FocusIndustries", i)).Append(("ProgrammeYearId", yearId.ToString())).Append(("AboveSizeEnterpriseCount", count));

    private Task<UnitYearSettings?> SettingsAsync(string unitName, Guid yearId) =>
        portal.WithDbAsync(db => db.UnitYearSettings.AsNoTracking()
            .Where(s => s.ProgrammeYearId == yearId && db.RecommendingUnits.Any(u => u.Id == s.RecommendingUnitId && u.Name == unitName))
            .FirstOrDefaultAsync());

    [Fact]
    public async Task A_district_saves_its_own_units_settings_and_it_is_audited()
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Pudong);

        var response = await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings",
            Fields(year.Id, "321", nameof(KeyIndustry.HighEndEquipment), nameof(KeyIndustry.Automotive)));

        Arrange.AssertRedirect(response, "/UnitSettings");
        var saved = await SettingsAsync("浦东新区", year.Id);
        Assert.NotNull(saved);
        Assert.Equal(321, saved.AboveSizeEnterpriseCount);
        Assert.Equal([KeyIndustry.Automotive, KeyIndustry.HighEndEquipment], saved.FocusIndustries);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == saved.Id));
        Assert.Equal(AuditAction.UnitSettingsEntered, audit.Action);
        Assert.Equal("重点行业：汽车、高端装备；规上工业企业数：321", audit.After);

        var page = await client.GetStringAsync($"/UnitSettings?yearId={year.Id}");
        Assert.Contains("value=\"321\"", page);
        Assert.Contains("已填报", page);
    }

    [Fact]
    public async Task A_forged_unit_id_in_the_form_is_ignored_the_users_own_unit_is_written()
    {
        var year = await Arrange.NewYearAsync(portal);
        var minhangId = await Arrange.UnitIdAsync(portal, "闵行区");
        var client = await portal.SignedInAsync(Pudong);

        var fields = Fields(year.Id, "77", nameof(KeyIndustry.LifeHealth))
            .Append(("RecommendingUnitId", minhangId.ToString()))
            .Append(("UnitId", minhangId.ToString()))
            .Append(("Id", minhangId.ToString()));
        var response = await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", $"/UnitSettings?unitId={minhangId}&recommendingUnitId={minhangId}", fields);

        Arrange.AssertRedirect(response, "/UnitSettings");
        Assert.Null(await SettingsAsync("闵行区", year.Id));
        Assert.Equal(77, (await SettingsAsync("浦东新区", year.Id))!.AboveSizeEnterpriseCount);
    }

    [Fact]
    public async Task Saving_again_updates_the_same_record_with_before_and_after_in_the_audit()
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Minhang);
        await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", Fields(year.Id, "100", nameof(KeyIndustry.Automotive)));
        var first = (await SettingsAsync("闵行区", year.Id))!;

        var fields = Fields(year.Id, "0", nameof(KeyIndustry.ElectronicInformation), nameof(KeyIndustry.FashionConsumerGoods))
            .Append(("Version", first.Version.ToString()));
        Arrange.AssertRedirect(await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", fields), "/UnitSettings");

        var saved = (await SettingsAsync("闵行区", year.Id))!;
        Assert.Equal(first.Id, saved.Id);
        Assert.Equal(0, saved.AboveSizeEnterpriseCount);
        Assert.Equal([KeyIndustry.ElectronicInformation, KeyIndustry.FashionConsumerGoods], saved.FocusIndustries);
        Assert.Equal(1, await portal.WithDbAsync(db => db.UnitYearSettings.CountAsync(s => s.ProgrammeYearId == year.Id)));
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.RecordId == saved.Id && a.Action == AuditAction.UnitSettingsChanged));
        Assert.Equal("重点行业：汽车；规上工业企业数：100", audit.Before);
        Assert.Equal("重点行业：电子信息、时尚消费品；规上工业企业数：0", audit.After);
    }

    /// <summary>A change of saved settings must say which version it was made on: a form without it is never silently accepted.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("stale")]
    public async Task A_change_without_the_current_version_is_refused_with_409_and_nothing_changes(string? version)
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Pudong);
        await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", Fields(year.Id, "50", nameof(KeyIndustry.AdvancedMaterials)));
        var before = (await SettingsAsync("浦东新区", year.Id))!;

        var fields = Fields(year.Id, "60", nameof(KeyIndustry.Automotive));
        if (version is not null)
        {
            fields = fields.Append(("Version", Guid.NewGuid().ToString()));
        }
        var response = await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", fields);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("已被他人修改", await response.Content.ReadAsStringAsync());
        var after = (await SettingsAsync("浦东新区", year.Id))!;
        Assert.Equal((50, before.Version), (after.AboveSizeEnterpriseCount, after.Version));
        Assert.Equal([KeyIndustry.AdvancedMaterials], after.FocusIndustries);
        Assert.Equal(0, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordId == before.Id && a.Action == AuditAction.UnitSettingsChanged)));
    }

    [Fact]
    public async Task Entering_and_changing_write_one_line_each_and_saving_the_same_values_writes_none()
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Pudong);
        await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", Fields(year.Id, "50", nameof(KeyIndustry.AdvancedMaterials)));
        var saved = (await SettingsAsync("浦东新区", year.Id))!;

        var same = await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings",
            Fields(year.Id, "50", nameof(KeyIndustry.AdvancedMaterials)).Append(("Version", saved.Version.ToString())));
        Arrange.AssertRedirect(same, "/UnitSettings");
        Assert.Equal(saved.Version, (await SettingsAsync("浦东新区", year.Id))!.Version);

        await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings",
            Fields(year.Id, "51", nameof(KeyIndustry.AdvancedMaterials)).Append(("Version", saved.Version.ToString())));

        // The portal's clock is fixed: both lines bear the same time, so they are compared as a set.
        var lines = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.RecordId == saved.Id).ToListAsync());
        Assert.Equal([AuditAction.UnitSettingsEntered, AuditAction.UnitSettingsChanged], lines.Select(a => a.Action).Order());
        Assert.All(lines, a => Assert.Equal($"浦东新区，{year.Year}年度", a.Detail));
    }

    [Theory]
    [InlineData("-1", "规上工业企业数不能为负数", nameof(KeyIndustry.Automotive))]
    [InlineData("", "请填写规上工业企业数", nameof(KeyIndustry.Automotive))]
    [InlineData("12.5", "不是有效的规上工业企业数", nameof(KeyIndustry.Automotive))]
    [InlineData("abc", "不是有效的规上工业企业数", nameof(KeyIndustry.Automotive))]
    [InlineData("10", "请至少选择一个重点行业")]
    [InlineData("10", "“Steel”无效", "Steel")]
    [InlineData("10", "“99”无效", "99")]
    public async Task Bad_input_is_refused_in_Chinese_and_nothing_is_written(string count, string message, params string[] industries)
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Pudong);

        var response = await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", Fields(year.Id, count, industries));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Arrange.Errors(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await portal.WithDbAsync(db => db.UnitYearSettings.CountAsync(s => s.ProgrammeYearId == year.Id)));
    }

    [Fact]
    public async Task A_refused_update_leaves_the_saved_settings_as_they_were()
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync(Pudong);
        await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", Fields(year.Id, "50", nameof(KeyIndustry.AdvancedMaterials)));
        var before = (await SettingsAsync("浦东新区", year.Id))!;

        var response = await client.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", Fields(year.Id, "-3", nameof(KeyIndustry.Automotive)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await SettingsAsync("浦东新区", year.Id))!;
        Assert.Equal((50, before.Version), (after.AboveSizeEnterpriseCount, after.Version));
        Assert.Equal([KeyIndustry.AdvancedMaterials], after.FocusIndustries);
    }

    [Fact]
    public async Task An_unknown_programme_year_answers_404_and_writes_nothing()
    {
        var client = await portal.SignedInAsync(Pudong);
        var before = await portal.WithDbAsync(db => db.UnitYearSettings.CountAsync());
        var response = await client.PostPairsAsync("/UnitSettings", "/UnitSettings", Fields(Guid.NewGuid(), "5", nameof(KeyIndustry.Automotive)));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await portal.WithDbAsync(db => db.UnitYearSettings.CountAsync()));
    }

    [Fact]
    public async Task Each_district_sees_only_its_own_units_entries()
    {
        var year = await Arrange.NewYearAsync(portal);
        var pudong = await portal.SignedInAsync(Pudong);
        await pudong.PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings", Fields(year.Id, "4321", nameof(KeyIndustry.LifeHealth)));

        var minhangPage = await (await portal.SignedInAsync(Minhang)).GetStringAsync($"/UnitSettings?yearId={year.Id}");
        Assert.Contains("闵行区", minhangPage);
        Assert.DoesNotContain("4321", minhangPage);
        Assert.Contains("未填报", minhangPage);
    }

    [Fact]
    public async Task The_commission_reads_every_units_settings_for_a_year()
    {
        var year = await Arrange.NewYearAsync(portal);
        await (await portal.SignedInAsync(Pudong)).PostPairsAsync($"/UnitSettings?yearId={year.Id}", "/UnitSettings",
            Fields(year.Id, "812", nameof(KeyIndustry.HighEndEquipment), nameof(KeyIndustry.ElectronicInformation)));

        var html = await (await portal.SignedInAsync("commission@zpq.local")).GetStringAsync($"/UnitSettings/All?yearId={year.Id}");

        Assert.Matches("data-unit=\"浦东新区\">\\s*<td>浦东新区</td>\\s*<td>电子信息、高端装备</td>\\s*<td class=\"text-end\">812</td>", html);
        Assert.Matches("data-unit=\"闵行区\">\\s*<td>闵行区</td>\\s*<td>—</td>", html);
        Assert.Contains("data-testid=\"filled-count\">1 ", html);
        Assert.Contains("data-testid=\"total-above-size\">812<", html);
        // Read-only: no form on the page except sign-out.
        Assert.DoesNotContain("unit-settings-form", html);
    }

    [Fact]
    public async Task The_third_party_may_read_all_settings_too()
    {
        var client = await portal.SignedInAsync("thirdparty@zpq.local");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/UnitSettings/All")).StatusCode);
    }

    [Theory]
    [InlineData("commission@zpq.local", "/UnitSettings")]
    [InlineData("enterprise.a@zpq.local", "/UnitSettings")]
    [InlineData("thirdparty@zpq.local", "/UnitSettings")]
    [InlineData("district.pudong@zpq.local", "/UnitSettings/All")]
    [InlineData("enterprise.a@zpq.local", "/UnitSettings/All")]
    [InlineData("agency.a@zpq.local", "/UnitSettings/All")]
    public async Task Pages_of_other_roles_are_refused(string email, string url)
    {
        var client = await portal.SignedInAsync(email);
        Arrange.AssertAccessDenied(await client.GetAsync(url));
    }

    [Fact]
    public async Task The_commission_cannot_post_a_districts_settings()
    {
        var year = await Arrange.NewYearAsync(portal);
        var client = await portal.SignedInAsync("commission@zpq.local");
        Arrange.AssertAccessDenied(await client.PostPairsAsync("/", "/UnitSettings", Fields(year.Id, "9", nameof(KeyIndustry.Automotive))));
        Assert.Equal(0, await portal.WithDbAsync(db => db.UnitYearSettings.CountAsync(s => s.ProgrammeYearId == year.Id)));
    }
}

[Collection("sqlite")]
public sealed class UnitSettingsTests_Sqlite(Pilot2023SqlitePortal portal) : UnitSettingsTests(portal), IClassFixture<Pilot2023SqlitePortal>;

[Collection("postgres")]
public sealed class UnitSettingsTests_Postgres(Pilot2023PostgresPortal portal) : UnitSettingsTests(portal), IClassFixture<Pilot2023PostgresPortal>;
