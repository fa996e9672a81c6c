using System.Globalization;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>How values are shown: times in Asia/Shanghai, dates as 2023-11-15, money with two decimals.</summary>
public static class Display
{
    public static string Time(DateTime? utc) => utc is null ? "—" : ShanghaiTime.FormatDateTime(utc.Value);

    public static string Date(DateOnly? date) => date is null ? "—" : date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string LongDate(DateOnly date) => ShanghaiTime.FormatDate(date);

    public static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " 元";

    public static string WanYuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture) + " 万元";

    /// <summary>"还剩 5 天" / "今天截止" / "已截止 3 天".</summary>
    public static string DaysLeft(int days) => days switch
    {
        > 0 => $"还剩 {days} 天",
        0 => "今天截止",
        _ => $"已截止 {-days} 天",
    };
}
