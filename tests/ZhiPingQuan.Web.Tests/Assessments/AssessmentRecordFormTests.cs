using System.Net;
using System.Text.RegularExpressions;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Assessments.AssessmentArrange;

namespace ZhiPingQuan.Web.Tests.Assessments;

/// <summary>
/// The agency's record form: the level shown is the one the score falls in (docs/domain.md §2, every interval
/// boundary), scores out of range are refused with a Chinese message and nothing saved, and the
/// consistency checks appear as warnings on the page — never as errors.
/// </summary>
public abstract partial class AssessmentRecordFormTests(AssessmentPortal portal)
{
    [Theory]
    [InlineData("0.79", "未达一级")]
    [InlineData("0.8", "一级（规划级）")]
    [InlineData("1.79", "一级（规划级）")]
    [InlineData("1.8", "二级（规范级）")]
    [InlineData("2.79", "二级（规范级）")]
    [InlineData("2.8", "三级（集成级）")]
    [InlineData("3.79", "三级（集成级）")]
    [InlineData("3.8", "四级（优化级）")]
    [InlineData("4.79", "四级（优化级）")]
    [InlineData("4.8", "五级（引领级）")]
    [InlineData("5.0", "五级（引领级）")]
    public async Task The_page_shows_the_level_the_score_falls_in(string score, string expectedLevel)
    {
        var id = await AssessmentAsync(portal);
        var agency = await portal.SignedInAsync(AgencyA);

        AssertRedirect(await agency.SaveRecordAsync(id, new Dictionary<string, string> { ["Score"] = score }), $"/Assessments/Record/{id}");

        var page = await agency.GetStringAsync($"/Assessments/Record/{id}");
        Assert.Equal(expectedLevel, DerivedLevel(page));
        Assert.Equal(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), (await LoadAsync(portal, id)).Score!.Value.Value);
    }

    [Theory]
    [InlineData("Score", "5.01", "成熟度分数应在0至5之间")]
    [InlineData("Score", "-0.01", "成熟度分数应在0至5之间")]
    [InlineData("Score", "12", "成熟度分数应在0至5之间")]
    [InlineData("Score", "3.141", "成熟度分数最多保留两位小数")]
    [InlineData("Score", "三点二", "不是有效的成熟度分数")]
    [InlineData("LevelScore3", "1.2", "三级得分应在0至1之间")]
    [InlineData("LevelScore1", "-0.5", "一级得分应在0至1之间")]
    public async Task An_out_of_range_score_is_refused_in_Chinese_and_nothing_is_saved(string field, string value, string message)
    {
        var id = await AssessmentAsync(portal);
        var before = await LoadAsync(portal, id);
        var agency = await portal.SignedInAsync(AgencyA);

        var response = await agency.SaveRecordAsync(id, new Dictionary<string, string>
        {
            [field] = value,
            ["Assessors"] = "不应保存的人员",
            ["StartDate"] = "2023-09-01",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"form-errors\"", html);
        Assert.Contains(message, Text(html));
        // The form keeps what was typed so it can be corrected.
        Assert.Contains($"value=\"{value}\"", html);
        var after = await LoadAsync(portal, id);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.Score);
        Assert.Null(after.Assessors);
        Assert.Null(after.StartDate);
        Assert.True(after.LevelScores.IsEmpty);
        Assert.Equal(0, await AuditCountAsync(portal, id, AuditAction.AssessmentRecordSaved));
    }

    [Fact]
    public async Task A_site_visit_before_the_start_is_refused()
    {
        var id = await AssessmentAsync(portal);
        var before = await LoadAsync(portal, id);
        var agency = await portal.SignedInAsync(AgencyA);

        var response = await agency.SaveRecordAsync(id, new Dictionary<string, string> { ["StartDate"] = "2023-09-10", ["SiteVisitDate"] = "2023-09-01" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("现场评估日期不能早于开始日期", Text(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before.Version, (await LoadAsync(portal, id)).Version);
    }

    [Fact]
    public async Task Level_scores_that_disagree_with_the_total_are_a_warning_on_the_page_and_still_saved()
    {
        var id = await AssessmentAsync(portal);
        var agency = await portal.SignedInAsync(AgencyA);
        var levelScores = new Dictionary<string, string>
        {
            ["LevelScore1"] = "1",
            ["LevelScore2"] = "1",
            ["LevelScore3"] = "0.9",
            ["LevelScore4"] = "0.3",
            ["StatedLevel"] = nameof(MaturityLevel.Three),
            ["SmartFactoryLevelId"] = SmartFactoryLevel.SeedIds.Advanced.ToString(),
        };

        // 3.20 = (3 − 1) + 0.9 + 0.3: consistent.
        AssertRedirect(await agency.SaveRecordAsync(id, new Dictionary<string, string>(levelScores) { ["Score"] = "3.20" }), $"/Assessments/Record/{id}");
        var consistent = await agency.GetStringAsync($"/Assessments/Record/{id}");
        Assert.Contains("data-testid=\"consistency-ok\"", consistent);
        Assert.DoesNotContain("data-testid=\"consistency-warnings\"", consistent);

        // 3.50 with the same level scores: a warning, and the record is saved anyway.
        AssertRedirect(await agency.SaveRecordAsync(id, new Dictionary<string, string>(levelScores) { ["Score"] = "3.50" }), $"/Assessments/Record/{id}");
        var page = await agency.GetStringAsync($"/Assessments/Record/{id}");
        Assert.Contains("data-testid=\"consistency-warnings\"", page);
        Assert.Contains($"data-kind=\"{ConsistencyWarningKind.LevelScoresDisagreeWithScore}\"", page);
        Assert.Contains("按各级得分计算的总分为3.20（满足至三级（集成级）），与填报的成熟度分数3.50不一致。", Text(page));
        Assert.DoesNotContain("data-testid=\"form-errors\"", page);
        Assert.Equal(3.50m, (await LoadAsync(portal, id)).Score!.Value.Value);
    }

    [Fact]
    public async Task A_stated_level_other_than_the_scores_and_a_tier_above_the_level_are_warnings()
    {
        var id = await AssessmentAsync(portal);
        var agency = await portal.SignedInAsync(AgencyA);

        AssertRedirect(await agency.SaveRecordAsync(id, new Dictionary<string, string>
        {
            ["Score"] = "1.50",
            ["StatedLevel"] = nameof(MaturityLevel.Two),
            ["SmartFactoryLevelId"] = SmartFactoryLevel.SeedIds.Excellent.ToString(),
        }), $"/Assessments/Record/{id}");

        var page = await agency.GetStringAsync($"/Assessments/Record/{id}");
        Assert.Equal("一级（规划级）", DerivedLevel(page));
        Assert.Contains($"data-kind=\"{ConsistencyWarningKind.StatedLevelDiffersFromScore}\"", page);
        Assert.Contains($"data-kind=\"{ConsistencyWarningKind.SmartFactoryLevelAboveMaturity}\"", page);
        Assert.Contains("填报的成熟度等级为二级（规范级），但分数1.50对应一级（规划级）。", Text(page));

        // The third party sees the same warnings in its list (searched by name: the fixture's other tests leave
        // enough assessments in progress to push this one off the first page).
        var thirdParty = await portal.SignedInAsync(ThirdParty);
        var name = Uri.EscapeDataString(await EnterpriseNameAsync(portal, id));
        var tracking = Text(await thirdParty.GetStringAsync($"/Assessments/Tracking?state={AssessmentState.InProgress}&q={name}"));
        Assert.Contains("智能工厂等级“卓越级”要求成熟度三级（集成级）及以上，而评估结果为一级（规划级）。", tracking);
    }

    [Fact]
    public async Task A_record_can_no_longer_be_changed_once_submitted()
    {
        var id = await AssessmentAsync(portal);
        await CompleteRecordAsync(portal, id);
        var agency = await portal.SignedInAsync(AgencyA);
        AssertRedirect(await agency.SubmitReportAsync(id, Pdf("报告")), $"/Assessments/Details/{id}");
        var before = await LoadAsync(portal, id);

        var page = await agency.GetStringAsync($"/Assessments/Record/{id}");
        Assert.Contains("data-testid=\"not-editable\"", page);
        Assert.DoesNotContain("data-testid=\"record-form\"", page);
        var response = await agency.PostFormAsync($"/Assessments/Record/{id}", $"/Assessments/Record/{id}",
            new Dictionary<string, string> { ["Version"] = before.Version.ToString(), ["Score"] = "1.00" });

        Assert.Contains("不能执行“填写评估记录”", Text(await response.Content.ReadAsStringAsync()));
        var after = await LoadAsync(portal, id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(3.20m, after.Score!.Value.Value);
    }

    private static string DerivedLevel(string html)
    {
        var match = DerivedLevelPattern().Match(html);
        Assert.True(match.Success, "no derived level on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    [GeneratedRegex("data-testid=\"derived-level\">([^<]*)<")]
    private static partial Regex DerivedLevelPattern();
}

[Collection("sqlite")]
public sealed class AssessmentRecordFormTests_Sqlite(AssessmentSqlitePortal portal) : AssessmentRecordFormTests(portal), IClassFixture<AssessmentSqlitePortal>;

[Collection("postgres")]
public sealed class AssessmentRecordFormTests_Postgres(AssessmentPostgresPortal portal) : AssessmentRecordFormTests(portal), IClassFixture<AssessmentPostgresPortal>;
