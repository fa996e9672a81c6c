using System.ComponentModel.DataAnnotations;
using FluentValidation;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Features.Shared;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Features.Organisations;

public sealed record OrganisationRow(Guid Id, string Name, OrganisationKind Kind, bool IsActive, string? Code, int UserCount);

public sealed class OrganisationListModel
{
    public string? Query { get; init; }
    public OrganisationKind? Kind { get; init; }
    public required PagedList<OrganisationRow> Organisations { get; init; }
}

public sealed record UnitChoice(Guid Id, string Name);

/// <summary>An organisation's page: its data, its accounts, and (for an enterprise or a district-level agency) its unit's name.</summary>
public sealed class OrganisationDetailsModel
{
    public required Organisation Organisation { get; init; }
    public required IReadOnlyList<UserRow> Users { get; init; }
    public string? UnitName { get; init; }
}

/// <summary>One form for every kind of organisation; fields that do not apply to the kind are ignored.</summary>
public sealed class OrganisationForm
{
    public Guid? Id { get; set; }

    [Display(Name = "单位类型")]
    public OrganisationKind Kind { get; set; }

    [Display(Name = "单位名称")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "行政区划代码")]
    public string? UnitCode { get; set; }

    [Display(Name = "排序号")]
    public int SortOrder { get; set; }

    [Display(Name = "统一社会信用代码")]
    public string? CreditCode { get; set; }

    [Display(Name = "所属推荐单位")]
    public Guid? RecommendingUnitId { get; set; }

    [Display(Name = "所属行业")]
    public KeyIndustry? Industry { get; set; }

    [Display(Name = "年产值（万元）")]
    public decimal? AnnualOutputWanYuan { get; set; }

    [Display(Name = "机构级别")]
    public AgencyLevel? AgencyLevel { get; set; }

    [Display(Name = "列入推荐目录")]
    public bool InCatalogue { get; set; }

    [Display(Name = "有效期起")]
    public DateOnly? ValidFrom { get; set; }

    [Display(Name = "有效期止")]
    public DateOnly? ValidTo { get; set; }

    public IReadOnlyList<UnitChoice> Units { get; set; } = [];
}

public sealed class OrganisationFormValidator : AbstractValidator<OrganisationForm>
{
    public OrganisationFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("请填写单位名称。").MaximumLength(200).WithMessage("单位名称不超过200字。");
        When(f => f.Id is null && f.Kind is OrganisationKind.Enterprise or OrganisationKind.Agency, () =>
        {
            RuleFor(f => f.CreditCode).Custom((code, ctx) =>
            {
                if (!Domain.Reference.CreditCode.TryParse(code, out _, out var error))
                {
                    ctx.AddFailure(error!);
                }
            });
        });
        When(f => f.Id is null && f.Kind == OrganisationKind.Enterprise, () =>
        {
            RuleFor(f => f.RecommendingUnitId).NotEmpty().WithMessage("请选择企业所属推荐单位。");
            RuleFor(f => f.Industry).NotNull().WithMessage("请选择所属行业（六大重点产业）。");
            RuleFor(f => f.AnnualOutputWanYuan).NotNull().WithMessage("请填写年产值（万元）。")
                .GreaterThanOrEqualTo(0).WithMessage("年产值不能为负数。");
        });
        When(f => f.Id is null && f.Kind == OrganisationKind.Agency, () =>
        {
            RuleFor(f => f.AgencyLevel).NotNull().WithMessage("请选择机构级别。");
            RuleFor(f => f.RecommendingUnitId).NotEmpty().When(f => f.AgencyLevel == Domain.Organisations.AgencyLevel.District)
                .WithMessage("区级服务机构须选择推荐它的推荐单位。");
            RuleFor(f => f.ValidFrom).NotNull().WithMessage("请填写有效期起始日期。");
        });
    }
}
