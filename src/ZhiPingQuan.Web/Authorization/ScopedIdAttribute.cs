using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Authorization;

public enum RecordAccess
{
    Read,
    Edit,
}

/// <summary>
/// Says that an action's parameter (by default <c>id</c>) is the id of a <typeparamref name="T"/> record, and
/// makes that true before the action runs: unless the record exists inside the user's
/// <see cref="RecordScope{T}"/> for <paramref name="access"/>, the answer is 404 — exactly as for an id that
/// does not exist. The parameter may be a property of a posted form (<c>"form.RecommendationId"</c>). An architecture
/// test requires it on every action that takes a record id, alone, as a list of ids or in a form.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ScopedIdAttribute<T>(RecordAccess access = RecordAccess.Read, string parameter = "id")
    : Attribute, IAsyncActionFilter, IScopedId where T : class
{
    public Type RecordType => typeof(T);

    public string Parameter => parameter;

    public RecordAccess Access => access;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var (type, value) = Argument(context);
        // An optional id (a filter) or a list of ids (none ticked) may be left out; the action says what that means.
        var optional = type == typeof(Guid?) || (type is not null && type != typeof(Guid) && typeof(IEnumerable<Guid>).IsAssignableFrom(type));
        // One id, or several records at once (ticked rows): every one must be inside the scope, or the answer is 404.
        var ids = value switch
        {
            Guid one => [one],
            IEnumerable<Guid> many => many.Distinct().ToList(),
            _ => (List<Guid>?)null,
        };
        if (ids is null)
        {
            if (!optional)
            {
                // A missing or malformed id finds nothing; an optional one (a filter) may be left out.
                context.Result = new NotFoundResult();
                return;
            }
        }
        else if (ids.Count > 0)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            var operation = access == RecordAccess.Edit ? Operations.Edit : Operations.Read;
            var found = await RecordScopes.For<T>()
                .Apply(db.Set<T>().AsNoTracking(), context.HttpContext.User, operation)
                .Select(r => EF.Property<Guid>(r, "Id"))
                .Where(recordId => ids.Contains(recordId))
                .ToListAsync(context.HttpContext.RequestAborted);
            var refused = ids.Except(found).ToList();
            if (refused.Count > 0)
            {
                // The visitor gets the plain 404; the trail keeps who asked for what (probing ids is worth knowing).
                await context.HttpContext.RequestServices.GetRequiredService<IRefusedRecordLog>()
                    .RecordAsync(typeof(T).Name, refused, context.HttpContext.Request.Path, context.HttpContext.RequestAborted);
                context.Result = new NotFoundResult();
                return;
            }
        }
        await next();
    }

    /// <summary>
    /// The named parameter's type and value; or a property's of a form parameter ("form.RecommendationId"), or of every
    /// form of a list ("items.Id": the ids of the ticked rows).
    /// </summary>
    private (Type? Type, object? Value) Argument(ActionExecutingContext context)
    {
        var path = parameter.Split('.');
        var type = context.ActionDescriptor.Parameters.FirstOrDefault(p => p.Name == path[0])?.ParameterType;
        context.ActionArguments.TryGetValue(path[0], out var value);
        foreach (var name in path.Skip(1))
        {
            var element = type?.IsGenericType == true && type.GetGenericArguments() is [var t] && typeof(IEnumerable<>).MakeGenericType(t).IsAssignableFrom(type)
                ? t
                : null;
            var property = (element ?? type)?.GetProperty(name);
            if (element is not null && property is not null)
            {
                type = typeof(List<Guid>);
                value = (value as System.Collections.IEnumerable)?.Cast<object>().Select(item => property.GetValue(item)).OfType<Guid>().ToList();
                continue;
            }
            type = property?.PropertyType;
            value = value is null ? null : property?.GetValue(value);
        }
        return (type, value);
    }
}

/// <summary>Writes the audit line of a record id answered with 404 (implemented where the audit trail lives).</summary>
public interface IRefusedRecordLog
{
    Task RecordAsync(string recordType, IReadOnlyList<Guid> ids, string path, CancellationToken ct);
}

/// <summary>What the architecture test reads of a <see cref="ScopedIdAttribute{T}"/>.</summary>
public interface IScopedId
{
    Type RecordType { get; }

    string Parameter { get; }

    RecordAccess Access { get; }
}

/// <summary>
/// An action parameter that looks like a record id but is not checked by a scope, with the reason (for example
/// a file id checked against the record that owns it). The architecture test accepts it only with a reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class NotAScopedIdAttribute(string parameter, string reason) : Attribute
{
    public string Parameter => parameter;

    public string Reason => reason;
}
