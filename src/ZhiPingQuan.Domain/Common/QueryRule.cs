using System.Linq.Expressions;

namespace ZhiPingQuan.Domain.Common;

/// <summary>
/// A named state predicate ("awaiting the district's confirmation", "counts as recommended") written once as
/// an expression, so the database can evaluate it in a query (<see cref="QueryRuleExtensions.Where{T}"/>) and
/// code and views can ask it of one record (<see cref="IsSatisfiedBy"/>) — the same rule, never spelled twice.
/// Pure: no reference to a data layer.
/// </summary>
public sealed class QueryRule<T>
{
    private readonly Lazy<Func<T, bool>> _compiled;

    public QueryRule(Expression<Func<T, bool>> expression)
    {
        Expression = expression ?? throw new ArgumentNullException(nameof(expression));
        _compiled = new Lazy<Func<T, bool>>(expression.Compile);
    }

    public Expression<Func<T, bool>> Expression { get; }

    public bool IsSatisfiedBy(T record) => _compiled.Value(record);

    /// <summary>The records that do not satisfy the rule.</summary>
    public QueryRule<T> Not() =>
        new(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(
            System.Linq.Expressions.Expression.Not(Expression.Body), Expression.Parameters));

    /// <summary>Both rules (one parameter shared, so the database sees one predicate).</summary>
    public QueryRule<T> And(QueryRule<T> other) => Combine(other, System.Linq.Expressions.Expression.AndAlso);

    public QueryRule<T> Or(QueryRule<T> other) => Combine(other, System.Linq.Expressions.Expression.OrElse);

    private QueryRule<T> Combine(QueryRule<T> other, Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = Expression.Parameters[0];
        var otherBody = new ReplaceParameter(other.Expression.Parameters[0], parameter).Visit(other.Expression.Body);
        return new QueryRule<T>(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(join(Expression.Body, otherBody), parameter));
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>
/// A named predicate that depends on one value (a unit, a date): "the agencies a unit may assign", "valid on a
/// day". Written once; <see cref="For"/> binds the value for a query (as a parameter, so the database keeps
/// one plan) and <see cref="IsSatisfiedBy"/> asks it of one record (compiled once).
/// </summary>
public sealed class QueryRule<T, TArg>
{
    private readonly Expression<Func<T, TArg, bool>> _expression;
    private readonly Lazy<Func<T, TArg, bool>> _compiled;

    public QueryRule(Expression<Func<T, TArg, bool>> expression)
    {
        _expression = expression ?? throw new ArgumentNullException(nameof(expression));
        _compiled = new Lazy<Func<T, TArg, bool>>(expression.Compile);
    }

    public bool IsSatisfiedBy(T record, TArg argument) => _compiled.Value(record, argument);

    public QueryRule<T> For(TArg argument)
    {
        var holder = new Holder { Value = argument };
        var bound = System.Linq.Expressions.Expression.Field(System.Linq.Expressions.Expression.Constant(holder), nameof(Holder.Value));
        var body = new Rebind(_expression.Parameters[1], bound).Visit(_expression.Body);
        return new QueryRule<T>(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(body, _expression.Parameters[0]));
    }

    private sealed class Holder
    {
        public TArg Value = default!;
    }

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

public static class QueryRuleExtensions
{
    public static IQueryable<T> Where<T>(this IQueryable<T> query, QueryRule<T> rule) => Queryable.Where(query, rule.Expression);

    public static IQueryable<T> WhereNot<T>(this IQueryable<T> query, QueryRule<T> rule) => Queryable.Where(query, rule.Not().Expression);

    public static IEnumerable<T> Where<T>(this IEnumerable<T> items, QueryRule<T> rule) => Enumerable.Where(items, rule.IsSatisfiedBy);
}
