using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Tests.Programmes;

public class UnitYearSettingsTests
{
    [Fact]
    public void Focus_industries_are_kept_once_each_in_the_standard_order()
    {
        var s = new UnitYearSettings(Guid.NewGuid(), Guid.NewGuid(),
            [KeyIndustry.FashionConsumerGoods, KeyIndustry.Automotive, KeyIndustry.Automotive], 1500);
        Assert.Equal([KeyIndustry.Automotive, KeyIndustry.FashionConsumerGoods], s.FocusIndustries);
        Assert.Equal(1500, s.AboveSizeEnterpriseCount);
    }

    [Fact]
    public void No_focus_industries_is_allowed()
    {
        Assert.Empty(new UnitYearSettings(Guid.NewGuid(), Guid.NewGuid(), [], 0).FocusIndustries);
    }

    [Fact]
    public void A_negative_above_size_count_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new UnitYearSettings(Guid.NewGuid(), Guid.NewGuid(), [], -1));
        Assert.Equal("规上工业企业数不能为负数。", ex.Message);
    }

    [Fact]
    public void Settings_belong_to_a_unit_and_a_year()
    {
        Assert.Throws<DomainException>(() => new UnitYearSettings(Guid.Empty, Guid.NewGuid(), [], 1));
    }

    [Fact]
    public void Updating_replaces_industries_and_count()
    {
        var s = new UnitYearSettings(Guid.NewGuid(), Guid.NewGuid(), [KeyIndustry.Automotive], 10);
        s.Update([KeyIndustry.LifeHealth], 12);
        Assert.Equal([KeyIndustry.LifeHealth], s.FocusIndustries);
        Assert.Equal(12, s.AboveSizeEnterpriseCount);
    }
}
