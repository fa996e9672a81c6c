using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using ZhiPingQuan.Web.Authorization;

namespace ZhiPingQuan.Web.Tests.Architecture;

/// <summary>
/// Every controller action that takes a record's id checks it against the record type's scope before it runs
/// (<see cref="ScopedIdAttribute{T}"/>: another organisation's record answers 404), or says why the id is not a
/// scoped record's (<see cref="NotAScopedIdAttribute"/>). A new action that forgets fails here.
/// </summary>
public class RecordIdTests
{
    private static IEnumerable<(Type Controller, MethodInfo Action)> Actions() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetCustomAttribute<NonActionAttribute>() is null)
                .Select(m => (t, m)));

    /// <summary>A parameter that carries a record's id: a Guid named "id" or ending in "Id".</summary>
    private static bool IsRecordId(ParameterInfo p) =>
        (p.ParameterType == typeof(Guid) || p.ParameterType == typeof(Guid?))
        && (p.Name == "id" || p.Name!.EndsWith("Id", StringComparison.Ordinal));

    [Fact]
    public void Every_action_taking_a_record_id_checks_it_against_a_scope()
    {
        var unchecked_ = new List<string>();
        foreach (var (controller, action) in Actions())
        {
            var scoped = action.GetCustomAttributes().OfType<IScopedId>().Select(a => a.Parameter).ToHashSet();
            var excused = action.GetCustomAttributes<NotAScopedIdAttribute>().Where(a => !string.IsNullOrWhiteSpace(a.Reason)).Select(a => a.Parameter).ToHashSet();
            foreach (var p in action.GetParameters().Where(IsRecordId))
            {
                if (!scoped.Contains(p.Name!) && !excused.Contains(p.Name!))
                {
                    unchecked_.Add($"{controller.Name}.{action.Name}({p.Name})");
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
                if (action.GetParameters().All(p => p.Name != a.Parameter) || RecordScopes.Find(a.RecordType) is null)
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
