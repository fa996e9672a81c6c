using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Features.Assessments;

/// <summary>
/// The agency's record of one assessment (docs/domain.md §4.2). Everything is optional while the work goes on;
/// what the submission needs is the domain's <see cref="Assessment.MissingForSubmission"/>.
/// </summary>
public sealed class AssessmentRecordForm
{
    /// <summary>The concurrency token the page was read with.</summary>
    public Guid Version { get; set; }

    [Display(Name = "采用的标准版本")]
    public string? StandardEditions { get; set; }

    [Display(Name = "开始日期")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "现场评估日期")]
    public DateOnly? SiteVisitDate { get; set; }

    [Display(Name = "评估人员")]
    public string? Assessors { get; set; }

    [Display(Name = "一级得分")]
    public decimal? LevelScore1 { get; set; }

    [Display(Name = "二级得分")]
    public decimal? LevelScore2 { get; set; }

    [Display(Name = "三级得分")]
    public decimal? LevelScore3 { get; set; }

    [Display(Name = "四级得分")]
    public decimal? LevelScore4 { get; set; }

    [Display(Name = "五级得分")]
    public decimal? LevelScore5 { get; set; }

    [Display(Name = "成熟度分数")]
    public decimal? Score { get; set; }

    [Display(Name = "成熟度等级")]
    public MaturityLevel? StatedLevel { get; set; }

    [Display(Name = "智能工厂等级")]
    public Guid? SmartFactoryLevelId { get; set; }

    public LevelScores ToLevelScores() => new(LevelScore1, LevelScore2, LevelScore3, LevelScore4, LevelScore5);

    public MaturityScore? ToScore() => Score is { } s ? new MaturityScore(s) : null;

    public static AssessmentRecordForm From(Assessment a) => new()
    {
        Version = a.Version,
        StandardEditions = a.StandardEditions,
        StartDate = a.StartDate,
        SiteVisitDate = a.SiteVisitDate,
        Assessors = a.Assessors,
        LevelScore1 = a.LevelScores.One,
        LevelScore2 = a.LevelScores.Two,
        LevelScore3 = a.LevelScores.Three,
        LevelScore4 = a.LevelScores.Four,
        LevelScore5 = a.LevelScores.Five,
        Score = a.Score?.Value,
        StatedLevel = a.StatedLevel,
        SmartFactoryLevelId = a.SmartFactoryLevelId,
    };
}

/// <summary>
/// The form's shape in Chinese: ranges and two decimals, so a wrong number is shown beside its field
/// instead of reaching the domain (which refuses the same values with the same meaning).
/// </summary>
public sealed class AssessmentRecordFormValidator : AbstractValidator<AssessmentRecordForm>
{
    public AssessmentRecordFormValidator()
    {
        RuleFor(f => f.StandardEditions).MaximumLength(200).WithMessage("标准版本不能超过200个字符。");
        RuleFor(f => f.Assessors).MaximumLength(500).WithMessage("评估人员不能超过500个字。");

        RuleFor(f => f.Score)
            .Must(s => s is null || (s >= 0m && s <= 5m))
            .WithMessage(f => $"成熟度分数应在0至5之间，当前填写为{Show(f.Score)}。")
            .Must(TwoDecimals).WithMessage("成熟度分数最多保留两位小数。");

        LevelScore(f => f.LevelScore1, "一级");
        LevelScore(f => f.LevelScore2, "二级");
        LevelScore(f => f.LevelScore3, "三级");
        LevelScore(f => f.LevelScore4, "四级");
        LevelScore(f => f.LevelScore5, "五级");

        RuleFor(f => f.StatedLevel)
            .Must(l => l is null || Enum.IsDefined(l.Value)).WithMessage("成熟度等级无效，请重新选择。");

        RuleFor(f => f.SiteVisitDate)
            .Must((f, visit) => visit is null || f.StartDate is null || visit.Value >= f.StartDate.Value)
            .WithMessage("现场评估日期不能早于开始日期。");
    }

    private void LevelScore(System.Linq.Expressions.Expression<Func<AssessmentRecordForm, decimal?>> field, string level) =>
        RuleFor(field)
            .Must(s => s is null || (s >= 0m && s <= 1m)).WithMessage($"{level}得分应在0至1之间。")
            .Must(TwoDecimals).WithMessage($"{level}得分最多保留两位小数。");

    private static bool TwoDecimals(decimal? value) => value is null || decimal.Round(value.Value, 2) == value.Value;

    private static string Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Limits of the report upload, shown in the form before the file is chosen.</summary>
public static class ReportUpload
{
    public static IReadOnlyList<AllowedFileType> Types => FileTypes.PdfOnly;

    public const long MaxSizeBytes = FileTypes.DefaultMaxSizeBytes;

    /// <summary>Kestrel refuses bodies above this early; a little above the limit so the form's own Chinese message answers first.</summary>
    public const long RequestLimitBytes = MaxSizeBytes + 2L * 1024 * 1024;

    public static string Hint => $"仅限{FileTypes.DescribeExtensions(Types)}格式，单个文件不超过{FileTypes.DescribeSize(MaxSizeBytes)}。";
}
