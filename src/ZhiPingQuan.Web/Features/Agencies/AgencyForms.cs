using System.ComponentModel.DataAnnotations;
using FluentValidation;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Web.Infrastructure;
using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Agencies;

/// <summary>A recommending unit offered in the agency form and the list's filter.</summary>

/// <summary>
/// The form for registering or editing a service agency. For a district the level and the unit are
/// not fields at all: its agencies are always district-level and recommended by its own unit, whatever
/// the request says; the catalogue flag is the commission's decision.
/// </summary>
public sealed class AgencyForm
{
    /// <summary>Null when registering; the agency's id when editing.</summary>
    public Guid? Id { get; set; }

    /// <summary>The concurrency token the form was read with: a stale form is refused (409).</summary>
    public Guid Version { get; set; }

    // Nullable so MVC adds no implicit (English) "required" message: the validator says it in Chinese.
    [Display(Name = "机构名称")]
    public string? Name { get; set; }

    [Display(Name = "统一社会信用代码")]
    [Infrastructure.TagHelpers.FilledIn]
    public string? CreditCode { get; set; }

    [Display(Name = "机构级别")]
    public AgencyLevel? Level { get; set; }

    [Display(Name = "推荐单位")]
    public Guid? RecommendingUnitId { get; set; }

    [Display(Name = "列入推荐目录")]
    public bool InCatalogue { get; set; }

    [Display(Name = "有效期起")]
    public DateOnly? ValidFrom { get; set; }

    [Display(Name = "有效期止")]
    public DateOnly? ValidTo { get; set; }

    [Display(Name = "联系人")]
    public string? ContactName { get; set; }

    [Display(Name = "联系电话")]
    public string? ContactPhone { get; set; }

    [Display(Name = "电子邮箱")]
    public string? ContactEmail { get; set; }
}

/// <summary>What the form page shows besides the fields.</summary>
public sealed class AgencyEditModel
{
    public required AgencyForm Form { get; init; }

    /// <summary>A district registers only district-level agencies of its own unit.</summary>
    public bool IsDistrict { get; init; }

    /// <summary>The district's own unit (shown, not chosen).</summary>
    public string? OwnUnitName { get; init; }

    public IReadOnlyList<Choice> Units { get; init; } = [];
}

/// <summary>Field rules in Chinese; the credit code's check and uniqueness need the database (<see cref="AgencyRegistry"/>).</summary>
public sealed class AgencyFormValidator : AbstractValidator<AgencyForm>
{
    public AgencyFormValidator(AgencyRegistry registry)
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("请填写机构名称。")
            .MaximumLength(200).WithMessage("机构名称不能超过200个字。");
        // CreditCode.TryParse's own messages; then not registered for another agency.
        RuleFor(f => f.CreditCode).CustomAsync(async (input, ctx, ct) =>
        {
            try
            {
                await registry.AcceptCreditCodeAsync(input, ctx.InstanceToValidate.Id, ct);
            }
            catch (DomainException e)
            {
                ctx.AddFailure(nameof(AgencyForm.CreditCode), e.Message);
            }
        });
        RuleFor(f => f.Level).NotNull().WithMessage("请选择机构级别。").IsInEnum().WithMessage("机构级别无效。");
        RuleFor(f => f.RecommendingUnitId).NotEmpty().When(f => f.Level == AgencyLevel.District)
            .WithMessage("区级服务机构须选择推荐它的推荐单位。");
        RuleFor(f => f.ValidFrom).NotNull().WithMessage("请填写有效期起始日期。");
        RuleFor(f => f.ValidTo)
            .Must((f, to) => to is null || f.ValidFrom is null || to.Value >= f.ValidFrom.Value)
            .WithMessage("有效期截止日不能早于起始日。");
        this.AddContactRules(f => f.ContactName, f => f.ContactPhone, f => f.ContactEmail);
    }
}

/// <summary>Search and filters of the agency list.</summary>
public sealed class AgencyFilter
{
    /// <summary>Part of the name, or the whole 18-character credit code.</summary>
    public string? Q { get; set; }

    public AgencyLevel? Level { get; set; }

    /// <summary>The recommending unit of district-level agencies (commission and admin only).</summary>
    public Guid? UnitId { get; set; }

    public bool? InCatalogue { get; set; }

    /// <summary>Valid today (true), not valid today (false), or either (null).</summary>
    public bool? ValidToday { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record AgencyListRow(
    Guid Id,
    string Name,
    string CreditCode,
    AgencyLevel Level,
    Guid? RecommendingUnitId,
    string? UnitName,
    bool InCatalogue,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    bool IsActive,
    string? ContactName,
    string? ContactPhone)
{
    public bool IsValidOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo.Value);

    /// <summary>Municipal and valid on the date: an assessment done that day can be redeemed.</summary>
    public bool QualifiesOn(DateOnly date) => Level == AgencyLevel.Municipal && IsValidOn(date);
}

public sealed class AgencyListModel
{
    public required AgencyFilter Filter { get; init; }
    public required PagedList<AgencyListRow> Agencies { get; init; }
    public required DateOnly Today { get; init; }
    public bool IsDistrict { get; init; }

    /// <summary>The agencies of this page the user may manage.</summary>
    public IReadOnlySet<Guid> Manageable { get; init; } = new HashSet<Guid>();
    public IReadOnlyList<Choice> Units { get; init; } = [];
}

/// <summary>One staff account of an agency, as its details page lists it.</summary>
public sealed record AgencyStaffRow(Guid Id, string DisplayName, string Email, DateTime? LastSignInAtUtc);

public sealed class AgencyDetailsModel
{
    public required ServiceAgency Agency { get; init; }
    public string? UnitName { get; init; }
    public required DateOnly Today { get; init; }
    public required IReadOnlyList<AgencyStaffRow> Staff { get; init; }
    public required IReadOnlyList<Domain.Auditing.AuditEntry> History { get; init; }
    public bool CanManage { get; init; }

    /// <summary>Accounts are added by the admin (Users/Create?organisationId=…).</summary>
    public bool CanAddAccounts { get; init; }
}
