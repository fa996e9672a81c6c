using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Lists;

/// <summary>The list pages' shared pieces on their own: the sort whitelist, the page size, the way back, what histories show.</summary>
public class ListQueryTests
{
    private sealed record Row(Guid Id, string Name, int Score);

    private sealed class Query : ListQuery;

    private static readonly ListSort<Row> Sorting = new ListSort<Row>("name", r => r.Id)
        .Add("name", r => r.Name)
        .Add("score", r => r.Score);

    private static readonly Row[] Rows =
    [
        new(Guid.Parse("00000000-0000-0000-0000-000000000003"), "丙", 2),
        new(Guid.Parse("00000000-0000-0000-0000-000000000001"), "甲", 2),
        new(Guid.Parse("00000000-0000-0000-0000-000000000002"), "乙", 1),
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Name desc; DROP TABLE x")]
    [InlineData("Id")]
    [InlineData("password")]
    public void An_unknown_sort_key_gives_the_default_order_without_an_exception(string? key)
    {
        var query = new Query { Sort = key, Dir = "desc" };

        var sorted = Sorting.Apply(Rows.AsQueryable(), query).Select(r => r.Name).ToList();

        Assert.Equal(Rows.OrderBy(r => r.Name).Select(r => r.Name), sorted);
        Assert.Equal("name", query.Sort);
        Assert.Equal("asc", query.Dir);
    }

    [Fact]
    public void A_known_key_sorts_in_the_direction_asked_and_ties_keep_the_id_order()
    {
        var query = new Query { Sort = "SCORE", Dir = "desc" };

        var sorted = Sorting.Apply(Rows.AsQueryable(), query).AsEnumerable().Select(r => r.Id.ToString()[^1]).ToList();

        // Score 2 twice (ids 1 and 3, by id), then score 1.
        Assert.Equal(['1', '3', '2'], sorted);
        Assert.Equal("score", query.Sort);
        Assert.True(query.Descending);
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData(20, 20)]
    [InlineData(50, 50)]
    [InlineData(100, 100)]
    [InlineData(100000, 100)]
    [InlineData(int.MaxValue, 100)]
    [InlineData(37, 20)]
    [InlineData(0, 20)]
    [InlineData(-5, 20)]
    public void The_page_size_is_one_of_20_50_100(int? asked, int used) =>
        Assert.Equal(used, new Query { Size = asked }.PageSize);

    [Theory]
    [InlineData("/Enterprises?q=%E4%B8%8A%E6%B5%B7&sort=name&page=3")]
    [InlineData("/enterprises/?industry=Automotive")]
    [InlineData("/Enterprises")]
    public void A_local_address_of_the_same_list_is_offered_back(string back) =>
        Assert.Equal(back, ListReturn.Resolve(back, "/Enterprises"));

    [Theory]
    [InlineData("https://evil.example/Enterprises")]
    [InlineData("//evil.example/Enterprises")]
    [InlineData("/\\evil.example/Enterprises")]
    [InlineData("\\\\evil.example\\Enterprises")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/Enterprises\r\nLocation: https://evil.example")]
    [InlineData("/Account/Logout")]
    [InlineData("/EnterprisesX?q=1")]
    [InlineData("/Enterprises#x")]
    [InlineData("Enterprises?q=1")]
    [InlineData("")]
    [InlineData(null)]
    public void Any_other_address_gives_the_plain_list(string? back) =>
        Assert.Equal("/Enterprises", ListReturn.Resolve(back, "/Enterprises"));

    [Theory]
    [InlineData("评估报告 第2版：报告.pdf（文件编号 3f2b8c1e-9a4d-4c6e-8f1a-2b3c4d5e6f70，SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855）", "评估报告 第2版：报告.pdf")]
    [InlineData("内容摘要（SHA-256）E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", null)]
    [InlineData("合同.pdf（原文件编号 3f2b8c1e-9a4d-4c6e-8f1a-2b3c4d5e6f70，新文件编号 4f2b8c1e-9a4d-4c6e-8f1a-2b3c4d5e6f71）", "合同.pdf")]
    [InlineData("联系人：张三 → 李四", "联系人：张三 → 李四")]
    public void A_history_line_keeps_its_words_and_loses_ids_and_hashes(string stored, string? shown)
    {
        var text = Display.History(stored);

        Assert.Equal(shown, text);
        Assert.False(text is not null && ListPageAssertions.HasIdOrHash(text));
    }

    [Fact]
    public void The_audit_log_shows_an_id_shortened_with_the_full_value_on_demand()
    {
        const string id = "3f2b8c1e-9a4d-4c6e-8f1a-2b3c4d5e6f70";
        using var writer = new StringWriter();

        Display.WithShortIds($"文件编号 {id}").WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);

        var html = writer.ToString();
        Assert.Contains(">3f2b8c1e…<", html);
        Assert.Contains($"title=\"{id}\"", html);
        Assert.StartsWith("文件编号", System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public void No_audit_action_is_named_in_English()
    {
        var english = Enum.GetValues<AuditAction>().Where(a => a.ToChinese().Any(char.IsAsciiLetter)).ToList();

        Assert.True(english.Count == 0, "Audit actions with Latin letters in their name: " + string.Join(", ", english));
    }
}
