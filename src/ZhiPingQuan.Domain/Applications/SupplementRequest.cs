using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>What of an application a return for supplement asks to fix; the enterprise may change only those.</summary>
public enum SupplementTarget
{
    /// <summary>联系人、联系电话、电子邮箱.</summary>
    Contact,

    /// <summary>The stated name, credit code, score, levels (申请信息).</summary>
    StatedValues,

    /// <summary>One uploaded evidence item (its file, title or contract particulars).</summary>
    Evidence,

    /// <summary>Material of one kind to add (a missing approval, another contract).</summary>
    MissingEvidence,
}

/// <summary>What the reviewer asks to fix and why: the target (and which item or kind) and the reason.</summary>
public sealed record SupplementItemInput(SupplementTarget Target, string Reason, Guid? EvidenceItemId = null, EvidenceKind? EvidenceKind = null);

/// <summary>
/// 退回补正: the reviewer's items (each with its own reason) and the due date. It keeps the application's content as it
/// was when returned, and when the enterprise resubmits, what changed since (<see cref="Changes"/>), so the next reviewer
/// sees the revision without asking.
/// </summary>
public sealed class SupplementRequest : Entity
{
    public const int MaxNoteLength = 1000;

    private readonly List<SupplementRequestItem> _items = [];
    private readonly List<SupplementChange> _changes = [];

    private SupplementRequest() { }

    internal SupplementRequest(Guid quotaApplicationId, int sequenceNo, IReadOnlyList<(SupplementItemInput Input, string Subject)> items,
        DateOnly dueDate, ApplicationContent contentAtReturn, string requestedBy, DateTime utcNow)
    {
        if (items.Count == 0)
        {
            throw new DomainException("退回补正须至少选择一项需要补正的内容。");
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
        ContentAtReturn = contentAtReturn.Serialise();
        foreach (var (input, subject) in items)
        {
            _items.Add(new SupplementRequestItem(Id, _items.Count + 1, input, subject));
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

    /// <summary>The application's content when it was returned (= as last submitted), serialised.</summary>
    public string ContentAtReturn { get; private set; } = string.Empty;

    public DateTime? ResubmittedAtUtc { get; private set; }

    /// <summary>The enterprise's optional note with its resubmission (补正说明).</summary>
    public string? Note { get; private set; }

    /// <summary>What changed between the returned submission and the resubmission, in order.</summary>
    public IReadOnlyList<SupplementChange> Changes => _changes;

    public bool IsAnswered => !SupplementRequestRules.Unanswered.IsSatisfiedBy(this);

    /// <summary>A one-line summary of the reasons, for the decision record.</summary>
    public string ReasonSummary => string.Join("；", _items.Select(i => $"{i.Subject}：{i.Reason}"));

    public ApplicationContent ReturnedContent() => ApplicationContent.Deserialise(ContentAtReturn);

    /// <summary>Whether the request names this target (and item or kind): the enterprise may change only what it names.</summary>
    public bool Allows(SupplementTarget target, Guid? evidenceItemId = null, EvidenceKind? kind = null) =>
        _items.Any(i => i.Target == target
            && (target != SupplementTarget.Evidence || i.EvidenceItemId == evidenceItemId)
            && (target != SupplementTarget.MissingEvidence || i.EvidenceKind == kind));

    internal void Answer(string? note, IReadOnlyList<ContentChangeData> changes, DateTime utcNow)
    {
        var n = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (n is { Length: > MaxNoteLength })
        {
            throw new DomainException($"补正说明过长（最多{MaxNoteLength}个字符）。");
        }
        if (changes.Count == 0)
        {
            throw new DomainException("尚未修改任何需要补正的内容，请按补正要求修改后再重新提交。");
        }
        Note = n;
        foreach (var c in changes)
        {
            _changes.Add(new SupplementChange(Id, _changes.Count + 1, c));
        }
        ResubmittedAtUtc = utcNow;
    }
}

public sealed class SupplementRequestItem : Entity
{
    public const int MaxSubjectLength = 300;
    public const int MaxReasonLength = 1000;

    private SupplementRequestItem() { }

    internal SupplementRequestItem(Guid supplementRequestId, int sequenceNo, SupplementItemInput input, string subject)
    {
        var reason = (input.Reason ?? string.Empty).Trim();
        var s = subject.Trim();
        if (reason.Length == 0)
        {
            throw new DomainException($"请写明“{s}”需要补正的原因。");
        }
        if (reason.Length > MaxReasonLength)
        {
            throw new DomainException($"“{s}”的补正原因过长（最多{MaxReasonLength}个字符）。");
        }
        SupplementRequestId = supplementRequestId;
        SequenceNo = sequenceNo;
        Target = input.Target;
        Subject = s.Length > MaxSubjectLength ? s[..MaxSubjectLength] : s;
        Reason = reason;
        EvidenceItemId = input.Target == SupplementTarget.Evidence ? input.EvidenceItemId : null;
        EvidenceKind = input.Target == SupplementTarget.MissingEvidence ? input.EvidenceKind : null;
    }

    public Guid SupplementRequestId { get; private set; }
    public int SequenceNo { get; private set; }
    public SupplementTarget Target { get; private set; }

    /// <summary>What to fix, in words fixed when returned ("改造升级/购置合同：MES系统采购合同"), readable after the item is gone.</summary>
    public string Subject { get; private set; } = string.Empty;
    public string Reason { get; private set; } = string.Empty;

    /// <summary>The evidence item the reason is about (<see cref="SupplementTarget.Evidence"/>).</summary>
    public Guid? EvidenceItemId { get; private set; }

    /// <summary>The kind of material to add (<see cref="SupplementTarget.MissingEvidence"/>).</summary>
    public EvidenceKind? EvidenceKind { get; private set; }
}

/// <summary>One thing the enterprise changed in answer to a return (a field before → after, or a file replaced, added, removed).</summary>
public sealed class SupplementChange : Entity
{
    public const int MaxSubjectLength = 300;
    public const int MaxValueLength = 500;

    private SupplementChange() { }

    internal SupplementChange(Guid supplementRequestId, int sequenceNo, ContentChangeData data)
    {
        SupplementRequestId = supplementRequestId;
        SequenceNo = sequenceNo;
        Kind = data.Kind;
        Subject = Cut(data.Subject, MaxSubjectLength)!;
        Before = Cut(data.Before, MaxValueLength);
        After = Cut(data.After, MaxValueLength);
        OldFileId = data.OldFileId;
        NewFileId = data.NewFileId;
    }

    public Guid SupplementRequestId { get; private set; }
    public int SequenceNo { get; private set; }
    public ContentChangeKind Kind { get; private set; }
    public string Subject { get; private set; } = string.Empty;
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public Guid? OldFileId { get; private set; }
    public Guid? NewFileId { get; private set; }

    private static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..(max - 1)] + "…";
}
