using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Web.Features.Audit;

namespace ZhiPingQuan.Web.Tests.Audit;

/// <summary>The audit log names every kind of record in Chinese: a new record type without a name fails here.</summary>
public class AuditRecordTypesTests
{
    [Fact]
    public void Every_record_type_of_the_domain_has_a_Chinese_name()
    {
        var types = typeof(Entity).Assembly.GetTypes().Where(t => typeof(Entity).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.NotEmpty(types);
        var unnamed = types.Where(t => !AuditRecordTypes.IsNamed(t.Name)).Select(t => t.Name).ToList();
        Assert.True(unnamed.Count == 0, "Record types without a Chinese name: " + string.Join(", ", unnamed));
    }

    [Fact]
    public void Accounts_and_batch_imports_are_named_and_an_unknown_type_is_shown_as_stored()
    {
        Assert.Equal("账户", AuditRecordTypes.ToChinese(AuditRecordTypes.Account));
        Assert.Equal("批量导入", AuditRecordTypes.ToChinese(AuditRecordTypes.BatchImport));
        Assert.Equal("SomethingNew", AuditRecordTypes.ToChinese("SomethingNew"));
    }
}
