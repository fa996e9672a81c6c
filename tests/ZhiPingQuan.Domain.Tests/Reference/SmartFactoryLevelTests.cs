using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Reference;

public class SmartFactoryLevelTests
{
    [Fact]
    public void Seed_lists_unrated_and_the_four_MIIT_tiers_with_their_minimum_levels()
    {
        var seed = SmartFactoryLevel.CreateSeed();
        Assert.Equal(["未评定", "基础级", "先进级", "卓越级", "领航级"], seed.OrderBy(l => l.SortOrder).Select(l => l.Name));
        Assert.Equal(
            [null, MaturityLevel.Two, MaturityLevel.Two, MaturityLevel.Three, MaturityLevel.Four],
            seed.OrderBy(l => l.SortOrder).Select(l => l.MinimumMaturityLevel));
        Assert.All(seed, l => Assert.True(l.IsActive));
    }

    [Fact]
    public void Seed_ids_are_fixed_and_instances_are_new_each_time()
    {
        var a = SmartFactoryLevel.CreateSeed();
        var b = SmartFactoryLevel.CreateSeed();
        Assert.Equal(a.Select(l => l.Id), b.Select(l => l.Id));
        Assert.Equal(SmartFactoryLevel.SeedIds.Excellent, a.Single(l => l.Name == "卓越级").Id);
        Assert.NotSame(a[0], b[0]);
    }

    [Theory]
    [InlineData("卓越级", MaturityLevel.Two, false)]
    [InlineData("卓越级", MaturityLevel.Three, true)]
    [InlineData("领航级", MaturityLevel.Three, false)]
    [InlineData("基础级", MaturityLevel.One, false)]
    [InlineData("先进级", MaturityLevel.Five, true)]
    [InlineData("未评定", MaturityLevel.BelowOne, true)]
    public void A_tier_is_supported_from_its_minimum_maturity_level(string tier, MaturityLevel level, bool supported)
    {
        var t = SmartFactoryLevel.CreateSeed().Single(l => l.Name == tier);
        Assert.Equal(supported, t.IsSupportedBy(level));
    }

    [Fact]
    public void A_tier_needs_a_name()
    {
        var ex = Assert.Throws<DomainException>(() => new SmartFactoryLevel("  ", 1, null));
        Assert.Equal("智能工厂等级名称不能为空。", ex.Message);
    }

    [Fact]
    public void Admin_can_edit_and_deactivate_a_tier()
    {
        var tier = new SmartFactoryLevel("标杆级", 5, MaturityLevel.Four);
        tier.Update(" 标杆工厂 ", 6, MaturityLevel.Five);
        tier.Deactivate();
        Assert.Equal("标杆工厂", tier.Name);
        Assert.Equal(MaturityLevel.Five, tier.MinimumMaturityLevel);
        Assert.False(tier.IsActive);
    }
}
