using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Programmes;

public class UnitYearSettingsTests
{
    private static UnitYearSettings Settings(IEnumerable<KeyIndustry> industries, int count) =>
        new(Make.Unit(), Make.Year2023(), industries, count);

    [Fact]
    public void Focus_industries_are_kept_once_each_in_the_standard_order()
    {
        var s = Settings([KeyIndustry.FashionConsumerGoods, KeyIndustry.Automotive, KeyIndustry.Automotive], 1500);
        Assert.Equal([KeyIndustry.Automotive, KeyIndustry.FashionConsumerGoods], s.FocusIndustries);
        Assert.Equal(1500, s.AboveSizeEnterpriseCount);
    }

    [Fact]
    public void No_focus_industries_is_allowed()
    {
        Assert.Empty(Settings([], 0).FocusIndustries);
    }

    [Fact]
    public void A_negative_above_size_count_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Settings([], -1));
        Assert.Equal("规上工业企业数不能为负数。", ex.Message);
    }

    [Fact]
    public void Settings_belong_to_a_unit_and_a_year()
    {
        var unit = Make.Unit();
        var year = Make.Year2023();
        var s = new UnitYearSettings(unit, year, [], 1);
        Assert.Equal((unit.Id, year.Id), (s.RecommendingUnitId, s.ProgrammeYearId));
        Assert.Throws<ArgumentException>(() => s.Update(Make.Unit("闵行区", "310112"), year, [], 2));
        Assert.Throws<ArgumentException>(() => s.Update(unit, Make.Year2023(), [], 2));
        Assert.Equal(1, s.AboveSizeEnterpriseCount);
    }

    [Fact]
    public void Updating_replaces_industries_and_count()
    {
        var unit = Make.Unit();
        var year = Make.Year2023();
        var s = new UnitYearSettings(unit, year, [KeyIndustry.Automotive], 10);
        s.Update(unit, year, [KeyIndustry.LifeHealth], 12);
        Assert.Equal([KeyIndustry.LifeHealth], s.FocusIndustries);
        Assert.Equal(12, s.AboveSizeEnterpriseCount);
    }

    [Fact]
    public void Entering_and_changing_are_audit_lines_naming_the_unit_and_the_year()
    {
        var unit = Make.Unit();
        var year = Make.Year2023();
        var s = new UnitYearSettings(unit, year, [KeyIndustry.HighEndEquipment, KeyIndustry.Automotive], 321);
        var entered = Assert.IsType<UnitSettingsEntered>(Assert.Single(s.TakeEvents())).Audit;
        Assert.Equal(new AuditLine(AuditAction.UnitSettingsEntered, nameof(UnitYearSettings), s.Id,
            null, "重点行业：汽车、高端装备；规上工业企业数：321", "浦东新区，2023年度"), entered);

        Assert.True(s.Update(unit, year, [KeyIndustry.ElectronicInformation], 0));
        var changed = Assert.IsType<UnitSettingsChanged>(Assert.Single(s.TakeEvents())).Audit;
        Assert.Equal(("重点行业：汽车、高端装备；规上工业企业数：321", "重点行业：电子信息；规上工业企业数：0"), (changed.Before, changed.After));
        Assert.Equal(AuditAction.UnitSettingsChanged, changed.Action);
    }

    [Fact]
    public void Saving_the_same_settings_again_records_nothing_and_a_refusal_records_nothing()
    {
        var unit = Make.Unit();
        var year = Make.Year2023();
        var s = new UnitYearSettings(unit, year, [KeyIndustry.Automotive], 10);
        s.TakeEvents();
        Assert.False(s.Update(unit, year, [KeyIndustry.Automotive, KeyIndustry.Automotive], 10));
        Assert.Throws<DomainException>(() => s.Update(unit, year, [KeyIndustry.Automotive], -1));
        Assert.Empty(s.PendingEvents());
        Assert.Equal(10, s.AboveSizeEnterpriseCount);
    }
}
