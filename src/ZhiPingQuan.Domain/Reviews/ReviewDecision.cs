using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Reviews;

public enum ReviewDecisionKind
{
    Pass,
    Reject,
    ReturnForSupplement,
}

public static class ReviewDecisionKindNames
{
    public static string ToChinese(this ReviewDecisionKind kind) => kind switch
    {
        ReviewDecisionKind.Pass => "通过",
        ReviewDecisionKind.Reject => "不通过",
        ReviewDecisionKind.ReturnForSupplement => "退回补正",
        _ => kind.ToString(),
    };
}

/// <summary>
/// One decision of the third party's review (额度审核, docs/domain.md §4.5), kept as history: an application
/// returned twice and then passed has three. Made only by the application's own transitions
/// (<c>QuotaApplication.Pass/Reject/ReturnForSupplement</c>), so record and state cannot disagree.
/// Two reviewers deciding the same application at once: both load the same Version; the data layer's
/// concurrency token lets the first save win and the second gets a concurrency error to report.
/// </summary>
public sealed class ReviewDecision : Entity
{
    public const int MaxReasonLength = 4000;
    public const int MaxReviewerLength = 100;

    private ReviewDecision() { }

    internal ReviewDecision(Guid applicationId, ReviewDecisionKind kind, string? reason, string reviewer, DateTime atUtc, Guid? supplementRequestId = null)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new DomainException("审核人不能为空。");
        }
        var r = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (kind != ReviewDecisionKind.Pass && r is null)
        {
            throw new DomainException($"审核结论为“{kind.ToChinese()}”时必须填写原因。");
        }
        if (r is { Length: > MaxReasonLength })
        {
            throw new DomainException($"审核意见过长（最多{MaxReasonLength}个字符）。");
        }
        ApplicationId = applicationId;
        Kind = kind;
        Reason = r;
        Reviewer = reviewer.Trim();
        AtUtc = atUtc;
        SupplementRequestId = supplementRequestId;
    }

    public Guid ApplicationId { get; private set; }
    public ReviewDecisionKind Kind { get; private set; }

    /// <summary>Reject: the reason; return: the per-item reasons in one line; pass: optional remark.</summary>
    public string? Reason { get; private set; }
    public string Reviewer { get; private set; } = string.Empty;
    public DateTime AtUtc { get; private set; }

    /// <summary>For a return, the request holding the per-item reasons and due date.</summary>
    public Guid? SupplementRequestId { get; private set; }
}
