namespace ZhiPingQuan.Domain.Common;

/// <summary>
/// The programme runs on Shanghai time: deadlines are end of day there and every time is shown
/// there, while storage is UTC. Shanghai has had no daylight saving since 1991, so a fixed +08:00
/// stands in when the machine has no time-zone database.
/// </summary>
public static class ShanghaiTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        }
    }

    public static DateTime ToShanghai(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly Today(IClock clock) => Today(clock.UtcNow);

    public static DateOnly Today(DateTime utcNow) => DateOnly.FromDateTime(ToShanghai(utcNow));

    /// <summary>The first UTC instant after the Shanghai calendar day <paramref name="date"/> ends.</summary>
    public static DateTime EndOfDayUtc(DateOnly date)
    {
        var nextMidnightLocal = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(nextMidnightLocal, Zone);
    }

    /// <summary>True while <paramref name="utcNow"/> is on or before the Shanghai day <paramref name="deadline"/>.</summary>
    public static bool IsOnOrBefore(DateTime utcNow, DateOnly deadline) => utcNow < EndOfDayUtc(deadline);

    /// <summary>Whole Shanghai calendar days from today until the deadline (0 on the day, negative once past).</summary>
    public static int DaysLeft(IClock clock, DateOnly deadline) => deadline.DayNumber - Today(clock).DayNumber;

    public static string FormatDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>A deadline as every page and message writes it: "2026年12月31日（当日24:00截止）" — the whole Shanghai day counts.</summary>
    public static string FormatDeadline(DateOnly deadline) => $"{FormatDate(deadline)}（当日24:00截止）";

    public static string FormatDateTime(DateTime utc) => ToShanghai(utc).ToString("yyyy-MM-dd HH:mm");
}
