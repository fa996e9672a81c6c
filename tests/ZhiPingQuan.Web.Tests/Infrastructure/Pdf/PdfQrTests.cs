using UglyToad.PdfPig;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Pdf;

/// <summary>QR codes read back the way a phone reads a printout: rendered by poppler, decoded by ZXing.</summary>
public sealed class PdfQrTests
{
    [Fact]
    public void A_QR_code_decodes_from_the_rendered_page_to_the_payload_the_module_recorded()
    {
        const string payload = "https://zpq.example.cn/verify/7KQ2MX4D?r=2";
        var output = PdfTestTools.Layout().Create(PdfPageSetup.A4Portrait)
            .Title("智评券兑付通知")
            .Paragraph("上海智评工业咨询有限公司：")
            .Qr(payload, "扫码核验")
            .Render();

        Assert.Equal([payload], output.QrPayloads);
        var png = PdfTestTools.RenderPng(output.Bytes, 1, 150, Path.Combine(PdfTestTools.OutputFolder(), "qr-portrait"), gray: true);
        Assert.Equal(payload, PdfTestTools.DecodeQr(png));

        // Vector squares and a text caption, not a picture.
        using var pdf = PdfDocument.Open(output.Bytes);
        Assert.Empty(pdf.GetPage(1).GetImages());
        Assert.Contains("扫码核验", pdf.GetPage(1).Text);
    }

    [Fact]
    public void The_QR_code_beside_the_seal_boxes_decodes_on_the_page_it_is_on()
    {
        var output = PdfSampleTests.SampleDocument();

        var payload = Assert.Single(output.QrPayloads);
        Assert.Equal("https://zpq.example.cn/verify/7KQ2MX4D", payload);
        var page = PdfTestTools.RenderPng(output.Bytes, output.PageCount, 150, Path.Combine(PdfTestTools.OutputFolder(), "qr-seal-band"), gray: true);
        Assert.Equal(payload, PdfTestTools.DecodeQr(page));
    }
}
