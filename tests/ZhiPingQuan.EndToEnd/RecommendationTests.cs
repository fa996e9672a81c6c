using Microsoft.Playwright;
using ZhiPingQuan.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ZhiPingQuan.EndToEnd;

/// <summary>
/// Recommending changes the demo data (the demo enterprise becomes recommended for the year), so these
/// tests run on a portal of their own.
/// </summary>
[CollectionDefinition("portal-recommendation")]
public sealed class RecommendationPortalCollection : ICollectionFixture<PortalServer>;

/// <summary>The district's main path: register an enterprise, recommend one; the enterprise sees it.</summary>
[Collection("portal-recommendation")]
public sealed class RecommendationTests(PortalServer server) : BrowserTest(server)
{
    private const string DemoEnterprise = "上海浦江精密装备有限公司";

    private static int CurrentYear => DateTime.UtcNow.AddHours(8).Year;

    [Fact]
    public Task District_registers_an_enterprise_and_recommends_the_demo_enterprise_which_then_sees_it_at_home() => RunAsync(async () =>
    {
        await SignInAsync("district.pudong@zpq.local", DemoPassword);

        // Register a new enterprise of the unit, typing the credit code the way people paste it.
        await Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "本单位企业", Exact = true }).ClickAsync();
        await Page.GetByTestId("register-enterprise").ClickAsync();
        await Page.Locator("#Name").FillAsync("上海浦东浏览器测试科技有限公司");
        await Page.Locator("#CreditCode").FillAsync("９１３１０１１５ma1h7e2e3c ");
        await Page.Locator("#Industry").SelectOptionAsync(new SelectOptionValue { Label = "电子信息" });
        await Page.Locator("#AnnualOutputWanYuan").FillAsync("15000.50");
        await Page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync("已登记企业");
        await Expect(Page.GetByTestId("enterprise-name")).ToHaveTextAsync("上海浦东浏览器测试科技有限公司");
        await Expect(Page.Locator("code")).ToHaveTextAsync("91310115MA1H7E2E3C");

        // Recommend the demo enterprise to this year's 第一批 on bases 1 and 4.
        await Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "本单位企业", Exact = true }).ClickAsync();
        // The registry holds more than a page of the demo's enterprises: find this one by name, as an officer would.
        await Page.Locator("#q").FillAsync(DemoEnterprise);
        await Page.Locator("#q").PressAsync("Enter");
        await Page.GetByRole(AriaRole.Row).Filter(new() { HasText = DemoEnterprise }).GetByRole(AriaRole.Link, new() { Name = "查看" }).ClickAsync();
        await Page.GetByTestId("recommend").ClickAsync();
        var batch = Page.Locator("#Form_BatchId option").Filter(new() { HasText = $"{CurrentYear}年度 第一批" });
        await Page.Locator("#Form_BatchId").SelectOptionAsync(await batch.GetAttributeAsync("value") ?? "");
        await Page.Locator("#Form_Bases_0__Selected").CheckAsync();
        await Page.Locator("#Form_Bases_0__Description").FillAsync("实施MES与智能仓储改造");
        await Page.Locator("#Form_Contracts_0__AmountWanYuan").FillAsync("120");
        await Page.Locator("#Form_Contracts_0__Link").SelectOptionAsync(new SelectOptionValue { Label = "生产" });
        await Page.Locator("#Form_Contracts_0__Description").FillAsync("MES系统建设合同");
        await Page.Locator("#Form_Bases_3__Selected").CheckAsync();
        await Page.GetByTestId("submit-recommend").ClickAsync();

        await Expect(Page.GetByTestId("flash-success")).ToContainTextAsync($"已推荐企业：{DemoEnterprise}");
        await Expect(Page.GetByTestId("recommendation-state")).ToHaveTextAsync("已推荐");
        await Expect(Page.GetByTestId("bases")).ToContainTextAsync("1 智能化改造");
        await Expect(Page.GetByTestId("history")).ToContainTextAsync("推荐企业");
        await ScreenshotAsync("RecommendationTests.district-recommendation-details");

        await Page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "推荐管理", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("recommendation-table")).ToContainTextAsync(DemoEnterprise);

        await Page.GetByTestId("sign-out").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        // The enterprise sees on its home page that it was recommended, by whom, to which batch, on what bases.
        await SignInAsync("enterprise.a@zpq.local", DemoPassword);
        // (It also has the 2023 pilot's recommendation, listed and assessed.)
        var item = Page.GetByTestId("recommendation-item").Filter(new() { HasText = $"{CurrentYear} 年度" });
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync($"{CurrentYear} 年度 第一批");
        await Expect(item).ToContainTextAsync("已推荐");
        await Expect(item).ToContainTextAsync("推荐单位：浦东新区");
        await Expect(item).ToContainTextAsync("1 智能化改造：实施MES与智能仓储改造");
        await Expect(item).ToContainTextAsync("4 自愿评估");
        await Expect(Page.GetByTestId("todo-list")).ToBeVisibleAsync();
        await ScreenshotAsync("RecommendationTests.enterprise-home");
    });
}
