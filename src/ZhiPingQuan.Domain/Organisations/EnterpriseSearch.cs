using System.Linq.Expressions;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.Organisations;

/// <summary>
/// "企业名称或统一社会信用代码" — the one search of every list that shows enterprises (the registry,
/// recommendations, assignments, assessments, the commission's overview). An enterprise matches when its
/// name contains the typed text, Latin letters compared without case ("abb" finds "上海ABB工程有限公司"), or
/// when its credit code contains the typed text read as (part of) a code: full-width characters made
/// half-width, spaces dropped, upper-case, as <see cref="CreditCode.Normalise"/> reads a whole code
/// ("ｍａ1ｇ" finds …MA1G…). Text that cannot be part of a code (Chinese, I/O/Z/S/V, punctuation) is
/// matched against names only. Blank text matches every enterprise.
/// </summary>
public sealed class EnterpriseSearch
{
    private EnterpriseSearch(string name, string? codePart)
    {
        Name = name;
        CodePart = codePart;
    }

    /// <summary>The text that names are searched for: the typed text, trimmed.</summary>
    public string Name { get; }

    /// <summary>The typed text as part of a credit code, or null when it cannot be one.</summary>
    public string? CodePart { get; }

    /// <summary>The typed text read for searching; null when it is blank (nothing to narrow).</summary>
    public static EnterpriseSearch? Parse(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var code = CreditCode.Normalise(typed);
        return new EnterpriseSearch(typed.Trim(), code.Length > 0 && code.All(c => CreditCode.Alphabet.Contains(c)) ? code : null);
    }

    /// <summary>The rule as a query predicate (every enterprise when <paramref name="typed"/> is blank).</summary>
    public static Expression<Func<Enterprise, bool>> Matches(string? typed) =>
        Parse(typed)?.Matches() ?? (_ => true);

    /// <summary>
    /// The rule as a query predicate. The values are captured, not inlined, so a query built from it is the same
    /// query whatever was typed (a database compiles and caches it once).
    /// </summary>
    public Expression<Func<Enterprise, bool>> Matches()
    {
        var name = Name;
        var codePart = CodePart;
        return codePart is null
            ? e => e.Name.Contains(name, StringComparison.OrdinalIgnoreCase)
            : e => e.Name.Contains(name, StringComparison.OrdinalIgnoreCase) || e.CreditCode.Value.Contains(codePart);
    }

    /// <summary>The same rule for a name and code already in memory.</summary>
    public bool IsMatch(string name, string creditCode) =>
        name.Contains(Name, StringComparison.OrdinalIgnoreCase) || (CodePart is not null && creditCode.Contains(CodePart, StringComparison.Ordinal));
}
