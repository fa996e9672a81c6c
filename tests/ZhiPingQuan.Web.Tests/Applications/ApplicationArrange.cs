using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;
using ZhiPingQuan.Web.Infrastructure.Files;
using ZhiPingQuan.Web.Infrastructure.Pdf;
using ZhiPingQuan.Web.Infrastructure.Signing;
using ZhiPingQuan.Web.Seeding;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;

namespace ZhiPingQuan.Web.Tests.Applications;

/// <summary>
/// Arranges what comes before an application — an enterprise of its own (with an account) recommended on bases 1 and 3,
/// assessed with a real report PDF in the file store, confirmed and listed in a submitted summary table of a batch of its
/// own programme year — straight through the domain, and drives the application pages as a browser would.
/// </summary>
public static partial class ApplicationArrange
{
    public const string ThirdParty = "thirdparty@zpq.local";
    public const string SecondReviewerPassword = Accounts.Password;

    public sealed record Listed(Guid EnterpriseId, string Name, string CreditCode, string Email, Guid BatchId, int Year, DateOnly Deadline,
        Guid AssessmentId, Guid ReportFileId, string UnitName);

    /// <summary>How the arranged report reads: the records' values, other values, or no text at all (a scan).</summary>
    public enum ReportText
    {
        Matching,
        Different,
        Scanned,
    }

    /// <summary>A new batch (its own programme year, deadline 15 December 2023) with one listed enterprise.</summary>
    public static async Task<Listed> ListedEnterpriseAsync(TablePortal portal, string unitName = "浦东新区", ReportText report = ReportText.Matching,
        RecommendationBasis[]? bases = null, DateOnly? deadline = null)
    {
        var batchId = await TableArrange.NewBatchAsync(portal, deadline);
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var files = scope.ServiceProvider.GetRequiredService<IFileStore>();
        var layout = scope.ServiceProvider.GetRequiredService<PdfLayout>();
        var signer = scope.ServiceProvider.GetRequiredService<IPlatformSigner>();
        var at = portal.Now;
        var unit = await db.RecommendingUnits.FirstAsync(u => u.Name == unitName);
        var batch = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.Id == batchId);
        var agency = await db.ServiceAgencies.FirstAsync(a => a.Name == DemoDataSeeder.AgencyAName);
        var tier = await db.SmartFactoryLevels.FirstAsync(l => l.Id == SmartFactoryLevel.SeedIds.Advanced);
        var thirdParty = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.ThirdParty);

        var enterprise = new Enterprise($"申请测试企业{TestData.Tag()}有限公司", TestData.NewCreditCode(), KeyIndustry.HighEndEquipment, 20_000m, unit.Id);
        enterprise.SetContact("上海市测试路 1 号", "孙联系", "021-5000 1000", "contact@example.cn");
        db.Organisations.Add(enterprise);
        var recommendation = new Recommendation(enterprise, batch, "测试推荐人", at);
        var claimed = bases ?? [RecommendationBasis.SmartTransformation, RecommendationBasis.SmartFactoryOrScenario];
        recommendation.SetContent(claimed.Select(b => new RecommendationBasisStatement(b, "测试依据")),
            claimed.Contains(RecommendationBasis.SmartTransformation) ? [new TransformationContract(120m, KeyLink.Production, "MES系统")] : [],
            false, enterprise);
        recommendation.Recommend(enterprise, batch, "测试推荐人", at);
        db.Recommendations.Add(recommendation);

        var score = new MaturityScore(3.35m);
        var assessment = new Assessment(recommendation, agency, "测试推荐人", at);
        assessment.ConfirmByEnterprise("孙联系", at);
        assessment.DeclareConflict(false, null, "测试评估师", at);
        assessment.Start("测试评估师", at);
        assessment.UpdateRecord(null, new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 15), "张三、李四", null, score, MaturityLevel.Three, tier);
        foreach (var c in AssessmentCheckpointNames.All)
        {
            assessment.CompleteCheckpoint(c, at);
        }
        var pdf = report switch
        {
            ReportText.Matching => ReportPdf(layout, enterprise.Name, enterprise.CreditCode.Value, "3.35", "三级（集成级）"),
            ReportText.Different => ReportPdf(layout, "上海另一家企业有限公司", "91310115591693856A", "2.50", "二级（规范级）"),
            _ => PdfWithoutText(),
        };
        await using (var content = new MemoryStream(pdf))
        {
            var stored = await files.SaveAsync(new IncomingFile(content, "评估报告.pdf"), FileTypes.PdfOnly, FileTypes.DefaultMaxSizeBytes, agency.Id, "测试评估师", null, default);
            db.StoredFiles.Add(stored);
            assessment.SubmitReport(stored.Id, "测试评估师", at);
        }
        assessment.ConfirmCompliance("测试审核员", at);
        assessment.ConfirmCompletion("测试推荐人", at);
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync();

        var table = new SummaryTable(new SummaryTableHeading(unit.Id, unit.Name, batch.Id, batch.ProgrammeYear!.Year, batch.Name),
            [SummaryTableRowData.FromRecords(enterprise, assessment)], "测试推荐人", at);
        db.SummaryTables.Add(table);
        table.SealByDistrict(new Sealer("测试推荐人", unit.Id, unit.Name), at, batch);
        table.SealByThirdParty(new Sealer("测试审核员", thirdParty.Id, thirdParty.Name), at);
        table.Submit("测试推荐人", at, batch, SummaryTable.NewVerificationCode(), s => new PlatformSignature(signer.Sign(s), signer.KeyFingerprint));
        await db.SaveChangesAsync();

        var email = await AccountAsync(scope, enterprise, Roles.Enterprise);
        return new Listed(enterprise.Id, enterprise.Name, enterprise.CreditCode.Value, email, batch.Id, batch.ProgrammeYear.Year, batch.Deadline,
            assessment.Id, assessment.ReportFileId!.Value, unit.Name);
    }

    /// <summary>A further account of an organisation (a second reviewer of the third party, a second user of an enterprise).</summary>
    public static async Task<string> AccountAsync(PortalFactory portal, Guid organisationId, string role)
    {
        await using var scope = portal.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organisation = await db.Organisations.FirstAsync(o => o.Id == organisationId);
        return await AccountAsync(scope, organisation, role);
    }

    private static async Task<string> AccountAsync(AsyncServiceScope scope, Organisation organisation, string role)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"user.{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "测试" + Roles.ToChinese(role) + TestData.Tag()[..4], OrganisationId = organisation.Id, CreatedAtUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Accounts.Password);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return email;
    }

    public static Task<HttpClient> SignedInAsync(this PortalFactory portal, Listed listed) => portal.SignedInAsync(listed.Email, Accounts.Password);

    // ---------------------------------------------------------------------------------------- files

    public static byte[] ReportPdf(PdfLayout layout, string name, string code, string score, string level) =>
        layout.Create(PdfPageSetup.A4Portrait)
            .Title("智能制造能力成熟度评估报告")
            .Paragraph($"受评企业：{name}")
            .Paragraph($"统一社会信用代码：{code}")
            .Paragraph($"智能制造能力成熟度分数：{score}；成熟度等级：{level}")
            .ToBytes();

    /// <summary>A real PDF whose only page is a picture (as a scanner makes it): no text to read.</summary>
    public static byte[] PdfWithoutText()
    {
        using var stream = new SKDynamicMemoryWStream();
        using (var document = SKDocument.CreatePdf(stream))
        {
            var canvas = document.BeginPage(595, 842);
            using var paint = new SKPaint { Color = SKColors.Gray };
            canvas.DrawRect(50, 50, 400, 200, paint);
            document.EndPage();
            document.Close();
        }
        return stream.DetachAsData().ToArray();
    }

    public static byte[] Png()
    {
        using var bitmap = new SKBitmap(60, 40);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.LightBlue);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>A small PDF with a line of text (evidence).</summary>
    public static byte[] Pdf(PortalFactory portal, string text)
    {
        var layout = portal.Services.GetRequiredService<PdfLayout>();
        return layout.Create(PdfPageSetup.A4Portrait).Title(text).Paragraph("测试证明材料").ToBytes();
    }

    /// <summary>A ZIP with these entries (a real .docx holds [Content_Types].xml and word/document.xml).</summary>
    public static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                var entry = zip.CreateEntry(name);
                // A fixed time: the same entries make the same bytes however far apart they are made (a download is compared with them).
                entry.LastWriteTime = new DateTimeOffset(2023, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
                using var writer = new StreamWriter(entry.Open());
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><x/>");
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Docx() => Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml");

    // ---------------------------------------------------------------------------------------- pages

    /// <summary>Starts the application from the pre-filled form (with these changes to it); returns its id.</summary>
    public static async Task<Guid> ApplyAsync(this HttpClient enterprise, Listed listed, IDictionary<string, string>? changes = null)
    {
        var page = await enterprise.GetStringAsync($"/Applications/New?batchId={listed.BatchId}");
        var fields = FormValues(page, "new-form");
        foreach (var (k, v) in changes ?? new Dictionary<string, string>())
        {
            fields[k] = v;
        }
        var response = await enterprise.PostFormAsync($"/Applications/New?batchId={listed.BatchId}", $"/Applications/Create?batchId={listed.BatchId}", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"apply answered {(int)response.StatusCode}: {Text(await response.Content.ReadAsStringAsync())[..Math.Min(600, Text(await response.Content.ReadAsStringAsync()).Length)]}");
        return Guid.Parse(Regex.Match(response.Headers.Location!.OriginalString, "/Applications/Details/([0-9a-f-]{36})").Groups[1].Value);
    }

    /// <summary>Uploads one evidence file from the application page (with the page's version).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient enterprise, Guid id, EvidenceKind kind, string fileName, byte[] content,
        string? title = null, decimal? amount = null, KeyLink? link = null, DateOnly? date = null)
    {
        var page = $"/Applications/Details/{id}";
        var version = PageVersion(await enterprise.GetStringAsync(page));
        var fields = new Dictionary<string, string> { ["Version"] = version, ["Kind"] = kind.ToString(), ["Title"] = title ?? "" };
        if (amount is { } a) fields["AmountWan"] = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (link is { } l) fields["Link"] = l.ToString();
        if (date is { } d) fields["Date"] = d.ToString("yyyy-MM-dd");
        return await enterprise.PostMultipartAsync(page, $"/Applications/AddEvidence/{id}", fields, ("file", fileName, content));
    }

    public static async Task UploadOkAsync(this HttpClient enterprise, Guid id, EvidenceKind kind, string fileName, byte[] content,
        string? title = null, decimal? amount = null, KeyLink? link = null, DateOnly? date = null)
    {
        var response = await enterprise.UploadAsync(id, kind, fileName, content, title, amount, link, date);
        await AssertRedirectAsync(response, $"/Applications/Details/{id}");
    }

    /// <summary>A contract and a smart-factory approval: the checklist of bases 1 and 3, complete.</summary>
    public static async Task CompleteEvidenceAsync(this HttpClient enterprise, PortalFactory portal, Listed listed, Guid id)
    {
        await enterprise.UploadOkAsync(id, EvidenceKind.UpgradeContract, "MES系统采购合同.pdf", Pdf(portal, "MES系统采购合同"),
            "MES系统采购合同", 35.50m, KeyLink.Production, new DateOnly(listed.Year, 3, 1));
        await enterprise.UploadOkAsync(id, EvidenceKind.SmartFactoryApproval, "智能工厂认定.png", Png(), "市级智能工厂认定文件");
    }

    /// <summary>Posts one of the application page's forms (by its action) with the page's version.</summary>
    public static async Task<HttpResponseMessage> ActAsync(this HttpClient client, string pageUrl, string actionUrl, IDictionary<string, string>? fields = null)
    {
        var html = await client.GetStringAsync(pageUrl);
        var all = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["version"] = PageVersion(html) };
        return await client.PostFormAsync(pageUrl, actionUrl, all);
    }

    public static Task<HttpResponseMessage> EnterpriseActAsync(this HttpClient enterprise, Guid id, string action, IDictionary<string, string>? fields = null) =>
        enterprise.ActAsync($"/Applications/Details/{id}", $"/Applications/{action}/{id}", fields);

    public static Task<HttpResponseMessage> ReviewerActAsync(this HttpClient reviewer, Guid id, string action, IDictionary<string, string>? fields = null) =>
        reviewer.ActAsync($"/Reviews/Details/{id}", $"/Reviews/{action}/{id}", fields);

    /// <summary>The return form's fields: these items picked (by key) with their reasons, and the due date.</summary>
    public static async Task<HttpResponseMessage> ReturnAsync(this HttpClient reviewer, Guid id, DateOnly due, params (string Key, string Reason)[] picked)
    {
        var page = await reviewer.GetStringAsync($"/Reviews/Details/{id}");
        var fields = new Dictionary<string, string> { ["Version"] = PageVersion(page), ["DueDate"] = due.ToString("yyyy-MM-dd") };
        var keys = Regex.Matches(page, "name=\"Items\\[(\\d+)\\]\\.Key\" value=\"([^\"]+)\"").Select(m => (Index: m.Groups[1].Value, Key: m.Groups[2].Value)).ToList();
        // As a browser does: every row's key and (empty) reason; only the ticked rows carry Selected.
        foreach (var (index, key) in keys)
        {
            fields[$"Items[{index}].Key"] = key;
            fields[$"Items[{index}].Reason"] = "";
        }
        foreach (var (key, reason) in picked)
        {
            var index = keys.Single(k => k.Key == key).Index;
            fields[$"Items[{index}].Key"] = key;
            fields[$"Items[{index}].Selected"] = "true";
            fields[$"Items[{index}].Reason"] = reason;
        }
        return await reviewer.PostFormAsync($"/Reviews/Details/{id}", $"/Reviews/Return/{id}", fields);
    }

    public static async Task AssertRedirectAsync(HttpResponseMessage response, string pathStart)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var text = Text(await response.Content.ReadAsStringAsync());
            Assert.Fail($"expected a redirect to {pathStart}, got {(int)response.StatusCode}: {text[..Math.Min(1200, text.Length)]}");
        }
        Assert.StartsWith(pathStart, response.Headers.Location!.OriginalString);
    }

    /// <summary>The version the page's forms carry (hidden "version" or "Version").</summary>
    public static string PageVersion(string html)
    {
        var match = Regex.Match(html, "name=\"[vV]ersion\" value=\"([0-9a-f-]{36})\"");
        Assert.True(match.Success, "no hidden version on the page");
        return match.Groups[1].Value;
    }

    /// <summary>The named values of the inputs and selected options of a form (by its data-testid).</summary>
    public static Dictionary<string, string> FormValues(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no form {testId}");
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var values = new Dictionary<string, string>();
        foreach (Match m in Regex.Matches(form, "<input\\b[^>]*>"))
        {
            var name = Regex.Match(m.Value, "name=\"([^\"]+)\"");
            if (name.Success && !m.Value.Contains("type=\"file\"") && !m.Value.Contains("type=\"checkbox\""))
            {
                var value = Regex.Match(m.Value, "value=\"([^\"]*)\"");
                values[name.Groups[1].Value] = WebUtility.HtmlDecode(value.Success ? value.Groups[1].Value : "");
            }
        }
        foreach (Match m in Regex.Matches(form, "<select\\b[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline))
        {
            var selected = Regex.Match(m.Groups[2].Value, "<option[^>]*value=\"([^\"]*)\"[^>]*selected");
            values[m.Groups[1].Value] = WebUtility.HtmlDecode(selected.Success ? selected.Groups[1].Value : "");
        }
        values.Remove("__RequestVerificationToken");
        return values;
    }

    public static Task<QuotaApplication> LoadAsync(PortalFactory portal, Guid id) =>
        portal.WithDbAsync(db => db.QuotaApplications.AsNoTracking().Include(a => a.Evidence)
            .Include(a => a.SupplementRequests).ThenInclude(r => r.Items)
            .Include(a => a.SupplementRequests).ThenInclude(r => r.Changes)
            .AsSplitQuery().FirstAsync(a => a.Id == id));

    public static string Text(string html) => TableArrange.Text(html);

    public static string[] StoredFilesOnDisk(PortalFactory portal) => Assessments.AssessmentArrange.StoredFilesOnDisk(portal);

    public static Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string pageUrl, string actionUrl,
        IDictionary<string, string> fields, (string Field, string FileName, byte[] Content)? file) =>
        Assessments.AssessmentArrange.PostMultipartAsync(client, pageUrl, actionUrl, fields, file);
}
