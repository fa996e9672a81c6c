using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Assessments;

/// <summary>Filters of the assessment lists (each list uses the ones that make sense for its role).</summary>
public sealed class AssessmentFilter : ListQuery
{
    public Guid? UnitId { get; set; }
    public Guid? BatchId { get; set; }
    public Guid? AgencyId { get; set; }
    public AssessmentState? State { get; set; }

    /// <summary>Only assessments not confirmed by their batch deadline.</summary>
    public bool Overdue { get; set; }

    /// <summary>Only the assessments waiting for this step (the home pages' to-do counts lead here).</summary>
    public AssessmentStep? Awaiting { get; set; }

    public string? Q { get; set; }
}

/// <summary>A step an assessment can be waiting for.</summary>
public enum AssessmentStep
{
    /// <summary>The third party's compliance check (报告已提交，待核查).</summary>
    ComplianceCheck,

    /// <summary>The district's confirmation (合规已确认，待推荐单位确认).</summary>
    DistrictConfirmation,
}

public static class AssessmentStepNames
{
    public static string ToChinese(this AssessmentStep step) => step switch
    {
        AssessmentStep.ComplianceCheck => "待第三方核查合规",
        AssessmentStep.DistrictConfirmation => "第三方已确认合规、待推荐单位确认完成",
        _ => step.ToString(),
    };

    public static QueryRule<Assessment> Rule(this AssessmentStep step) => step switch
    {
        AssessmentStep.ComplianceCheck => AssessmentRules.AwaitingComplianceCheck,
        _ => AssessmentRules.AwaitingDistrictConfirmation,
    };
}

/// <summary>One assessment in a list: who, for which batch, how far, and what the record says.</summary>
public sealed class AssessmentListItem
{
    public Guid Id { get; init; }
    public string EnterpriseName { get; init; } = "";
    public string CreditCode { get; init; } = "";
    public string UnitName { get; init; } = "";
    public string AgencyName { get; init; } = "";
    public int Year { get; init; }
    public string BatchName { get; init; } = "";
    public DateOnly Deadline { get; init; }
    public AssessmentState State { get; init; }
    public DateTime? ComplianceConfirmedAtUtc { get; init; }

    /// <summary>The domain's rules, asked of the row by the query (<c>AssessmentRules</c>).</summary>
    public bool Confirmed { get; init; }

    public bool OpenForRecording { get; init; }
    public bool AwaitingComplianceCheck { get; init; }
    public bool AwaitingDistrictConfirmation { get; init; }

    public MaturityScore? Score { get; init; }
    public MaturityLevel? StatedLevel { get; init; }
    public Guid? SmartFactoryLevelId { get; init; }
    public string? SmartFactoryLevelName { get; init; }
    public decimal? LevelScore1 { get; init; }
    public decimal? LevelScore2 { get; init; }
    public decimal? LevelScore3 { get; init; }
    public decimal? LevelScore4 { get; init; }
    public decimal? LevelScore5 { get; init; }
    public DateTime? PreAssessmentDoneAtUtc { get; init; }
    public DateTime? FormalAssessmentDoneAtUtc { get; init; }
    public DateTime? ResultPublishedAtUtc { get; init; }
    public int ReportVersion { get; init; }
    public DateTime? ReportSubmittedAtUtc { get; init; }
    public bool Overdue { get; init; }

    /// <summary>Filled after paging (needs the day and the smart-factory tiers).</summary>
    public int DaysLeft { get; set; }

    public IReadOnlyList<ConsistencyWarning> Warnings { get; set; } = [];

    public DateTime? CheckpointDoneAtUtc(AssessmentCheckpoint c) => c switch
    {
        AssessmentCheckpoint.PreAssessment => PreAssessmentDoneAtUtc,
        AssessmentCheckpoint.FormalAssessment => FormalAssessmentDoneAtUtc,
        _ => ResultPublishedAtUtc,
    };

    public LevelScores LevelScores => new(LevelScore1, LevelScore2, LevelScore3, LevelScore4, LevelScore5);
}

public sealed record Choice(Guid Id, string Label);

/// <summary>A list page: the filter, one page of rows and the choices of the filter's drop-downs.</summary>
public sealed class AssessmentListModel
{
    public required AssessmentFilter Filter { get; init; }
    public required PagedList<AssessmentListItem> Assessments { get; init; }
    public IReadOnlyList<Choice> Batches { get; init; } = [];
    public IReadOnlyList<Choice> Units { get; init; } = [];
    public IReadOnlyList<Choice> Agencies { get; init; } = [];

    /// <summary>District progress: how many of the unit's assessments are in each state, and how many are overdue.</summary>
    public IReadOnlyDictionary<AssessmentState, int> CountsByState { get; init; } = new Dictionary<AssessmentState, int>();
    public int OverdueCount { get; init; }
    public int AwaitingDistrictCount { get; init; }

    /// <summary>The commission's view is the third party's list without the actions.</summary>
    public bool ReadOnly { get; init; }
}

/// <summary>One stored version of the report, newest first on the pages.</summary>
public sealed record ReportFileVersion(Guid FileId, int VersionNumber, string FileName, long SizeBytes, string Sha256, string UploadedBy, DateTime AtUtc, bool IsCurrent);

/// <summary>Everything the pages show about one assessment.</summary>
public sealed class AssessmentView
{
    public required Assessment Assessment { get; init; }
    public required string EnterpriseName { get; init; }
    public required string CreditCode { get; init; }
    public required string UnitName { get; init; }
    public required string AgencyName { get; init; }
    public required string AgencyLevel { get; init; }
    public required int Year { get; init; }
    public required string BatchName { get; init; }
    public required DateOnly Deadline { get; init; }
    public required int DaysLeft { get; init; }
    public required bool Overdue { get; init; }
    public required IReadOnlyList<ConsistencyWarning> Warnings { get; init; }
    public required IReadOnlyList<ReportFileVersion> ReportFiles { get; init; }
    public required IReadOnlyList<AuditEntry> History { get; init; }

    /// <summary>Whether the reader may see the return reasons (not the enterprise before confirmation).</summary>
    public bool ShowsReturns { get; init; }
    public required IReadOnlyList<string> MissingForSubmission { get; init; }

    public bool IsEditable => AssessmentRules.OpenForRecording.IsSatisfiedBy(Assessment);

    /// <summary>The return the agency is answering now (the latest, while Returned).</summary>
    public AssessmentReturn? OpenReturn => Assessment.State == AssessmentState.Returned ? Assessment.Returns.OrderBy(r => r.AtUtc).LastOrDefault() : null;
}

/// <summary>The agency's record page: the record form and the submission panel beside the assessment's view.</summary>
public sealed class AssessmentRecordModel
{
    public required AssessmentView View { get; init; }
    public required AssessmentRecordForm Form { get; init; }
    public required IReadOnlyList<SmartFactoryLevel> SmartFactoryLevels { get; init; }
}

/// <summary>The details page for every role that may read the record, with the actions of the user's role.</summary>
public sealed class AssessmentDetailsModel
{
    public required AssessmentView View { get; init; }
    public bool CanEditRecord { get; init; }
    public bool CanReview { get; init; }
    public bool CanConfirmCompletion { get; init; }

    /// <summary>An enterprise sees its result and report only once the district has confirmed the assessment.</summary>
    public bool ShowsResult { get; init; } = true;
    public bool ShowsEarlierVersions { get; init; } = true;

    /// <summary>The reasons the third party typed when its return was refused, shown again in the form.</summary>
    public string? PostedReasons { get; init; }
}

public static class AssessmentText
{
    private static readonly string[] LevelNames = ["一级", "二级", "三级", "四级", "五级"];

    /// <summary>"一级"…"五级" for the level scores 1–5.</summary>
    public static string LevelName(int level) => LevelNames[level - 1];
}
