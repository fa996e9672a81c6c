using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Assessments;

/// <summary>
/// 评估诊断 (docs/domain.md §4.2): one per recommendation. The district assigns an agency, the enterprise agrees,
/// the agency declares no conflict of interest and starts; it records the process and the result and
/// submits the report; the third party confirms compliance (or returns it); the district confirms
/// completion, which moves the recommendation to Assessed.
/// </summary>
public sealed class Assessment : Entity
{
    public const string DefaultStandardEditions = "GB/T 39116-2020 / GB/T 39117-2020";

    private const string Record = "评估诊断";

    private readonly List<AssessmentAssignmentChange> _assignmentChanges = [];
    private readonly List<AssessmentReturn> _returns = [];

    private Assessment() { }

    /// <summary>The district assigns an agency to a recommended enterprise (state Assigned).</summary>
    public Assessment(Recommendation recommendation, ServiceAgency agency, string assignedBy, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        if (recommendation.State != RecommendationState.Recommended)
        {
            throw new DomainException($"只有已推荐的企业才能分配评估机构，当前推荐状态为“{recommendation.State.ToChinese()}”。");
        }
        if (recommendation.DistrictFundedOnly)
        {
            throw new DomainException(DistrictFundedOnlyMessage);
        }
        EnsureAgencyUsable(agency, recommendation.RecommendingUnitId, utcNow);
        RecommendationId = recommendation.Id;
        EnterpriseId = recommendation.EnterpriseId;
        RecommendingUnitId = recommendation.RecommendingUnitId;
        ProgrammeYearId = recommendation.ProgrammeYearId;
        BatchId = recommendation.BatchId;
        AgencyId = agency.Id;
        AssignedBy = RequireName(assignedBy);
        AssignedAtUtc = utcNow;
        State = AssessmentState.Assigned;
        Raise(new AgencyAssigned(Id, EnterpriseId, RecommendingUnitId, AgencyId, agency.Name, agency.Level));
    }

    public const string DistrictFundedOnlyMessage = "该推荐为区级叠加支持，不纳入智评券评估，不能指派服务机构。";
    public const string AgencyNotOpenMessage = "所选服务机构不可指派：只能指派市级服务机构或本单位推荐的区级服务机构。";
    public const string ConflictBlocksMessage = "本机构已声明与该企业存在利益冲突，不能接受该评估任务；请等待推荐单位改派其他服务机构。";

    public Guid RecommendationId { get; private set; }
    public Recommendation? Recommendation { get; private set; }

    public Guid EnterpriseId { get; private set; }
    public Enterprise? Enterprise { get; private set; }

    public Guid AgencyId { get; private set; }
    public ServiceAgency? Agency { get; private set; }

    public Guid RecommendingUnitId { get; private set; }
    public Guid ProgrammeYearId { get; private set; }
    public Guid BatchId { get; private set; }

    public AssessmentState State { get; private set; }

    // Assignment
    public DateTime AssignedAtUtc { get; private set; }
    public string AssignedBy { get; private set; } = string.Empty;
    public DateTime? EnterpriseConfirmedAtUtc { get; private set; }
    public string? EnterpriseConfirmedBy { get; private set; }

    /// <summary>Set when the enterprise declined the assigned agency (with a reason); cleared by a reassignment.</summary>
    public DateTime? EnterpriseDeclinedAtUtc { get; private set; }
    public string? EnterpriseDeclinedBy { get; private set; }
    public string? EnterpriseDeclineReason { get; private set; }

    /// <summary>Null until the agency declares; false = no conflict of interest; true = a conflict (blocks starting).</summary>
    public bool? ConflictDeclared { get; private set; }
    public string? ConflictStatement { get; private set; }
    public DateTime? ConflictDeclaredAtUtc { get; private set; }
    public string? ConflictDeclaredBy { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public IReadOnlyList<AssessmentAssignmentChange> AssignmentChanges => _assignmentChanges;

    // The agency's record
    public string StandardEditions { get; private set; } = DefaultStandardEditions;
    public DateOnly? StartDate { get; private set; }
    public DateOnly? SiteVisitDate { get; private set; }
    public string? Assessors { get; private set; }
    public LevelScores LevelScores { get; private set; } = LevelScores.None;
    public MaturityScore? Score { get; private set; }
    public MaturityLevel? StatedLevel { get; private set; }
    public Guid? SmartFactoryLevelId { get; private set; }

    /// <summary>The tier's name when it was chosen, so renaming the reference list does not rewrite reports.</summary>
    public string? SmartFactoryLevelName { get; private set; }

    /// <summary>The stored file of the current report (the file store lives elsewhere).</summary>
    public Guid? ReportFileId { get; private set; }

    /// <summary>How many times a report has been submitted (1 for the first submission).</summary>
    public int ReportVersion { get; private set; }
    public DateTime? ReportSubmittedAtUtc { get; private set; }
    public string? ReportSubmittedBy { get; private set; }

    // Process checkpoints
    public DateTime? PreAssessmentDoneAtUtc { get; private set; }
    public DateTime? FormalAssessmentDoneAtUtc { get; private set; }
    public DateTime? ResultPublishedAtUtc { get; private set; }

    // Supervision
    public DateTime? ComplianceConfirmedAtUtc { get; private set; }
    public string? ComplianceConfirmedBy { get; private set; }
    public IReadOnlyList<AssessmentReturn> Returns => _returns;
    public DateTime? DistrictConfirmedAtUtc { get; private set; }
    public string? DistrictConfirmedBy { get; private set; }

    public bool IsComplianceConfirmed => ComplianceConfirmedAtUtc is not null;

    /// <summary>The date the assessment counts as done on (site visit, else start): agency validity is judged on it.</summary>
    public DateOnly? AssessmentDate => SiteVisitDate ?? StartDate;

    /// <summary>The level the score falls in (null without a score).</summary>
    public MaturityLevel? DerivedLevel => Score?.Level;

    public DateTime? CheckpointDoneAtUtc(AssessmentCheckpoint checkpoint) => checkpoint switch
    {
        AssessmentCheckpoint.PreAssessment => PreAssessmentDoneAtUtc,
        AssessmentCheckpoint.FormalAssessment => FormalAssessmentDoneAtUtc,
        AssessmentCheckpoint.ResultPublication => ResultPublishedAtUtc,
        _ => throw new ArgumentOutOfRangeException(nameof(checkpoint)),
    };

    /// <summary>The enterprise agrees to the assigned agency (Assigned only).</summary>
    public void ConfirmByEnterprise(string byUserName, DateTime utcNow)
    {
        RequireState(AssessmentState.Assigned, "企业确认评估机构");
        if (EnterpriseConfirmedAtUtc is not null)
        {
            throw new DomainException("企业已确认该评估机构。");
        }
        if (EnterpriseDeclinedAtUtc is not null)
        {
            throw new DomainException(DeclinedAwaitingReassignmentMessage);
        }
        EnterpriseConfirmedBy = RequireName(byUserName);
        EnterpriseConfirmedAtUtc = utcNow;
        Raise(new AgencyAgreedByEnterprise(Id, EnterpriseId, AgencyId));
    }

    public const int MaxDeclineReasonLength = 500;

    public const string DeclinedAwaitingReassignmentMessage = "企业已拒绝该服务机构，等待推荐单位改派其他服务机构。";

    /// <summary>
    /// The enterprise declines the assigned agency, with a reason (Assigned, before it agreed). The assessment stays
    /// Assigned and waits for the district to reassign; the agency cannot start.
    /// </summary>
    public void DeclineByEnterprise(string? reason, string byUserName, DateTime utcNow)
    {
        RequireState(AssessmentState.Assigned, "企业拒绝评估机构");
        if (EnterpriseConfirmedAtUtc is not null)
        {
            throw new DomainException("企业已同意由该机构评估，不能再拒绝；如需更换，请联系推荐单位改派。");
        }
        if (EnterpriseDeclinedAtUtc is not null)
        {
            throw new DomainException(DeclinedAwaitingReassignmentMessage);
        }
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException("拒绝所指派的服务机构必须填写原因。", "Reason");
        }
        if (text.Length > MaxDeclineReasonLength)
        {
            throw new DomainException($"拒绝原因不能超过{MaxDeclineReasonLength}个字。", "Reason");
        }
        EnterpriseDeclinedBy = RequireName(byUserName);
        EnterpriseDeclinedAtUtc = utcNow;
        EnterpriseDeclineReason = text;
        Raise(new AgencyDeclinedByEnterprise(Id, EnterpriseId, RecommendingUnitId, AgencyId, text));
    }

    /// <summary>
    /// The agency declares whether it has a conflict of interest (Assigned only). A declared conflict is final for
    /// this assignment: the agency cannot take the task back, the district must reassign.
    /// </summary>
    public void DeclareConflict(bool hasConflict, string? statement, string byUserName, DateTime utcNow)
    {
        RequireState(AssessmentState.Assigned, "利益冲突声明");
        if (ConflictDeclared == true)
        {
            throw new DomainException(ConflictBlocksMessage);
        }
        if (EnterpriseDeclinedAtUtc is not null)
        {
            throw new DomainException(DeclinedAwaitingReassignmentMessage);
        }
        var text = string.IsNullOrWhiteSpace(statement) ? null : statement.Trim();
        if (hasConflict && text is null)
        {
            throw new DomainException("声明存在利益冲突时必须说明情况。");
        }
        if (text is not null && text.Length > 1000)
        {
            throw new DomainException("利益冲突说明不能超过1000个字。");
        }
        var by = RequireName(byUserName);
        ConflictDeclared = hasConflict;
        ConflictStatement = text;
        ConflictDeclaredBy = by;
        ConflictDeclaredAtUtc = utcNow;
        if (hasConflict)
        {
            Raise(new ConflictOfInterestDeclared(Id, EnterpriseId, RecommendingUnitId, AgencyId, text!));
        }
    }

    /// <summary>
    /// Assigned → InProgress: the agency accepts and starts. Needs the enterprise's agreement and a
    /// declaration of no conflict; a declared conflict blocks it (the district must reassign).
    /// </summary>
    public void Start(string byUserName, DateTime utcNow)
    {
        RequireState(AssessmentState.Assigned, "开始评估");
        if (EnterpriseConfirmedAtUtc is null)
        {
            throw new DomainException("企业尚未确认评估机构，不能开始评估。");
        }
        switch (ConflictDeclared)
        {
            case null:
                throw new DomainException("服务机构尚未声明无利益冲突，不能开始评估。");
            case true:
                throw new DomainException(ConflictBlocksMessage);
        }
        RequireName(byUserName);
        State = AssessmentState.InProgress;
        StartedAtUtc = utcNow;
        Raise(new AssessmentAccepted(Id, AgencyId));
    }

    /// <summary>Why the agency can no longer be changed (the reassignment page says it before the form, the change refuses with it).</summary>
    public static string ReassignClosedMessage(AssessmentState state) =>
        $"评估报告已提交，不能再改派服务机构（当前状态：{state.ToChinese()}）。";

    /// <summary>
    /// Assigned or InProgress → Assigned to another agency, with a reason kept in the history. Refused
    /// once a report has been submitted. The enterprise must agree again and the new agency declare again;
    /// the previous agency's record is cleared.
    /// </summary>
    public void Reassign(ServiceAgency newAgency, string reason, string byUserName, DateTime utcNow)
    {
        if (!AssessmentRules.Reassignable.IsSatisfiedBy(this))
        {
            throw new DomainException(ReassignClosedMessage(State));
        }
        EnsureAgencyUsable(newAgency, RecommendingUnitId, utcNow);
        if (newAgency.Id == AgencyId)
        {
            throw new DomainException("改派的评估机构与当前机构相同。");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("改派评估机构必须填写原因。", "Reason");
        }
        if (reason.Trim().Length > MaxReassignReasonLength)
        {
            throw new DomainException($"改派原因不能超过{MaxReassignReasonLength}个字。", "Reason");
        }
        var by = RequireName(byUserName);
        var previousAgencyId = AgencyId;
        var stateBefore = State;
        _assignmentChanges.Add(new AssessmentAssignmentChange(AgencyId, newAgency.Id, reason.Trim(), by, utcNow));
        AgencyId = newAgency.Id;
        AssignedBy = by;
        AssignedAtUtc = utcNow;
        EnterpriseConfirmedAtUtc = null;
        EnterpriseConfirmedBy = null;
        EnterpriseDeclinedAtUtc = null;
        EnterpriseDeclinedBy = null;
        EnterpriseDeclineReason = null;
        ConflictDeclared = null;
        ConflictStatement = null;
        ConflictDeclaredAtUtc = null;
        ConflictDeclaredBy = null;
        StartedAtUtc = null;
        StandardEditions = DefaultStandardEditions;
        StartDate = null;
        SiteVisitDate = null;
        Assessors = null;
        LevelScores = LevelScores.None;
        Score = null;
        StatedLevel = null;
        SmartFactoryLevelId = null;
        SmartFactoryLevelName = null;
        PreAssessmentDoneAtUtc = null;
        FormalAssessmentDoneAtUtc = null;
        ResultPublishedAtUtc = null;
        State = AssessmentState.Assigned;
        Raise(new AgencyReassigned(Id, EnterpriseId, RecommendingUnitId, previousAgencyId, stateBefore,
            newAgency.Id, newAgency.Name, newAgency.Level, reason.Trim()));
    }

    public const int MaxReassignReasonLength = 500;

    /// <summary>The agency records (or corrects) the assessment's data; InProgress or Returned only.</summary>
    public void UpdateRecord(
        string? standardEditions,
        DateOnly? startDate,
        DateOnly? siteVisitDate,
        string? assessors,
        LevelScores? levelScores,
        MaturityScore? score,
        MaturityLevel? statedLevel,
        SmartFactoryLevel? smartFactoryLevel)
    {
        RequireEditable("填写评估记录");
        var editions = string.IsNullOrWhiteSpace(standardEditions) ? DefaultStandardEditions : standardEditions.Trim();
        if (editions.Length > 200)
        {
            throw new DomainException("标准版本不能超过200个字符。");
        }
        if (startDate is not null && siteVisitDate is not null && siteVisitDate.Value < startDate.Value)
        {
            throw new DomainException(
                $"现场评估日期（{ShanghaiTime.FormatDate(siteVisitDate.Value)}）不能早于开始日期（{ShanghaiTime.FormatDate(startDate.Value)}）。");
        }
        var people = string.IsNullOrWhiteSpace(assessors) ? null : assessors.Trim();
        if (people is not null && people.Length > 500)
        {
            throw new DomainException("评估人员不能超过500个字。");
        }
        if (statedLevel is not null && !Enum.IsDefined(statedLevel.Value))
        {
            throw new DomainException("成熟度等级无效。");
        }
        if (smartFactoryLevel is not null && !smartFactoryLevel.IsActive && smartFactoryLevel.Id != SmartFactoryLevelId)
        {
            throw new DomainException($"智能工厂等级“{smartFactoryLevel.Name}”已停用，请重新选择。");
        }
        var changed = new List<string>();
        void Note(bool differs, string field)
        {
            if (differs)
            {
                changed.Add(field);
            }
        }
        Note(StandardEditions != editions, "标准版本");
        Note(StartDate != startDate, "开始日期");
        Note(SiteVisitDate != siteVisitDate, "现场评估日期");
        Note(Assessors != people, "评估人员");
        Note(LevelScores != (levelScores ?? LevelScores.None), "各级得分");
        Note(Score != score, "成熟度分数");
        Note(StatedLevel != statedLevel, "成熟度等级");
        Note(SmartFactoryLevelId != smartFactoryLevel?.Id, "智能工厂等级");
        StandardEditions = editions;
        StartDate = startDate;
        SiteVisitDate = siteVisitDate;
        Assessors = people;
        LevelScores = levelScores ?? LevelScores.None;
        Score = score;
        StatedLevel = statedLevel;
        SmartFactoryLevelId = smartFactoryLevel?.Id;
        SmartFactoryLevelName = smartFactoryLevel?.Name;
        Raise(new AssessmentRecordSaved(Id, changed));
    }

    /// <summary>Marks a process step done; steps go in order 预评估 → 正式评估 → 结果发布.</summary>
    public void CompleteCheckpoint(AssessmentCheckpoint checkpoint, DateTime utcNow)
    {
        RequireEditable($"记录{checkpoint.ToChinese()}");
        if (CheckpointDoneAtUtc(checkpoint) is not null)
        {
            throw new DomainException($"“{checkpoint.ToChinese()}”已记录完成。");
        }
        var previous = AssessmentCheckpointNames.All.TakeWhile(c => c != checkpoint).FirstOrDefault(c => CheckpointDoneAtUtc(c) is null);
        if (previous != default)
        {
            throw new DomainException($"请先完成“{previous.ToChinese()}”，再记录“{checkpoint.ToChinese()}”。");
        }
        switch (checkpoint)
        {
            case AssessmentCheckpoint.PreAssessment:
                PreAssessmentDoneAtUtc = utcNow;
                break;
            case AssessmentCheckpoint.FormalAssessment:
                FormalAssessmentDoneAtUtc = utcNow;
                break;
            case AssessmentCheckpoint.ResultPublication:
                ResultPublishedAtUtc = utcNow;
                break;
        }
        Raise(new CheckpointCompleted(Id, checkpoint));
    }

    /// <summary>What is still missing before the report can be submitted (empty = ready).</summary>
    public IReadOnlyList<string> MissingForSubmission(Guid? reportFileId = null)
    {
        var missing = new List<string>();
        if (StartDate is null) missing.Add("开始日期");
        if (SiteVisitDate is null) missing.Add("现场评估日期");
        if (Assessors is null) missing.Add("评估人员");
        if (Score is null) missing.Add("成熟度分数");
        if (StatedLevel is null) missing.Add("成熟度等级");
        if (SmartFactoryLevelId is null) missing.Add("智能工厂等级");
        foreach (var c in AssessmentCheckpointNames.All.Where(c => CheckpointDoneAtUtc(c) is null))
        {
            missing.Add(c.ToChinese());
        }
        if ((reportFileId ?? ReportFileId) is null || (reportFileId ?? ReportFileId) == Guid.Empty) missing.Add("评估报告文件");
        return missing;
    }

    /// <summary>InProgress or Returned → ReportSubmitted (a resubmission makes a new report version).</summary>
    public void SubmitReport(Guid reportFileId, string byUserName, DateTime utcNow)
    {
        RequireEditable("提交评估报告");
        var missing = MissingForSubmission(reportFileId);
        if (missing.Count > 0)
        {
            throw new DomainException($"提交评估报告前还需完成：{string.Join("、", missing)}。");
        }
        var by = RequireName(byUserName);
        var stateBefore = State;
        ReportFileId = reportFileId;
        ReportVersion++;
        ReportSubmittedBy = by;
        ReportSubmittedAtUtc = utcNow;
        ComplianceConfirmedAtUtc = null;
        ComplianceConfirmedBy = null;
        State = AssessmentState.ReportSubmitted;
        Raise(new ReportSubmitted(Id, EnterpriseId, AgencyId, stateBefore, ReportVersion, reportFileId));
    }

    /// <summary>The third party confirms compliance (steps done, report complete, score/level consistent). State stays ReportSubmitted.</summary>
    public void ConfirmCompliance(string byUserName, DateTime utcNow)
    {
        RequireState(AssessmentState.ReportSubmitted, "确认合规");
        if (IsComplianceConfirmed)
        {
            throw new DomainException("第三方机构已确认该评估合规。");
        }
        ComplianceConfirmedBy = RequireName(byUserName);
        ComplianceConfirmedAtUtc = utcNow;
        Raise(new ComplianceConfirmed(Id, EnterpriseId, RecommendingUnitId, ReportVersion));
    }

    /// <summary>ReportSubmitted → Returned to the agency with reasons (kept in the history); voids a compliance confirmation.</summary>
    public void Return(string reasons, string byUserName, DateTime utcNow)
    {
        RequireState(AssessmentState.ReportSubmitted, "退回");
        if (string.IsNullOrWhiteSpace(reasons))
        {
            throw new DomainException("退回必须填写原因。");
        }
        if (reasons.Trim().Length > 2000)
        {
            throw new DomainException("退回原因不能超过2000个字。");
        }
        _returns.Add(new AssessmentReturn(ReportVersion, reasons.Trim(), RequireName(byUserName), utcNow));
        ComplianceConfirmedAtUtc = null;
        ComplianceConfirmedBy = null;
        State = AssessmentState.Returned;
        Raise(new ReportReturned(Id, EnterpriseId, AgencyId, ReportVersion, reasons.Trim()));
    }

    /// <summary>
    /// ReportSubmitted (compliance confirmed) → Confirmed by the district. The recommendation becomes Assessed in
    /// the same save, through <see cref="AssessmentConfirmed"/> (the assessment does not change another record).
    /// </summary>
    public void ConfirmCompletion(string byUserName, DateTime utcNow)
    {
        RequireState(AssessmentState.ReportSubmitted, "确认评估完成");
        if (!IsComplianceConfirmed)
        {
            throw new DomainException("第三方机构尚未确认合规，推荐单位暂不能确认完成。");
        }
        DistrictConfirmedBy = RequireName(byUserName);
        DistrictConfirmedAtUtc = utcNow;
        State = AssessmentState.Confirmed;
        Raise(new AssessmentConfirmed(Id, RecommendationId, EnterpriseId, AgencyId));
    }

    private void RequireState(AssessmentState expected, string action)
    {
        if (State != expected)
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), action);
        }
    }

    private void RequireEditable(string action)
    {
        if (!AssessmentRules.OpenForRecording.IsSatisfiedBy(this))
        {
            throw new InvalidTransitionException(Record, State.ToChinese(), action);
        }
    }

    private static void EnsureAgencyUsable(ServiceAgency agency, Guid recommendingUnitId, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (!agency.IsOpenTo(recommendingUnitId))
        {
            throw new DomainException(AgencyNotOpenMessage, "AgencyId");
        }
        if (!agency.IsActive)
        {
            throw new DomainException($"服务机构“{agency.Name}”已停用，不能分配。", "AgencyId");
        }
        var today = DateOnly.FromDateTime(ShanghaiTime.ToShanghai(utcNow));
        if (!agency.IsValidOn(today))
        {
            throw new DomainException($"服务机构“{agency.Name}”不在有效期内，不能分配。", "AgencyId");
        }
    }

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new DomainException("操作人不能为空。") : name.Trim();
}
