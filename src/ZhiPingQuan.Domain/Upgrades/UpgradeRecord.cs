using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Domain.Upgrades;

public enum FollowUpProjectStatus
{
    Planned,
    InProgress,
    Completed,
    Cancelled,
}

public static class FollowUpProjectStatusNames
{
    public static string ToChinese(this FollowUpProjectStatus status) => status switch
    {
        FollowUpProjectStatus.Planned => "计划中",
        FollowUpProjectStatus.InProgress => "实施中",
        FollowUpProjectStatus.Completed => "已完成",
        FollowUpProjectStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };
}

/// <summary>A follow-up project's particulars as the district enters them.</summary>
public sealed record FollowUpProjectInput(string Name, KeyLink Link, decimal? ContractAmountWan, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>
/// 改造升级跟踪 (docs/domain.md §4.7): per assessed enterprise and programme year, the problems the
/// assessment found and the projects that followed, so the commission sees whether assessments
/// lead to upgrades.
/// </summary>
public sealed class UpgradeRecord : Entity
{
    public const int MaxProblemsLength = 4000;

    private readonly List<FollowUpProject> _projects = [];

    private UpgradeRecord() { }

    public UpgradeRecord(Guid enterpriseId, Guid recommendingUnitId, Guid programmeYearId, string? problemsFound, DateTime utcNow)
    {
        if (enterpriseId == Guid.Empty || recommendingUnitId == Guid.Empty || programmeYearId == Guid.Empty)
        {
            throw new DomainException("改造升级跟踪须对应企业、推荐单位和年度。");
        }
        EnterpriseId = enterpriseId;
        RecommendingUnitId = recommendingUnitId;
        ProgrammeYearId = programmeYearId;
        CreatedAtUtc = utcNow;
        RecordProblems(problemsFound, utcNow);
    }

    public Guid EnterpriseId { get; private set; }
    public Guid RecommendingUnitId { get; private set; }
    public Guid ProgrammeYearId { get; private set; }
    public string ProblemsFound { get; private set; } = string.Empty;
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public IReadOnlyList<FollowUpProject> Projects => _projects;

    /// <summary>Counts for the follow-up rate: at least one project not cancelled.</summary>
    public bool HasFollowUp => _projects.Any(p => p.Status != FollowUpProjectStatus.Cancelled);

    public void RecordProblems(string? problemsFound, DateTime utcNow)
    {
        var p = (problemsFound ?? string.Empty).Trim();
        if (p.Length > MaxProblemsLength)
        {
            throw new DomainException($"发现的问题过长（最多{MaxProblemsLength}个字符）。");
        }
        ProblemsFound = p;
        UpdatedAtUtc = utcNow;
    }

    public FollowUpProject AddProject(FollowUpProjectInput input, DateTime utcNow)
    {
        var project = new FollowUpProject(Id, input);
        _projects.Add(project);
        UpdatedAtUtc = utcNow;
        return project;
    }

    public void UpdateProject(Guid projectId, FollowUpProjectInput input, DateTime utcNow)
    {
        Find(projectId).Update(input);
        UpdatedAtUtc = utcNow;
    }

    /// <summary>Planned → InProgress.</summary>
    public void StartProject(Guid projectId, DateOnly startDate, DateTime utcNow)
    {
        Find(projectId).Start(startDate);
        UpdatedAtUtc = utcNow;
    }

    /// <summary>Planned or InProgress → Completed.</summary>
    public void CompleteProject(Guid projectId, DateOnly endDate, DateTime utcNow)
    {
        Find(projectId).Complete(endDate);
        UpdatedAtUtc = utcNow;
    }

    /// <summary>Planned or InProgress → Cancelled (kept, not deleted).</summary>
    public void CancelProject(Guid projectId, DateTime utcNow)
    {
        Find(projectId).Cancel();
        UpdatedAtUtc = utcNow;
    }

    private FollowUpProject Find(Guid id) =>
        _projects.SingleOrDefault(p => p.Id == id) ?? throw new DomainException("找不到该改造项目。");
}

public sealed class FollowUpProject : Entity
{
    public const string RecordName = "改造项目";
    public const int MaxNameLength = 200;

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
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    internal void Update(FollowUpProjectInput input)
    {
        var name = (input.Name ?? string.Empty).Trim();
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new DomainException($"请填写项目名称（最多{MaxNameLength}个字符）。");
        }
        if (input.ContractAmountWan is { } amount && (amount < 0m || decimal.Round(amount, 2) != amount))
        {
            throw new DomainException("合同金额（万元）不能为负数，最多保留两位小数。");
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
            throw new DomainException("结束日期不能早于开始日期。");
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
