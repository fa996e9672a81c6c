using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>What the reviewer asks to fix: the item (e.g. a contract, the contact) and why.</summary>
public sealed record SupplementItemInput(string Subject, string Reason, Guid? EvidenceItemId = null);

/// <summary>
/// 退回补正: the reviewer's per-item reasons and the due date; when the enterprise resubmits it
/// records what it changed, so the next reviewer sees the revision.
/// </summary>
public sealed class SupplementRequest : Entity
{
    public const int MaxChangesLength = 4000;
    public const int MaxChangeLineLength = 500;

    private readonly List<SupplementRequestItem> _items = [];

    private SupplementRequest() { }

    internal SupplementRequest(Guid quotaApplicationId, int sequenceNo, IReadOnlyList<SupplementItemInput> items, DateOnly dueDate, string requestedBy, DateTime utcNow)
    {
        if (items.Count == 0)
        {
            throw new DomainException("退回补正须至少列出一项需要补正的内容。");
        }
        if (string.IsNullOrWhiteSpace(requestedBy))
        {
            throw new DomainException("审核人不能为空。");
        }
        QuotaApplicationId = quotaApplicationId;
        SequenceNo = sequenceNo;
        DueDate = dueDate;
        RequestedBy = requestedBy.Trim();
        RequestedAtUtc = utcNow;
        foreach (var item in items)
        {
            _items.Add(new SupplementRequestItem(Id, _items.Count + 1, item));
        }
    }

    public Guid QuotaApplicationId { get; private set; }

    /// <summary>1 for the first return of the application, 2 for the second, …</summary>
    public int SequenceNo { get; private set; }

    /// <summary>Last Shanghai day on which the enterprise may resubmit.</summary>
    public DateOnly DueDate { get; private set; }
    public string RequestedBy { get; private set; } = string.Empty;
    public DateTime RequestedAtUtc { get; private set; }
    public IReadOnlyList<SupplementRequestItem> Items => _items;

    public DateTime? ResubmittedAtUtc { get; private set; }

    /// <summary>The enterprise's list of changes, one per line.</summary>
    public string? ChangesText { get; private set; }

    public bool IsAnswered => ResubmittedAtUtc is not null;

    public IReadOnlyList<string> Changes =>
        ChangesText is null ? [] : ChangesText.Split('\n');

    /// <summary>A one-line summary of the reasons, for the decision record.</summary>
    public string ReasonSummary => string.Join("；", _items.Select(i => $"{i.Subject}：{i.Reason}"));

    internal void Answer(IEnumerable<string> changes, DateTime utcNow)
    {
        var lines = changes.Select(c => (c ?? string.Empty).Trim().ReplaceLineEndings(" ")).Where(c => c.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new DomainException("重新提交须说明修改了哪些内容。");
        }
        if (lines.Any(l => l.Length > MaxChangeLineLength))
        {
            throw new DomainException($"每条修改说明最多{MaxChangeLineLength}个字符。");
        }
        var text = string.Join('\n', lines);
        if (text.Length > MaxChangesLength)
        {
            throw new DomainException($"修改说明过长（合计最多{MaxChangesLength}个字符）。");
        }
        ChangesText = text;
        ResubmittedAtUtc = utcNow;
    }
}

public sealed class SupplementRequestItem : Entity
{
    public const int MaxSubjectLength = 200;
    public const int MaxReasonLength = 1000;

    private SupplementRequestItem() { }

    internal SupplementRequestItem(Guid supplementRequestId, int sequenceNo, SupplementItemInput input)
    {
        var subject = (input.Subject ?? string.Empty).Trim();
        var reason = (input.Reason ?? string.Empty).Trim();
        if (subject.Length == 0)
        {
            throw new DomainException("请写明需要补正的材料或事项。");
        }
        if (reason.Length == 0)
        {
            throw new DomainException($"请写明“{subject}”需要补正的原因。");
        }
        if (subject.Length > MaxSubjectLength || reason.Length > MaxReasonLength)
        {
            throw new DomainException($"补正事项最多{MaxSubjectLength}个字符，原因最多{MaxReasonLength}个字符。");
        }
        SupplementRequestId = supplementRequestId;
        SequenceNo = sequenceNo;
        Subject = subject;
        Reason = reason;
        EvidenceItemId = input.EvidenceItemId;
    }

    public Guid SupplementRequestId { get; private set; }
    public int SequenceNo { get; private set; }
    public string Subject { get; private set; } = string.Empty;
    public string Reason { get; private set; } = string.Empty;

    /// <summary>The evidence item the reason is about, when it is about one.</summary>
    public Guid? EvidenceItemId { get; private set; }
}
