namespace ZhiPingQuan.Web.Tests.Architecture;

/// <summary>
/// Every asynchronous controller action takes the request's <see cref="CancellationToken"/> (docs/decisions/0009-one-home-for-each-rule.md,
/// the feature template): when the browser goes away, the queries it started stop too.
/// </summary>
public class CancellationTests
{
    [Fact]
    public void Every_asynchronous_action_takes_the_requests_cancellation_token()
    {
        var asynchronous = RecordIdTests.Actions().Where(a => typeof(Task).IsAssignableFrom(a.Action.ReturnType)).ToList();
        // Guards against passing vacuously: the portal has many asynchronous actions.
        Assert.True(asynchronous.Count > 100, $"asynchronous actions found: {asynchronous.Count}");

        var without = asynchronous.Where(a => !a.Action.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
            .Select(a => $"{a.Controller.Name}.{a.Action.Name}").Distinct().ToList();
        Assert.True(without.Count == 0, "Asynchronous actions without a CancellationToken: " + string.Join(", ", without));
    }
}
