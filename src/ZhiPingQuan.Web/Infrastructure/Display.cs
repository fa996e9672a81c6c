using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>How values are shown: times in Asia/Shanghai, dates as 2023-11-15, money with two decimals.</summary>
public static partial class Display
{
    /// <summary>
    /// A deadline as people read it on a notice: "2026年12月31日（当日24:00截止）" — the whole day counts
    /// (docs/domain.md §3: a step is on time up to the end of the deadline's day in Shanghai).
    /// </summary>
    public static string Deadline(DateOnly? date) => date is null ? "—" : ShanghaiTime.FormatDeadline(date.Value);

    /// <summary>A record id (GUID) or a SHA-256 (64 hex digits) inside a text.</summary>
    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")]
    private static partial Regex InternalValue();

    /// <summary>An internal value with the words that name it ("文件编号 …", "SHA-256 …", "内容摘要（SHA-256）…") and the comma before it.</summary>
    [GeneratedRegex(@"[，,、]?\s*(?:(?:原|新)?文件编号|内容摘要（SHA-256）|SHA-256)?\s*(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F]))")]
    private static partial Regex NamedInternalValue();

    [GeneratedRegex(@"[（(]\s*[，,、]?\s*[）)]")]
    private static partial Regex EmptyBrackets();

    /// <summary>
    /// A line of a record's history as a district, an enterprise or an agency reads it: without record ids and hashes,
    /// which mean nothing to them (the audit log keeps them, <see cref="WithShortIds"/>).
    /// </summary>
    public static string? History(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var cleaned = EmptyBrackets().Replace(NamedInternalValue().Replace(text, ""), "").Trim().TrimEnd('，', ',', '、', '；').TrimStart('，', ',', '、', '；');
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>
    /// A text of the audit log with each record id and hash shortened to its first 8 characters; the full value is
    /// the element's title (shown on hover and read by screen readers) and stays searchable in the export.
    /// </summary>
    public static IHtmlContent WithShortIds(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return HtmlString.Empty;
        }
        var html = new HtmlContentBuilder();
        var at = 0;
        foreach (Match m in InternalValue().Matches(text))
        {
            html.Append(text[at..m.Index]);
            html.AppendHtml($"<code class=\"text-muted\" title=\"{m.Value}\" tabindex=\"0\" data-full=\"{m.Value}\">{m.Value[..8]}…</code>");
            at = m.Index + m.Length;
        }
        html.Append(text[at..]);
        return html;
    }

    public static string Time(DateTime? utc) => utc is null ? "—" : ShanghaiTime.FormatDateTime(utc.Value);

    /// <summary>Who took a step, as a history line names them: "李科长（浦东新区）", or "系统" alone for the portal's own steps.</summary>
    public static string Actor(string userName, string? organisationName) =>
        string.IsNullOrWhiteSpace(organisationName) ? userName : $"{userName}（{organisationName}）";

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
