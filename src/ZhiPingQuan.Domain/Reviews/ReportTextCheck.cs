using System.Text;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Reviews;

/// <summary>
/// The report cross-check (docs/domain.md §4.5): the text of the assessment report must name the enterprise, its credit
/// code, the score as written with two decimals and the maturity level of the record. Pure: the caller extracts the
/// text. A report with no text layer (a scan) cannot be checked this way and asks for a person rather than failing.
/// </summary>
public static class ReportTextCheck
{
    public const string Name = "评估报告内容与记录一致";
    public const string Unreadable = "无法读取报告文字，请人工核对。";

    /// <summary>Fewer readable characters than this: no text layer worth the name (a scanned report).</summary>
    public const int MinimumTextLength = 20;

    public static CheckResult Run(string? reportText, string enterpriseName, string creditCode, MaturityScore score, MaturityLevel level)
    {
        var text = Normalise(reportText);
        if (text.Length < MinimumTextLength)
        {
            return new CheckResult(ConsistencyCheck.ReportMatchesRecord, Name, CheckOutcome.ManualCheck, Unreadable);
        }
        var expected = new (string What, string Value)[]
        {
            ("企业名称", enterpriseName),
            ("统一社会信用代码", creditCode),
            ("成熟度分数", score.ToString()),
            ("成熟度等级", ShortName(level)),
        };
        var missing = expected.Where(e => !text.Contains(Normalise(e.Value), StringComparison.Ordinal)).ToList();
        return missing.Count == 0
            ? new CheckResult(ConsistencyCheck.ReportMatchesRecord, Name, true,
                $"报告文字中有企业名称、统一社会信用代码、分数{score}和等级“{ShortName(level)}”。")
            : new CheckResult(ConsistencyCheck.ReportMatchesRecord, Name, false,
                "报告文字中未找到" + string.Join("、", missing.Select(m => $"{m.What}“{m.Value.Trim()}”")) + "。");
    }

    /// <summary>"三级" for 三级（集成级）, "未达一级" below level one: how reports write the level.</summary>
    public static string ShortName(MaturityLevel level) => level == MaturityLevel.BelowOne ? level.ToChinese() : level.ToChinese()[..2];

    // Text extraction puts spaces and line breaks where the layout had gaps, and reports mix full- and half-width forms.
    private static string Normalise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                continue;
            }
            sb.Append(ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => char.ToUpperInvariant((char)(ch - 0xFEE0)),
                _ => char.ToUpperInvariant(ch),
            });
        }
        return sb.ToString();
    }
}
