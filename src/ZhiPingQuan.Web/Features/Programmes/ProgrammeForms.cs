using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Features.Programmes;

/// <summary>How a deadline reads everywhere on these pages: the whole Shanghai day counts.</summary>
public static class DeadlineText
{
    public static string For(DateOnly deadline) => ProgrammeText.Deadline(deadline);

    /// <summary>Bootstrap colour of the countdown badge: closed grey, the last week amber, otherwise green.</summary>
    public static string BadgeClass(int daysLeft) => daysLeft switch
    {
        < 0 => "text-bg-secondary",
        <= 7 => "text-bg-warning",
        _ => "text-bg-success",
    };
}

public sealed record BatchRow(Guid Id, string Name, int Sequence, DateOnly Deadline, DateOnly OriginalDeadline, int DaysLeft, int ExtensionCount);

public sealed record ProgrammeYearRow(Guid Id, int Year, decimal StandardAmount, decimal? BudgetCap, int? EnterprisesWithinBudget, IReadOnlyList<BatchRow> Batches);

public sealed record ExtensionRow(DateOnly OldDeadline, DateOnly NewDeadline, string Reason, string ByUserName, DateTime AtUtc);

public sealed record BatchDetails(BatchRow Batch, IReadOnlyList<ExtensionRow> Extensions, int RecommendedCount, Guid Version);

public sealed class ProgrammeDetailsModel
{
    public required ProgrammeYearRow Year { get; init; }
    public required IReadOnlyList<BatchDetails> Batches { get; init; }
}

/// <summary>Creating a programme year (Id null) or changing its amounts (the year itself stays: batches and records hang off it).</summary>
public sealed class ProgrammeYearForm
{
    public Guid? Id { get; set; }

    /// <summary>The record's concurrency token when the form was opened, so a stale edit is refused (409).</summary>
    public Guid? Version { get; set; }

    [Display(Name = "项目年度")]
    public int? Year { get; set; }

    [Display(Name = "额定标准（元/家）")]
    public decimal? StandardAmount { get; set; }

    [Display(Name = "预算上限（元）")]
    public decimal? BudgetCap { get; set; }
}

public sealed class ProgrammeYearFormValidator : AbstractValidator<ProgrammeYearForm>
{
    /// <summary>decimal(18, 2) holds up to 16 digits before the point.</summary>
    private const decimal MaximumYuan = 9_999_999_999_999_999.99m;

    public ProgrammeYearFormValidator(AppDbContext db)
    {
        When(f => f.Id is null, () =>
        {
            RuleFor(f => f.Year).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("请填写项目年度。")
                .InclusiveBetween(2020, 2100).WithMessage("项目年度应在2020至2100之间。")
                .MustAsync(async (year, ct) => !await db.ProgrammeYears.AnyAsync(y => y.Year == year, ct))
                .WithMessage(f => ProgrammeService.DuplicateYearMessage(f.Year!.Value));
        });
        RuleFor(f => f.StandardAmount).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请填写额定标准（元）。")
            .GreaterThan(0m).WithMessage("额定标准必须大于0。")
            .Must(HasAtMostTwoDecimals).WithMessage("额定标准最多保留两位小数（元）。")
            .LessThanOrEqualTo(MaximumYuan).WithMessage("额定标准数值过大。");
        When(f => f.BudgetCap is not null, () =>
        {
            RuleFor(f => f.BudgetCap).Cascade(CascadeMode.Stop)
                .GreaterThan(0m).WithMessage("预算上限必须大于0；不设上限请留空。")
                .Must(HasAtMostTwoDecimals).WithMessage("预算上限最多保留两位小数（元）。")
                .LessThanOrEqualTo(MaximumYuan).WithMessage("预算上限数值过大。")
                .Must((f, cap) => f.StandardAmount is not > 0m || cap >= f.StandardAmount)
                .WithMessage("预算上限不能低于额定标准。");
        });
    }

    private static bool HasAtMostTwoDecimals(decimal? amount) => amount is null || decimal.Round(amount.Value, 2) == amount.Value;
}

/// <summary>A new batch of a programme year, or a new name for one (Id set: the deadline is not part of a rename).</summary>
public sealed class BatchForm
{
    public Guid ProgrammeYearId { get; set; }

    public int Year { get; set; }

    public Guid? Id { get; set; }

    public Guid? Version { get; set; }

    [Display(Name = "批次名称")]
    public string? Name { get; set; }

    [Display(Name = "截止日期")]
    public DateOnly? Deadline { get; set; }
}

public sealed class BatchFormValidator : AbstractValidator<BatchForm>
{
    public BatchFormValidator(IClock clock)
    {
        RuleFor(f => f.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请填写批次名称。")
            .Must(n => n!.Trim().Length <= 50).WithMessage("批次名称不能超过50个字。");
        When(f => f.Id is null, () =>
        {
            RuleFor(f => f.Deadline).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("请填写截止日期。")
                .Must(d => d >= ShanghaiTime.Today(clock))
                .WithMessage(_ => $"截止日期不能早于今天（{ShanghaiTime.FormatDate(ShanghaiTime.Today(clock))}）。")
                .Must((f, d) => d!.Value.Year >= f.Year && d.Value.Year <= f.Year + 1)
                .WithMessage(f => $"截止日期应在{f.Year}年或{f.Year + 1}年内。");
        });
    }
}

public sealed class ExtendDeadlineForm
{
    public Guid BatchId { get; set; }

    public Guid Version { get; set; }

    [Display(Name = "新的截止日期")]
    public DateOnly? NewDeadline { get; set; }

    [Display(Name = "延期原因")]
    public string? Reason { get; set; }

    // Shown beside the form; not posted back as truth (the batch is reloaded).
    public string Year { get; set; } = string.Empty;
    public string BatchName { get; set; } = string.Empty;
    public DateOnly CurrentDeadline { get; set; }
    public int DaysLeft { get; set; }
    public IReadOnlyList<ExtensionRow> Extensions { get; set; } = [];
}

public sealed class ExtendDeadlineFormValidator : AbstractValidator<ExtendDeadlineForm>
{
    public ExtendDeadlineFormValidator(IClock clock)
    {
        RuleFor(f => f.NewDeadline).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请填写新的截止日期。")
            .Must(d => d >= ShanghaiTime.Today(clock))
            .WithMessage(_ => $"新的截止日期不能早于今天（{ShanghaiTime.FormatDate(ShanghaiTime.Today(clock))}）。");
        RuleFor(f => f.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("延长截止日期必须填写原因。")
            .Must(r => r!.Trim().Length <= 500).WithMessage("延期原因不能超过500个字。");
    }
}

internal static class BatchRows
{
    public static BatchRow From(Batch b, IClock clock) =>
        new(b.Id, b.Name, b.Sequence, b.Deadline, b.OriginalDeadline, b.DaysLeft(clock), b.DeadlineExtensions.Count);

    public static IReadOnlyList<ExtensionRow> Extensions(Batch b) =>
        b.DeadlineExtensions.OrderBy(e => e.AtUtc).Select(e => new ExtensionRow(e.OldDeadline, e.NewDeadline, e.Reason, e.ByUserName, e.AtUtc)).ToList();

    public static ProgrammeYearRow From(ProgrammeYear y, IClock clock) =>
        new(y.Id, y.Year, y.StandardAmount.Yuan, y.BudgetCap?.Yuan, y.EnterprisesWithinBudget,
            y.Batches.OrderBy(b => b.Sequence).Select(b => From(b, clock)).ToList());
}
