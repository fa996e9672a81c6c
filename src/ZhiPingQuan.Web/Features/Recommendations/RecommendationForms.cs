using System.ComponentModel.DataAnnotations;
using FluentValidation;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Infrastructure;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Recommendations;

/// <summary>What the district asked the form to do.</summary>
public static class RecommendationCommands
{
    /// <summary>推荐: check the municipal rules and move to 已推荐; an ineligible enterprise is refused and nothing is saved.</summary>
    public const string Recommend = "recommend";

    /// <summary>保存草稿 / 保存: keep the content without recommending (no eligibility check).</summary>
    public const string Save = "save";

    /// <summary>增加合同行: show the form again with more blank contract rows (works without JavaScript).</summary>
    public const string AddRows = "addRows";
}

public sealed class BasisInput
{
    public RecommendationBasis Basis { get; set; }
    public bool Selected { get; set; }
    public string? Description { get; set; }
}

public sealed class ContractInput
{
    public decimal? AmountWanYuan { get; set; }
    public KeyLink? Link { get; set; }
    public string? Description { get; set; }

    public bool IsBlank => AmountWanYuan is null && Link is null && string.IsNullOrWhiteSpace(Description);
}

/// <summary>The district's recommendation of one enterprise of its unit to one open batch.</summary>
public sealed class RecommendationForm
{
    public const int BlankContractRows = 5;
    public const int MaxContractRows = 30;

    public Guid EnterpriseId { get; set; }

    /// <summary>Concurrency token of the record being edited (ignored when creating).</summary>
    public Guid Version { get; set; }

    [Display(Name = "推荐批次")]
    public Guid? BatchId { get; set; }

    public List<BasisInput> Bases { get; set; } = [];

    public List<ContractInput> Contracts { get; set; } = [];

    [Display(Name = "区级叠加支持")]
    public bool DistrictFundedOnly { get; set; }

    public string? Command { get; set; }

    /// <summary>Makes sure there is one input per basis 1–4 and at least the blank contract rows.</summary>
    public RecommendationForm Complete(int extraRows = 0)
    {
        var byBasis = Bases.Where(b => Enum.IsDefined(b.Basis)).GroupBy(b => b.Basis).ToDictionary(g => g.Key, g => g.First());
        Bases = RecommendationBases.All.Select(b => byBasis.TryGetValue(b, out var input) ? input : new BasisInput { Basis = b }).ToList();
        // Rows keep their posted positions, so "第3行" in a message is still the third row on screen.
        var blanks = Contracts.Count(c => c.IsBlank);
        var wanted = Math.Max(BlankContractRows - Contracts.Count, blanks == 0 ? 1 : 0) + extraRows;
        var room = Math.Max(0, MaxContractRows - Contracts.Count);
        Contracts.AddRange(Enumerable.Range(0, Math.Min(wanted, room)).Select(_ => new ContractInput()));
        return this;
    }

    /// <summary>The chosen bases and the filled contract rows, as the domain takes them (each checked as it is made).</summary>
    public RecommendationContent Content() => new(
        Bases.Where(b => b.Selected && Enum.IsDefined(b.Basis)).Select(b => new RecommendationBasisStatement(b.Basis, b.Description)).ToList(),
        Contracts.Where(c => !c.IsBlank).Select(c => new TransformationContract(c.AmountWanYuan!.Value, c.Link!.Value, c.Description)).ToList(),
        DistrictFundedOnly);

    public static RecommendationForm From(Recommendation r) => new RecommendationForm
    {
        EnterpriseId = r.EnterpriseId,
        Version = r.Version,
        BatchId = r.BatchId,
        DistrictFundedOnly = r.DistrictFundedOnly,
        Bases = r.Bases.Select(b => new BasisInput { Basis = b.Basis, Selected = true, Description = b.Description }).ToList(),
        Contracts = r.Contracts.Select(c => new ContractInput { AmountWanYuan = c.AmountWanYuan, Link = c.Link, Description = c.Description }).ToList(),
    }.Complete();
}

/// <summary>The shape of the form, in Chinese. The municipal rules themselves are the domain's (EligibilityRules).</summary>
public sealed class RecommendationFormValidator : AbstractValidator<RecommendationForm>
{
    public RecommendationFormValidator()
    {
        RuleFor(f => f.BatchId).NotEmpty().WithMessage("请选择推荐批次。");

        RuleForEach(f => f.Bases).ChildRules(b =>
        {
            b.RuleFor(x => x.Basis).IsInEnum().WithMessage("推荐依据无效，应为1–4。");
            b.RuleFor(x => x.Description).MaximumLength(1000)
                .WithMessage(x => $"推荐依据{(int)x.Basis}的说明不能超过1000个字。");
        });

        RuleFor(f => f.Contracts).Custom((contracts, ctx) =>
        {
            for (var i = 0; i < contracts.Count; i++)
            {
                var c = contracts[i];
                if (c.IsBlank)
                {
                    continue;
                }
                var row = $"第{i + 1}行改造合同";
                var key = $"Contracts[{i}]";
                if (c.AmountWanYuan is null)
                {
                    ctx.AddFailure(key + ".AmountWanYuan", $"{row}请填写合同金额（万元）。");
                }
                else if (c.AmountWanYuan <= 0m)
                {
                    ctx.AddFailure(key + ".AmountWanYuan", $"{row}的金额必须大于0。");
                }
                else if (decimal.Round(c.AmountWanYuan.Value, 2) != c.AmountWanYuan.Value)
                {
                    ctx.AddFailure(key + ".AmountWanYuan", $"{row}的金额（万元）最多保留两位小数。");
                }
                else if (c.AmountWanYuan >= 10_000_000_000m)
                {
                    ctx.AddFailure(key + ".AmountWanYuan", $"{row}的金额（万元）数值过大，请检查单位是否为万元。");
                }
                if (c.Link is null || !Enum.IsDefined(c.Link.Value))
                {
                    ctx.AddFailure(key + ".Link", $"{row}请选择所属环节。");
                }
                if (c.Description?.Trim().Length > 500)
                {
                    ctx.AddFailure(key + ".Description", $"{row}的说明不能超过500个字。");
                }
            }
        });

        RuleFor(f => f).Custom((form, ctx) =>
        {
            var basisOne = form.Bases.Any(b => b.Selected && b.Basis == RecommendationBasis.SmartTransformation);
            if (!basisOne && form.Contracts.Any(c => !c.IsBlank))
            {
                ctx.AddFailure("Contracts", "已填写改造合同，但未勾选推荐依据1（智能化改造）：请勾选依据1，或清空合同行。");
            }
        });
    }
}


/// <summary>Everything the create/edit page shows around the form.</summary>
public sealed class RecommendationEditModel
{
    public required RecommendationForm Form { get; init; }

    /// <summary>The record being edited; null when creating.</summary>
    public Guid? RecommendationId { get; init; }

    public RecommendationState? State { get; init; }

    public required string EnterpriseName { get; init; }
    public required string EnterpriseCreditCode { get; init; }
    public required decimal AnnualOutputWanYuan { get; init; }
    public required KeyIndustry Industry { get; init; }

    /// <summary>The batches the district may choose (open ones; the current batch too when editing).</summary>
    public required IReadOnlyList<BatchChoice> Batches { get; init; }

    /// <summary>The municipal rules the enterprise failed on the last "推荐" (each a Chinese explanation).</summary>
    public IReadOnlyList<string> EligibilityFailures { get; set; } = [];

    /// <summary>The enterprise's existing recommendations, so the one-per-year rule is visible before posting.</summary>
    public IReadOnlyList<RecommendationSummary> Existing { get; init; } = [];

    /// <summary>While Recommended the batch can no longer change.</summary>
    public bool BatchLocked => State == RecommendationState.Recommended;
}

public sealed class RecommendationFilter : ListQuery
{
    public int? Year { get; set; }
    public Guid? BatchId { get; set; }
    public RecommendationState? State { get; set; }

    /// <summary>Only the recommendations in force (已推荐、已完成评估、已列入汇总表): what the unit's figure counts.</summary>
    public bool Counted { get; set; }

    /// <summary>Part of the enterprise's name.</summary>
    public string? Q { get; set; }
}

public sealed record RecommendationRow(
    Guid Id,
    Guid EnterpriseId,
    string EnterpriseName,
    string CreditCode,
    int Year,
    string BatchName,
    RecommendationState State,
    bool DistrictFundedOnly,
    IReadOnlyList<RecommendationBasis> Bases,
    DateTime CreatedAtUtc,
    DateTime? RecommendedAtUtc);

public sealed class RecommendationListModel
{
    public required RecommendationFilter Filter { get; init; }
    public required PagedList<RecommendationRow> Recommendations { get; init; }
    public required IReadOnlyList<BatchChoice> Batches { get; init; }
}
