using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Authorization;

/// <summary>
/// Who may read or change records of one type (docs/domain.md §1): one rule per role and operation, written
/// once as an expression of the record and the user's organisation id (and, for records addressed to one person,
/// the user's id). The same rule filters every list
/// (<see cref="RecordScopes.VisibleTo{T}"/>, translated to SQL) and decides on one loaded record
/// (<see cref="RecordScopeAuthorizationHandler"/>, compiled once) — so the query and the check cannot drift.
/// A role without a rule for an operation may do nothing: another organisation's record answers 404.
/// </summary>
public abstract class RecordScope<T> : IRecordScope where T : class
{
    private readonly Dictionary<(string Role, string Operation), Rule> _rules = [];

    public Type RecordType => typeof(T);

    /// <summary>Declares what users of these roles may read.</summary>
    protected RuleBuilder Read(params string[] roles) => new(this, nameof(Operations.Read), roles);

    /// <summary>Declares what users of these roles may change.</summary>
    protected RuleBuilder Edit(params string[] roles) => new(this, nameof(Operations.Edit), roles);

    /// <summary>The records of <paramref name="query"/> the user may act on.</summary>
    public IQueryable<T> Apply(IQueryable<T> query, ClaimsPrincipal user, OperationAuthorizationRequirement operation)
    {
        var orgId = user.GetOrganisationId();
        var userId = user.GetUserId() ?? Guid.Empty;
        Expression<Func<T, bool>>? combined = null;
        foreach (var rule in RulesFor(user, operation.Name))
        {
            if (rule.SeesAll)
            {
                return query;
            }
            if (orgId is null)
            {
                continue;
            }
            var predicate = rule.ForUser(orgId.Value, userId);
            combined = combined is null ? predicate : Or(combined, predicate);
        }
        return combined is null ? query.Where(_ => false) : query.Where(combined);
    }

    public bool Allows(object record, ClaimsPrincipal user, string operation)
    {
        var orgId = user.GetOrganisationId();
        var userId = user.GetUserId() ?? Guid.Empty;
        return RulesFor(user, operation).Any(r => r.SeesAll || (orgId is { } org && r.Compiled!((T)record, org, userId)));
    }

    private IEnumerable<Rule> RulesFor(ClaimsPrincipal user, string operation) =>
        _rules.Where(kv => kv.Key.Operation == operation && user.IsInRole(kv.Key.Role)).Select(kv => kv.Value);

    private static Expression<Func<T, bool>> Or(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b)
    {
        var body = Expression.OrElse(a.Body, new Rebind(b.Parameters[0], a.Parameters[0]).Visit(b.Body));
        return Expression.Lambda<Func<T, bool>>(body, a.Parameters[0]);
    }

    protected sealed class RuleBuilder(RecordScope<T> scope, string operation, string[] roles)
    {
        /// <summary>Every record of the type.</summary>
        public void All() => Add(new Rule(null));

        /// <summary>
        /// The records for which <paramref name="rule"/> holds, given the user's organisation id. The rule may ask a named state
        /// rule (<c>QuotaApplicationRules.EverSubmitted.IsSatisfiedBy(a)</c>), which is written into it.
        /// </summary>
        public void Where(Expression<Func<T, Guid, bool>> rule)
        {
            rule = QueryRuleExtensions.InlineRules(rule);
            Add(new Rule(Expression.Lambda<Func<T, Guid, Guid, bool>>(rule.Body, rule.Parameters[0], rule.Parameters[1], Expression.Parameter(typeof(Guid), "userId"))));
        }

        /// <summary>
        /// The records for which <paramref name="rule"/> holds, given the user's organisation id and the user's own id — for
        /// records addressed to one person (a notice to a user rather than to the user's organisation).
        /// </summary>
        public void Where(Expression<Func<T, Guid, Guid, bool>> rule) => Add(new Rule(QueryRuleExtensions.InlineRules(rule)));

        private void Add(Rule rule)
        {
            foreach (var role in roles)
            {
                scope._rules.Add((role, operation), rule);
            }
        }
    }

    /// <summary>A rule of the record, the user's organisation id and the user's id (most rules ignore the last).</summary>
    private sealed class Rule(Expression<Func<T, Guid, Guid, bool>>? rule)
    {
        public bool SeesAll => rule is null;

        public Func<T, Guid, Guid, bool>? Compiled { get; } = rule?.Compile();

        /// <summary>
        /// The rule with the organisation and user ids bound as captured values, so the database sees query parameters
        /// (one cached plan for every organisation), not constants.
        /// </summary>
        public Expression<Func<T, bool>> ForUser(Guid orgId, Guid userId)
        {
            var holder = Expression.Constant(new UserHolder { OrganisationId = orgId, UserId = userId });
            var body = new Rebind(rule!.Parameters[1], Expression.Field(holder, nameof(UserHolder.OrganisationId))).Visit(rule.Body);
            body = new Rebind(rule.Parameters[2], Expression.Field(holder, nameof(UserHolder.UserId))).Visit(body);
            return Expression.Lambda<Func<T, bool>>(body, rule.Parameters[0]);
        }
    }

    private sealed class UserHolder
    {
        public Guid OrganisationId;
        public Guid UserId;
    }

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

public interface IRecordScope
{
    Type RecordType { get; }

    bool Allows(object record, ClaimsPrincipal user, string operation);
}

/// <summary>The scopes of every record type, found once in this assembly.</summary>
public static class RecordScopes
{
    private static readonly ConcurrentDictionary<Type, IRecordScope?> ByType = new();

    private static readonly IReadOnlyList<IRecordScope> All = typeof(RecordScopes).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(IRecordScope).IsAssignableFrom(t))
        .Select(t => (IRecordScope)Activator.CreateInstance(t)!)
        .ToList();

    /// <summary>The scope of <paramref name="recordType"/> (or of its nearest base type that has one), or null.</summary>
    public static IRecordScope? Find(Type recordType) =>
        ByType.GetOrAdd(recordType, t =>
        {
            for (var type = t; type is not null; type = type.BaseType)
            {
                var scope = All.FirstOrDefault(s => s.RecordType == type);
                if (scope is not null)
                {
                    return scope;
                }
            }
            return null;
        });

    public static RecordScope<T> For<T>() where T : class =>
        Find(typeof(T)) as RecordScope<T> ?? throw new InvalidOperationException($"{typeof(T).Name} 没有定义访问范围（RecordScope）。");

    /// <summary>The records the user may read.</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, ClaimsPrincipal user) where T : class =>
        For<T>().Apply(query, user, Operations.Read);

    /// <summary>The records the user may change.</summary>
    public static IQueryable<T> EditableBy<T>(this IQueryable<T> query, ClaimsPrincipal user) where T : class =>
        For<T>().Apply(query, user, Operations.Edit);
}

/// <summary>
/// <see cref="IAuthorizationService"/> for one record: the record type's <see cref="RecordScope{T}"/> decides.
/// The only handler of <see cref="Operations"/> in the portal.
/// </summary>
public sealed class RecordScopeAuthorizationHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Resource is null || RecordScopes.Find(context.Resource.GetType()) is not { } scope)
        {
            return Task.CompletedTask;
        }
        foreach (var requirement in context.PendingRequirements.OfType<OperationAuthorizationRequirement>().ToList())
        {
            if (scope.Allows(context.Resource, context.User, requirement.Name))
            {
                context.Succeed(requirement);
            }
        }
        return Task.CompletedTask;
    }
}
