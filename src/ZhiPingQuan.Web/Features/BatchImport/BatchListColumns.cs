using System.Text;

namespace ZhiPingQuan.Web.Features.BatchImport;

/// <summary>The columns of the district's batch list (docs/domain.md §4.1), in the template's order.</summary>
public enum BatchListColumn
{
    SerialNumber,
    EnterpriseName,
    CreditCode,
    Industry,
    AnnualOutput,
    Basis,
    BasisDescription,
    ContractAmount,
    ContactName,
    ContactPhone,
    ContactEmail,
}

/// <summary>One column: the header the template prints, other names people give it, whether the list needs it.</summary>
public sealed record BatchListColumnInfo(BatchListColumn Column, string Header, bool Required, double Width, IReadOnlyList<string> Aliases);

/// <summary>
/// The batch list's columns and how a header cell is recognised. Columns are found by name, never by
/// position: districts reorder columns, add their own, write 年产值(万元) with half-width brackets, put
/// a line break or spaces into a header, or mark required columns with *.
/// </summary>
public static class BatchListColumns
{
    public static IReadOnlyList<BatchListColumnInfo> All { get; } =
    [
        new(BatchListColumn.SerialNumber, "序号", false, 6, ["编号"]),
        new(BatchListColumn.EnterpriseName, "企业名称", true, 34, ["单位名称", "企业名称（全称）"]),
        new(BatchListColumn.CreditCode, "统一社会信用代码", true, 24, ["信用代码", "社会信用代码", "统一信用代码"]),
        new(BatchListColumn.Industry, "所属行业（六大重点产业）", true, 22, ["所属行业", "行业", "所属产业", "六大重点产业"]),
        new(BatchListColumn.AnnualOutput, "年产值（万元）", true, 16, ["年产值", "上年产值（万元）", "年度产值（万元）"]),
        new(BatchListColumn.Basis, "推荐依据", true, 18, ["推荐依据（1-4）", "推荐依据(填1-4)"]),
        new(BatchListColumn.BasisDescription, "依据说明", false, 30, ["推荐依据说明"]),
        new(BatchListColumn.ContractAmount, "改造合同金额（万元）", false, 20, ["改造合同金额", "合同金额（万元）", "合同金额"]),
        new(BatchListColumn.ContactName, "联系人", false, 10, ["企业联系人"]),
        new(BatchListColumn.ContactPhone, "联系电话", false, 16, ["电话", "手机", "联系方式"]),
        new(BatchListColumn.ContactEmail, "电子邮箱", false, 26, ["邮箱", "电子邮件", "email", "e-mail"]),
    ];

    private static readonly Dictionary<string, BatchListColumn> ByNormalisedName = BuildIndex();

    public static BatchListColumnInfo Info(this BatchListColumn column) => All[(int)column];

    public static string Header(this BatchListColumn column) => All[(int)column].Header;

    /// <summary>The column a header cell names, or null for a column the import ignores.</summary>
    public static BatchListColumn? Match(string? headerText) =>
        ByNormalisedName.TryGetValue(NormaliseHeader(headerText), out var column) ? column : null;

    /// <summary>
    /// Half-width, no white space of any kind (line breaks included), no required-field stars, brackets
    /// unified, lower case: "年产值 (万元)*", "年产值（万元）" and "年产值\n（万元）" become one key.
    /// </summary>
    public static string NormaliseHeader(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = TextNormaliser.ToHalfWidth(ch);
            if (char.IsWhiteSpace(c) || c is '*' or '＊' or '※')
            {
                continue;
            }
            sb.Append(c switch
            {
                '[' or '【' or '〔' => '(',
                ']' or '】' or '〕' => ')',
                '–' or '—' or '～' or '~' => '-',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString();
    }

    private static Dictionary<string, BatchListColumn> BuildIndex()
    {
        var index = new Dictionary<string, BatchListColumn>(StringComparer.Ordinal);
        foreach (var info in All)
        {
            index[NormaliseHeader(info.Header)] = info.Column;
            foreach (var alias in info.Aliases)
            {
                index[NormaliseHeader(alias)] = info.Column;
            }
        }
        return index;
    }
}

/// <summary>What people type into cells, made comparable: full-width to half-width, stray spaces gone.</summary>
public static class TextNormaliser
{
    /// <summary>Full-width ASCII (！ to ～) and the ideographic space to their half-width forms.</summary>
    public static char ToHalfWidth(char c) => c switch
    {
        '\u3000' => ' ',
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        _ => c,
    };

    public static string ToHalfWidth(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(ToHalfWidth(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Trims every kind of white space (ideographic and non-breaking spaces too) and collapses inner runs to
    /// one space. Full-width characters are kept: an enterprise's registered name uses full-width brackets.
    /// </summary>
    public static string Tidy(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        if (IsTidy(text))
        {
            return text; // most cells: a list of thousands of rows need not copy every one of them
        }
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF';

    /// <summary>Already what <see cref="Tidy"/> makes of it: no white space but single ordinary spaces between words.</summary>
    private static bool IsTidy(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }
        var previousWasSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousWasSpace)
                {
                    return false;
                }
                previousWasSpace = true;
            }
            else if (IsSpace(c))
            {
                return false;
            }
            else
            {
                previousWasSpace = false;
            }
        }
        return true;
    }

    /// <summary>Every character <see cref="Compact"/> removes or changes (white space, full-width forms).</summary>
    private static readonly System.Buffers.SearchValues<char> WhiteSpaceOrFullWidth = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => IsSpace(c) || ToHalfWidth(c) != c).ToArray());

    /// <summary>Half-width with no white space at all: for codes, phone numbers, e-mail addresses and numbers.</summary>
    public static string Compact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        if (!text.AsSpan().ContainsAny(WhiteSpaceOrFullWidth))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = ToHalfWidth(ch);
            if (IsSpace(c))
            {
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
