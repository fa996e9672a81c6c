using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Programmes;

public class ProgrammeYearTests
{
    [Fact]
    public void Batches_are_numbered_in_the_order_they_are_added()
    {
        var year = Make.Year2023();
        Assert.Equal(["第一批", "第二批"], year.Batches.Select(b => b.Name));
        Assert.Equal([1, 2], year.Batches.Select(b => b.Sequence));
        Assert.All(year.Batches, b => Assert.Equal(year.Id, b.ProgrammeYearId));
    }

    [Fact]
    public void A_batch_name_is_unique_within_the_year()
    {
        var year = Make.Year2023();
        var ex = Assert.Throws<DomainException>(() => year.AddBatch(" 第一批 ", new DateOnly(2023, 12, 31)));
        Assert.Equal("2023年度已有批次“第一批”。", ex.Message);
        Assert.Equal(2, year.Batches.Count);
    }

    [Fact]
    public void A_batch_needs_a_name()
    {
        Assert.Throws<DomainException>(() => Make.Year2023().AddBatch("", new DateOnly(2023, 12, 31)));
    }

    [Fact]
    public void Renaming_a_batch_changes_only_its_name()
    {
        var year = Make.Year2023();
        var first = year.Batches[0];
        year.RenameBatch(first.Id, " 第一批（试点） ");
        Assert.Equal("第一批（试点）", first.Name);
        Assert.Equal(new DateOnly(2023, 11, 15), first.Deadline);
        Assert.Equal(1, first.Sequence);
        Assert.Empty(first.DeadlineExtensions);
    }

    [Fact]
    public void Renaming_a_batch_to_its_own_name_is_allowed_but_not_to_a_siblings()
    {
        var year = Make.Year2023();
        year.RenameBatch(year.Batches[0].Id, "第一批");
        var ex = Assert.Throws<DomainException>(() => year.RenameBatch(year.Batches[0].Id, "第二批"));
        Assert.Equal("2023年度已有批次“第二批”。", ex.Message);
        Assert.Equal("第一批", year.Batches[0].Name);
    }

    [Fact]
    public void Renaming_needs_a_name_and_a_batch_of_this_year()
    {
        var year = Make.Year2023();
        Assert.Equal("批次名称不能为空。", Assert.Throws<DomainException>(() => year.RenameBatch(year.Batches[0].Id, " ")).Message);
        var other = Make.Year2023().Batches[0];
        Assert.Equal("该批次不属于本项目年度。", Assert.Throws<DomainException>(() => year.RenameBatch(other.Id, "第三批")).Message);
        Assert.Equal("第一批", year.Batches[0].Name);
    }

    [Fact]
    public void The_standard_amount_must_be_positive()
    {
        var ex = Assert.Throws<DomainException>(() => new ProgrammeYear(2023, Money.Zero));
        Assert.Equal("额定标准必须大于0。", ex.Message);
    }

    [Fact]
    public void The_budget_cap_cannot_be_below_the_standard_amount()
    {
        Assert.Throws<DomainException>(() => new ProgrammeYear(2023, new Money(100_000m), new Money(99_999.99m)));
    }

    [Theory]
    [InlineData(2019)]
    [InlineData(2101)]
    public void An_implausible_year_is_refused(int year)
    {
        Assert.Throws<DomainException>(() => new ProgrammeYear(year, new Money(1m)));
    }

    [Fact]
    public void The_cap_tells_how_many_enterprises_it_pays_for()
    {
        Assert.Equal(20, Make.Year2023().EnterprisesWithinBudget);
        Assert.Null(new ProgrammeYear(2024, new Money(100_000m)).EnterprisesWithinBudget);
    }
}
