using UglyToad.PdfPig;
using ZhiPingQuan.Web.Infrastructure.Pdf;

namespace ZhiPingQuan.Web.Tests.Infrastructure.Pdf;

/// <summary>A table whose last row keeps with the seal boxes: the seals never stand on a page without the table.</summary>
public sealed class PdfKeepWithNextTests
{
    private static readonly string HeaderRowText = string.Concat(PdfTestTools.SummaryColumns.Select(c => c.Header));

    private static PdfOutput Document(int rows, bool keep) =>
        PdfTestTools.Layout().Create(PdfPageSetup.A4Landscape)
            .Title("2023年上海市“智评券”试点重点企业名单汇总表（第一批）")
            .HeaderLine("推荐单位（盖章）：浦东新区", "第三方机构（盖章）：上海智能制造质量监督服务中心（第三方）")
            .Table(PdfTestTools.SummaryColumns, PdfTestTools.SummaryRows(rows), keepLastRowWithNext: keep)
            .SealBoxes([new PdfSealBox("推荐单位电子盖章", ["浦东新区 张敏"]), new PdfSealBox("第三方机构电子盖章", ["王晓燕"])],
                new PdfQr("https://zpq.example.cn/verify/7KQ2MX4DH8PW", "扫码核验"))
            .Footer("验证码 7KQ2-MX4D-H8PW")
            .Render();

    private static bool SealsAlone(PdfOutput output)
    {
        using var pdf = PdfDocument.Open(output.Bytes);
        return !pdf.GetPage(pdf.NumberOfPages).Text.Contains(HeaderRowText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_row_goes_to_the_next_page_with_the_seal_boxes_rather_than_leave_them_alone()
    {
        // A row count at which, left to itself, the table fills its last page and the seals start a page of their own.
        var rows = Enumerable.Range(20, 60).First(n => SealsAlone(Document(n, keep: false)));

        var kept = Document(rows, keep: true);

        Assert.False(SealsAlone(kept));
        using var pdf = PdfDocument.Open(kept.Bytes);
        var last = pdf.GetPage(pdf.NumberOfPages).Text;
        Assert.Contains(string.Concat(PdfTestTools.SummaryRows(rows)[^1]), last);
        Assert.Contains("推荐单位电子盖章", last);
        Assert.All(pdf.GetPages(), p => Assert.Contains(HeaderRowText, p.Text));
    }
}
