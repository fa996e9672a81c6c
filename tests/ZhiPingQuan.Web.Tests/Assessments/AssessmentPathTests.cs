using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.Assessments.AssessmentArrange;

namespace ZhiPingQuan.Web.Tests.Assessments;

/// <summary>
/// The whole assessment path through the pages (docs/domain.md §4.2) — agency records and submits, third party
/// returns, agency resubmits a new report, third party confirms, district confirms, the enterprise sees
/// its score — plus who may not see what, and uploads that are refused without leaving anything behind.
/// </summary>
public abstract class AssessmentPathTests(AssessmentPortal portal)
{
    [Fact]
    public async Task Whole_path_from_the_agencys_record_to_the_enterprise_seeing_its_score()
    {
        var id = await AssessmentAsync(portal, enterpriseName: DemoDataSeeder.EnterpriseAName);
        var agency = await portal.SignedInAsync(AgencyA);
        var thirdParty = await portal.SignedInAsync(ThirdParty);
        var district = await portal.SignedInAsync(PudongDistrict);
        var enterprise = await portal.SignedInAsync(EnterpriseA);

        // The agency finds it in its list and records the result.
        Assert.Contains(DemoDataSeeder.EnterpriseAName, await agency.GetStringAsync("/Assessments"));
        AssertRedirect(await agency.SaveRecordAsync(id, new Dictionary<string, string>
        {
            ["StandardEditions"] = "",
            ["StartDate"] = "2023-09-01",
            ["SiteVisitDate"] = "2023-09-15",
            ["Assessors"] = "张评估、李评估",
            ["LevelScore1"] = "1",
            ["LevelScore2"] = "1",
            ["LevelScore3"] = "0.9",
            ["LevelScore4"] = "0.3",
            ["Score"] = "3.20",
            ["StatedLevel"] = nameof(MaturityLevel.Three),
            ["SmartFactoryLevelId"] = SmartFactoryLevel.SeedIds.Advanced.ToString(),
        }), $"/Assessments/Record/{id}");
        var recorded = await LoadAsync(portal, id);
        Assert.Equal(3.20m, recorded.Score!.Value.Value);
        Assert.Equal(Assessment.DefaultStandardEditions, recorded.StandardEditions);

        // Submitting before the process checkpoints are recorded is refused, naming them all.
        var early = await agency.SubmitReportAsync(id, Pdf("第一版"));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("提交评估报告前还需完成：预评估、正式评估（现场评估）、结果发布。", Text(await early.Content.ReadAsStringAsync()));
        Assert.Equal(0, await portal.WithDbAsync(db => db.StoredFiles.CountAsync()));
        Assert.Equal(AssessmentState.InProgress, (await LoadAsync(portal, id)).State);

        foreach (var checkpoint in AssessmentCheckpointNames.All)
        {
            AssertRedirect(await agency.PostWithPageVersionAsync($"/Assessments/Record/{id}", $"/Assessments/Checkpoint/{id}",
                new Dictionary<string, string> { ["checkpoint"] = checkpoint.ToString() }), $"/Assessments/Record/{id}");
        }

        var firstPdf = Pdf("第一版");
        AssertRedirect(await agency.SubmitReportAsync(id, firstPdf, "浦江精密评估报告.pdf"), $"/Assessments/Details/{id}");
        var submitted = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.ReportSubmitted, submitted.State);
        var firstFileId = submitted.ReportFileId!.Value;

        // The enterprise sees neither score nor report before the district confirms.
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/Assessments/Report/{id}")).StatusCode);
        var pending = await enterprise.GetStringAsync($"/Assessments/Details/{id}");
        Assert.Contains("data-testid=\"result-pending\"", pending);
        Assert.DoesNotContain("3.20", Text(pending));
        Assert.DoesNotContain("data-testid=\"report-download\"", pending);

        // The third party downloads the report (audited) and returns it with reasons.
        var download = await thirdParty.GetAsync($"/Assessments/Report/{id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(firstPdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await AuditCountAsync(portal, id, AuditAction.FileDownloaded));

        const string reasons = "报告缺少现场评估照片及评估人员签字页，请补充后重新提交。";
        AssertRedirect(await thirdParty.PostWithPageVersionAsync($"/Assessments/Details/{id}", $"/Assessments/Return/{id}",
            new Dictionary<string, string> { ["reasons"] = reasons }), $"/Assessments/Details/{id}");
        Assert.Equal(AssessmentState.Returned, (await LoadAsync(portal, id)).State);

        // The agency sees the reasons and resubmits with a second PDF; both versions are kept.
        var returnedPage = await agency.GetStringAsync($"/Assessments/Record/{id}");
        Assert.Contains(reasons, Text(returnedPage));
        Assert.Contains("data-testid=\"return-reasons\"", returnedPage);
        var secondPdf = Pdf("第二版（补充照片）", padding: 3_000);
        AssertRedirect(await agency.SubmitReportAsync(id, secondPdf, "浦江精密评估报告（修订）.pdf"), $"/Assessments/Details/{id}");

        var resubmitted = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.ReportSubmitted, resubmitted.State);
        Assert.Equal(2, resubmitted.ReportVersion);
        var files = await portal.WithDbAsync(db => db.StoredFiles.AsNoTracking().ToListAsync());
        Assert.Equal(2, files.Count);
        var first = Assert.Single(files, f => f.Id == firstFileId);
        var second = Assert.Single(files, f => f.Id == resubmitted.ReportFileId);
        Assert.Equal(first.Id, second.PreviousVersionId);
        Assert.Equal(2, second.VersionNumber);
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(portal.StorageRoot, f.StorageKey)), $"{f.StorageKey} is not on disk"));
        Assert.Equal(firstPdf, await File.ReadAllBytesAsync(Path.Combine(portal.StorageRoot, first.StorageKey)));

        // Current and earlier versions both download for the third party.
        Assert.Equal(secondPdf, await thirdParty.GetByteArrayAsync($"/Assessments/Report/{id}"));
        Assert.Equal(firstPdf, await thirdParty.GetByteArrayAsync($"/Assessments/ReportVersion/{id}?fileId={first.Id}"));

        // The district cannot confirm before compliance is confirmed.
        Assert.DoesNotContain("data-testid=\"confirm-completion-panel\"", await district.GetStringAsync($"/Assessments/Details/{id}"));
        var tooEarly = await district.PostFormAsync($"/Assessments/Details/{id}", $"/Assessments/ConfirmCompletion/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = resubmitted.Version.ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Contains("第三方机构尚未确认合规", await tooEarly.Content.ReadAsStringAsync());

        AssertRedirect(await thirdParty.PostWithPageVersionAsync($"/Assessments/ConfirmCompliance/{id}", $"/Assessments/ConfirmCompliance/{id}", Confirmed),
            $"/Assessments/Details/{id}");
        Assert.NotNull((await LoadAsync(portal, id)).ComplianceConfirmedAtUtc);

        // The district sees it waiting and confirms; the recommendation becomes Assessed in the same step.
        var progress = Text(await district.GetStringAsync("/Assessments/Progress"));
        Assert.Contains("等待本单位确认完成", progress);
        AssertRedirect(await district.PostWithPageVersionAsync($"/Assessments/ConfirmCompletion/{id}", $"/Assessments/ConfirmCompletion/{id}", Confirmed),
            $"/Assessments/Details/{id}");
        var confirmed = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.Confirmed, confirmed.State);
        var recommendationState = await portal.WithDbAsync(db => db.Recommendations.Where(r => r.Id == confirmed.RecommendationId).Select(r => r.State).FirstAsync());
        Assert.Equal(RecommendationState.Assessed, recommendationState);

        // The enterprise now sees its score and level and downloads the current report (not earlier versions).
        var result = Text(await enterprise.GetStringAsync($"/Assessments/Details/{id}"));
        Assert.Contains("成熟度分数 3.20", result);
        Assert.Contains("成熟度等级 三级（集成级）", result);
        Assert.Contains("智能工厂等级 先进级", result);
        Assert.Contains("3.20", Text(await enterprise.GetStringAsync("/Assignments/Mine")));
        Assert.Equal(secondPdf, await enterprise.GetByteArrayAsync($"/Assessments/Report/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/Assessments/ReportVersion/{id}?fileId={first.Id}")).StatusCode);

        // Every state change and every download is in the audit trail.
        Assert.Equal(1, await AuditCountAsync(portal, id, AuditAction.AssessmentRecordSaved));
        Assert.Equal(3, await AuditCountAsync(portal, id, AuditAction.CheckpointCompleted));
        Assert.Equal(1, await AuditCountAsync(portal, id, AuditAction.ReportSubmitted));
        Assert.Equal(1, await AuditCountAsync(portal, id, AuditAction.ReportReturned));
        Assert.Equal(1, await AuditCountAsync(portal, id, AuditAction.ReportResubmitted));
        Assert.Equal(1, await AuditCountAsync(portal, id, AuditAction.ComplianceConfirmed));
        Assert.Equal(1, await AuditCountAsync(portal, id, AuditAction.AssessmentConfirmed));
        Assert.Equal(1, await AuditCountAsync(portal, confirmed.RecommendationId, AuditAction.RecommendationAssessed));
        Assert.Equal(4, await AuditCountAsync(portal, id, AuditAction.FileDownloaded));
    }

    [Fact]
    public async Task Agency_B_gets_404_on_agency_As_assessment_and_report()
    {
        var id = await AssessmentAsync(portal);
        await CompleteRecordAsync(portal, id);
        var agencyA = await portal.SignedInAsync(AgencyA);
        AssertRedirect(await agencyA.SubmitReportAsync(id, Pdf("A的报告")), $"/Assessments/Details/{id}");
        var a = await LoadAsync(portal, id);
        var enterpriseName = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Id == a.EnterpriseId).Select(o => o.Name).FirstAsync());

        var agencyB = await portal.SignedInAsync(AgencyB);
        Assert.DoesNotContain(enterpriseName, await agencyB.GetStringAsync("/Assessments"));
        foreach (var url in new[]
                 {
                     $"/Assessments/Details/{id}", $"/Assessments/Record/{id}", $"/Assessments/Report/{id}",
                     $"/Assessments/ReportVersion/{id}?fileId={a.ReportFileId}",
                 })
        {
            var response = await agencyB.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(enterpriseName, await response.Content.ReadAsStringAsync());
        }
        var post = await agencyB.PostFormAsync("/Assessments", $"/Assessments/Record/{id}",
            new Dictionary<string, string> { ["Version"] = a.Version.ToString(), ["Score"] = "1.00" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var submit = await agencyB.PostMultipartAsync("/Assessments", $"/Assessments/Submit/{id}",
            new Dictionary<string, string> { ["version"] = a.Version.ToString() }, ("report", "b.pdf", Pdf("B")));
        Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);

        // Nothing changed and the refused reads were not counted as downloads.
        var after = await LoadAsync(portal, id);
        Assert.Equal(a.Version, after.Version);
        Assert.Equal(3.20m, after.Score!.Value.Value);
        Assert.Equal(0, await AuditCountAsync(portal, id, AuditAction.FileDownloaded));
    }

    [Fact]
    public async Task Another_district_and_another_enterprise_get_404()
    {
        var id = await AssessmentAsync(portal);
        var minhang = await portal.SignedInAsync(MinhangDistrict);
        Assert.Equal(HttpStatusCode.NotFound, (await minhang.GetAsync($"/Assessments/Details/{id}")).StatusCode);
        var version = (await LoadAsync(portal, id)).Version;
        var confirm = await minhang.PostFormAsync("/Assessments/Progress", $"/Assessments/ConfirmCompletion/{id}",
            new Dictionary<string, string> { ["confirmed"] = "true", ["version"] = version.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(version, (await LoadAsync(portal, id)).Version);

        var enterpriseB = await portal.SignedInAsync("enterprise.b@zpq.local");
        Assert.Equal(HttpStatusCode.NotFound, (await enterpriseB.GetAsync($"/Assessments/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await enterpriseB.GetAsync($"/Assessments/Report/{id}")).StatusCode);

        var pudong = await portal.SignedInAsync(PudongDistrict);
        Assert.Equal(HttpStatusCode.OK, (await pudong.GetAsync($"/Assessments/Details/{id}")).StatusCode);
    }

    private static byte[] OverLimitPdf()
    {
        var bytes = new byte[Web.Features.Assessments.ReportUpload.MaxSizeBytes + 1];
        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }

    [Theory]
    [InlineData("oversize", "超过20MB的上限")]
    [InlineData("renamed-executable", "的内容不是PDF格式")]
    public async Task A_refused_upload_leaves_no_file_and_no_stored_file_row(string upload, string message)
    {
        var content = upload == "oversize" ? OverLimitPdf() : Executable();
        var id = await AssessmentAsync(portal);
        await CompleteRecordAsync(portal, id);
        var before = await LoadAsync(portal, id);
        var filesBefore = StoredFilesOnDisk(portal);
        var rowsBefore = await portal.WithDbAsync(db => db.StoredFiles.CountAsync());
        var agency = await portal.SignedInAsync(AgencyA);

        var response = await agency.SubmitReportAsync(id, content, "评估报告.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"submit-errors\"", html);
        Assert.Contains(message, Text(html));
        Assert.Equal(filesBefore, StoredFilesOnDisk(portal));
        Assert.Equal(rowsBefore, await portal.WithDbAsync(db => db.StoredFiles.CountAsync()));
        var after = await LoadAsync(portal, id);
        Assert.Equal(AssessmentState.InProgress, after.State);
        Assert.Null(after.ReportFileId);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(0, await AuditCountAsync(portal, id, AuditAction.ReportSubmitted));
    }

    [Fact]
    public async Task Submitting_an_empty_record_lists_everything_missing_and_changes_nothing()
    {
        var id = await AssessmentAsync(portal);
        var before = await LoadAsync(portal, id);
        var agency = await portal.SignedInAsync(AgencyA);

        var response = await agency.SubmitReportAsync(id, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("提交评估报告前还需完成：开始日期、现场评估日期、评估人员、成熟度分数、成熟度等级、智能工厂等级、预评估、正式评估（现场评估）、结果发布、评估报告文件。",
            Text(await response.Content.ReadAsStringAsync()));
        var after = await LoadAsync(portal, id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(AssessmentState.InProgress, after.State);
    }
}

[Collection("sqlite")]
public sealed class AssessmentPathTests_Sqlite(AssessmentSqlitePortal portal) : AssessmentPathTests(portal), IClassFixture<AssessmentSqlitePortal>;

[Collection("postgres")]
public sealed class AssessmentPathTests_Postgres(AssessmentPostgresPortal portal) : AssessmentPathTests(portal), IClassFixture<AssessmentPostgresPortal>;
