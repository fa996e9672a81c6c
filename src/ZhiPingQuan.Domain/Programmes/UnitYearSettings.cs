using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Programmes;

/// <summary>
/// What a recommending unit enters for a programme year: its focus industries and its count of
/// 规上工业企业 (the denominator of coverage in the district evaluation).
/// </summary>
public sealed class UnitYearSettings : Entity
{
    // Stored as a comma-separated list of enum names: provider-neutral, no JSON column.
    private string _focusIndustries = string.Empty;

    private UnitYearSettings() { }

    public UnitYearSettings(Guid recommendingUnitId, Guid programmeYearId, IEnumerable<KeyIndustry> focusIndustries, int aboveSizeEnterpriseCount)
    {
        if (recommendingUnitId == Guid.Empty || programmeYearId == Guid.Empty)
        {
            throw new DomainException("推荐单位和项目年度不能为空。");
        }
        RecommendingUnitId = recommendingUnitId;
        ProgrammeYearId = programmeYearId;
        Update(focusIndustries, aboveSizeEnterpriseCount);
    }

    public Guid RecommendingUnitId { get; private set; }

    public Guid ProgrammeYearId { get; private set; }

    /// <summary>规上工业企业数.</summary>
    public int AboveSizeEnterpriseCount { get; private set; }

    /// <summary>重点行业, in the order of <see cref="KeyIndustries.All"/>.</summary>
    public IReadOnlyList<KeyIndustry> FocusIndustries =>
        _focusIndustries.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(Enum.Parse<KeyIndustry>)
            .ToArray();

    public void Update(IEnumerable<KeyIndustry> focusIndustries, int aboveSizeEnterpriseCount)
    {
        if (aboveSizeEnterpriseCount < 0)
        {
            throw new DomainException("规上工业企业数不能为负数。");
        }
        var set = (focusIndustries ?? []).ToHashSet();
        if (set.Any(i => !Enum.IsDefined(i)))
        {
            throw new DomainException("重点行业应为六大重点产业。");
        }
        _focusIndustries = string.Join(",", KeyIndustries.All.Where(set.Contains));
        AboveSizeEnterpriseCount = aboveSizeEnterpriseCount;
    }
}
