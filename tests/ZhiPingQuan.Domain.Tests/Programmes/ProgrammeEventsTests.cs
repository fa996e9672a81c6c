using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Programmes;

/// <summary>Every change of the programme's settings is raised by the entity itself, worded as the settings pages word it.</summary>
public class ProgrammeEventsTests
{
    private static AuditLine Line(Entity record) => Assert.IsAssignableFrom<IAuditedEvent>(Assert.Single(record.TakeEvents())).Audit;

    [Fact]
    public void Opening_a_year_and_adding_batches_are_audit_lines()
    {
        var year = new ProgrammeYear(2031, new Money(120_000.50m), new Money(2_400_010.00m));
        Assert.Equal(new AuditLine(AuditAction.ProgrammeYearCreated, nameof(ProgrammeYear), year.Id,
            null, "2031年度，额定标准120,000.50 元，预算上限2,400,010.00 元"), Line(year));

        var batch = year.AddBatch(" 第一批 ", new DateOnly(2031, 3, 31));
        Assert.Equal(new AuditLine(AuditAction.BatchAdded, nameof(Batch), batch.Id, null, "第一批，2031年3月31日（当日24:00截止）", "2031年度"), Line(year));
    }

    [Fact]
    public void A_year_without_cap_says_so()
    {
        Assert.Equal("2031年度，额定标准80,000.00 元，预算上限不设", Line(new ProgrammeYear(2031, new Money(80_000m))).After);
    }

    [Fact]
    public void Changing_the_amounts_keeps_before_and_after_and_no_change_records_nothing()
    {
        var year = Make.Year2023();
        year.TakeEvents();

        Assert.False(year.SetAmounts(new Money(100_000.00m), new Money(2_000_000.00m)));
        Assert.Empty(year.PendingEvents());

        Assert.True(year.SetAmounts(new Money(150_000m), null));
        var line = Line(year);
        Assert.Equal(AuditAction.ProgrammeYearAmountsChanged, line.Action);
        Assert.Equal("2023年度，额定标准100,000.00 元，预算上限2,000,000.00 元", line.Before);
        Assert.Equal("2023年度，额定标准150,000.00 元，预算上限不设", line.After);
    }

    [Fact]
    public void Renaming_a_batch_is_recorded_only_when_the_name_changes()
    {
        var year = Make.Year2023();
        var first = year.Batches[0];
        year.TakeEvents();

        Assert.False(year.RenameBatch(first.Id, " 第一批 "));
        Assert.Empty(year.PendingEvents());
        Assert.True(year.RenameBatch(first.Id, "第一批（试点）"));
        Assert.Equal(new AuditLine(AuditAction.BatchRenamed, nameof(Batch), first.Id, "第一批", "第一批（试点）", "2023年度"), Line(year));
    }

    [Fact]
    public void Extending_a_deadline_names_the_year_the_batch_and_the_reason()
    {
        var batch = Make.FirstBatch();
        batch.ExtendDeadline(new DateOnly(2023, 11, 30), " 部分区申请延期 ", "王主任", Make.Before);
        Assert.Equal(new AuditLine(AuditAction.DeadlineExtended, nameof(Batch), batch.Id,
            "2023年11月15日（当日24:00截止）", "2023年11月30日（当日24:00截止）", "2023年度第一批；原因：部分区申请延期"), Line(batch));
    }

    [Fact]
    public void Refused_changes_record_nothing()
    {
        var year = Make.Year2023();
        var batch = year.Batches[0];
        year.TakeEvents();

        Assert.Throws<DomainException>(() => year.AddBatch("第二批", new DateOnly(2023, 12, 31)));
        Assert.Throws<DomainException>(() => year.RenameBatch(batch.Id, "第二批"));
        Assert.Throws<DomainException>(() => year.SetAmounts(new Money(100_000m), new Money(1m)));
        Assert.Throws<DomainException>(() => batch.ExtendDeadline(new DateOnly(2023, 11, 1), "提前", "王主任", Make.Before));
        Assert.Empty(year.PendingEvents());
        Assert.Empty(batch.PendingEvents());
    }
}
