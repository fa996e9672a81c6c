using System.ComponentModel.DataAnnotations;
using FluentValidation;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Enterprises;

/// <summary>
/// The optional tags of Shanghai's wider "2+(3+6)+(4+5)" industry system (docs/domain.md §2), kept beside the
/// one key industry. Stored on the enterprise as one text joined with "、".
/// </summary>
public static class IndustryTagOptions
{
    public static IReadOnlyList<(string Group, IReadOnlyList<string> Tags)> Groups { get; } =
    [
        ("三大先导产业", ["集成电路", "生物医药", "人工智能"]),
        ("四大新赛道", ["数字经济", "绿色低碳", "元宇宙", "智能终端"]),
        ("五大未来产业", ["未来健康", "未来智能", "未来能源", "未来空间", "未来材料"]),
    ];

    public static IReadOnlyList<string> All { get; } = Groups.SelectMany(g => g.Tags).ToArray();

    public const string Separator = "、";

    public static string? Join(IEnumerable<string>? tags)
    {
        // Keep the list's own order so the same choice always reads the same.
        var chosen = (tags ?? []).Select(t => t.Trim()).ToHashSet();
        var ordered = All.Where(chosen.Contains).ToArray();
        return ordered.Length == 0 ? null : string.Join(Separator, ordered);
    }

    public static List<string> Split(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? [] : tags.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

/// <summary>The district's form for registering or editing one enterprise of its own unit.</summary>
public sealed class EnterpriseForm
{
    /// <summary>Null when registering; the enterprise's id when editing.</summary>
    public Guid? Id { get; set; }

    /// <summary>The concurrency token the form was read with: a stale form is refused (409).</summary>
    public Guid Version { get; set; }

    [Display(Name = "企业名称")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "统一社会信用代码")]
    [Infrastructure.TagHelpers.FilledIn]
    public string? CreditCode { get; set; }

    [Display(Name = "所属行业（六大重点产业）")]
    public KeyIndustry? Industry { get; set; }

    [Display(Name = "产业标签（可选）")]
    public List<string> Tags { get; set; } = [];

    [Display(Name = "年产值（万元）")]
    public decimal? AnnualOutputWanYuan { get; set; }

    [Display(Name = "地址")]
    public string? Address { get; set; }

    [Display(Name = "联系人")]
    public string? ContactName { get; set; }

    [Display(Name = "联系电话")]
    public string? ContactPhone { get; set; }

    [Display(Name = "电子邮箱")]
    public string? ContactEmail { get; set; }
}

/// <summary>
/// Field rules in Chinese, and the credit-code rules that need the database (the exception registry
/// and city-wide uniqueness) through <see cref="EnterpriseRegistry"/>.
/// </summary>
public sealed class EnterpriseFormValidator : AbstractValidator<EnterpriseForm>
{
    public EnterpriseFormValidator(EnterpriseRegistry registry)
    {
        RuleFor(f => f.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请填写企业名称。")
            .Rule(Enterprise.NameError);

        RuleFor(f => f.CreditCode).CustomAsync(async (input, ctx, ct) =>
        {
            try
            {
                await registry.AcceptCreditCodeAsync(input, ctx.InstanceToValidate.Id, ct);
            }
            catch (DomainException e)
            {
                ctx.AddFailure(nameof(EnterpriseForm.CreditCode), e.Message);
            }
        });

        RuleFor(f => f.Industry).NotNull().WithMessage("请选择所属行业（六大重点产业之一）。")
            .IsInEnum().WithMessage("所属行业应为六大重点产业之一。");

        RuleForEach(f => f.Tags).Must(t => IndustryTagOptions.All.Contains(t))
            .WithMessage((_, tag) => $"产业标签“{tag}”不在可选范围内。");

        RuleFor(f => f.AnnualOutputWanYuan).NotNull().WithMessage("请填写年产值（万元）。");
        When(f => f.AnnualOutputWanYuan is not null, () =>
        {
            RuleFor(f => f.AnnualOutputWanYuan!.Value).Rule(Enterprise.AnnualOutputError)
                .OverridePropertyName(nameof(EnterpriseForm.AnnualOutputWanYuan));
        });

        RuleFor(f => f.Address).MaximumLength(300).WithMessage("地址不能超过300个字符。");
        this.AddContactRules(f => f.ContactName, f => f.ContactPhone, f => f.ContactEmail);
    }
}

/// <summary>Admin's correction of a recommended enterprise's credit code: the new code and why.</summary>
public sealed class CreditCodeCorrectionForm
{
    public Guid Version { get; set; }

    [Display(Name = "正确的统一社会信用代码")]
    public string? NewCreditCode { get; set; }

    [Display(Name = "更正原因")]
    public string? Reason { get; set; }
}

public sealed class CreditCodeCorrectionFormValidator : AbstractValidator<CreditCodeCorrectionForm>
{
    public CreditCodeCorrectionFormValidator()
    {
        RuleFor(f => f.NewCreditCode).NotEmpty().WithMessage("请填写正确的统一社会信用代码。");
        RuleFor(f => f.Reason).NotEmpty().WithMessage("请填写更正原因（如：推荐单位录入错误，已核对营业执照）。")
            .MaximumLength(500).WithMessage("更正原因不能超过500个字。");
    }
}

/// <summary>Admin's move of an enterprise to another recommending unit, and why.</summary>
public sealed class EnterpriseMoveForm
{
    public Guid Version { get; set; }

    [Display(Name = "新的推荐单位")]
    public Guid? RecommendingUnitId { get; set; }

    [Display(Name = "变更原因")]
    public string? Reason { get; set; }
}

public sealed class EnterpriseMoveFormValidator : AbstractValidator<EnterpriseMoveForm>
{
    public EnterpriseMoveFormValidator()
    {
        RuleFor(f => f.RecommendingUnitId).NotEmpty().WithMessage("请选择新的推荐单位。");
        RuleFor(f => f.Reason).NotEmpty().WithMessage("请填写变更原因（如：企业注册地已迁至新区，附迁移证明）。")
            .MaximumLength(500).WithMessage("变更原因不能超过500个字。");
    }
}

/// <summary>Search and filters of the enterprise list, also used by its export.</summary>
public sealed class EnterpriseFilter : ListQuery
{
    /// <summary>Part of the name, or (part of) the credit code.</summary>
    public string? Q { get; set; }

    public KeyIndustry? Industry { get; set; }

    public decimal? MinOutput { get; set; }

    public decimal? MaxOutput { get; set; }

    /// <summary>Recommended in the current programme year (true), not recommended (false), or either (null).</summary>
    public bool? Recommended { get; set; }
}

/// <summary>One enterprise in the list and the export.</summary>
public sealed record EnterpriseListRow(
    Guid Id,
    string Name,
    string CreditCode,
    KeyIndustry Industry,
    string? IndustryTags,
    decimal AnnualOutputWanYuan,
    string UnitName,
    string? Address,
    string? ContactName,
    string? ContactPhone,
    string? ContactEmail,
    RecommendationState? ThisYearState,
    string? ThisYearBatch);

public sealed class EnterpriseListModel
{
    public required EnterpriseFilter Filter { get; init; }
    public required PagedList<EnterpriseListRow> Enterprises { get; init; }

    /// <summary>The programme year "recommended this year" refers to (null when none is set up).</summary>
    public int? CurrentYear { get; init; }

    public bool CanRegister { get; init; }

    /// <summary>Whether each enterprise on the page can act in the portal itself.</summary>
    public required IReadOnlyDictionary<Guid, EnterpriseAccountState> AccountStates { get; init; }

    /// <summary>The district may recommend an enterprise not yet recommended this year straight from its row.</summary>
    public bool CanRecommend { get; init; }
}
