using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Recommendations;

/// <summary>One basis a recommendation rests on, with the district's description of it (依据说明).</summary>
public sealed class RecommendationBasisStatement
{
    private RecommendationBasisStatement() { }

    public RecommendationBasisStatement(RecommendationBasis basis, string? description = null)
    {
        if (!Enum.IsDefined(basis))
        {
            throw new DomainException($"推荐依据“{(int)basis}”无效，应为1–4。");
        }
        var d = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (d is not null && d.Length > 1000)
        {
            throw new DomainException("依据说明不能超过1000个字。");
        }
        Id = Guid.CreateVersion7();
        Basis = basis;
        Description = d;
    }

    public Guid Id { get; private set; }

    public RecommendationBasis Basis { get; private set; }

    public string? Description { get; private set; }
}
