using System.Linq.Expressions;

namespace ZhiPingQuan.Domain.Common;

/// <summary>
/// A named state predicate ("awaiting the district's confirmation", "counts as recommended") written once as
/// an expression, so the database can evaluate it in a query (<see cref="QueryRuleExtensions.Where{T}"/>) and
/// code and views can ask it of one record (<see cref="IsSatisfiedBy"/>) — the same rule, never spelled twice.
/// Pure: no reference to a data layer.
/// </summary>
public sealed class QueryRule<T> : IQueryRuleDefinition
{
    private readonly Lazy<Func<T, bool>> _compiled;

    /// <param name="expression">The predicate; it may ask other rules (<c>OtherRule.IsSatisfiedBy(x)</c>), which are written into it.</param>
    public QueryRule(Expression<Func<T, bool>> expression)
    {
        Expression = RuleInliner.Inline(expression ?? throw new ArgumentNullException(nameof(expression)));
        _compiled = new Lazy<Func<T, bool>>(Expression.Compile);
    }

    public Expression<Func<T, bool>> Expression { get; }

    LambdaExpression IQueryRuleDefinition.Definition => Expression;

    /// <summary>
    /// The rule of a part of the record (its state) as a rule of the record: <c>Of(r => r.State, states)</c>. One
    /// definition serves the record in a query and the bare part where only it is at hand (a list row's state).
    /// </summary>
    public static QueryRule<T> Of<TPart>(Expression<Func<T, TPart>> part, QueryRule<TPart> rule)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(rule);
        var body = new ReplaceParameter(rule.Expression.Parameters[0], part.Body).Visit(rule.Expression.Body);
        return new QueryRule<T>(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(body, part.Parameters[0]));
    }

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
public sealed class QueryRule<T, TArg> : IQueryRuleDefinition
{
    private readonly Expression<Func<T, TArg, bool>> _expression;
    private readonly Lazy<Func<T, TArg, bool>> _compiled;

    /// <param name="expression">The predicate; it may ask other rules (<c>OtherRule.IsSatisfiedBy(x, arg)</c>), which are written into it.</param>
    public QueryRule(Expression<Func<T, TArg, bool>> expression)
    {
        _expression = RuleInliner.Inline(expression ?? throw new ArgumentNullException(nameof(expression)));
        _compiled = new Lazy<Func<T, TArg, bool>>(_expression.Compile);
    }

    public bool IsSatisfiedBy(T record, TArg argument) => _compiled.Value(record, argument);

    LambdaExpression IQueryRuleDefinition.Definition => _expression;

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

/// <summary>A rule's expression, for <see cref="QueryRuleExtensions"/> to put in place of a call that asks it.</summary>
internal interface IQueryRuleDefinition
{
    LambdaExpression Definition { get; }
}

public static class QueryRuleExtensions
{
    /// <summary>
    /// A projection that asks rules of the records it reads (<c>Overdue = !AssessmentRules.Confirmed.IsSatisfiedBy(x.a)</c>):
    /// each call is replaced by the rule's own expression, so the database evaluates the one definition.
    /// </summary>
    public static IQueryable<TResult> SelectWithRules<TSource, TResult>(this IQueryable<TSource> query, Expression<Func<TSource, TResult>> selector) =>
        Queryable.Select(query, RuleInliner.Inline(selector));

    /// <summary>A filter that asks rules of the records, as <see cref="SelectWithRules{TSource,TResult}"/>.</summary>
    public static IQueryable<T> WhereWithRules<T>(this IQueryable<T> query, Expression<Func<T, bool>> predicate) =>
        Queryable.Where(query, RuleInliner.Inline(predicate));

    public static IQueryable<T> Where<T>(this IQueryable<T> query, QueryRule<T> rule) => Queryable.Where(query, rule.Expression);

    /// <summary>
    /// An expression with every call that asks a rule replaced by the rule's own expression — for a predicate kept elsewhere
    /// (a record scope) that asks a named state rule rather than spell it again.
    /// </summary>
    public static Expression<TDelegate> InlineRules<TDelegate>(Expression<TDelegate> expression) => RuleInliner.Inline(expression);

    public static IQueryable<T> WhereNot<T>(this IQueryable<T> query, QueryRule<T> rule) => Queryable.Where(query, rule.Not().Expression);

    public static IEnumerable<T> Where<T>(this IEnumerable<T> items, QueryRule<T> rule) => Enumerable.Where(items, rule.IsSatisfiedBy);
}

/// <summary>Replaces <c>rule.IsSatisfiedBy(record[, argument])</c> in an expression by the rule's expression of those values.</summary>
internal sealed class RuleInliner : ExpressionVisitor
{
    public static Expression<TDelegate> Inline<TDelegate>(Expression<TDelegate> expression) =>
        (Expression<TDelegate>)new RuleInliner().Visit(expression);

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.Name != nameof(QueryRule<object>.IsSatisfiedBy) || node.Object is null
            || !typeof(IQueryRuleDefinition).IsAssignableFrom(node.Object.Type))
        {
            return base.VisitMethodCall(node);
        }
        var definition = ((IQueryRuleDefinition)Value(node.Object)).Definition;
        var body = definition.Body;
        for (var i = 0; i < definition.Parameters.Count; i++)
        {
            body = new Replace(definition.Parameters[i], Visit(node.Arguments[i])).Visit(body);
        }
        // A rule may itself ask another rule.
        return Visit(body);
    }

    /// <summary>The rule the call is made on: a static field (the usual case), a captured value, or anything else evaluated once.</summary>
    private static object Value(Expression target) => target switch
    {
        ConstantExpression c => c.Value!,
        MemberExpression { Member: System.Reflection.FieldInfo { IsStatic: true } field } => field.GetValue(null)!,
        MemberExpression { Member: System.Reflection.FieldInfo field, Expression: ConstantExpression closure } => field.GetValue(closure.Value)!,
        _ => Expression.Lambda(target).Compile().DynamicInvoke()!,
    };

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
