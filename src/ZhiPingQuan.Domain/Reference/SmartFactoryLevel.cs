using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Domain.Reference;

/// <summary>
/// 智能工厂等级 — the summary table's column. A configurable list (Admin edits it); each tier may name
/// the lowest maturity level it is published for, so a report claiming more is flagged.
/// </summary>
public sealed class SmartFactoryLevel : Entity
{
    /// <summary>Fixed ids of the seeded tiers, so seeding is idempotent and migrations can refer to them.</summary>
    public static class SeedIds
    {
        public static readonly Guid Unrated = new("0193a000-0000-7000-8000-000000000001");
        public static readonly Guid Basic = new("0193a000-0000-7000-8000-000000000002");
        public static readonly Guid Advanced = new("0193a000-0000-7000-8000-000000000003");
        public static readonly Guid Excellent = new("0193a000-0000-7000-8000-000000000004");
        public static readonly Guid Leading = new("0193a000-0000-7000-8000-000000000005");
    }

    private SmartFactoryLevel() { }

    public SmartFactoryLevel(string name, int sortOrder, MaturityLevel? minimumMaturityLevel)
    {
        Update(name, sortOrder, minimumMaturityLevel);
    }

    private SmartFactoryLevel(Guid id, string name, int sortOrder, MaturityLevel? minimumMaturityLevel)
        : this(name, sortOrder, minimumMaturityLevel)
    {
        Id = id;
    }

    public string Name { get; private set; } = string.Empty;

    public int SortOrder { get; private set; }

    /// <summary>The lowest maturity level the tier is published for; null when the tier demands none (未评定).</summary>
    public MaturityLevel? MinimumMaturityLevel { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>The seed list of docs/domain.md §2: 未评定 plus the MIIT tiers. New instances on every call.</summary>
    public static IReadOnlyList<SmartFactoryLevel> CreateSeed() =>
    [
        new(SeedIds.Unrated, "未评定", 0, null),
        new(SeedIds.Basic, "基础级", 1, MaturityLevel.Two),
        new(SeedIds.Advanced, "先进级", 2, MaturityLevel.Two),
        new(SeedIds.Excellent, "卓越级", 3, MaturityLevel.Three),
        new(SeedIds.Leading, "领航级", 4, MaturityLevel.Four),
    ];

    /// <summary>True when an enterprise at <paramref name="level"/> may hold this tier.</summary>
    public bool IsSupportedBy(MaturityLevel level) => MinimumMaturityLevel is null || level >= MinimumMaturityLevel.Value;

    public void Update(string name, int sortOrder, MaturityLevel? minimumMaturityLevel)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("智能工厂等级名称不能为空。");
        }
        if (name.Trim().Length > 50)
        {
            throw new DomainException("智能工厂等级名称不能超过50个字。");
        }
        if (sortOrder < 0)
        {
            throw new DomainException("排序号不能为负数。");
        }
        Name = name.Trim();
        SortOrder = sortOrder;
        MinimumMaturityLevel = minimumMaturityLevel;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
