using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Reference;

/// <summary>
/// A genuine legacy 统一社会信用代码 that fails the GB 32100 check, registered by Admin under a name and
/// a reason. The parser stays strict; <see cref="CreditCodeExceptions.TryAccept"/> lets the app accept a
/// code on this list.
/// </summary>
public sealed class CreditCodeException : Entity
{
    private CreditCodeException() { }

    public CreditCodeException(string code, string reason, string registeredBy, DateTime atUtc)
    {
        var normalised = CreditCode.Normalise(code);
        if (CreditCode.TryParse(normalised, out _, out _))
        {
            throw new DomainException($"统一社会信用代码“{normalised}”校验通过，无需登记例外。");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("登记信用代码例外必须填写原因。");
        }
        if (string.IsNullOrWhiteSpace(registeredBy))
        {
            throw new DomainException("登记人不能为空。");
        }
        Code = CreditCode.FromRegisteredException(normalised);
        Reason = reason.Trim();
        RegisteredBy = registeredBy.Trim();
        AtUtc = atUtc;
        Raise(new CreditCodeExceptionRegistered(Id, Code.Value, Reason));
    }

    public CreditCode Code { get; private set; } = null!;

    public string Reason { get; private set; } = string.Empty;

    public string RegisteredBy { get; private set; } = string.Empty;

    public DateTime AtUtc { get; private set; }
}

public static class CreditCodeExceptions
{
    /// <summary>
    /// Parses strictly; a code that fails only because it is a registered legacy exception is accepted.
    /// <paramref name="registeredCodes"/> holds the normalised codes of the exception registry.
    /// </summary>
    public static bool TryAccept(string? input, IReadOnlyCollection<string> registeredCodes, out CreditCode? code, out string? error)
    {
        if (CreditCode.TryParse(input, out code, out error))
        {
            return true;
        }
        var normalised = CreditCode.Normalise(input);
        if (normalised.Length == 18 && registeredCodes.Contains(normalised))
        {
            code = CreditCode.FromRegisteredException(normalised);
            error = null;
            return true;
        }
        return false;
    }
}

/// <summary>Admin registered a legacy credit code as an exception, with its reason.</summary>
public sealed record CreditCodeExceptionRegistered(Guid CreditCodeExceptionId, string Code, string Reason) : IAuditedEvent
{
    public AuditLine Audit => new(AuditAction.CreditCodeExceptionRegistered, nameof(CreditCodeException), CreditCodeExceptionId, null, Code, Reason);
}
