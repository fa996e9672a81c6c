using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Infrastructure.Excel;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>What confirming would do with a row.</summary>
public enum BatchRowOutcome
{
    /// <summary>Errors: not imported.</summary>
    Invalid,

    /// <summary>A new recommendation (the enterprise is registered now, or was already in the unit's registry).</summary>
    Create,

    /// <summary>The enterprise's recommendation of this year already exists (this batch, or a draft/withdrawn one): updated.</summary>
    Update,
}

/// <summary>One row of the list after every check: its errors in Chinese, or what confirming will do.</summary>
public sealed class BatchRowCheck
{
    public required BatchListRow Row { get; init; }
    public List<string> Errors { get; } = [];
    public BatchRowOutcome Outcome { get; set; }
    public bool IsValid => Errors.Count == 0;

    public CreditCode? Code { get; set; }
    public KeyIndustry? Industry { get; set; }
    public IReadOnlyList<RecommendationBasis> Bases { get; set; } = [];
    public decimal? ContractAmountWanYuan { get; set; }

    /// <summary>Set when the enterprise is already in the unit's registry (its data is updated).</summary>
    public Guid? ExistingEnterpriseId { get; set; }

    /// <summary>Set when the enterprise already has this year's recommendation that the row updates.</summary>
    public Guid? ExistingRecommendationId { get; set; }

    /// <summary>Short label for the preview's 处理 column (the legend above the table explains them).</summary>
    public string OutcomeText => Outcome switch
    {
        BatchRowOutcome.Create when ExistingEnterpriseId is null => "新增",
        BatchRowOutcome.Create => "新增推荐",
        BatchRowOutcome.Update => "更新",
        _ => "不导入",
    };
}

/// <summary>The whole list checked against the rules and the database: the preview.</summary>
public sealed class BatchImportCheck
{
    public required BatchListReadResult Read { get; init; }
    public IReadOnlyList<BatchRowCheck> Rows { get; init; } = [];

    /// <summary>Why the whole file is refused (wrong type, too big, no header…), or null.</summary>
    public string? FileError => Read.Error;

    public int ValidCount => Rows.Count(r => r.IsValid);
    public int InvalidCount => Rows.Count(r => !r.IsValid);
    public int CreateCount => Rows.Count(r => r.IsValid && r.Outcome == BatchRowOutcome.Create);
    public int UpdateCount => Rows.Count(r => r.IsValid && r.Outcome == BatchRowOutcome.Update);
    public int NewEnterpriseCount => Rows.Count(r => r.IsValid && r.ExistingEnterpriseId is null);
}

/// <summary>The batch an import goes to, as the pages show it.</summary>
public sealed record BatchTarget(Guid Id, Guid ProgrammeYearId, int Year, string Name, DateOnly Deadline, bool IsOpen, int DaysLeft)
{
    public string Title => $"{Year}年度{Name}";
}

/// <summary>What a confirmed import wrote.</summary>
public sealed record BatchImportOutcome(int Created, int Updated, int NewEnterprises, int Invalid, byte[]? ErrorWorkbook);

/// <summary>The upload page: the unit's batches to choose from.</summary>
public sealed class BatchImportIndexModel
{
    public required string UnitName { get; init; }
    public required IReadOnlyList<BatchTarget> Batches { get; init; }
    public Guid? SelectedBatchId { get; init; }
    public string? Error { get; init; }
    public required string MaxSizeText { get; init; }
    public required int MaxRows { get; init; }
}

/// <summary>The preview page.</summary>
public sealed class BatchImportPreviewModel
{
    public required StoredImport Import { get; init; }
    public required BatchTarget Batch { get; init; }
    public required BatchImportCheck Check { get; init; }
    public bool OnlyErrors { get; init; }

    /// <summary>A list may have 20 000 rows: the preview shows them a page at a time; the counts cover them all.</summary>
    public const int RowsPerPage = 100;

    /// <summary>The page of the chosen tab's rows (all of them, or only those with errors).</summary>
    public required PagedList<BatchRowCheck> Rows { get; init; }
}

/// <summary>The result page.</summary>
public sealed class BatchImportResultModel
{
    public required ImportResultRecord Result { get; init; }
    public bool HasErrorWorkbook { get; init; }
}
