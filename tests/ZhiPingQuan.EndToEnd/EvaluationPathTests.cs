using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// 绩效评价 through the pages (docs/domain.md §4.7): the commission opens the current year's draft of 浦东新区 (the demo leaves it
/// unscored), is refused a score of 101 with a message, scores it, publishes it after the confirmation page; 浦东新区 then finds
/// it under 绩效评价 and 闵行区 does not. Publishing changes no record another browser test reads, so it shares the portal.
/// </summary>
[Collection("portal")]
public sealed class EvaluationPathTests(PortalServer server) : BrowserTest(server)
{
    [Fact]
    public Task The_commission_scores_and_publishes_and_the_district_sees_its_evaluation() => RunAsync(async () =>
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        await SignInAsync("commission@zpq.local", DemoPassword);
        await MenuAsync("绩效评价");
        var row = Page.GetByTestId("evaluation-row").Filter(new() { HasText = "浦东新区" });
        await Expect(row.GetByTestId("state")).ToHaveTextAsync("草稿");
        await ScreenshotAsync("EvaluationPathTests.commission-year");
        await row.GetByTestId("open").ClickAsync();

        await Page.Locator("#score").FillAsync("101");
        await Page.GetByTestId("save-score").ClickAsync();
        await Expect(Page.GetByTestId("score-error")).ToHaveTextAsync("评分应在0至100之间。");
        await Page.Locator("#score").FillAsync("91.5");
        await Page.Locator("#remarks").FillAsync("推荐和评估推进及时，请继续跟踪企业的改造升级。");
        await Page.GetByTestId("save-score").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已保存评分");
        await Page.GetByTestId("publish").ClickAsync();
        await Expect(Page.GetByTestId("confirm-consequences")).ToContainTextAsync("发布后不能撤销");
        await ScreenshotAsync("EvaluationPathTests.commission-confirm");
        await Page.GetByTestId("confirm-button").ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("绩效评价已发布");
        await Expect(Page.GetByTestId("state")).ToHaveTextAsync("已发布");
        await SignOutAsync();

        await SignInAsync("district.pudong@zpq.local", DemoPassword);
        await MenuAsync("绩效评价");
        var mine = Page.GetByTestId("evaluation-row").Filter(new() { HasText = $"{year} 年度" });
        await Expect(mine.GetByTestId("score")).ToHaveTextAsync("91.5");
        await mine.GetByTestId("open").ClickAsync();
        await Expect(Page.GetByTestId("remarks")).ToContainTextAsync("请继续跟踪企业的改造升级");
        await ScreenshotAsync("EvaluationPathTests.district-record");
        await SignOutAsync();

        await SignInAsync("district.minhang@zpq.local", DemoPassword);
        await MenuAsync("绩效评价");
        await Expect(Page.GetByTestId("evaluations")).Not.ToContainTextAsync(year + " 年度");
    });

    private Task MenuAsync(string name) => Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    private async Task SignOutAsync()
    {
        // Wait for the sign-in page the sign-out redirects to, so the next sign-in does not race the sign-out's navigation.
        await Page.GetByTestId("sign-out").ClickAsync();
        await Page.WaitForURLAsync("**/Account/Login**");
    }
}
