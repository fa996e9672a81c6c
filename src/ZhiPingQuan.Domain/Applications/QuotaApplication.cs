using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Organisations;
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
/// Where an application comes from: the enterprise, its year and batch, the unit that listed it, the confirmed assessment
/// (and its report, which the application shows but the enterprise cannot replace), the agency (the payee) and the
/// recommendation's bases (which decide the evidence checklist).
/// </summary>
public sealed record ApplicationOrigin(
    Guid EnterpriseId,
    Guid ProgrammeYearId,
    Guid BatchId,
    Guid RecommendingUnitId,
    Guid AssessmentId,
    Guid AgencyId,
    Guid ReportFileId,
    IReadOnlyList<RecommendationBasis> Bases);

/// <summary>
/// 额度申请 (docs/domain.md §4.4): filed by the enterprise with its contact and evidence, reviewed by the third party. At
/// most one active (not withdrawn) application per enterprise and programme year — a filtered unique index, not only this
/// code. The enterprise saves a draft at any time, submits when the checklist is complete and by the batch deadline, may
/// withdraw before a decision and apply again; a return names the items to fix, and only those may change.
/// </summary>
public sealed class QuotaApplication : Entity
{
    public const string RecordName = "额度申请";
    public const int MaxNameLength = 200;
    public const int MaxSmartFactoryLevelNameLength = 50;
    public const int MaxReasonLength = 1000;
    public const int MaxCheckDetailLength = 500;

    /// <summary>A return gives the enterprise at most this many days (and never beyond the batch deadline).</summary>
    public const int MaxSupplementDays = 15;

    private readonly List<EvidenceItem> _evidence = [];
    private readonly List<SupplementRequest> _supplementRequests = [];

    private QuotaApplication() { }

    /// <param name="listedInSubmittedSummaryTable">
    /// Whether the enterprise is a row of a submitted summary table of its batch: only those may apply.
    /// </param>
    /// <param name="contact">The contact as confirmed on the first form (联系人、联系电话、电子邮箱); may be incomplete in a draft.</param>
    public QuotaApplication(ApplicationOrigin origin, StatedAssessment stated, bool listedInSubmittedSummaryTable, DateTime utcNow,
        (string? Person, string? Phone, string? Email)? contact = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.EnterpriseId == Guid.Empty || origin.ProgrammeYearId == Guid.Empty || origin.BatchId == Guid.Empty
            || origin.RecommendingUnitId == Guid.Empty || origin.AssessmentId == Guid.Empty || origin.AgencyId == Guid.Empty)
        {
            throw new DomainException("额度申请缺少企业、年度、批次、推荐单位、评估或服务机构。");
        }
        if (origin.ReportFileId == Guid.Empty)
        {
            throw new DomainException("评估诊断没有评估报告，暂不能申请额度，请联系服务机构。");
        }
        if (!listedInSubmittedSummaryTable)
        {
            throw new DomainException("企业尚未列入已报送的汇总表，暂不能申请额度。");
        }
        EnterpriseId = origin.EnterpriseId;
        ProgrammeYearId = origin.ProgrammeYearId;
        BatchId = origin.BatchId;
        RecommendingUnitId = origin.RecommendingUnitId;
        AssessmentId = origin.AssessmentId;
        AgencyId = origin.AgencyId;
        ReportFileId = origin.ReportFileId;
        BasesCode = EvidenceChecklist.Encode(origin.Bases);
        CreatedAtUtc = utcNow;
        State = QuotaApplicationState.Draft;
        ApplyStated(stated);
        if (contact is { } c)
        {
            (ContactPerson, ContactPhone, ContactEmail) = ValidContact(c.Person, c.Phone, c.Email);
        }
        Raise(new ApplicationDrafted(Id, EnterpriseId, BatchId));
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

    /// <summary>The confirmed assessment's report (a <c>StoredFile</c> id): shown with the application, never replaced by the enterprise.</summary>
    public Guid ReportFileId { get; private set; }

    /// <summary>The recommendation's bases, as "1,3" (<see cref="EvidenceChecklist.Encode"/>).</summary>
    public string BasesCode { get; private set; } = string.Empty;

    public IReadOnlyList<RecommendationBasis> Bases => EvidenceChecklist.Decode(BasesCode);

    // Stated values (as written in the application, pre-filled from the records).
    public string EnterpriseName { get; private set; } = string.Empty;
    public string CreditCode { get; private set; } = string.Empty;
    public MaturityScore MaturityScore { get; private set; }
    public MaturityLevel MaturityLevel { get; private set; }
    public string SmartFactoryLevelName { get; private set; } = string.Empty;

    public IReadOnlyList<EvidenceItem> Evidence => _evidence;
    public IReadOnlyList<SupplementRequest> SupplementRequests => _supplementRequests;

    /// <summary>First submission.</summary>
    public DateTime? SubmittedAtUtc { get; private set; }

    /// <summary>Latest submission or resubmission: the third party's days waiting count from it.</summary>
    public DateTime? LastSubmittedAtUtc { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public DateTime? WithdrawnAtUtc { get; private set; }
    public string? WithdrawReason { get; private set; }

    /// <summary>Marked once the enterprise resubmits after a return (已补正).</summary>
    public bool IsRevised { get; private set; }

    /// <summary>
    /// What the report cross-check found in the assessment report's text at the last submission (docs/domain.md §4.5): the
    /// report is fixed, so it is read once per submission rather than each time a list is shown.
    /// </summary>
    public CheckOutcome? ReportCheckOutcome { get; private set; }
    public string? ReportCheckDetail { get; private set; }

    public int ReturnCount => _supplementRequests.Count;

    /// <summary>Passed without ever being returned: the district evaluation's 一次通过.</summary>
    public bool IsFirstPass => State == QuotaApplicationState.Passed && ReturnCount == 0;

    public SupplementRequest? OpenSupplementRequest => _supplementRequests.SingleOrDefault(r => !r.IsAnswered);

    /// <summary>The last return, answered or not.</summary>
    public SupplementRequest? LatestSupplementRequest => _supplementRequests.OrderBy(r => r.SequenceNo).LastOrDefault();

    public bool IsEditable => QuotaApplicationStateRules.Editable.IsSatisfiedBy(State);

    /// <summary>Before a decision: the enterprise may still withdraw.</summary>
    public bool CanWithdraw => !QuotaApplicationStateRules.Final.IsSatisfiedBy(State);

    public IReadOnlyList<ChecklistItem> Checklist => EvidenceChecklist.For(Bases, _evidence);

    /// <summary>The kinds of material this application may hold (those its bases require, and 其他佐证材料).</summary>
    public IReadOnlyList<EvidenceKind> AllowedEvidenceKinds => EvidenceChecklist.AllowedFor(Bases);

    /// <summary>What the application says now (compared with the returned submission when resubmitting).</summary>
    public ApplicationContent Content => new(ContactPerson, ContactPhone, ContactEmail, EnterpriseName, CreditCode, MaturityScore.Value,
        MaturityLevel, SmartFactoryLevelName,
        _evidence.Select(e => new EvidenceContent(e.Id, e.Kind, e.Title, e.FileId, e.ContractAmountWan, e.ContractLink, e.ContractDate)).ToList());

    /// <summary>What still keeps the application from being submitted, in words (empty when complete).</summary>
    public IReadOnlyList<string> MissingForSubmission()
    {
        var missing = new List<string>();
        if (ContactPerson.Length == 0)
        {
            missing.Add("联系人");
        }
        if (ContactPhone.Length == 0)
        {
            missing.Add("联系电话");
        }
        if (string.IsNullOrEmpty(ContactEmail))
        {
            missing.Add("电子邮箱");
        }
        missing.AddRange(Checklist.Where(c => c.IsMissing).Select(c => c.Label));
        return missing;
    }

    // ---- editing (Draft, or the items a return names) ------------------------------------------

    /// <summary>The stated values; unchanged values change nothing (and need no permission).</summary>
    public void UpdateStated(StatedAssessment stated)
    {
        EnsureEditable("修改申请信息");
        var before = (EnterpriseName, CreditCode, MaturityScore, MaturityLevel, SmartFactoryLevelName);
        var candidate = Normalised(stated);
        if (candidate == before)
        {
            return;
        }
        EnsureMayChange(SupplementTarget.StatedValues, null, null, "申请信息（企业名称、信用代码、成熟度分数与等级、智能工厂等级）");
        var fields = new List<string>();
        if (candidate.Item1 != before.EnterpriseName) fields.Add("企业名称");
        if (candidate.Item2 != before.CreditCode) fields.Add("统一社会信用代码");
        if (candidate.Item3 != before.MaturityScore) fields.Add("成熟度分数");
        if (candidate.Item4 != before.MaturityLevel) fields.Add("成熟度等级");
        if (candidate.Item5 != before.SmartFactoryLevelName) fields.Add("智能工厂等级");
        (EnterpriseName, CreditCode, MaturityScore, MaturityLevel, SmartFactoryLevelName) = candidate;
        Raise(new ApplicationDetailsChanged(Id, fields));
    }

    /// <summary>
    /// 联系人、联系电话、电子邮箱 under the portal's contact rules (<see cref="ContactRules"/>). A draft may leave them blank for now
    /// (submission needs all three); unchanged values change nothing.
    /// </summary>
    public void UpdateContact(string? person, string? phone, string? email)
    {
        EnsureEditable("修改联系人");
        var (p, ph, e) = ValidContact(person, phone, email);
        var fields = new List<string>();
        if (p != ContactPerson) fields.Add("联系人");
        if (ph != ContactPhone) fields.Add("联系电话");
        if (e != ContactEmail) fields.Add("电子邮箱");
        if (fields.Count == 0)
        {
            return;
        }
        EnsureMayChange(SupplementTarget.Contact, null, null, "联系人信息");
        (ContactPerson, ContactPhone, ContactEmail) = (p, ph, e);
        Raise(new ApplicationDetailsChanged(Id, fields));
    }

    public EvidenceItem AddEvidence(EvidenceKind kind, string title, Guid fileId, ContractDetails? contract, DateTime utcNow)
    {
        EnsureEditable("上传材料");
        if (!AllowedEvidenceKinds.Contains(kind))
        {
            throw new DomainException($"本申请的推荐依据不需要“{kind.ToChinese()}”，请按材料清单上传。");
        }
        EnsureMayChange(SupplementTarget.MissingEvidence, null, kind, $"补充{kind.ToChinese()}");
        var item = new EvidenceItem(Id, kind, title, fileId, contract, utcNow);
        _evidence.Add(item);
        Raise(new EvidenceChanged(Id, item.Id, EvidenceChange.Added, kind, item.Title, null, fileId));
        return item;
    }

    /// <summary>Points the item at a new file; the old file is kept as its previous version.</summary>
    public void ReplaceEvidenceFile(Guid evidenceItemId, Guid newFileId, DateTime utcNow)
    {
        EnsureEditable("替换材料");
        var item = FindEvidence(evidenceItemId);
        EnsureMayChange(SupplementTarget.Evidence, item.Id, null, $"{item.Kind.ToChinese()}：{item.Title}");
        var old = item.FileId;
        item.ReplaceFile(newFileId, utcNow);
        Raise(new EvidenceChanged(Id, item.Id, EvidenceChange.FileReplaced, item.Kind, item.Title, old, newFileId));
    }

    /// <summary>Corrects an item's title or contract particulars; unchanged values change nothing.</summary>
    public void UpdateEvidence(Guid evidenceItemId, string title, ContractDetails? contract)
    {
        EnsureEditable("修改材料");
        var item = FindEvidence(evidenceItemId);
        if ((title ?? string.Empty).Trim() == item.Title && contract == item.Contract)
        {
            return;
        }
        EnsureMayChange(SupplementTarget.Evidence, item.Id, null, $"{item.Kind.ToChinese()}：{item.Title}");
        item.Rename(title ?? string.Empty);
        item.SetContract(contract);
        Raise(new EvidenceChanged(Id, item.Id, EvidenceChange.DetailsChanged, item.Kind, item.Title, null, null));
    }

    public void RemoveEvidence(Guid evidenceItemId)
    {
        EnsureEditable("删除材料");
        var item = FindEvidence(evidenceItemId);
        EnsureMayChange(SupplementTarget.Evidence, item.Id, null, $"{item.Kind.ToChinese()}：{item.Title}");
        _evidence.Remove(item);
        Raise(new EvidenceChanged(Id, item.Id, EvidenceChange.Removed, item.Kind, item.Title, item.FileId, null));
    }

    /// <summary>Keeps what the report cross-check found at this submission (the portal reads the report's text).</summary>
    public void RecordReportCheck(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ReportCheckOutcome = result.Outcome;
        ReportCheckDetail = result.Detail.Length > MaxCheckDetailLength ? result.Detail[..MaxCheckDetailLength] : result.Detail;
    }

    // ---- transitions ---------------------------------------------------------------------------

    /// <summary>
    /// Draft → Submitted, on or before the batch deadline (end of that day in Shanghai; as extended) and with the checklist
    /// complete. A refusal says what is missing and changes nothing.
    /// </summary>
    public void Submit(DateTime utcNow, DateOnly batchDeadline)
    {
        EnsureState("提交", QuotaApplicationState.Draft);
        if (!ShanghaiTime.IsOnOrBefore(utcNow, batchDeadline))
        {
            throw new DomainException(Batch.ClosedMessage("本批次", batchDeadline, "提交申请"));
        }
        EnsureComplete("提交");
        State = QuotaApplicationState.Submitted;
        SubmittedAtUtc = utcNow;
        LastSubmittedAtUtc = utcNow;
        Raise(new ApplicationSubmitted(Id, EnterpriseId, BatchId));
    }

    /// <summary>Submitted or Resubmitted → UnderReview: a reviewer opens the application.</summary>
    public void StartReview()
    {
        EnsureState("开始审核", QuotaApplicationState.Submitted, QuotaApplicationState.Resubmitted);
        var before = State;
        State = QuotaApplicationState.UnderReview;
        Raise(new ApplicationReviewStarted(Id, before));
    }

    /// <summary>UnderReview → Passed. The returned decision is to be saved with the application.</summary>
    public ReviewDecision Pass(string reviewer, DateTime utcNow, string? remark = null, bool inBulk = false)
    {
        EnsureState("审核通过", QuotaApplicationState.UnderReview);
        var decision = new ReviewDecision(Id, ReviewDecisionKind.Pass, remark, reviewer, utcNow);
        State = QuotaApplicationState.Passed;
        DecidedAtUtc = utcNow;
        Raise(new ApplicationPassed(Id, EnterpriseId, decision.Reason, inBulk));
        return decision;
    }

    /// <summary>UnderReview → Rejected, with a reason.</summary>
    public ReviewDecision Reject(string reason, string reviewer, DateTime utcNow)
    {
        EnsureState("审核不通过", QuotaApplicationState.UnderReview);
        var decision = new ReviewDecision(Id, ReviewDecisionKind.Reject, reason, reviewer, utcNow);
        State = QuotaApplicationState.Rejected;
        DecidedAtUtc = utcNow;
        Raise(new ApplicationRejected(Id, EnterpriseId, decision.Reason!));
        return decision;
    }

    /// <summary>
    /// UnderReview → ReturnedForSupplement: the items to fix (each with its own reason) and a due date from today to at most
    /// <see cref="MaxSupplementDays"/> days later, never after the batch deadline (as the commission extended it).
    /// </summary>
    public ReviewDecision ReturnForSupplement(IReadOnlyList<SupplementItemInput> items, DateOnly dueDate, DateOnly batchDeadline, string reviewer, DateTime utcNow)
    {
        EnsureState("退回补正", QuotaApplicationState.UnderReview);
        var today = ShanghaiTime.Today(utcNow);
        var latest = LatestDueDate(today, batchDeadline);
        if (latest < today)
        {
            throw new DomainException($"本批次截止日期（{ShanghaiTime.FormatDate(batchDeadline)}）已过，不能再退回补正；请审核通过或不通过。", "DueDate");
        }
        if (dueDate < today)
        {
            throw new DomainException("补正截止日期不能早于今天。", "DueDate");
        }
        if (dueDate > today.AddDays(MaxSupplementDays))
        {
            throw new DomainException($"补正期限最长{MaxSupplementDays}天，截止日期最晚为{ShanghaiTime.FormatDate(today.AddDays(MaxSupplementDays))}。", "DueDate");
        }
        if (dueDate > batchDeadline)
        {
            throw new DomainException($"补正截止日期不能晚于本批次截止日期（{ShanghaiTime.FormatDate(batchDeadline)}，含延期）。", "DueDate");
        }
        var described = items.Select(i => (i, Describe(i))).ToList();
        var duplicate = described.GroupBy(d => d.Item2).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException($"“{duplicate.Key}”重复选择。");
        }
        var request = new SupplementRequest(Id, _supplementRequests.Count + 1, described, dueDate, Content, reviewer, utcNow);
        var decision = new ReviewDecision(Id, ReviewDecisionKind.ReturnForSupplement, request.ReasonSummary, reviewer, utcNow, request.Id);
        _supplementRequests.Add(request);
        State = QuotaApplicationState.ReturnedForSupplement;
        Raise(new ApplicationReturned(Id, EnterpriseId, request.SequenceNo, dueDate, request.ReasonSummary));
        return decision;
    }

    /// <summary>The last day a return made today may give: 15 days on, but not past the batch deadline.</summary>
    public static DateOnly LatestDueDate(DateOnly today, DateOnly batchDeadline)
    {
        var limit = today.AddDays(MaxSupplementDays);
        return limit < batchDeadline ? limit : batchDeadline;
    }

    /// <summary>
    /// ReturnedForSupplement → Resubmitted (已补正), by the return's due date (not the batch deadline). What changed since the
    /// returned submission is worked out and kept with the return; with nothing changed the resubmission is refused.
    /// </summary>
    public void Resubmit(string? note, DateTime utcNow)
    {
        EnsureState("重新提交", QuotaApplicationState.ReturnedForSupplement);
        var request = OpenSupplementRequest
            ?? throw new DomainException("没有待答复的补正要求。");
        if (!ShanghaiTime.IsOnOrBefore(utcNow, request.DueDate))
        {
            throw new DomainException($"已过补正截止日期（{ShanghaiTime.FormatDate(request.DueDate)}），不能再重新提交。");
        }
        EnsureComplete("重新提交");
        var changes = ApplicationContent.Compare(request.ReturnedContent(), Content);
        request.Answer(note, changes, utcNow);
        IsRevised = true;
        State = QuotaApplicationState.Resubmitted;
        LastSubmittedAtUtc = utcNow;
        Raise(new ApplicationResubmitted(Id, EnterpriseId, BatchId, request.SequenceNo, changes.Count));
    }

    /// <summary>Any state before a decision → Withdrawn (by the enterprise, optional reason); it may then apply again.</summary>
    public void Withdraw(string? reason, DateTime utcNow)
    {
        if (!CanWithdraw)
        {
            throw new InvalidTransitionException(RecordName, State.ToChinese(), "撤回");
        }
        var r = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (r is { Length: > MaxReasonLength })
        {
            throw new DomainException($"撤回原因过长（最多{MaxReasonLength}个字符）。");
        }
        var before = State;
        State = QuotaApplicationState.Withdrawn;
        WithdrawnAtUtc = utcNow;
        WithdrawReason = r;
        Raise(new ApplicationWithdrawn(Id, EnterpriseId, before, r));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void EnsureComplete(string action)
    {
        var missing = MissingForSubmission();
        if (missing.Count > 0)
        {
            throw new DomainException($"{action}前还需填写或上传：{string.Join("、", missing)}。");
        }
    }

    /// <summary>The subject of a return item, checking that it names something of this application.</summary>
    private string Describe(SupplementItemInput input) => input.Target switch
    {
        SupplementTarget.Contact => "联系人信息",
        SupplementTarget.StatedValues => "申请信息（企业名称、信用代码、成熟度分数与等级、智能工厂等级）",
        SupplementTarget.Evidence when input.EvidenceItemId is { } id => Subject(FindEvidence(id)),
        SupplementTarget.MissingEvidence when input.EvidenceKind is { } kind && AllowedEvidenceKinds.Contains(kind) => $"补充{kind.ToChinese()}",
        SupplementTarget.MissingEvidence => throw new DomainException("请选择需要补充的材料类别（应为本申请材料清单中的类别）。"),
        _ => throw new DomainException("请选择需要补正的材料。"),
    };

    /// <summary>
    /// Nothing to check in a draft; after a return, only what the open request names may change, so the reviewer can trust
    /// that the rest is what was reviewed.
    /// </summary>
    private void EnsureMayChange(SupplementTarget target, Guid? itemId, EvidenceKind? kind, string what)
    {
        if (State != QuotaApplicationState.ReturnedForSupplement)
        {
            return;
        }
        if (OpenSupplementRequest is not { } request || !request.Allows(target, itemId, kind))
        {
            throw new DomainException($"退回补正时只能修改第三方机构要求补正的内容，“{what}”不在本次补正要求中。");
        }
    }

    private (string, string, MaturityScore, MaturityLevel, string) Normalised(StatedAssessment stated)
    {
        var name = (stated.EnterpriseName ?? string.Empty).Trim();
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new DomainException($"请填写企业名称（最多{MaxNameLength}个字符）。", "EnterpriseName");
        }
        var code = Reference.CreditCode.Normalise(stated.CreditCode);
        if (code.Length != 18)
        {
            throw new DomainException("统一社会信用代码应为18位。", "CreditCode");
        }
        if (!Enum.IsDefined(stated.MaturityLevel))
        {
            throw new DomainException("请选择成熟度等级。", "MaturityLevel");
        }
        var smart = (stated.SmartFactoryLevelName ?? string.Empty).Trim();
        if (smart.Length == 0 || smart.Length > MaxSmartFactoryLevelNameLength)
        {
            throw new DomainException("请填写智能工厂等级。", "SmartFactoryLevelName");
        }
        return (name, code, stated.MaturityScore, stated.MaturityLevel, smart);
    }

    private void ApplyStated(StatedAssessment stated) =>
        (EnterpriseName, CreditCode, MaturityScore, MaturityLevel, SmartFactoryLevelName) = Normalised(stated);

    private static (string Person, string Phone, string? Email) ValidContact(string? person, string? phone, string? email)
    {
        var errors = new[] { ContactRules.NameError(person), ContactRules.PhoneError(phone), ContactRules.EmailError(email) }.OfType<string>().ToList();
        if (errors.Count > 0)
        {
            throw new DomainException(string.Join(" ", errors));
        }
        return (Clean(person) ?? string.Empty, Clean(phone) ?? string.Empty, Clean(email));
    }

    private static string Subject(EvidenceItem e) => $"{e.Kind.ToChinese()}：{e.Title}";

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private EvidenceItem FindEvidence(Guid id) =>
        _evidence.SingleOrDefault(e => e.Id == id) ?? throw new DomainException("找不到该材料，可能已被删除，请刷新页面。");

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
