using ZhiPingQuan.Web.Features.Shared;
using System.Globalization;
using FluentValidation;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Applications;

// ------------------------------------------------------------------------------------------------ files

/// <summary>Evidence uploads: the types and the limit shown beside every file input.</summary>
public static class EvidenceUpload
{
    public static IReadOnlyList<AllowedFileType> Types => FileTypes.Evidence;

    public const long MaxSizeBytes = FileTypes.DefaultMaxSizeBytes;

    /// <summary>Kestrel refuses bodies above this early; a little above the limit so the form's own Chinese message answers first.</summary>
    public const long RequestLimitBytes = MaxSizeBytes + 2L * 1024 * 1024;

    public static string Accept => FileTypes.AcceptAttribute(Types);

    public static string Hint => $"仅限{FileTypes.DescribeExtensions(Types)}格式，按文件内容核验，单个文件不超过{FileTypes.DescribeSize(MaxSizeBytes)}。";
}

/// <summary>One stored file as the pages show it: name, size, SHA-256, version, who and when.</summary>
public sealed record FileView(Guid FileId, string FileName, string ContentType, long SizeBytes, string Sha256, int VersionNumber,
    Guid? PreviousVersionId, string UploadedBy, DateTime AtUtc)
{
    /// <summary>PDF and images open in the browser; everything else downloads.</summary>
    public bool OpensInBrowser => FileTypes.IsViewableInBrowser(ContentType);

    public string Size => FileTypes.DescribeSize(SizeBytes);

    public static FileView Of(StoredFile f) =>
        new(f.Id, f.OriginalFileName, f.ContentType, f.SizeBytes, f.Sha256, f.VersionNumber, f.PreviousVersionId, f.UploadedBy, f.AtUtc);
}

/// <summary>An evidence item with its current file and the files it replaced (newest first).</summary>
public sealed record EvidenceView(EvidenceItem Item, FileView? File, IReadOnlyList<FileView> EarlierVersions);

// ------------------------------------------------------------------------------------------------ one application

/// <summary>Everything the pages show about one application, for the enterprise and for the reviewers.</summary>
public sealed class ApplicationView
{
    public required QuotaApplication Application { get; init; }
    public required string UnitName { get; init; }
    public required string AgencyName { get; init; }
    public required int Year { get; init; }
    public required string BatchName { get; init; }
    public required DateOnly Deadline { get; init; }
    public required DateOnly OriginalDeadline { get; init; }
    public required int DaysLeft { get; init; }
    public required FileView? Report { get; init; }
    public required IReadOnlyList<EvidenceView> Evidence { get; init; }
    public required IReadOnlyDictionary<Guid, FileView> Files { get; init; }
    public required IReadOnlyList<ReviewDecision> Decisions { get; init; }
    public required IReadOnlyList<AuditEntry> History { get; init; }
    public required DateOnly Today { get; init; }

    /// <summary>For a passed application without a redemption: why it cannot be redeemed (the agency's level or validity).</summary>
    public string? NotRedeemableReason { get; init; }

    public string BatchLabel => $"{Year}年度{BatchName}";

    public bool DeadlinePassed => DaysLeft < 0;

    public IReadOnlyList<EvidenceView> EvidenceOf(EvidenceKind kind) => Evidence.Where(e => e.Item.Kind == kind).ToList();

    public FileView? FileOf(Guid? id) => id is { } fileId ? Files.GetValueOrDefault(fileId) : null;
}

/// <summary>The enterprise's page of one application: the view, the form as posted (on a refusal) and the tier choices.</summary>
public sealed class ApplicationPageModel
{
    public required ApplicationView View { get; init; }
    public required ApplicationDetailsForm Details { get; init; }
    public required IReadOnlyList<string> SmartFactoryLevels { get; init; }

    /// <summary>The evidence form as posted, re-shown beside its refusal.</summary>
    public EvidenceForm? PostedEvidence { get; init; }

    /// <summary>The resubmission's note as posted, re-shown beside its refusal.</summary>
    public string? PostedNote { get; init; }
}

// ------------------------------------------------------------------------------------------------ lists

public enum ApplicationQueue
{
    Draft,
    Returned,
}

public static class ApplicationQueueRules
{
    public static Domain.Common.QueryRule<QuotaApplication> Rule(this ApplicationQueue queue) => queue switch
    {
        ApplicationQueue.Draft => QuotaApplicationRules.Draft,
        _ => QuotaApplicationRules.AwaitingSupplement,
    };
}

public sealed class ApplicationListFilter
{
    public ApplicationQueue? Queue { get; set; }
    public int Page { get; set; } = 1;
}

public sealed record ApplicationListItem(Guid Id, int Year, string BatchName, QuotaApplicationState State, bool IsRevised,
    DateTime CreatedAtUtc, DateTime? LastSubmittedAtUtc, DateTime? DecidedAtUtc, DateOnly? DueDate);

public sealed class ApplicationIndexModel
{
    public required ApplicationListFilter Filter { get; init; }
    public required PagedList<ApplicationListItem> Applications { get; init; }
    public required IReadOnlyList<Shared.ApplicationOpportunity> Opportunities { get; init; }
}

/// <summary>The pre-filled start of an application: what the records say, and the contact to confirm.</summary>
public sealed class NewApplicationModel
{
    public required Shared.ApplicationOpportunity Opportunity { get; init; }
    public required string UnitName { get; init; }
    public required string AgencyName { get; init; }
    public required IReadOnlyList<RecommendationBasis> Bases { get; init; }
    public required ApplicationDetailsForm Form { get; init; }
    public required IReadOnlyList<string> SmartFactoryLevels { get; init; }
}

// ------------------------------------------------------------------------------------------------ forms

/// <summary>The stated values (pre-filled from the records) and the contact.</summary>
public sealed class ApplicationDetailsForm
{
    public Guid? Version { get; set; }
    public string? EnterpriseName { get; set; }
    public string? CreditCode { get; set; }
    public decimal? Score { get; set; }
    public MaturityLevel? MaturityLevel { get; set; }
    public string? SmartFactoryLevelName { get; set; }
    public string? ContactPerson { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }

    public static ApplicationDetailsForm From(QuotaApplication a) => new()
    {
        Version = a.Version,
        EnterpriseName = a.EnterpriseName,
        CreditCode = a.CreditCode,
        Score = a.MaturityScore.Value,
        MaturityLevel = a.MaturityLevel,
        SmartFactoryLevelName = a.SmartFactoryLevelName,
        ContactPerson = a.ContactPerson,
        ContactPhone = a.ContactPhone,
        ContactEmail = a.ContactEmail,
    };

    public StatedAssessment ToStated() =>
        new(EnterpriseName ?? string.Empty, CreditCode ?? string.Empty, new MaturityScore(Score!.Value), MaturityLevel!.Value, SmartFactoryLevelName ?? string.Empty);
}

public sealed class ApplicationDetailsFormValidator : AbstractValidator<ApplicationDetailsForm>
{
    public ApplicationDetailsFormValidator()
    {
        RuleFor(f => f.EnterpriseName).NotEmpty().WithMessage("请填写企业名称。");
        RuleFor(f => f.CreditCode).NotEmpty().WithMessage("请填写统一社会信用代码。");
        RuleFor(f => f.Score).NotNull().WithMessage("请填写智能制造能力成熟度分数（0–5，两位小数）。")
            .InclusiveBetween(0m, 5m).WithMessage("成熟度分数应在0至5之间。")
            .Must(s => s is null || decimal.Round(s.Value, 2) == s.Value).WithMessage("成熟度分数最多保留两位小数。");
        RuleFor(f => f.MaturityLevel).NotNull().WithMessage("请选择成熟度等级。").IsInEnum().WithMessage("请选择成熟度等级。");
        RuleFor(f => f.SmartFactoryLevelName).NotEmpty().WithMessage("请选择智能工厂等级。");
    }
}

/// <summary>One evidence upload (or correction): the kind, a title, the contract's particulars for an upgrade contract.</summary>
public sealed class EvidenceForm
{
    public Guid? Version { get; set; }
    public EvidenceKind? Kind { get; set; }
    public string? Title { get; set; }
    public decimal? AmountWan { get; set; }
    public KeyLink? Link { get; set; }
    public DateOnly? Date { get; set; }

    /// <summary>The contract particulars when all three are given; the domain says what is missing otherwise.</summary>
    public ContractDetails? Contract =>
        AmountWan is { } amount && Link is { } link && Date is { } date ? new ContractDetails(amount, link, date) : null;

    /// <summary>The links an upgrade contract may name on the form: the seven key links and 其他.</summary>
    public static IReadOnlyList<KeyLink> Links { get; } = [.. KeyLinks.All.Where(l => l.IsKeyLink()), KeyLink.Other];

    public static string Amount(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty;
}

// ------------------------------------------------------------------------------------------------ review

public enum ReviewQueue
{
    AwaitingReview,
    UnderReview,
    Returned,
    Decided,
}

public static class ReviewQueueRules
{
    public static Domain.Common.QueryRule<QuotaApplication> Rule(this ReviewQueue queue) => queue switch
    {
        ReviewQueue.AwaitingReview => QuotaApplicationRules.AwaitingReview,
        ReviewQueue.UnderReview => QuotaApplicationRules.UnderReview,
        ReviewQueue.Returned => QuotaApplicationRules.AwaitingSupplement,
        _ => QuotaApplicationRules.Decided,
    };

    public static string ToChinese(this ReviewQueue queue) => queue switch
    {
        ReviewQueue.AwaitingReview => "待审核（新提交或已补正）",
        ReviewQueue.UnderReview => "审核中",
        ReviewQueue.Returned => "退回补正中",
        _ => "已作出结论",
    };
}

public sealed class ReviewFilter : ListQuery
{
    public ReviewQueue? Queue { get; set; }
    public Guid? BatchId { get; set; }
    public Guid? UnitId { get; set; }
    public QuotaApplicationState? State { get; set; }

    /// <summary>Waiting for the third party at least this many days (since the last submission).</summary>
    public int? MinDaysWaiting { get; set; }

    /// <summary>Only those with at least one automatic check that did not pass.</summary>
    public bool Warnings { get; set; }
    public string? Q { get; set; }
}

public sealed class ReviewListItem
{
    public Guid Id { get; init; }
    public Guid Version { get; init; }
    public string EnterpriseName { get; init; } = string.Empty;
    public string CreditCode { get; init; } = string.Empty;
    public string UnitName { get; init; } = string.Empty;
    public int Year { get; init; }
    public string BatchName { get; init; } = string.Empty;
    public QuotaApplicationState State { get; init; }
    public bool IsRevised { get; init; }
    public DateTime? LastSubmittedAtUtc { get; init; }
    public int ReturnCount { get; init; }

    /// <summary>Still with the third party (submitted, under review or resubmitted): the queue's work.</summary>
    public bool Waiting { get; init; }
    public int? DaysWaiting { get; set; }
    public int WarningCount { get; set; }
    public IReadOnlyList<CheckResult> NotPassed { get; set; } = [];

    public bool WithThirdParty => QuotaApplicationStateRules.WithThirdParty.IsSatisfiedBy(State);
}

public sealed class ReviewIndexModel
{
    public required ReviewFilter Filter { get; init; }
    public required PagedList<ReviewListItem> Applications { get; init; }
    public required IReadOnlyList<Choice> Batches { get; init; }
    public required IReadOnlyList<Choice> Units { get; init; }
    public required IReadOnlyDictionary<ReviewQueue, int> QueueCounts { get; init; }
    public required bool CanDecide { get; init; }
}

/// <summary>The review page: the application, the checklist and every automatic check, and the decision forms.</summary>
public sealed class ReviewPageModel
{
    public required ApplicationView View { get; init; }
    public required IReadOnlyList<CheckResult> Checks { get; init; }
    public required bool CanDecide { get; init; }
    public required DateOnly LatestDueDate { get; init; }
    public ReturnForm? PostedReturn { get; init; }
    public string? PostedReason { get; init; }
    public string? PostedRemark { get; init; }
}

/// <summary>A return: the items picked (each with its reason) and the due date.</summary>
public sealed class ReturnForm
{
    public Guid? Version { get; set; }
    public DateOnly? DueDate { get; set; }
    public List<ReturnItemForm> Items { get; set; } = [];
}

/// <summary>One returnable item: "contact", "stated", "evidence:{id}" or "kind:{EvidenceKind}".</summary>
public sealed class ReturnItemForm
{
    public string? Key { get; set; }
    public bool Selected { get; set; }
    public string? Reason { get; set; }

    public const string ContactKey = "contact";
    public const string StatedKey = "stated";

    public static string EvidenceKey(Guid id) => $"evidence:{id}";

    public static string KindKey(EvidenceKind kind) => $"kind:{kind}";

    /// <summary>The domain's input for a selected item, or null for a key that names nothing.</summary>
    public SupplementItemInput? ToInput()
    {
        var key = Key ?? string.Empty;
        if (key == ContactKey)
        {
            return new SupplementItemInput(SupplementTarget.Contact, Reason ?? string.Empty);
        }
        if (key == StatedKey)
        {
            return new SupplementItemInput(SupplementTarget.StatedValues, Reason ?? string.Empty);
        }
        if (key.StartsWith("evidence:", StringComparison.Ordinal) && Guid.TryParse(key["evidence:".Length..], out var id))
        {
            return new SupplementItemInput(SupplementTarget.Evidence, Reason ?? string.Empty, id);
        }
        if (key.StartsWith("kind:", StringComparison.Ordinal) && Enum.TryParse<EvidenceKind>(key["kind:".Length..], out var kind) && Enum.IsDefined(kind))
        {
            return new SupplementItemInput(SupplementTarget.MissingEvidence, Reason ?? string.Empty, EvidenceKind: kind);
        }
        return null;
    }
}

/// <summary>One application offered for a bulk pass, green (every check passed) or not.</summary>
public sealed record BulkCandidate(Guid Id, Guid Version, string EnterpriseName, string UnitName, string BatchLabel, QuotaApplicationState State,
    bool IsRevised, IReadOnlyList<CheckResult> NotPassed)
{
    public bool IsGreen => NotPassed.Count == 0 && QuotaApplicationStateRules.WithThirdParty.IsSatisfiedBy(State);
}

public sealed class BulkConfirmModel
{
    public required IReadOnlyList<BulkCandidate> Candidates { get; init; }
}

public sealed class BulkItemForm
{
    public Guid Id { get; set; }
    public Guid? Version { get; set; }
}

public sealed record BulkOutcome(IReadOnlyList<string> Passed, IReadOnlyList<string> Skipped);
