using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Upgrades;

/// <summary>A follow-up project's particulars as the district enters them.</summary>
public sealed record FollowUpProjectInput(string Name, KeyLink Link, decimal? ContractAmountWan, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>
/// 改造升级跟踪 (docs/domain.md §4.7): per assessed enterprise and programme year, the problems the assessment found
/// (each filed under a GB/T 39116 capability domain) and the projects that followed, so the commission sees whether
/// assessments lead to upgrades. One record per confirmed assessment; it is made the first time the district records
/// something, so an assessment without one is "未跟踪".
/// </summary>
public sealed class UpgradeRecord : Entity
{
    public const string RecordName = "改造升级跟踪";

    /// <summary>A project counts as a prompt follow-up when it started within this many months of the assessment.</summary>
    public const int FollowUpMonths = 6;

    private readonly List<UpgradeProblem> _problems = [];
    private readonly List<FollowUpProject> _projects = [];

    private UpgradeRecord() { }

    /// <summary>Tracking of a confirmed assessment (the district's confirmation date is the assessment date).</summary>
    public UpgradeRecord(Assessment assessment, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        if (!AssessmentRules.Confirmed.IsSatisfiedBy(assessment) || assessment.DistrictConfirmedAtUtc is not { } confirmedAt)
        {
            throw new DomainException("只有推荐单位已确认完成的评估诊断才能跟踪改造升级。");
        }
        AssessmentId = assessment.Id;
        EnterpriseId = assessment.EnterpriseId;
        RecommendingUnitId = assessment.RecommendingUnitId;
        ProgrammeYearId = assessment.ProgrammeYearId;
        AssessedOn = ShanghaiTime.Today(confirmedAt);
        FollowUpDeadline = FollowUpDeadlineFor(AssessedOn);
        CreatedAtUtc = utcNow;
        UpdatedAtUtc = utcNow;
        Status = FollowUpStatus.NotTracked;
    }

    public Guid AssessmentId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid RecommendingUnitId { get; private set; }
    public Guid ProgrammeYearId { get; private set; }

    /// <summary>The Shanghai day the district confirmed the assessment.</summary>
    public DateOnly AssessedOn { get; private set; }

    /// <summary>The last day on which a project's start counts as within six months of the assessment.</summary>
    public DateOnly FollowUpDeadline { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Kept with the record (recomputed by every change) so lists filter and count it in the database.</summary>
    public FollowUpStatus Status { get; private set; }

    /// <summary>A project (实施中 or 已完成) started between the assessment date and <see cref="FollowUpDeadline"/>; kept like <see cref="Status"/>.</summary>
    public bool StartedWithinSixMonths { get; private set; }

    public IReadOnlyList<UpgradeProblem> Problems => _problems;
    public IReadOnlyList<FollowUpProject> Projects => _projects;

    /// <summary>Counts for the follow-up rate: at least one project not cancelled (<see cref="UpgradeRules.HasFollowUp"/>).</summary>
    public bool HasFollowUp => UpgradeRules.HasFollowUp.IsSatisfiedBy(this);

    public static DateOnly FollowUpDeadlineFor(DateOnly assessedOn) => assessedOn.AddMonths(FollowUpMonths);

    /// <summary>
    /// The six-months rule: the project has started (实施中 or 已完成 — a cancelled or merely planned one has not) on or
    /// after the assessment date and no later than six months after it. A project under way before the assessment is
    /// not its follow-up.
    /// </summary>
    public static bool StartedWithin(DateOnly assessedOn, FollowUpProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.Status is FollowUpProjectStatus.InProgress or FollowUpProjectStatus.Completed
            && project.StartDate is { } start && start >= assessedOn && start <= FollowUpDeadlineFor(assessedOn);
    }

    /// <summary>
    /// The record's follow-up status from its projects (cancelled ones ignored): none → 未跟踪; any 实施中, or some done and
    /// some still planned → 实施中; all planned → 计划中; all done → 已完成.
    /// </summary>
    public static FollowUpStatus StatusOf(IEnumerable<FollowUpProjectStatus> projects)
    {
        var live = projects.Where(s => s != FollowUpProjectStatus.Cancelled).ToList();
        if (live.Count == 0)
        {
            return FollowUpStatus.NotTracked;
        }
        if (live.All(s => s == FollowUpProjectStatus.Planned))
        {
            return FollowUpStatus.Planned;
        }
        return live.All(s => s == FollowUpProjectStatus.Completed) ? FollowUpStatus.Completed : FollowUpStatus.InProgress;
    }

    // ------------------------------------------------------------------------------------------ problems

    public UpgradeProblem AddProblem(CapabilityArea area, string? description, DateTime utcNow)
    {
        var problem = new UpgradeProblem(Id, area, description, utcNow);
        _problems.Add(problem);
        Touch(utcNow);
        Raise(new UpgradeProblemRecorded(Id, EnterpriseId, problem.Id, area));
        return problem;
    }

    public void UpdateProblem(Guid problemId, CapabilityArea area, string? description, DateTime utcNow)
    {
        var problem = FindProblem(problemId);
        var before = problem.Area;
        problem.Update(area, description);
        Touch(utcNow);
        Raise(new UpgradeProblemChanged(Id, EnterpriseId, problem.Id, before, area));
    }

    public void RemoveProblem(Guid problemId, DateTime utcNow)
    {
        var problem = FindProblem(problemId);
        _problems.Remove(problem);
        Touch(utcNow);
        Raise(new UpgradeProblemRemoved(Id, EnterpriseId, problem.Id, problem.Area));
    }

    // ------------------------------------------------------------------------------------------ projects

    public FollowUpProject AddProject(FollowUpProjectInput input, DateTime utcNow)
    {
        var project = new FollowUpProject(Id, input);
        _projects.Add(project);
        Touch(utcNow);
        Raise(new FollowUpProjectAdded(Id, EnterpriseId, project.Id, project.Name));
        return project;
    }

    public void UpdateProject(Guid projectId, FollowUpProjectInput input, DateTime utcNow)
    {
        var project = FindProject(projectId);
        project.Update(input);
        Touch(utcNow);
        Raise(new FollowUpProjectChanged(Id, EnterpriseId, project.Id, project.Name, project.Status));
    }

    /// <summary>计划中 → 实施中, on a start date no later than today.</summary>
    public void StartProject(Guid projectId, DateOnly startDate, DateTime utcNow)
    {
        var project = FindProject(projectId);
        EnsureNotFuture(startDate, utcNow, "开始日期", "startDate");
        project.Start(startDate);
        Touch(utcNow);
        Raise(new FollowUpProjectStarted(Id, EnterpriseId, project.Id, project.Name, startDate));
    }

    /// <summary>计划中 (with a start date) or 实施中 → 已完成, on an end date no later than today.</summary>
    public void CompleteProject(Guid projectId, DateOnly endDate, DateTime utcNow)
    {
        var project = FindProject(projectId);
        var before = project.Status;
        EnsureNotFuture(endDate, utcNow, "完成日期", "endDate");
        project.Complete(endDate);
        Touch(utcNow);
        Raise(new FollowUpProjectCompleted(Id, EnterpriseId, project.Id, project.Name, before, endDate));
    }

    /// <summary>计划中 or 实施中 → 已取消 (kept, not deleted).</summary>
    public void CancelProject(Guid projectId, DateTime utcNow)
    {
        var project = FindProject(projectId);
        var before = project.Status;
        project.Cancel();
        Touch(utcNow);
        Raise(new FollowUpProjectCancelled(Id, EnterpriseId, project.Id, project.Name, before));
    }

    public bool HasProject(Guid projectId) => _projects.Any(p => p.Id == projectId);

    public bool HasProblem(Guid problemId) => _problems.Any(p => p.Id == problemId);

    private static void EnsureNotFuture(DateOnly date, DateTime utcNow, string what, string field)
    {
        if (date > ShanghaiTime.Today(utcNow))
        {
            throw new DomainException($"{what}不能晚于今天（{ShanghaiTime.FormatDate(ShanghaiTime.Today(utcNow))}）。", field);
        }
    }

    private void Touch(DateTime utcNow)
    {
        UpdatedAtUtc = utcNow;
        Status = StatusOf(_projects.Select(p => p.Status));
        StartedWithinSixMonths = _projects.Any(p => StartedWithin(AssessedOn, p));
    }

    private UpgradeProblem FindProblem(Guid id) =>
        _problems.SingleOrDefault(p => p.Id == id) ?? throw new DomainException("找不到该问题，可能已被删除。");

    private FollowUpProject FindProject(Guid id) =>
        _projects.SingleOrDefault(p => p.Id == id) ?? throw new DomainException("找不到该改造项目。");
}

/// <summary>A problem the assessment found, filed under a capability domain.</summary>
public sealed class UpgradeProblem : Entity
{
    public const int MaxDescriptionLength = 1000;

    private UpgradeProblem() { }

    internal UpgradeProblem(Guid upgradeRecordId, CapabilityArea area, string? description, DateTime utcNow)
    {
        UpgradeRecordId = upgradeRecordId;
        RecordedAtUtc = utcNow;
        Update(area, description);
    }

    public Guid UpgradeRecordId { get; private set; }
    public CapabilityArea Area { get; private set; }
    public string Description { get; private set; } = string.Empty;
    public DateTime RecordedAtUtc { get; private set; }

    internal void Update(CapabilityArea area, string? description)
    {
        if (!CapabilityAreas.IsDefined(area))
        {
            throw new DomainException("请选择问题所属的能力域。", "area");
        }
        var text = (description ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw new DomainException("请填写发现的问题。", "description");
        }
        if (text.Length > MaxDescriptionLength)
        {
            throw new DomainException($"问题描述过长（最多{MaxDescriptionLength}个字符）。", "description");
        }
        Area = area;
        Description = text;
    }
}

public sealed class FollowUpProject : Entity
{
    public const string RecordName = "改造项目";
    public const int MaxNameLength = 200;

    /// <summary>Contract amounts above this (万元) are refused as a typing slip (a billion yuan).</summary>
    public const decimal MaxContractAmountWan = 100_000m;

    private FollowUpProject() { }

    internal FollowUpProject(Guid upgradeRecordId, FollowUpProjectInput input)
    {
        UpgradeRecordId = upgradeRecordId;
        Status = FollowUpProjectStatus.Planned;
        Update(input);
    }

    public Guid UpgradeRecordId { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public KeyLink Link { get; private set; }

    /// <summary>Contract amount in 万元, two decimals.</summary>
    public decimal? ContractAmountWan { get; private set; }
    public FollowUpProjectStatus Status { get; private set; }

    /// <summary>Planned start while 计划中; the actual start once started.</summary>
    public DateOnly? StartDate { get; private set; }

    /// <summary>Planned end until 已完成; then the actual end.</summary>
    public DateOnly? EndDate { get; private set; }

    internal void Update(FollowUpProjectInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Status == FollowUpProjectStatus.Cancelled)
        {
            throw new InvalidTransitionException(RecordName, Status.ToChinese(), "修改");
        }
        var name = (input.Name ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw new DomainException("请填写项目名称。", "Name");
        }
        if (name.Length > MaxNameLength)
        {
            throw new DomainException($"项目名称过长（最多{MaxNameLength}个字符）。", "Name");
        }
        if (!Enum.IsDefined(input.Link))
        {
            throw new DomainException("请选择项目所属的环节。", "Link");
        }
        if (input.ContractAmountWan is { } amount)
        {
            if (amount < 0m)
            {
                throw new DomainException("合同金额（万元）不能为负数。", "ContractAmountWan");
            }
            if (decimal.Round(amount, 2) != amount)
            {
                throw new DomainException("合同金额（万元）最多保留两位小数。", "ContractAmountWan");
            }
            if (amount > MaxContractAmountWan)
            {
                throw new DomainException($"合同金额（万元）超过{MaxContractAmountWan:0}万元，请核对单位是否为万元。", "ContractAmountWan");
            }
        }
        if (Status != FollowUpProjectStatus.Planned && input.StartDate is null)
        {
            throw new DomainException($"项目{Status.ToChinese()}，须保留开始日期。", "StartDate");
        }
        if (Status == FollowUpProjectStatus.Completed && input.EndDate is null)
        {
            throw new DomainException("项目已完成，须保留完成日期。", "EndDate");
        }
        EnsureDateOrder(input.StartDate, input.EndDate);
        Name = name;
        Link = input.Link;
        ContractAmountWan = input.ContractAmountWan;
        StartDate = input.StartDate;
        EndDate = input.EndDate;
    }

    internal void Start(DateOnly startDate)
    {
        EnsureStatus("开始实施", FollowUpProjectStatus.Planned);
        EnsureDateOrder(startDate, EndDate);
        StartDate = startDate;
        Status = FollowUpProjectStatus.InProgress;
    }

    internal void Complete(DateOnly endDate)
    {
        EnsureStatus("完成", FollowUpProjectStatus.Planned, FollowUpProjectStatus.InProgress);
        if (StartDate is null)
        {
            throw new DomainException("请先填写项目的开始日期（或先登记开始实施），再登记完成。", "endDate");
        }
        EnsureDateOrder(StartDate, endDate);
        EndDate = endDate;
        Status = FollowUpProjectStatus.Completed;
    }

    internal void Cancel()
    {
        EnsureStatus("取消", FollowUpProjectStatus.Planned, FollowUpProjectStatus.InProgress);
        Status = FollowUpProjectStatus.Cancelled;
    }

    private static void EnsureDateOrder(DateOnly? start, DateOnly? end)
    {
        if (start is { } s && end is { } e && e < s)
        {
            throw new DomainException("结束日期不能早于开始日期。", "EndDate");
        }
    }

    private void EnsureStatus(string action, params FollowUpProjectStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new InvalidTransitionException(RecordName, Status.ToChinese(), action);
        }
    }
}
