using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
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

    /// <summary>The unit's first entry for the year (the unit and the year name the audit line).</summary>
    public UnitYearSettings(RecommendingUnit unit, ProgrammeYear year, IEnumerable<KeyIndustry> focusIndustries, int aboveSizeEnterpriseCount)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(year);
        RecommendingUnitId = unit.Id;
        ProgrammeYearId = year.Id;
        Apply(focusIndustries, aboveSizeEnterpriseCount);
        Raise(new UnitSettingsEntered(Id, unit.Name, year.Year, Describe()));
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

    /// <summary>
    /// Replaces the industries and the count; returns false (and records nothing) when both stay as they were.
    /// <paramref name="unit"/> and <paramref name="year"/> are the settings' own (they name the audit line).
    /// </summary>
    public bool Update(RecommendingUnit unit, ProgrammeYear year, IEnumerable<KeyIndustry> focusIndustries, int aboveSizeEnterpriseCount)
    {
        if (unit.Id != RecommendingUnitId || year.Id != ProgrammeYearId)
        {
            throw new ArgumentException("这不是该推荐单位该项目年度的设置。");
        }
        var before = Describe();
        Apply(focusIndustries, aboveSizeEnterpriseCount);
        var after = Describe();
        if (after == before)
        {
            return false;
        }
        Raise(new UnitSettingsChanged(Id, unit.Name, year.Year, before, after));
        return true;
    }

    /// <summary>"重点行业：汽车、高端装备；规上工业企业数：321", as the audit trail keeps it.</summary>
    public string Describe() =>
        $"重点行业：{string.Join("、", FocusIndustries.Select(i => i.ToChinese()))}；规上工业企业数：{AboveSizeEnterpriseCount}";

    private void Apply(IEnumerable<KeyIndustry> focusIndustries, int aboveSizeEnterpriseCount)
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
