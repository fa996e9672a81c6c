using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Infrastructure;

namespace ZhiPingQuan.Web.Tests.Architecture;

/// <summary>
/// Every controller action that takes a record's id checks it against the record type's scope before it runs
/// (<see cref="ScopedIdAttribute{T}"/>: another organisation's record answers 404), or says why the id is not a
/// scoped record's (<see cref="NotAScopedIdAttribute"/>). A new action that forgets fails here.
/// </summary>
public class RecordIdTests
{
    /// <summary>Every action of every controller of the portal (also read by <see cref="CancellationTests"/>).</summary>
    internal static IEnumerable<(Type Controller, MethodInfo Action)> Actions() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetCustomAttribute<NonActionAttribute>() is null)
                .Select(m => (t, m)));

    /// <summary>A parameter that carries a record's id: a Guid named "id" or ending in "Id".</summary>
    private static bool IsRecordId(ParameterInfo p) => IsRecordId(p.ParameterType, p.Name!);

    /// <summary>
    /// A Guid named "id" or ending in "Id", or several ids (a list or array of Guids named "ids" or ending in "Ids").
    /// </summary>
    private static bool IsRecordId(Type type, string name) =>
        ((type == typeof(Guid) || type == typeof(Guid?)) && (name is "id" or "Id" || name.EndsWith("Id", StringComparison.Ordinal)))
        || (type != typeof(string) && typeof(IEnumerable<Guid>).IsAssignableFrom(type)
            && (name == "ids" || name.EndsWith("Ids", StringComparison.Ordinal)));

    /// <summary>
    /// The record ids an action takes, by the name its <see cref="ScopedIdAttribute{T}"/> would give them: its parameters,
    /// and the id properties of a posted form or filter of the portal's own ("form.RecommendationId").
    /// </summary>
    private static IEnumerable<string> RecordIds(MethodInfo action) =>
        action.GetParameters().SelectMany(p =>
            IsRecordId(p)
                ? [p.Name!]
                : OwnForm(p.ParameterType) is { } form
                    ? form.GetProperties(BindingFlags.Instance | BindingFlags.Public)
                        .Where(prop => prop.CanWrite && IsRecordId(prop.PropertyType, prop.Name))
                        .Select(prop => $"{p.Name}.{prop.Name}")
                    : []);

    /// <summary>
    /// A posted form of the portal's own, or the form of each row of a posted list. A list's filter (unit, batch, agency …)
    /// is not one: it narrows a query already held to the user's scope and loads no record.
    /// </summary>
    private static Type? OwnForm(Type type)
    {
        var element = type.IsGenericType && type.GetGenericArguments() is [var t] && typeof(IEnumerable<>).MakeGenericType(t).IsAssignableFrom(type) ? t : type;
        return element.Assembly == typeof(Program).Assembly && element.IsClass && !typeof(ListQuery).IsAssignableFrom(element) ? element : null;
    }

    [Fact]
    public void Every_action_taking_a_record_id_checks_it_against_a_scope()
    {
        var unchecked_ = new List<string>();
        foreach (var (controller, action) in Actions())
        {
            var scoped = action.GetCustomAttributes().OfType<IScopedId>().Select(a => a.Parameter).ToHashSet();
            var excused = action.GetCustomAttributes<NotAScopedIdAttribute>().Where(a => !string.IsNullOrWhiteSpace(a.Reason)).Select(a => a.Parameter).ToHashSet();
            foreach (var id in RecordIds(action))
            {
                if (!scoped.Contains(id) && !excused.Contains(id))
                {
                    unchecked_.Add($"{controller.Name}.{action.Name}({id})");
                }
            }
        }
        Assert.True(unchecked_.Count == 0, "Actions taking a record id without a scope check: " + string.Join(", ", unchecked_.Distinct()));
    }

    [Fact]
    public void Every_scoped_id_names_a_parameter_of_its_action_and_a_type_with_a_scope()
    {
        var wrong = new List<string>();
        foreach (var (controller, action) in Actions())
        {
            foreach (var a in action.GetCustomAttributes().OfType<IScopedId>())
            {
                if (!RecordIds(action).Contains(a.Parameter) || RecordScopes.Find(a.RecordType) is null)
                {
                    wrong.Add($"{controller.Name}.{action.Name}({a.Parameter}: {a.RecordType.Name})");
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join(", ", wrong));
    }

    [Fact]
    public void The_check_finds_actions_with_record_ids()
    {
        // Guards against a reflection mistake that would make the first test pass vacuously.
        Assert.Contains(Actions(), x => x.Action.GetParameters().Any(IsRecordId));
    }
}
