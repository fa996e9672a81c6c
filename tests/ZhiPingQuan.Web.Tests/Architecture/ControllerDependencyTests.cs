using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using NetArchTest.Rules;
using ZhiPingQuan.Web.Data;

namespace ZhiPingQuan.Web.Tests.Architecture;

/// <summary>
/// Controllers are thin (docs/decisions/0009-one-home-for-each-rule.md): they load through their feature's use-case
/// service, never through <see cref="AppDbContext"/> itself. The check reads the compiled code, so a context reached
/// in an action's body (or its async state machine) counts as much as one injected into the constructor.
/// </summary>
public class ControllerDependencyTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;

    private static IReadOnlyList<Type> Controllers() =>
        Web.GetTypes().Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract).ToList();

    /// <summary>The types (outermost, so an action's generated code counts for its controller) whose code names a context type.</summary>
    private static IReadOnlySet<Type> TypesUsingTheContext()
    {
        var contexts = Web.GetTypes().Where(t => typeof(AppDbContext).IsAssignableFrom(t)).Select(t => t.FullName!).ToArray();
        return Types.InAssembly(Web).That().HaveDependencyOnAny(contexts).GetTypes().Select(Outermost).ToHashSet();
    }

    private static IReadOnlySet<string> ControllersUsingTheContext() =>
        TypesUsingTheContext().Where(t => typeof(Controller).IsAssignableFrom(t)).Select(t => t.Name).ToHashSet();

    /// <summary>A lambda's closure or an async method's state machine belongs to the type it was written in.</summary>
    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type;
    }

    [Fact]
    public void Controllers_do_not_depend_on_AppDbContext()
    {
        var offending = ControllersUsingTheContext().Order(StringComparer.Ordinal).ToList();
        Assert.True(offending.Count == 0, "Controllers using AppDbContext (load through the feature's service instead): " + string.Join(", ", offending));
    }

    [Fact]
    public void The_check_finds_the_context_where_it_is_used()
    {
        // Guards the first test against passing vacuously: a use-case service reaches the context in its fields and in
        // its async methods' generated code, exactly as a controller would.
        Assert.Contains(typeof(Features.Audit.AuditLog), TypesUsingTheContext());
        Assert.Contains(Controllers(), c => c.Name == "AuditController");
    }
}
