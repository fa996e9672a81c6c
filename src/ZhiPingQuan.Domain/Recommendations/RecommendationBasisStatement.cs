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
        if (DescriptionError(description) is { } descriptionError)
        {
            throw new DomainException(descriptionError);
        }
        var d = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Id = Guid.CreateVersion7();
        Basis = basis;
        Description = d;
    }

    public const int MaxDescriptionLength = 1000;

    /// <summary>依据说明 is optional, at most 1000 characters after trimming; null when acceptable.</summary>
    public static string? DescriptionError(string? description) =>
        description?.Trim().Length > MaxDescriptionLength ? $"依据说明不能超过{MaxDescriptionLength}个字。" : null;

    public Guid Id { get; private set; }

    public RecommendationBasis Basis { get; private set; }

    public string? Description { get; private set; }
}
