using System.Linq.Expressions;
using System.Reflection;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Web.Data;

/// <summary>
/// The domain's <see cref="EnterpriseSearch"/> rule applied to a query, on any list whose rows lead to an
/// enterprise. The rule is written in plain .NET (it runs in memory too); here it becomes SQL every provider
/// runs the same way:
/// <list type="bullet">
/// <item><c>CreditCode.Value</c> becomes the stored column (EF reads a converted property as its column
/// type through a cast via object).</item>
/// <item>"name contains the text, ignoring case" becomes <c>upper(name)</c> containing the text with its
/// Latin letters upper-cased: SQLite's and PostgreSQL's own comparisons are case-sensitive, and their
/// <c>upper()</c> folds Latin letters alike (SQLite only ASCII; PostgreSQL in a C or UTF-8 locale at
/// least ASCII). When the text has no Latin letter (a Chinese name, digits) there is nothing to fold and
/// the column is searched as stored, which is cheaper.</item>
/// </list>
/// </summary>
public static class EnterpriseSearchQueries
{
    private static readonly MethodInfo ContainsIgnoringCase =
        typeof(string).GetMethod(nameof(string.Contains), [typeof(string), typeof(StringComparison)])!;

    private static readonly MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    private static readonly MethodInfo ToUpper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;

    /// <summary>Enterprises whose name or credit code the typed text finds; blank text leaves the query as it is.</summary>
    public static IQueryable<Enterprise> WhereMatches(this IQueryable<Enterprise> query, string? typed) =>
        query.WhereEnterpriseMatches(e => e, typed);

    /// <summary>Rows whose enterprise the typed text finds (by name or by any part of its credit code); blank text leaves the query as it is.</summary>
    public static IQueryable<T> WhereEnterpriseMatches<T>(this IQueryable<T> query, Expression<Func<T, Enterprise?>> enterprise, string? typed)
    {
        var search = EnterpriseSearch.Parse(typed);
        if (search is null)
        {
            return query;
        }
        var rule = search.Matches();
        var body = new ForDatabase(rule.Parameters[0], enterprise.Body).Visit(rule.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, enterprise.Parameters));
    }

    /// <summary>
    /// The same search on rows that keep their own copy of the enterprise's name and credit code (a recommendation's
    /// <c>EnterpriseName</c> and <c>EnterpriseCreditCode</c>): the rule reads the copies, so the rows are searched
    /// without joining each one to its enterprise.
    /// </summary>
    public static IQueryable<T> WhereEnterpriseCopyMatches<T>(this IQueryable<T> query,
        Expression<Func<T, string>> name, Expression<Func<T, CreditCode>> creditCode, string? typed) =>
        // The stored column of the converted code, as the rule's CreditCode.Value becomes on the enterprise itself.
        query.WhereEnterpriseCopyMatches(name,
            Expression.Lambda<Func<T, string>>(Expression.Convert(Expression.Convert(creditCode.Body, typeof(object)), typeof(string)), creditCode.Parameters),
            typed);

    /// <summary>
    /// The same search on rows that keep the enterprise's name and credit code as plain text (a quota application's
    /// <c>EnterpriseName</c> and <c>CreditCode</c>, as the enterprise stated them).
    /// </summary>
    public static IQueryable<T> WhereEnterpriseCopyMatches<T>(this IQueryable<T> query,
        Expression<Func<T, string>> name, Expression<Func<T, string>> creditCodeText, string? typed)
    {
        var search = EnterpriseSearch.Parse(typed);
        if (search is null)
        {
            return query;
        }
        var rule = search.Matches();
        var row = name.Parameters[0];
        var codeText = new Rebind(creditCodeText.Parameters[0], row).Visit(creditCodeText.Body);
        var onCopies = new Rebind(rule.Parameters[0], row, name.Body, codeText).Visit(rule.Body);
        var body = new ForDatabase(rule.Parameters[0], row).Visit(onCopies);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    /// <summary>
    /// Puts <paramref name="to"/> for <paramref name="from"/>; with copies, the row's copy of the name for the rule's
    /// <c>Name</c> and of the code for its <c>CreditCode.Value</c>.
    /// </summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to, Expression? nameCopy = null, Expression? codeCopy = null)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;

        protected override Expression VisitMember(MemberExpression node) =>
            codeCopy is not null && node.Member.DeclaringType == typeof(CreditCode) && node.Member.Name == nameof(CreditCode.Value)
                && node.Expression is MemberExpression { Member.Name: nameof(Enterprise.CreditCode) } code && code.Expression == from
                ? codeCopy
                : nameCopy is not null && node.Expression == from && node.Member.Name == nameof(Enterprise.Name)
                    ? nameCopy
                    : base.VisitMember(node);
    }

    private sealed class ForDatabase(ParameterExpression ruleParameter, Expression enterprise) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == ruleParameter ? enterprise : node;

        protected override Expression VisitMember(MemberExpression node) =>
            node.Member.DeclaringType == typeof(CreditCode) && node.Member.Name == nameof(CreditCode.Value)
                ? Expression.Convert(Expression.Convert(Visit(node.Expression)!, typeof(object)), typeof(string))
                : base.VisitMember(node);

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != ContainsIgnoringCase)
            {
                return base.VisitMethodCall(node);
            }
            if (node.Arguments[1] is not ConstantExpression { Value: StringComparison.OrdinalIgnoreCase })
            {
                throw new NotSupportedException("Only StringComparison.OrdinalIgnoreCase is translated here.");
            }
            var column = Visit(node.Object)!;
            var text = Captured(node.Arguments[0]);
            if (!text.Any(char.IsAsciiLetter))
            {
                return Expression.Call(column, Contains, node.Arguments[0]);
            }
            var upper = string.Create(text.Length, text, (span, s) =>
            {
                for (var i = 0; i < s.Length; i++)
                {
                    span[i] = char.IsAsciiLetterLower(s[i]) ? (char)(s[i] - ('a' - 'A')) : s[i];
                }
            });
            // A captured value (not a constant) so the database sees a parameter, as for the rule's own values.
            var parameter = Expression.Property(Expression.Constant(new Captured<string>(upper)), nameof(Captured<string>.Value));
            return Expression.Call(Expression.Call(column, ToUpper), Contains, parameter);
        }

        /// <summary>The value of a constant or of a captured variable (what the rule's closure holds).</summary>
        private static string Captured(Expression value) => value switch
        {
            ConstantExpression { Value: string s } => s,
            MemberExpression { Expression: ConstantExpression closure, Member: FieldInfo field } => (string)field.GetValue(closure.Value)!,
            MemberExpression { Expression: ConstantExpression closure, Member: PropertyInfo property } => (string)property.GetValue(closure.Value)!,
            _ => throw new NotSupportedException($"The search text must be a captured value, not {value}."),
        };
    }

    private sealed record Captured<T>(T Value);
}
