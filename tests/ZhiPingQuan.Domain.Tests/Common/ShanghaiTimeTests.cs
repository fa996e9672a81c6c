using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Common;

public class ShanghaiTimeTests
{
    private static readonly DateOnly Deadline = new(2023, 11, 15);

    [Fact]
    public void Deadline_day_is_open_until_the_last_second_in_Shanghai()
    {
        Assert.True(ShanghaiTime.IsOnOrBefore(Make.Utc(2023, 11, 15, 15, 59, 59), Deadline));
    }

    [Fact]
    public void Deadline_closes_at_midnight_Shanghai_which_is_16_00_UTC()
    {
        Assert.False(ShanghaiTime.IsOnOrBefore(Make.Utc(2023, 11, 15, 16, 0, 0), Deadline));
    }

    [Fact]
    public void End_of_day_is_the_next_Shanghai_midnight_in_UTC()
    {
        Assert.Equal(Make.Utc(2023, 11, 15, 16, 0, 0), ShanghaiTime.EndOfDayUtc(Deadline));
    }

    [Theory]
    [InlineData(2023, 11, 14, 15, 59, 1)] // 23:59 on the 14th in Shanghai
    [InlineData(2023, 11, 14, 16, 0, 0)] // 00:00 on the 15th in Shanghai
    [InlineData(2023, 11, 15, 15, 59, 0)]
    [InlineData(2023, 11, 15, 16, 0, -1)]
    public void Days_left_counts_Shanghai_calendar_days(int y, int m, int d, int h, int min, int expected)
    {
        var clock = new FixedClock(Make.Utc(y, m, d, h, min));
        Assert.Equal(expected, ShanghaiTime.DaysLeft(clock, Deadline));
    }

    [Fact]
    public void Dates_are_formatted_the_Chinese_way()
    {
        Assert.Equal("2023年11月15日", ShanghaiTime.FormatDate(Deadline));
        Assert.Equal("2023-11-15 23:59", ShanghaiTime.FormatDateTime(Make.Utc(2023, 11, 15, 15, 59)));
    }
}
