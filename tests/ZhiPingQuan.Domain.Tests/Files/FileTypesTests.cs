using System.Text;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Files;

namespace ZhiPingQuan.Domain.Tests.Files;

public class FileTypesTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

    private static FileCheckResult Check(string name, byte[] content, IReadOnlyList<AllowedFileType>? types = null, long? max = null) =>
        FileTypes.Check(name, content.Length, content, types ?? FileTypes.Evidence, max ?? FileTypes.DefaultMaxSizeBytes);

    [Fact]
    public void A_real_pdf_is_accepted_as_pdf()
    {
        var result = Check("评估报告.pdf", Pdf);

        Assert.True(result.IsAllowed);
        Assert.Equal("application/pdf", result.Type!.ContentType);
    }

    [Fact]
    public void A_real_png_is_accepted_as_png()
    {
        var result = Check("批文.png", Png);

        Assert.True(result.IsAllowed);
        Assert.Equal("image/png", result.Type!.ContentType);
    }

    [Theory]
    [InlineData("照片.jpg")]
    [InlineData("照片.JPEG")]
    public void A_real_jpeg_is_accepted_under_either_extension(string name)
    {
        var result = Check(name, Jpeg);

        Assert.True(result.IsAllowed);
        Assert.Equal("image/jpeg", result.Type!.ContentType);
    }

    [Theory]
    [InlineData("合同.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("合同.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("批文.ofd", "application/ofd")]
    public void Zip_packages_are_accepted_as_xlsx_docx_and_ofd(string name, string contentType)
    {
        var result = Check(name, Zip);

        Assert.True(result.IsAllowed);
        Assert.Equal(contentType, result.Type!.ContentType);
    }

    [Fact]
    public void A_renamed_executable_is_refused_as_pdf()
    {
        var result = Check("评估报告.pdf", Exe);

        Assert.False(result.IsAllowed);
        Assert.Null(result.Type);
        Assert.Contains("不是PDF格式", result.Error);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var result = FileTypes.Check("评估报告.pdf", 0, ReadOnlySpan<byte>.Empty, FileTypes.Evidence);

        Assert.False(result.IsAllowed);
        Assert.Contains("空文件", result.Error);
    }

    [Fact]
    public void A_png_named_pdf_is_refused()
    {
        Assert.False(Check("报告.pdf", Png).IsAllowed);
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("报告.doc")]
    [InlineData("报告")]
    [InlineData("报告.pdf.exe")]
    public void Other_extensions_are_refused_whatever_the_content(string name)
    {
        var result = Check(name, Pdf);

        Assert.False(result.IsAllowed);
        Assert.Contains("只接受PDF、JPG、JPEG、PNG、OFD、XLSX、DOCX格式", result.Error);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused()
    {
        var result = FileTypes.Check("报告.pdf", (20L * 1024 * 1024) + 1, Pdf, FileTypes.Evidence);

        Assert.False(result.IsAllowed);
        Assert.Contains("超过20MB", result.Error);
    }

    [Fact]
    public void A_file_exactly_at_the_size_limit_is_accepted()
    {
        Assert.True(FileTypes.Check("报告.pdf", 20L * 1024 * 1024, Pdf, FileTypes.Evidence).IsAllowed);
    }

    [Fact]
    public void Assessment_reports_accept_pdf_only()
    {
        Assert.True(Check("报告.pdf", Pdf, FileTypes.PdfOnly).IsAllowed);
        Assert.False(Check("报告.png", Png, FileTypes.PdfOnly).IsAllowed);
    }

    [Fact]
    public void No_file_name_is_refused()
    {
        Assert.Equal("请选择要上传的文件。", Check("", Pdf).Error);
    }

    [Fact]
    public void EnsureAllowed_throws_the_reason()
    {
        var e = Assert.Throws<DomainException>(() => FileTypes.EnsureAllowed("报告.pdf", Exe.Length, Exe, FileTypes.Evidence));

        Assert.Contains("报告.pdf", e.Message);
        Assert.Equal(FileTypes.Pdf, FileTypes.EnsureAllowed("报告.pdf", Pdf.Length, Pdf, FileTypes.Evidence));
    }

    [Fact]
    public void Signatures_are_detected_from_the_first_bytes()
    {
        Assert.Equal(FileSignatureKind.Pdf, FileSignature.Detect(Pdf));
        Assert.Equal(FileSignatureKind.Png, FileSignature.Detect(Png));
        Assert.Equal(FileSignatureKind.Jpeg, FileSignature.Detect(Jpeg));
        Assert.Equal(FileSignatureKind.Zip, FileSignature.Detect(Zip));
        Assert.Equal(FileSignatureKind.Unknown, FileSignature.Detect(Exe));
        Assert.Equal(FileSignatureKind.Unknown, FileSignature.Detect([]));
        Assert.Equal(FileSignatureKind.Unknown, FileSignature.Detect("%PD"u8));
        Assert.False(FileSignature.Matches(FileSignatureKind.Unknown, Exe));
    }

    [Fact]
    public void The_form_hints_list_the_types_and_the_limit()
    {
        Assert.Equal(".pdf,.jpg,.jpeg,.png,.ofd,.xlsx,.docx", FileTypes.AcceptAttribute(FileTypes.Evidence));
        Assert.Equal("20MB", FileTypes.DescribeSize(FileTypes.DefaultMaxSizeBytes));
    }

    [Theory]
    [InlineData(".xlsx", new[] { "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml" })]
    [InlineData(".docx", new[] { "[Content_Types].xml", "word/document.xml" })]
    [InlineData(".ofd", new[] { "OFD.xml", "Doc_0/Document.xml" })]
    [InlineData(".pdf", new string[0])]
    public void A_package_holding_its_own_parts_passes(string extension, string[] entries)
    {
        var type = FileTypes.FindByFileName("材料" + extension, FileTypes.Evidence)!;

        Assert.Null(FileTypes.PackageError(type, "材料" + extension, entries));
    }

    [Fact]
    public void Any_zip_renamed_docx_is_refused_naming_the_missing_part()
    {
        var error = FileTypes.PackageError(FileTypes.Docx, "合同.docx", ["[Content_Types].xml", "xl/workbook.xml"]);

        Assert.Equal("文件“合同.docx”不是真实的Word文档（压缩包中没有Word文档必有的word/document.xml），请上传真实的Word文档文件。", error);
        Assert.NotNull(FileTypes.PackageError(FileTypes.Ofd, "批文.ofd", ["readme.txt"]));
        Assert.NotNull(FileTypes.PackageError(FileTypes.Xlsx, "表.xlsx", ["word/document.xml", "[Content_Types].xml"]));
    }

    [Fact]
    public void Only_pdf_and_images_are_shown_in_the_browser()
    {
        Assert.True(FileTypes.IsViewableInBrowser("application/pdf"));
        Assert.True(FileTypes.IsViewableInBrowser("image/png"));
        Assert.True(FileTypes.IsViewableInBrowser("image/jpeg"));
        Assert.False(FileTypes.IsViewableInBrowser(FileTypes.Docx.ContentType));
        Assert.False(FileTypes.IsViewableInBrowser("application/ofd"));
        Assert.False(FileTypes.IsViewableInBrowser("text/html"));
    }
}
