using System.ComponentModel.DataAnnotations;
using FluentValidation;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Features.UnitSettings;

public sealed record YearChoice(Guid Id, int Year);

/// <summary>
/// What a district enters for a programme year. There is deliberately no unit field: the unit is the
/// signed-in user's organisation, so a unit id added to the posted form has nothing to bind to.
/// </summary>
public sealed class UnitSettingsForm
{
    public Guid ProgrammeYearId { get; set; }

    /// <summary>The settings' concurrency token when the form was opened (null before the first save).</summary>
    public Guid? Version { get; set; }

    [Display(Name = "重点行业")]
    public List<KeyIndustry> FocusIndustries { get; set; } = [];

    [Display(Name = "规上工业企业数")]
    public int? AboveSizeEnterpriseCount { get; set; }

    // For display only; reloaded on every request.
    public string UnitName { get; set; } = string.Empty;
    public int Year { get; set; }
    public IReadOnlyList<YearChoice> Years { get; set; } = [];
    public bool Saved { get; set; }
}

public sealed class UnitSettingsFormValidator : AbstractValidator<UnitSettingsForm>
{
    public UnitSettingsFormValidator()
    {
        RuleFor(f => f.FocusIndustries)
            .Must(list => list.Count > 0).WithMessage("请至少选择一个重点行业。")
            .Must(list => list.All(Enum.IsDefined)).WithMessage("重点行业应为六大重点产业。");
        RuleFor(f => f.AboveSizeEnterpriseCount).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("请填写规上工业企业数（整数，可为0）。")
            .GreaterThanOrEqualTo(0).WithMessage("规上工业企业数不能为负数。")
            .LessThanOrEqualTo(100_000).WithMessage("规上工业企业数不能超过100000，请核对。");
    }
}

public sealed record UnitSettingsRow(Guid UnitId, string UnitName, IReadOnlyList<KeyIndustry>? FocusIndustries, int? AboveSizeEnterpriseCount)
{
    public bool Filled => FocusIndustries is not null;
}

public sealed class AllUnitSettingsModel
{
    public required int? Year { get; init; }
    public required Guid? YearId { get; init; }
    public required IReadOnlyList<YearChoice> Years { get; init; }
    public required IReadOnlyList<UnitSettingsRow> Rows { get; init; }

    public int FilledCount => Rows.Count(r => r.Filled);
    public int TotalAboveSize => Rows.Sum(r => r.AboveSizeEnterpriseCount ?? 0);

    /// <summary>How many units chose each key industry as a focus.</summary>
    public IReadOnlyList<(KeyIndustry Industry, int Units)> IndustryCounts =>
        KeyIndustries.All.Select(i => (i, Rows.Count(r => r.FocusIndustries?.Contains(i) == true))).ToList();
}

public static class FocusIndustryText
{
    public static string Join(IEnumerable<KeyIndustry> industries) => string.Join("、", industries.Select(i => i.ToChinese()));
}
