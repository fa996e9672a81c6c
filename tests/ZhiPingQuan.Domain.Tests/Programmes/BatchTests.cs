using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Programmes;

public class BatchTests
{
    [Fact]
    public void A_batch_is_open_until_the_end_of_its_deadline_day_in_Shanghai()
    {
        var batch = Make.FirstBatch();
        Assert.True(batch.IsOpen(Make.Utc(2023, 11, 15, 15, 59, 59)));
        Assert.False(batch.IsOpen(Make.Utc(2023, 11, 15, 16, 0, 0)));
        Assert.True(batch.IsOpen(new FixedClock(Make.Utc(2023, 11, 15, 15, 0))));
    }

    [Fact]
    public void Days_left_counts_down_to_the_deadline()
    {
        var batch = Make.FirstBatch();
        Assert.Equal(5, batch.DaysLeft(new FixedClock(Make.Utc(2023, 11, 10))));
        Assert.Equal(-1, batch.DaysLeft(new FixedClock(Make.Utc(2023, 11, 16))));
    }

    [Fact]
    public void Ensure_open_refuses_after_the_deadline_naming_it()
    {
        var batch = Make.FirstBatch();
        var ex = Assert.Throws<DomainException>(() => batch.EnsureOpen(Make.Utc(2023, 11, 15, 16, 0), "推荐企业"));
        Assert.Equal("2023年度第一批的截止日期为2023年11月15日（当日24:00截止），已过截止时间，不能推荐企业。如确需推荐企业，请联系市经信委延长截止日期。", ex.Message);
    }

    [Fact]
    public void Extending_the_deadline_is_recorded_with_reason_person_and_time()
    {
        var batch = Make.FirstBatch();
        var at = Make.Utc(2023, 11, 14);
        batch.ExtendDeadline(new DateOnly(2023, 11, 30), " 部分区申请延期 ", "王主任", at);

        Assert.Equal(new DateOnly(2023, 11, 30), batch.Deadline);
        var ext = Assert.Single(batch.DeadlineExtensions);
        Assert.Equal(new DateOnly(2023, 11, 15), ext.OldDeadline);
        Assert.Equal(new DateOnly(2023, 11, 30), ext.NewDeadline);
        Assert.Equal("部分区申请延期", ext.Reason);
        Assert.Equal("王主任", ext.ByUserName);
        Assert.Equal(at, ext.AtUtc);
    }

    [Fact]
    public void Extending_reopens_a_closed_batch()
    {
        var batch = Make.FirstBatch();
        var late = Make.Utc(2023, 11, 20);
        Assert.False(batch.IsOpen(late));
        batch.ExtendDeadline(new DateOnly(2023, 11, 30), "延期", "王主任", late);
        Assert.True(batch.IsOpen(late));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Extending_needs_a_reason(string reason)
    {
        var batch = Make.FirstBatch();
        var ex = Assert.Throws<DomainException>(() => batch.ExtendDeadline(new DateOnly(2023, 11, 30), reason, "王主任", Make.Before));
        Assert.Equal("延长截止日期必须填写原因。", ex.Message);
        Assert.Equal(new DateOnly(2023, 11, 15), batch.Deadline);
        Assert.Empty(batch.DeadlineExtensions);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(14)]
    public void Extending_needs_a_later_date(int day)
    {
        var batch = Make.FirstBatch();
        var ex = Assert.Throws<DomainException>(() => batch.ExtendDeadline(new DateOnly(2023, 11, day), "延期", "王主任", Make.Before));
        Assert.Contains("必须晚于当前截止日期（2023年11月15日）", ex.Message);
        Assert.Empty(batch.DeadlineExtensions);
    }

    [Fact]
    public void The_original_deadline_survives_several_extensions()
    {
        var batch = Make.FirstBatch();
        batch.ExtendDeadline(new DateOnly(2023, 11, 20), "一", "王主任", Make.Before);
        batch.ExtendDeadline(new DateOnly(2023, 11, 25), "二", "王主任", Make.Before);
        Assert.Equal(new DateOnly(2023, 11, 15), batch.OriginalDeadline);
        Assert.Equal(2, batch.DeadlineExtensions.Count);
        Assert.Equal(new DateOnly(2023, 11, 20), batch.DeadlineExtensions[1].OldDeadline);
    }
}
