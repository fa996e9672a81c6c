using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Reference;

public class CreditCodeExceptionTests
{
    private const string Legacy = "91310110666007217A"; // check character should be T

    [Fact]
    public void A_legacy_code_is_registered_normalised_with_reason_and_registrar()
    {
        var entry = new CreditCodeException(" 91310110666007217a ", "工商登记历史代码", "admin", Make.Before);
        Assert.Equal(Legacy, entry.Code.Value);
        Assert.Equal("工商登记历史代码", entry.Reason);
        Assert.Equal("admin", entry.RegisteredBy);
        Assert.Equal(Make.Before, entry.AtUtc);
    }

    [Fact]
    public void A_code_that_passes_the_check_needs_no_exception()
    {
        var ex = Assert.Throws<DomainException>(() => new CreditCodeException("91310110666007217T", "原因", "admin", Make.Before));
        Assert.Contains("无需登记例外", ex.Message);
    }

    [Fact]
    public void An_exception_needs_a_reason()
    {
        var ex = Assert.Throws<DomainException>(() => new CreditCodeException(Legacy, " ", "admin", Make.Before));
        Assert.Equal("登记信用代码例外必须填写原因。", ex.Message);
    }

    [Fact]
    public void An_exception_must_still_be_18_valid_characters()
    {
        Assert.Throws<DomainException>(() => new CreditCodeException("9131011066600721", "原因", "admin", Make.Before));
    }

    [Fact]
    public void A_registered_legacy_code_is_accepted()
    {
        Assert.True(CreditCodeExceptions.TryAccept("91310110666007217ａ", [Legacy], out var code, out var error));
        Assert.Equal(Legacy, code!.Value);
        Assert.Null(error);
    }

    [Fact]
    public void An_unregistered_failing_code_keeps_the_strict_error()
    {
        Assert.False(CreditCodeExceptions.TryAccept(Legacy, [], out var code, out var error));
        Assert.Null(code);
        Assert.Contains("第18位应为“T”", error);
    }

    [Fact]
    public void A_valid_code_is_accepted_without_the_registry()
    {
        Assert.True(CreditCodeExceptions.TryAccept("91310115591693856A", [], out var code, out _));
        Assert.Equal("91310115591693856A", code!.Value);
    }

    [Fact]
    public void Registering_is_an_audit_line_with_the_code_and_the_reason()
    {
        var entry = new CreditCodeException(" 91310110666007217a ", " 工商登记历史代码 ", "admin", Make.Before);
        var line = Assert.IsType<CreditCodeExceptionRegistered>(Assert.Single(entry.PendingEvents())).Audit;
        Assert.Equal(new AuditLine(AuditAction.CreditCodeExceptionRegistered, nameof(CreditCodeException), entry.Id, null, Legacy, "工商登记历史代码"), line);
    }
}
