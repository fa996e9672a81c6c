using System.Text.Json.Serialization;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Features.Shared;

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
    public List<string> Errors { get; init; } = [];
    public BatchRowOutcome Outcome { get; set; }

    [JsonIgnore]
    public bool IsValid => Errors.Count == 0;

    /// <summary>The accepted code (checked, or a registered exception); not stored with the verdict.</summary>
    [JsonIgnore]
    public CreditCode? Code { get; set; }

    /// <summary>The accepted code as the preview shows it (stored).</summary>
    public string? CodeText { get; set; }

    public KeyIndustry? Industry { get; set; }
    public IReadOnlyList<RecommendationBasis> Bases { get; set; } = [];
    public decimal? ContractAmountWanYuan { get; set; }

    /// <summary>Set when the enterprise is already in the unit's registry (its data is updated).</summary>
    public Guid? ExistingEnterpriseId { get; set; }

    /// <summary>Set when the enterprise already has this year's recommendation that the row updates.</summary>
    public Guid? ExistingRecommendationId { get; set; }

    /// <summary>Short label for the preview's 处理 column (the legend above the table explains them).</summary>
    [JsonIgnore]
    public string OutcomeText => Outcome switch
    {
        BatchRowOutcome.Create when ExistingEnterpriseId is null => "新增",
        BatchRowOutcome.Create => "新增推荐",
        BatchRowOutcome.Update => "更新",
        _ => "不导入",
    };

    /// <summary>Whether another check of the same row came to the same verdict (errors, and what confirming would do).</summary>
    public bool SameVerdictAs(BatchRowCheck other) =>
        Outcome == other.Outcome && OutcomeText == other.OutcomeText && Errors.SequenceEqual(other.Errors);
}

/// <summary>
/// The list as read and checked at upload — every row with its errors, and the counts — kept with the pending
/// import (<see cref="BatchImportStore"/>) so that the preview's pages, its "errors only" tab and the error
/// workbook are served from it, by any portal instance, without reading the file again. It belongs to one
/// import and one file: <see cref="ImportId"/> and <see cref="Sha256"/> must match the stored upload.
/// </summary>
public sealed class BatchImportVerdict
{
    public required Guid ImportId { get; init; }
    public required string Sha256 { get; init; }
    public required DateTime CheckedAtUtc { get; init; }

    public string FormatDescription { get; init; } = string.Empty;
    public string SheetName { get; init; } = string.Empty;
    public int HeaderRowNumber { get; init; }
    public IReadOnlyList<string> OriginalHeaders { get; init; } = [];
    public IReadOnlyList<string> IgnoredHeaders { get; init; } = [];

    public IReadOnlyList<BatchRowCheck> Rows { get; init; } = [];

    [JsonIgnore]
    public int ValidCount => Rows.Count(r => r.IsValid);

    [JsonIgnore]
    public int InvalidCount => Rows.Count(r => !r.IsValid);

    [JsonIgnore]
    public int CreateCount => Rows.Count(r => r.IsValid && r.Outcome == BatchRowOutcome.Create);

    [JsonIgnore]
    public int UpdateCount => Rows.Count(r => r.IsValid && r.Outcome == BatchRowOutcome.Update);

    [JsonIgnore]
    public int NewEnterpriseCount => Rows.Count(r => r.IsValid && r.ExistingEnterpriseId is null);

    /// <summary>"工作表“推荐名单”，表头在第3行" or "CSV文本（UTF-8编码，逗号分隔），表头在第3行".</summary>
    [JsonIgnore]
    public string SourceText => (SheetName.Length > 0 ? $"工作表“{SheetName}”" : FormatDescription) + $"，表头在第{HeaderRowNumber}行";

    public bool BelongsTo(StoredImport stored) => ImportId == stored.Id && string.Equals(Sha256, stored.Sha256, StringComparison.Ordinal);
}

/// <summary>What a confirmed import wrote.</summary>
public sealed record BatchImportOutcome(int Created, int Updated, int NewEnterprises, int Invalid, byte[]? ErrorWorkbook);

/// <summary>The upload page: the unit's batches to choose from.</summary>
public sealed class BatchImportIndexModel
{
    public required string UnitName { get; init; }
    public required IReadOnlyList<BatchChoice> Batches { get; init; }
    public Guid? SelectedBatchId { get; init; }
    public string? Error { get; init; }
    public required string MaxSizeText { get; init; }
    public required int MaxRows { get; init; }
    public string AcceptedFormats => BatchListReader.AcceptedFormats;
}

/// <summary>The preview page.</summary>
public sealed class BatchImportPreviewModel
{
    public required StoredImport Import { get; init; }
    public required BatchChoice Batch { get; init; }
    public required BatchImportVerdict Verdict { get; init; }
    public bool OnlyErrors { get; init; }

    /// <summary>Why the list can no longer be confirmed (the batch's deadline has passed), or null.</summary>
    public string? Closed { get; init; }

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
