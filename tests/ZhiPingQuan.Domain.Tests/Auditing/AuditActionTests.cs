using ZhiPingQuan.Domain.Auditing;

namespace ZhiPingQuan.Domain.Tests.Auditing;

public class AuditActionTests
{
    [Fact]
    public void Every_action_of_the_catalogue_has_its_own_chinese_name()
    {
        var names = Enum.GetValues<AuditAction>().Select(a => a.ToChinese()).ToList();
        Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n)));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.DoesNotMatch("[A-Za-z]", n));
    }
}
