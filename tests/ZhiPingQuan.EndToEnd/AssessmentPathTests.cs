using System.Text;
using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// The assessment path changes the demo data (the demo enterprise is recommended, assigned, assessed),
/// so it runs on a portal of its own.
/// </summary>
[CollectionDefinition("portal-assessment")]
public sealed class AssessmentPortalCollection : ICollectionFixture<PortalServer>;

/// <summary>
/// 评估诊断 through the pages, each role signing in in turn: the district recommends and assigns, the
/// enterprise agrees, the agency declares no conflict, records, uploads the PDF and submits; the third
/// party returns it with reasons; the agency resubmits a new PDF; the third party confirms compliance;
/// the district confirms completion; the enterprise sees its score.
/// </summary>
[Collection("portal-assessment")]
public sealed class AssessmentPathTests(PortalServer server) : BrowserTest(server)
{
    private const string DemoEnterprise = "上海浦江精密装备有限公司";

    /// <summary>The demo enterprise also has the 2023 pilot's assessment: rows are told apart by their year ("2026 年度").</summary>
    private static string ThisYear => $"{CurrentYear} 年度";
    private const string DemoAgency = "上海智评工业咨询有限公司";
    private const string ReturnReasons = "报告缺少现场评估照片和评估人员签字页，请补充后重新提交。";

    private static int CurrentYear => DateTime.UtcNow.AddHours(8).Year;

    [Fact]
    public Task From_recommendation_to_the_enterprise_seeing_its_score() => RunAsync(async () =>
    {
        await DistrictRecommendsAndAssignsAsync();
        await EnterpriseAgreesAsync();
        await AgencyAcceptsRecordsAndSubmitsAsync();
        await ThirdPartyReturnsAsync();
        await AgencyResubmitsAsync();
        await ThirdPartyConfirmsAsync();
        await DistrictConfirmsAsync();
        await CommissionLooksOnAsync();
        await EnterpriseSeesItsScoreAsync();
    });

    private async Task DistrictRecommendsAndAssignsAsync()
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await MenuAsync("本单位企业");
        // The registry holds more than a page of the demo's enterprises: find this one by name, as an officer would.
        await Page.Locator("#q").FillAsync(DemoEnterprise);
        await Page.Locator("#q").PressAsync("Enter");
        await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await Page.GetByTestId("recommend").ClickAsync();
        var batch = Page.Locator("#Form_BatchId option").Filter(new() { HasText = $"{CurrentYear}年度 第一批" });
        await Page.Locator("#Form_BatchId").SelectOptionAsync(await batch.GetAttributeAsync("value") ?? "");
        await Page.Locator("#Form_Bases_3__Selected").CheckAsync();
        await Page.GetByTestId("submit-recommend").ClickAsync();
        await Expect(Page.GetByTestId("recommendation-state")).ToHaveTextAsync("已推荐");

        await MenuAsync("评估指派");
        await Page.GetByTestId("unassigned-link").ClickAsync();
        await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).Filter(new() { HasText = ThisYear }).GetByRole(AriaRole.Link, new() { Name = "指派服务机构" }).ClickAsync();
        await Page.GetByLabel(DemoAgency).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "确认指派" }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已为");
        await SignOutAsync();
    }

    private async Task EnterpriseAgreesAsync()
    {
        await SignInAsync("enterprise.a@zpq.local", DemoPassword);
        await MenuAsync("评估进展");
        await Page.GetByTestId("agree-link").ClickAsync();
        // Agreeing cannot be undone: a page says so before the step is taken.
        await Expect(Page.GetByTestId("confirm-consequences")).ToContainTextAsync("同意后本企业不能再拒绝该机构");
        await ScreenshotAsync("AssessmentPathTests.enterprise-agree-confirmation");
        await Page.GetByTestId("confirm-button").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已确认评估服务机构");
        await SignOutAsync();
    }

    private async Task AgencyAcceptsRecordsAndSubmitsAsync()
    {
        await SignInAsync("agency.a@zpq.local", DemoPassword);
        await MenuAsync("评估任务");
        await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).Filter(new() { HasText = ThisYear }).GetByRole(AriaRole.Link).ClickAsync();
        await Page.Locator("#noConflict").CheckAsync();
        await Page.GetByTestId("accept-form").GetByRole(AriaRole.Button, new() { Name = "提交声明" }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("评估开始");

        // The agency's list: the assessment is in progress, with its batch deadline.
        await MenuAsync("评估记录");
        var row = Page.GetByTestId("assessment-table").GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).Filter(new() { HasText = ThisYear });
        await Expect(row).ToContainTextAsync("评估中");
        await Expect(row).ToContainTextAsync("还剩");
        await ScreenshotAsync("AssessmentPathTests.agency-list");
        await row.GetByRole(AriaRole.Link, new() { Name = "填写记录" }).ClickAsync();

        // An out-of-range score is refused in Chinese (the browser's own range check is bypassed).
        await Page.Locator("#Score").EvaluateAsync("e => { e.removeAttribute('max'); e.value = '5.5'; }");
        await Page.GetByRole(AriaRole.Button, new() { Name = "保存评估记录" }).ClickAsync();
        await Expect(Page.GetByTestId("form-errors")).ToContainTextAsync("成熟度分数应在0至5之间");
        await ScreenshotAsync("AssessmentPathTests.agency-record-refused");

        // A record whose level scores disagree with the total: saved, with a warning.
        await Page.Locator("#StartDate").FillAsync($"{CurrentYear}-01-05");
        await Page.Locator("#SiteVisitDate").FillAsync($"{CurrentYear}-01-12");
        await Page.Locator("#Assessors").FillAsync("周评估师、郑评估师");
        await Page.Locator("#LevelScore1").FillAsync("1");
        await Page.Locator("#LevelScore2").FillAsync("1");
        await Page.Locator("#LevelScore3").FillAsync("0.9");
        await Page.Locator("#LevelScore4").FillAsync("0.3");
        await Page.Locator("#Score").FillAsync("3.50");
        await Page.Locator("#StatedLevel").SelectOptionAsync(new SelectOptionValue { Label = "三级（集成级）" });
        await Page.Locator("#SmartFactoryLevelId").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await Page.GetByRole(AriaRole.Button, new() { Name = "保存评估记录" }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("评估记录已保存");
        await Expect(Page.GetByTestId("derived-level")).ToHaveTextAsync("三级（集成级）");
        await Expect(Page.GetByTestId("consistency-warnings")).ToContainTextAsync("按各级得分计算的总分为3.20");
        await ScreenshotAsync("AssessmentPathTests.agency-record-warning");

        // Corrected to the level scores' total: the warning goes away.
        await Page.Locator("#Score").FillAsync("3.20");
        await Page.GetByRole(AriaRole.Button, new() { Name = "保存评估记录" }).ClickAsync();
        await Expect(Page.GetByTestId("consistency-ok")).ToBeVisibleAsync();

        foreach (var step in new[] { "PreAssessment", "FormalAssessment", "ResultPublication" })
        {
            await Page.GetByTestId($"complete-{step}").ClickAsync();
            await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("完成");
        }
        await Expect(Page.GetByTestId("upload-hint")).ToContainTextAsync("仅限PDF格式，单个文件不超过20MB");
        await ScreenshotAsync("AssessmentPathTests.agency-record");

        await Page.Locator("#report").SetInputFilesAsync(Pdf("浦江精密评估报告.pdf", "第一版"));
        await Page.GetByTestId("submit-form").GetByRole(AriaRole.Button, new() { Name = "提交评估报告" }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("评估报告已提交");
        await Expect(Page.GetByTestId("assessment-state").First).ToHaveTextAsync("报告已提交");
        await ScreenshotAsync("AssessmentPathTests.agency-submitted-details");
        await SignOutAsync();
    }

    private async Task ThirdPartyReturnsAsync()
    {
        await SignInAsync("thirdparty@zpq.local", DemoPassword);
        await MenuAsync("合规核查");
        var row = Page.GetByTestId("assessment-table").GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).Filter(new() { HasText = ThisYear });
        await Expect(row).ToContainTextAsync("报告已提交");
        await Expect(row).ToContainTextAsync("一致");
        await ScreenshotAsync("AssessmentPathTests.third-party-tracking");
        await row.GetByRole(AriaRole.Link, new() { Name = "核查" }).ClickAsync();
        await Expect(Page.GetByTestId("review-panel")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("report-download")).ToHaveTextAsync("浦江精密评估报告.pdf");
        await ScreenshotAsync("AssessmentPathTests.third-party-review");
        await Page.Locator("#reasons").FillAsync(ReturnReasons);
        await Page.GetByRole(AriaRole.Button, new() { Name = "退回服务机构" }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已退回服务机构");
        await SignOutAsync();
    }

    private async Task AgencyResubmitsAsync()
    {
        await SignInAsync("agency.a@zpq.local", DemoPassword);
        await MenuAsync("评估记录");
        var row = Page.GetByTestId("assessment-table").GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).Filter(new() { HasText = ThisYear });
        await Expect(row).ToContainTextAsync("已退回");
        await row.GetByRole(AriaRole.Link, new() { Name = "填写记录" }).ClickAsync();
        await Expect(Page.GetByTestId("return-reasons")).ToContainTextAsync(ReturnReasons);
        await ScreenshotAsync("AssessmentPathTests.agency-returned");
        await Page.Locator("#report").SetInputFilesAsync(Pdf("浦江精密评估报告（修订）.pdf", "第二版"));
        await Page.GetByTestId("submit-form").GetByRole(AriaRole.Button, new() { Name = "重新提交" }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("评估报告已重新提交");
        // Both versions are listed: the new one current, the first kept.
        await Expect(Page.GetByTestId("report-files").Locator("li")).ToHaveCountAsync(2);
        await Expect(Page.GetByTestId("report-download")).ToHaveTextAsync("浦江精密评估报告（修订）.pdf");
        await SignOutAsync();
    }

    private async Task ThirdPartyConfirmsAsync()
    {
        await SignInAsync("thirdparty@zpq.local", DemoPassword);
        await MenuAsync("合规核查");
        await Page.GetByTestId("assessment-table").GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).Filter(new() { HasText = ThisYear })
            .GetByRole(AriaRole.Link, new() { Name = "核查" }).ClickAsync();
        await Expect(Page.GetByTestId("returns")).ToContainTextAsync(ReturnReasons);
        await Page.GetByTestId("confirm-compliance-link").ClickAsync();
        await Expect(Page.GetByTestId("confirm-consequences")).ToContainTextAsync("确认合规不能撤销");
        await ScreenshotAsync("AssessmentPathTests.thirdparty-compliance-confirmation");
        await Page.GetByTestId("confirm-button").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已确认该评估合规");
        await Expect(Page.GetByTestId("compliance-confirmed").First).ToBeVisibleAsync();
        await SignOutAsync();
    }

    private async Task DistrictConfirmsAsync()
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await MenuAsync("评估进展");
        await Expect(Page.GetByTestId("awaiting-district")).ToContainTextAsync("等待本单位确认完成");
        // This one and the demo's two under way (one waiting for the third party's check, one for the district).
        await Expect(Page.GetByTestId("count-ReportSubmitted")).ToHaveTextAsync("3");
        await ScreenshotAsync("AssessmentPathTests.district-progress");
        await Page.GetByTestId("assessment-table").GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).Filter(new() { HasText = ThisYear })
            .GetByRole(AriaRole.Link, new() { Name = "确认完成" }).ClickAsync();
        await Page.GetByTestId("confirm-completion-link").ClickAsync();
        await Expect(Page.GetByTestId("confirm-consequences")).ToContainTextAsync("确认完成后不能撤销");
        await ScreenshotAsync("AssessmentPathTests.district-completion-confirmation");
        await Page.GetByTestId("confirm-button").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已确认评估完成");
        await Expect(Page.GetByTestId("assessment-state").First).ToHaveTextAsync("已确认完成");
        await ScreenshotAsync("AssessmentPathTests.district-confirmed-details");
        await SignOutAsync();
    }

    private async Task CommissionLooksOnAsync()
    {
        await SignInAsync("commission@zpq.local", DemoPassword);
        await MenuAsync("评估总览");
        var row = Page.GetByTestId("assessment-table").GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).Filter(new() { HasText = ThisYear });
        await Expect(row).ToContainTextAsync("已确认完成");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "核查" })).ToHaveCountAsync(0);
        await ScreenshotAsync("AssessmentPathTests.commission-overview");
        await SignOutAsync();
    }

    private async Task EnterpriseSeesItsScoreAsync()
    {
        await SignInAsync("enterprise.a@zpq.local", DemoPassword);
        await MenuAsync("评估进展");
        var card = Page.GetByTestId("progress-card").Filter(new() { HasText = ThisYear });
        await Expect(card.GetByTestId("progress-result")).ToContainTextAsync("3.20");
        await card.GetByRole(AriaRole.Link, new() { Name = "查看详情" }).ClickAsync();
        await Page.GetByTestId("assessment-record-link").ClickAsync();
        await Expect(Page.GetByTestId("score")).ToHaveTextAsync("3.20");
        await Expect(Page.GetByTestId("stated-level")).ToHaveTextAsync("三级（集成级）");
        await Expect(Page.GetByTestId("report-download")).ToHaveTextAsync("浦江精密评估报告（修订）.pdf");
        await ScreenshotAsync("AssessmentPathTests.enterprise-result");
    }

    private Task MenuAsync(string name) => Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    private async Task SignOutAsync()
    {
        await Page.GetByTestId("sign-out").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static FilePayload Pdf(string name, string text) => new()
    {
        Name = name,
        MimeType = "application/pdf",
        Buffer = Encoding.UTF8.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj << /Type /Catalog >> endobj\n{new string('x', 2000)}\n%%EOF\n"),
    };
}
