using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Pdf;

/// <summary>A sample summary-table document written to .test-output/pdf for a person to look at.</summary>
public sealed class PdfSampleTests
{
    public static PdfOutput SampleDocument(int rows = 28) =>
        PdfTestTools.Layout().Create(PdfPageSetup.A4Landscape)
            .Metadata("2023年第一批智评券企业汇总表（浦东新区）", "智评券服务平台")
            .Title("2023年第一批智评券企业汇总表")
            .HeaderLine("推荐单位（盖章）：浦东新区", "第三方机构（盖章）：上海智能制造质量监督服务中心（第三方）")
            .Table(PdfTestTools.SummaryColumns, PdfTestTools.SummaryRows(rows))
            .SealBoxes(
                [
                    new PdfSealBox("推荐单位电子盖章", ["浦东新区经济和信息化委员会 张敏", "盖章时间：2023-11-10 10:20", "内容摘要：1a2b3c4d5e6f7a8b"]),
                    new PdfSealBox("第三方机构电子盖章", ["上海智能制造质量监督服务中心 王晓燕", "盖章时间：2023-11-12 15:42", "内容摘要：1a2b3c4d5e6f7a8b"]),
                ],
                new PdfQr("https://zpq.example.cn/verify/7KQ2MX4D", "扫码核验 7KQ2-MX4D"))
            .Footer("验证码：7KQ2-MX4D　平台签名：30450221009f3c…　核验：https://zpq.example.cn/verify")
            .Render();

    [Fact]
    public void A_two_page_landscape_sample_is_rendered_for_a_person_to_look_at()
    {
        var output = SampleDocument();
        Assert.Equal(2, output.PageCount);
        var folder = PdfTestTools.OutputFolder();
        var first = PdfTestTools.RenderPng(output.Bytes, 1, 110, Path.Combine(folder, "sample-summary-table-page1"));
        var second = PdfTestTools.RenderPng(output.Bytes, 2, 110, Path.Combine(folder, "sample-summary-table-page2"));

        using var image = SkiaSharp.SKBitmap.Decode(first);
        Assert.True(image.Width > image.Height, "landscape");
        Assert.True(File.Exists(second));
    }
}
