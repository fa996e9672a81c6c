using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Reviews;

namespace ZhiPingQuan.Domain.Applications;

/// <summary>
/// What the enterprise states in its application about itself and its assessment; the review
/// compares these with the registry, the summary table and the assessment record.
/// </summary>
public sealed record StatedAssessment(
    string EnterpriseName,
    string CreditCode,
    MaturityScore MaturityScore,
    MaturityLevel MaturityLevel,
    string SmartFactoryLevelName);

/// <summary>
/// 额度申请 (docs/domain.md §4.4): one per enterprise per programme year (a unique index, not only this
/// code), filed by the enterprise with its report and evidence, reviewed by the third party.
/// </summary>
public sealed class QuotaApplication : Entity
{
    public const string RecordName = "额度申请";
    public const int MaxNameLength = 200;
    public const int MaxContactPersonLength = 50;
    public const int MaxPhoneLength = 30;
    public const int MaxEmailLength = 200;
    public const int MaxSmartFactoryLevelNameLength = 50;
    public const int MaxReasonLength = 1000;

    private readonly List<EvidenceItem> _evidence = [];
    private readonly List<SupplementRequest> _supplementRequests = [];

    private QuotaApplication() { }

    /// <param name="listedInSubmittedSummaryTable">
    /// Whether the enterprise is a row of a submitted summary table of its batch: only those may apply.
    /// </param>
    public QuotaApplication(
        Guid enterpriseId,
        Guid programmeYearId,
        Guid batchId,
        Guid recommendingUnitId,
        Guid assessmentId,
        Guid agencyId,
        StatedAssessment stated,
        bool listedInSubmittedSummaryTable,
        DateTime utcNow)
    {
        if (enterpriseId == Guid.Empty || programmeYearId == Guid.Empty || batchId == Guid.Empty
            || recommendingUnitId == Guid.Empty || assessmentId == Guid.Empty || agencyId == Guid.Empty)
        {
            throw new DomainException("额度申请缺少企业、年度、批次、推荐单位、评估或服务机构。");
        }
        if (!listedInSubmittedSummaryTable)
        {
            throw new DomainException("企业尚未列入已报送的汇总表，暂不能申请额度。");
        }
        EnterpriseId = enterpriseId;
        ProgrammeYearId = programmeYearId;
        BatchId = batchId;
        RecommendingUnitId = recommendingUnitId;
        AssessmentId = assessmentId;
        AgencyId = agencyId;
        CreatedAtUtc = utcNow;
        State = QuotaApplicationState.Draft;
        ApplyStated(stated);
    }

    public Guid EnterpriseId { get; private set; }
    public Guid ProgrammeYearId { get; private set; }
    public Guid BatchId { get; private set; }
    public Guid RecommendingUnitId { get; private set; }
    public Guid AssessmentId { get; private set; }

    /// <summary>The assessing agency: the payee of a redemption (申兑分离).</summary>
    public Guid AgencyId { get; private set; }

    public QuotaApplicationState State { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public string ContactPerson { get; private set; } = string.Empty;
    public string ContactPhone { get; private set; } = string.Empty;
    public string? ContactEmail { get; private set; }

    /// <summary>The assessment report (a <c>StoredFile</c> id).</summary>
    public Guid? ReportFileId { get; private set; }

    // Stated values (snapshot, as written in the application).
    public string EnterpriseName { get; private set; } = string.Empty;
    public string CreditCode { get; private set; } = string.Empty;
    public MaturityScore MaturityScore { get; private set; }
    public MaturityLevel MaturityLevel { get; private set; }
    public string SmartFactoryLevelName { get; private set; } = string.Empty;

    public IReadOnlyList<EvidenceItem> Evidence => _evidence;
    public IReadOnlyList<SupplementRequest> SupplementRequests => _supplementRequests;

    /// <summary>First submission.</summary>
    public DateTime? SubmittedAtUtc { get; private set; }

    /// <summary>Latest submission or resubmission.</summary>
    public DateTime? LastSubmittedAtUtc { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }
    public string? WithdrawReason { get; private set; }

    /// <summary>Marked once the enterprise resubmits after a return (修改后重新提交).</summary>
    public bool IsRevised { get; private set; }

    public int ReturnCount => _supplementRequests.Count;

    /// <summary>Passed without ever being returned: the district evaluation's 一次通过.</summary>
    public bool IsFirstPass => State == QuotaApplicationState.Passed && ReturnCount == 0;

    public SupplementRequest? OpenSupplementRequest => _supplementRequests.SingleOrDefault(r => !r.IsAnswered);

    public bool IsEditable => State is QuotaApplicationState.Draft or QuotaApplicationState.ReturnedForSupplement;

    // ---- editing (Draft, or returned for supplement) -------------------------------------------

    public void UpdateStated(StatedAssessment stated)
    {
        EnsureEditable("修改申请内容");
        ApplyStated(stated);
    }

    public void UpdateContact(string person, string phone, string? email)
    {
        EnsureEditable("修改联系人");
        var p = (person ?? string.Empty).Trim();
        var ph = (phone ?? string.Empty).Trim();
        var e = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (p.Length == 0 || p.Length > MaxContactPersonLength)
        {
            throw new DomainException($"请填写联系人（最多{MaxContactPersonLength}个字符）。");
        }
        if (ph.Length == 0 || ph.Length > MaxPhoneLength || !ph.Any(char.IsAsciiDigit))
        {
            throw new DomainException("请填写有效的联系电话。");
        }
        if (e is not null && (e.Length > MaxEmailLength || e.IndexOf('@') is <= 0 || e.EndsWith('@')))
        {
            throw new DomainException("电子邮箱格式不正确。");
        }
        ContactPerson = p;
        ContactPhone = ph;
        ContactEmail = e;
    }

    public void AttachReport(Guid fileId)
    {
        EnsureEditable("上传评估报告");
        if (fileId == Guid.Empty)
        {
            throw new DomainException("请上传评估报告。");
        }
        ReportFileId = fileId;
    }

    public EvidenceItem AddEvidence(EvidenceKind kind, string title, Guid fileId, ContractDetails? contract, DateTime utcNow)
    {
        EnsureEditable("添加材料");
        var item = new EvidenceItem(Id, kind, title, fileId, contract, utcNow);
        _evidence.Add(item);
        return item;
    }

    /// <summary>Points the item at a new file; the old file id is kept as its previous version.</summary>
    public void ReplaceEvidenceFile(Guid evidenceItemId, Guid newFileId, DateTime utcNow)
    {
        EnsureEditable("替换材料");
        FindEvidence(evidenceItemId).ReplaceFile(newFileId, utcNow);
    }

    public void UpdateEvidence(Guid evidenceItemId, string title, ContractDetails? contract)
    {
        EnsureEditable("修改材料");
        var item = FindEvidence(evidenceItemId);
        item.Rename(title);
        item.SetContract(contract);
    }

    public void RemoveEvidence(Guid evidenceItemId)
    {
        EnsureEditable("删除材料");
        _evidence.Remove(FindEvidence(evidenceItemId));
    }

    // ---- transitions ---------------------------------------------------------------------------

    /// <summary>Draft → Submitted, on or before the batch deadline (end of that day in Shanghai).</summary>
    public void Submit(DateTime utcNow, DateOnly batchDeadline)
    {
        EnsureState("提交", QuotaApplicationState.Draft);
        if (!ShanghaiTime.IsOnOrBefore(utcNow, batchDeadline))
        {
            throw new DomainException($"已过本批次申请截止日期（{ShanghaiTime.FormatDate(batchDeadline)}），不能再提交申请。");
        }
        EnsureComplete();
        State = QuotaApplicationState.Submitted;
        SubmittedAtUtc = utcNow;
        LastSubmittedAtUtc = utcNow;
    }

    /// <summary>Submitted or Resubmitted → UnderReview: a reviewer takes the application up.</summary>
    public void StartReview()
    {
        EnsureState("开始审核", QuotaApplicationState.Submitted, QuotaApplicationState.Resubmitted);
        State = QuotaApplicationState.UnderReview;
    }

    /// <summary>UnderReview → Passed. The returned decision is to be saved with the application.</summary>
    public ReviewDecision Pass(string reviewer, DateTime utcNow, string? remark = null)
    {
        EnsureState("审核通过", QuotaApplicationState.UnderReview);
        var decision = new ReviewDecision(Id, ReviewDecisionKind.Pass, remark, reviewer, utcNow);
        State = QuotaApplicationState.Passed;
        DecidedAtUtc = utcNow;
        return decision;
    }

    /// <summary>UnderReview → Rejected, with a reason.</summary>
    public ReviewDecision Reject(string reason, string reviewer, DateTime utcNow)
    {
        EnsureState("审核不通过", QuotaApplicationState.UnderReview);
        var decision = new ReviewDecision(Id, ReviewDecisionKind.Reject, reason, reviewer, utcNow);
        State = QuotaApplicationState.Rejected;
        DecidedAtUtc = utcNow;
        return decision;
    }

    /// <summary>UnderReview → ReturnedForSupplement, with per-item reasons and a due date (today or later).</summary>
    public ReviewDecision ReturnForSupplement(IReadOnlyList<SupplementItemInput> items, DateOnly dueDate, string reviewer, DateTime utcNow)
    {
        EnsureState("退回补正", QuotaApplicationState.UnderReview);
        var today = DateOnly.FromDateTime(ShanghaiTime.ToShanghai(utcNow));
        if (dueDate < today)
        {
            throw new DomainException("补正截止日期不能早于今天。");
        }
        foreach (var id in items.Select(i => i.EvidenceItemId).OfType<Guid>())
        {
            FindEvidence(id);
        }
        var request = new SupplementRequest(Id, _supplementRequests.Count + 1, items, dueDate, reviewer, utcNow);
        var decision = new ReviewDecision(Id, ReviewDecisionKind.ReturnForSupplement, request.ReasonSummary, reviewer, utcNow, request.Id);
        _supplementRequests.Add(request);
        State = QuotaApplicationState.ReturnedForSupplement;
        return decision;
    }

    /// <summary>
    /// ReturnedForSupplement → Resubmitted, by the return's due date (not the batch deadline),
    /// stating what changed; the application is marked as revised.
    /// </summary>
    public void Resubmit(IEnumerable<string> changes, DateTime utcNow)
    {
        EnsureState("重新提交", QuotaApplicationState.ReturnedForSupplement);
        var request = OpenSupplementRequest
            ?? throw new DomainException("没有待答复的补正要求。");
        if (!ShanghaiTime.IsOnOrBefore(utcNow, request.DueDate))
        {
            throw new DomainException($"已过补正截止日期（{ShanghaiTime.FormatDate(request.DueDate)}），不能再重新提交。");
        }
        EnsureComplete();
        request.Answer(changes, utcNow);
        IsRevised = true;
        State = QuotaApplicationState.Resubmitted;
        LastSubmittedAtUtc = utcNow;
    }

    /// <summary>Any state before a decision → Withdrawn (by the enterprise).</summary>
    public void Withdraw(string? reason, DateTime utcNow)
    {
        EnsureState(
            "撤回",
            QuotaApplicationState.Draft,
            QuotaApplicationState.Submitted,
            QuotaApplicationState.UnderReview,
            QuotaApplicationState.ReturnedForSupplement,
            QuotaApplicationState.Resubmitted);
        var r = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (r is { Length: > MaxReasonLength })
        {
            throw new DomainException($"撤回原因过长（最多{MaxReasonLength}个字符）。");
        }
        State = QuotaApplicationState.Withdrawn;
        WithdrawnAtUtc = utcNow;
        WithdrawReason = r;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void EnsureComplete()
    {
        if (ReportFileId is null)
        {
            throw new DomainException("请先上传评估报告。");
        }
        if (ContactPerson.Length == 0 || ContactPhone.Length == 0)
        {
            throw new DomainException("请先填写联系人和联系电话。");
        }
    }

    private void ApplyStated(StatedAssessment stated)
    {
        var name = (stated.EnterpriseName ?? string.Empty).Trim();
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new DomainException($"请填写企业名称（最多{MaxNameLength}个字符）。");
        }
        var code = Reference.CreditCode.Normalise(stated.CreditCode);
        if (code.Length != 18)
        {
            throw new DomainException("统一社会信用代码应为18位。");
        }
        var smart = (stated.SmartFactoryLevelName ?? string.Empty).Trim();
        if (smart.Length == 0 || smart.Length > MaxSmartFactoryLevelNameLength)
        {
            throw new DomainException("请填写智能工厂等级。");
        }
        EnterpriseName = name;
        CreditCode = code;
        MaturityScore = stated.MaturityScore;
        MaturityLevel = stated.MaturityLevel;
        SmartFactoryLevelName = smart;
    }

    private EvidenceItem FindEvidence(Guid id) =>
        _evidence.SingleOrDefault(e => e.Id == id) ?? throw new DomainException("找不到该材料。");

    private void EnsureEditable(string action)
    {
        if (!IsEditable)
        {
            throw new InvalidTransitionException(RecordName, State.ToChinese(), action);
        }
    }

    private void EnsureState(string action, params QuotaApplicationState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new InvalidTransitionException(RecordName, State.ToChinese(), action);
        }
    }
}
