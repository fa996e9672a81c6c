using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>The application path submits, returns and passes the demo's draft, so it has a portal of its own.</summary>
[CollectionDefinition("portal-applications")]
public sealed class ApplicationPortalCollection : ICollectionFixture<PortalServer>;

/// <summary>
/// 额度申请 and 额度审核 through the pages (docs/domain.md §4.4–§4.5), the enterprise and the third party each in its own
/// browser: enterprise.b uploads the missing project approval to its 2023 draft and submits; the third party opens it (审核中),
/// sees every automatic check and returns the approval with a reason; the enterprise replaces that file and resubmits; the
/// third party sees "已补正" with the file change and passes. Each side's unread count (the bell) goes up when the other acts
/// and down when it takes the step the notice asked for.
/// </summary>
[Collection("portal-applications")]
public sealed class ApplicationPathTests(PortalServer server) : BrowserTest(server)
{
    private const string Enterprise = "上海闵联汽车零部件有限公司";
    private const string Approval = "重大项目立项合同或批文";

    private static async Task<int> BellAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return int.Parse(await page.GetByTestId("bell-count").TextContentAsync() ?? "0", CultureInfo.InvariantCulture);
    }

    /// <summary>The bell on the page's next load (<paramref name="path"/>, or the page again).</summary>
    private static async Task ExpectBellAsync(IPage page, int count, string? path = null)
    {
        if (path is null)
        {
            await page.ReloadAsync();
        }
        else
        {
            await page.GotoAsync(path);
        }
        await Expect(page.GetByTestId("bell-count")).ToHaveTextAsync(count.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Upload_submit_return_one_item_fix_resubmit_and_pass() => RunAsync(async () =>
    {
        await SignInAsync("enterprise.b@zpq.local", DemoPassword);
        await using var thirdPartyContext = await NewContextAsync();
        var reviewer = await thirdPartyContext.NewPageAsync();
        await SignInAsync(reviewer, "thirdparty@zpq.local");
        var reviewerBell = await BellAsync(reviewer);

        // ---- the enterprise: its draft asks for the project approval; it uploads one and submits.
        await Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "额度申请", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "继续填写" }).First.ClickAsync();
        await Expect(Page.GetByTestId("checklist-state-MajorProjectApproval")).ToHaveTextAsync("缺少（必需）");
        await Expect(Page.GetByTestId("missing")).ToContainTextAsync(Approval);
        var add = Page.GetByTestId("add-MajorProjectApproval");
        await add.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "重大项目立项批复.pdf", MimeType = "application/pdf", Buffer = Pdf("立项批复") });
        await add.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已上传“重大项目立项批复.pdf”");
        await Expect(Page.GetByTestId("checklist-state-MajorProjectApproval")).ToHaveTextAsync("已上传 1 份");
        await Expect(Page.GetByTestId("checklist-MajorProjectApproval")).ToContainTextAsync("SHA-256：");
        await ScreenshotAsync("ApplicationPathTests.enterprise-application");
        await Page.GetByTestId("submit").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("额度申请已提交");
        await Expect(Page.GetByTestId("state-note")).ToContainTextAsync("申请已提交");
        var enterpriseBell = await BellAsync(Page);

        // ---- the third party: one more unread; opening the application starts its review and settles the notice.
        await ExpectBellAsync(reviewer, reviewerBell + 1);
        await reviewer.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "额度审核", Exact = true }).ClickAsync();
        var row = reviewer.GetByTestId("review-table").GetByRole(AriaRole.Row).Filter(new() { HasText = Enterprise });
        await row.GetByRole(AriaRole.Link, new() { Name = "审核", Exact = true }).ClickAsync();
        await Expect(reviewer.GetByTestId("decision-panel")).ToBeVisibleAsync();
        await Expect(reviewer.Locator(".page-header")).ToContainTextAsync("审核中");
        await Expect(reviewer.GetByTestId("check-ReportMatchesRecord")).ToBeVisibleAsync();
        await Expect(reviewer.GetByTestId("bell-count")).ToHaveTextAsync(reviewerBell.ToString(CultureInfo.InvariantCulture));
        await ScreenshotAsync(reviewer, "ApplicationPathTests.review-checks");

        // Return the approval only, with its reason.
        var item = reviewer.GetByTestId("return-form").GetByRole(AriaRole.Row).Filter(new() { HasText = $"{Approval}：" });
        await item.Locator("input[type=checkbox]").CheckAsync();
        await item.Locator("input[type=text], input:not([type])").Last.FillAsync("批文缺少发文日期页，请上传完整批文");
        await reviewer.GetByTestId("return").ClickAsync();
        await Expect(reviewer.GetByTestId("flash-success")).ToContainTextAsync("已退回补正");

        // ---- the enterprise: told of the return; it may change only the approval, replaces its file and resubmits.
        await ExpectBellAsync(Page, enterpriseBell + 1);
        await Expect(Page.GetByTestId("supplement-request")).ToContainTextAsync("批文缺少发文日期页");
        var evidence = Page.GetByTestId("checklist-MajorProjectApproval").Locator("[data-testid^=evidence-]");
        await Expect(evidence.Locator(".badge")).ToHaveTextAsync("需补正");
        await Expect(Page.GetByTestId("checklist-UpgradeContract").Locator("form[data-testid^=replace-]")).ToHaveCountAsync(0);
        await evidence.Locator("summary").ClickAsync();
        var replace = evidence.Locator("form[data-testid^=replace-]");
        await replace.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "立项批复（完整）.png", MimeType = "image/png", Buffer = Png() });
        await replace.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("原文件作为历史版本保留");
        await Expect(Page.GetByTestId("checklist-MajorProjectApproval")).ToContainTextAsync("历史版本");
        await Page.Locator("#note").FillAsync("已上传含发文日期的完整批文。");
        await Page.GetByTestId("resubmit").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已按补正要求重新提交");
        // Resubmitting answers the return: its notice is settled.
        await ExpectBellAsync(Page, enterpriseBell);

        // ---- the third party: "已补正" with what changed; it passes.
        // (Not the review page again: opening it would start the review and settle the notice before the bell is drawn.)
        await ExpectBellAsync(reviewer, reviewerBell + 1, "/Reviews");
        row = reviewer.GetByTestId("review-table").GetByRole(AriaRole.Row).Filter(new() { HasText = Enterprise });
        await Expect(row).ToContainTextAsync("已补正");
        await row.GetByRole(AriaRole.Link, new() { Name = "审核", Exact = true }).ClickAsync();
        await Expect(reviewer.GetByTestId("revised-note")).ToContainTextAsync("已补正");
        var changes = reviewer.GetByTestId("return-1").GetByTestId("changes");
        await Expect(changes).ToContainTextAsync("替换文件");
        await Expect(changes).ToContainTextAsync("重大项目立项批复.pdf");
        await Expect(changes).ToContainTextAsync("立项批复（完整）.png");
        await Expect(reviewer.GetByTestId("return-1")).ToContainTextAsync("企业说明：已上传含发文日期的完整批文。");
        await ScreenshotAsync(reviewer, "ApplicationPathTests.review-revised");
        await reviewer.Locator("#remark").FillAsync("补正后材料齐全");
        await reviewer.GetByTestId("pass").ClickAsync();
        await Expect(reviewer.GetByTestId("flash-success")).ToContainTextAsync("已审核通过");
        await Expect(reviewer.GetByTestId("bell-count")).ToHaveTextAsync(reviewerBell.ToString(CultureInfo.InvariantCulture));

        // ---- the enterprise: told of the pass.
        await ExpectBellAsync(Page, enterpriseBell + 1);
        await Expect(Page.GetByTestId("state-note")).ToContainTextAsync("申请已审核通过");
        await ScreenshotAsync("ApplicationPathTests.enterprise-passed");
    });

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        return context;
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync(DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(RepoPaths.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>A small one-page PDF with a line of text (the evidence check reads the file's content, not its name).</summary>
    private static byte[] Pdf(string text)
    {
        var content = $"BT /F1 18 Tf 72 720 Td ({text.Length}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A 1×1 PNG.</summary>
    private static byte[] Png() =>
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
