using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.Applications.ApplicationArrange;

namespace ZhiPingQuan.Web.Tests.Applications;

/// <summary>
/// The application's files (docs/domain.md §4.4, §5 Files): uploads checked by content (a renamed executable, a ZIP posing
/// as a Word document and an oversized file are refused and leave nothing behind), served inline only when a browser can
/// show them, every read audited, and nobody outside the application's scope gets one; the report cross-check reads the
/// report's text.
/// </summary>
public abstract class ApplicationFileTests(TablePortal portal)
{
    [Fact]
    public async Task Another_enterprise_an_agency_a_district_of_another_unit_and_Admin_get_404_on_the_application_and_every_file()
    {
        var listed = await ListedEnterpriseAsync(portal, unitName: "浦东新区");
        var enterprise = await portal.SignedInAsync(listed);
        var id = await enterprise.ApplyAsync(listed);
        await enterprise.CompleteEvidenceAsync(portal, listed, id);
        await AssertRedirectAsync(await enterprise.EnterpriseActAsync(id, "Submit"), $"/Applications/Details/{id}");
        var a = await LoadAsync(portal, id);
        var urls = a.Evidence.Select(e => $"/Applications/File/{id}?fileId={e.FileId}").Append($"/Applications/File/{id}?fileId={a.ReportFileId}").ToList();
        var other = await ListedEnterpriseAsync(portal, unitName: "闵行区");
        var otherEnterprise = await portal.SignedInAsync(other);
        var otherId = await otherEnterprise.ApplyAsync(other);

        // The enterprise B, agencies, a district of another unit and Admin: 404 everywhere, also with another application's id.
        var outsiders = new[] { await portal.SignedInAsync(other), await portal.SignedInAsync("agency.a@zpq.local"), await portal.SignedInAsync("agency.b@zpq.local"),
            await portal.SignedInAsync("district.minhang@zpq.local"), await portal.SignedInAsync("admin@zpq.local") };
        foreach (var client in outsiders)
        {
            foreach (var url in urls.Append($"/Applications/File/{otherId}?fileId={a.Evidence[0].FileId}"))
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            }
            foreach (var url in new[] { $"/Applications/Details/{id}", $"/Reviews/Details/{id}" })
            {
                var response = await client.GetAsync(url);
                // A role with no page of the kind is sent to "access denied"; one with such pages gets 404 — never the record.
                Assert.True(response.StatusCode == HttpStatusCode.NotFound
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied")),
                    $"{url} answered {(int)response.StatusCode}");
            }
        }
        Assert.Equal(HttpStatusCode.NotFound, (await otherEnterprise.GetAsync($"/Applications/Details/{id}")).StatusCode);
        // The other enterprise cannot post to it either.
        var post = await otherEnterprise.PostFormAsync("/Applications", $"/Applications/Withdraw/{id}", new Dictionary<string, string> { ["version"] = a.Version.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(QuotaApplicationState.Submitted, (await LoadAsync(portal, id)).State);

        // Its own district, the third party and the commission read the files; the enterprise too.
        foreach (var reader in new[] { enterprise, await portal.SignedInAsync("district.pudong@zpq.local"), await portal.SignedInAsync(ThirdParty),
                     await portal.SignedInAsync("commission@zpq.local") })
        {
            Assert.All(await Task.WhenAll(urls.Select(reader.GetAsync)), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }
        // A draft is the enterprise's alone: the third party does not see it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await portal.SignedInAsync(ThirdParty)).GetAsync($"/Reviews/Details/{otherId}")).StatusCode);
    }

    [Fact]
    public async Task Pdf_and_images_open_in_the_browser_everything_else_downloads_and_every_read_is_audited()
    {
        var listed = await ListedEnterpriseAsync(portal);
        var enterprise = await portal.SignedInAsync(listed);
        var id = await enterprise.ApplyAsync(listed);
        await enterprise.CompleteEvidenceAsync(portal, listed, id);
        await enterprise.UploadOkAsync(id, EvidenceKind.Other, "验收报告.docx", Docx(), "项目验收报告");
        var a = await LoadAsync(portal, id);
        string Url(EvidenceKind kind) => $"/Applications/File/{id}?fileId={a.Evidence.Single(e => e.Kind == kind).FileId}";
        var audited = await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == id && e.Action == AuditAction.FileDownloaded));

        var pdf = await enterprise.GetAsync(Url(EvidenceKind.UpgradeContract));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("inline", Disposition(pdf));
        var png = await enterprise.GetAsync(Url(EvidenceKind.SmartFactoryApproval));
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("inline", Disposition(png));
        var docx = await enterprise.GetAsync(Url(EvidenceKind.Other));
        Assert.StartsWith("attachment", Disposition(docx));
        Assert.Contains("filename*=UTF-8''", Disposition(docx));
        Assert.Equal("nosniff", docx.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Docx(), await docx.Content.ReadAsByteArrayAsync());

        var lines = await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == id && e.Action == AuditAction.FileDownloaded).OrderBy(e => e.AtUtc).ToListAsync());
        Assert.Equal(audited + 3, lines.Count);
        Assert.Contains(lines, l => l.Detail!.StartsWith("下载申请材料 第1版：验收报告.docx", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Detail!.StartsWith("在线查看申请材料 第1版：MES系统采购合同.pdf", StringComparison.Ordinal));
    }

    private static string Disposition(HttpResponseMessage response) =>
        response.Content.Headers.TryGetValues("Content-Disposition", out var values) ? values.First()
        : response.Headers.GetValues("Content-Disposition").First();

    [Fact]
    public async Task A_renamed_executable_a_zip_posing_as_docx_and_an_oversized_file_are_refused_and_leave_nothing_behind()
    {
        var listed = await ListedEnterpriseAsync(portal);
        var enterprise = await portal.SignedInAsync(listed);
        var id = await enterprise.ApplyAsync(listed);
        var before = await portal.WithDbAsync(async db => (await db.StoredFiles.CountAsync(), await db.EvidenceItems.CountAsync(e => e.QuotaApplicationId == id)));
        var disk = StoredFilesOnDisk(portal);
        var version = (await LoadAsync(portal, id)).Version;

        var refusals = new (string Name, byte[] Content, string Message)[]
        {
            ("认定文件.pdf", Assessments.AssessmentArrange.Executable(), "文件“认定文件.pdf”的内容不是PDF格式"),
            ("认定文件.docx", Zip("readme.txt", "data/content.bin"), "文件“认定文件.docx”不是真实的Word文档（压缩包中没有Word文档必有的[Content_Types].xml、word/document.xml）"),
            ("认定文件.xlsx", Docx(), "文件“认定文件.xlsx”不是真实的Excel工作簿"),
            ("认定文件.ofd", Zip("Doc_0/Document.xml"), "文件“认定文件.ofd”不是真实的OFD版式文件"),
            ("认定文件.pdf", [.. "%PDF-1.7\n"u8, .. new byte[20 * 1024 * 1024]], "超过20MB的上限"),
            ("认定文件.exe", Assessments.AssessmentArrange.Executable(), "文件“认定文件.exe”的类型不允许上传"),
        };
        foreach (var (name, content, message) in refusals)
        {
            var response = await enterprise.UploadAsync(id, EvidenceKind.SmartFactoryApproval, name, content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, Text(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(before, await portal.WithDbAsync(async db => (await db.StoredFiles.CountAsync(), await db.EvidenceItems.CountAsync(e => e.QuotaApplicationId == id))));
        Assert.Equal(disk, StoredFilesOnDisk(portal));
        Assert.Equal(version, (await LoadAsync(portal, id)).Version);

        // The real thing of each type is accepted.
        await enterprise.UploadOkAsync(id, EvidenceKind.SmartFactoryApproval, "认定文件.docx", Docx());
        await enterprise.UploadOkAsync(id, EvidenceKind.Other, "清单.xlsx", Zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"));
        await enterprise.UploadOkAsync(id, EvidenceKind.Other, "批文.ofd", Zip("OFD.xml", "Doc_0/Document.xml"));
        Assert.Equal(3, await portal.WithDbAsync(db => db.EvidenceItems.CountAsync(e => e.QuotaApplicationId == id)));
    }

    [Fact]
    public async Task A_contract_refused_by_the_rules_leaves_no_file_behind()
    {
        var listed = await ListedEnterpriseAsync(portal);
        var enterprise = await portal.SignedInAsync(listed);
        var id = await enterprise.ApplyAsync(listed);
        var disk = StoredFilesOnDisk(portal);

        var response = await enterprise.UploadAsync(id, EvidenceKind.UpgradeContract, "合同.pdf", Pdf(portal, "合同"), "合同", amount: 12.345m, link: Domain.Recommendations.KeyLink.Design, date: new DateOnly(listed.Year, 1, 1));

        Assert.Contains("合同金额（万元）最多保留两位小数", Text(await response.Content.ReadAsStringAsync()));
        Assert.Equal(disk, StoredFilesOnDisk(portal));
        Assert.Equal(0, await portal.WithDbAsync(db => db.EvidenceItems.CountAsync(e => e.QuotaApplicationId == id)));
    }

    [Theory]
    [InlineData(ReportText.Matching, CheckOutcome.Passed, "报告文字中有企业名称、统一社会信用代码、分数3.35和等级“三级”")]
    [InlineData(ReportText.Different, CheckOutcome.Failed, "报告文字中未找到企业名称")]
    [InlineData(ReportText.Scanned, CheckOutcome.ManualCheck, "无法读取报告文字，请人工核对")]
    public async Task The_report_cross_check_reads_the_report_text(ReportText report, CheckOutcome outcome, string detail)
    {
        var listed = await ListedEnterpriseAsync(portal, report: report);
        var enterprise = await portal.SignedInAsync(listed);
        var id = await enterprise.ApplyAsync(listed);
        await enterprise.CompleteEvidenceAsync(portal, listed, id);
        await AssertRedirectAsync(await enterprise.EnterpriseActAsync(id, "Submit"), $"/Applications/Details/{id}");

        var a = await LoadAsync(portal, id);
        Assert.Equal(outcome, a.ReportCheckOutcome);
        Assert.Contains(detail, a.ReportCheckDetail);
        var page = await (await portal.SignedInAsync(ThirdParty)).GetStringAsync($"/Reviews/Details/{id}");
        Assert.Contains($"data-testid=\"check-ReportMatchesRecord\" data-outcome=\"{outcome}\"", page);
        Assert.Contains(detail, Text(page));
        if (outcome != CheckOutcome.Passed)
        {
            var queue = Text(await (await portal.SignedInAsync(ThirdParty)).GetStringAsync($"/Reviews?warnings=true&batchId={listed.BatchId}"));
            Assert.Contains(listed.Name, queue);
            Assert.Contains("共 1 条", queue);
        }
    }
}

[Collection("sqlite")]
public sealed class ApplicationFileTests_Sqlite(TableSqlitePortal portal) : ApplicationFileTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class ApplicationFileTests_Postgres(TablePostgresPortal portal) : ApplicationFileTests(portal), IClassFixture<TablePostgresPortal>;
