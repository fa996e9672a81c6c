using ZhiPingQuan.Domain.Reference;

// The namespace differs from the folder so it does not hide the domain's CreditCodeExceptions class.
namespace ZhiPingQuan.Web.Features.CreditCodeExceptionRegistry;

public sealed class CreditCodeExceptionForm
{
    public string Code { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
}

/// <summary>The register page: the form (posted as Code and Reason) and the codes registered so far, newest first.</summary>
public sealed class CreditCodeExceptionsPageModel
{
    public required CreditCodeExceptionForm Form { get; init; }
    public required IReadOnlyList<CreditCodeException> Entries { get; init; }
}
