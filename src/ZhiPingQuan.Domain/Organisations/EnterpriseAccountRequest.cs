using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Organisations;

public enum EnterpriseAccountRequestState
{
    Pending,
    Approved,
    Rejected,
}

public static class EnterpriseAccountRequestStateNames
{
    public static string ToChinese(this EnterpriseAccountRequestState state) => state switch
    {
        EnterpriseAccountRequestState.Pending => "待审核",
        EnterpriseAccountRequestState.Approved => "已批准",
        EnterpriseAccountRequestState.Rejected => "已驳回",
        _ => state.ToString(),
    };
}

/// <summary>
/// An enterprise's request, made on the public registration page, for an account of its own (docs/domain.md §5
/// Accounts). Only an enterprise in a district's registry can ask; the request waits for that district, which
/// approves it (an account is opened and its activation link issued) or rejects it with a reason. Every request
/// needs the district — a second account for the same enterprise too.
/// </summary>
public sealed class EnterpriseAccountRequest : Entity
{
    public const int MaxReasonLength = 500;

    private EnterpriseAccountRequest() { }

    private EnterpriseAccountRequest(Enterprise enterprise, string enterpriseName, string contactName, string? contactPhone,
        string email, DateTime utcNow)
    {
        EnterpriseId = enterprise.Id;
        RecommendingUnitId = enterprise.RecommendingUnitId;
        CreditCode = enterprise.CreditCode.Value;
        EnterpriseName = enterpriseName;
        ContactName = contactName;
        ContactPhone = contactPhone;
        Email = email;
        State = EnterpriseAccountRequestState.Pending;
        CreatedAtUtc = utcNow;
    }

    /// <summary>A request for <paramref name="enterprise"/> (found in a registry by its credit code), waiting for its district.</summary>
    public static EnterpriseAccountRequest Submit(Enterprise enterprise, string? enterpriseName, string? contactName, string? contactPhone,
        string? email, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        var name = Organisation.NameError(enterpriseName, OrganisationKind.Enterprise) is { } nameError
            ? throw new DomainException(nameError, nameof(EnterpriseName))
            : enterpriseName!.Trim();
        var contact = ContactRules.Name(contactName) ?? throw new DomainException("请填写联系人。", nameof(ContactName));
        var phone = ContactRules.Phone(contactPhone);
        var address = ContactRules.Email(email) ?? throw new DomainException("请填写电子邮箱：激活链接将发送到该邮箱。", nameof(Email));
        var request = new EnterpriseAccountRequest(enterprise, name, contact, phone, address, utcNow);
        request.Raise(new EnterpriseAccountRequested(request.Id, enterprise.Id, address, contact));
        return request;
    }

    public Guid EnterpriseId { get; private set; }

    /// <summary>The district whose registry holds the enterprise: the one that decides.</summary>
    public Guid RecommendingUnitId { get; private set; }

    /// <summary>The code as the registry holds it.</summary>
    public string CreditCode { get; private set; } = string.Empty;

    /// <summary>The name the requester typed (the district compares it with the registry's).</summary>
    public string EnterpriseName { get; private set; } = string.Empty;

    public string ContactName { get; private set; } = string.Empty;
    public string? ContactPhone { get; private set; }
    public string Email { get; private set; } = string.Empty;
    public EnterpriseAccountRequestState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? RejectionReason { get; private set; }

    public bool IsPending => State == EnterpriseAccountRequestState.Pending;

    /// <summary>Pending → Approved (the caller opens the account in the same save).</summary>
    public void Approve(string decidedBy, DateTime utcNow)
    {
        EnsurePending("批准");
        State = EnterpriseAccountRequestState.Approved;
        DecidedAtUtc = utcNow;
        DecidedBy = decidedBy;
        Raise(new EnterpriseAccountRequestApproved(Id, EnterpriseId, Email));
    }

    /// <summary>Pending → Rejected, with the reason the requester is told.</summary>
    public void Reject(string? reason, string decidedBy, DateTime utcNow)
    {
        EnsurePending("驳回");
        var r = reason?.Trim() ?? string.Empty;
        if (r.Length == 0)
        {
            throw new DomainException("请填写驳回原因：申请人将收到该原因。", nameof(RejectionReason));
        }
        if (r.Length > MaxReasonLength)
        {
            throw new DomainException($"驳回原因不能超过{MaxReasonLength}个字。", nameof(RejectionReason));
        }
        State = EnterpriseAccountRequestState.Rejected;
        RejectionReason = r;
        DecidedAtUtc = utcNow;
        DecidedBy = decidedBy;
        Raise(new EnterpriseAccountRequestRejected(Id, EnterpriseId, Email, r));
    }

    private void EnsurePending(string action)
    {
        if (State != EnterpriseAccountRequestState.Pending)
        {
            throw new InvalidTransitionException("企业账户申请", State.ToChinese(), action);
        }
    }
}
