using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using ZhiPingQuan.Web.Infrastructure.Operations;

namespace ZhiPingQuan.Web.Tests.Operations;

/// <summary>
/// ClientDisconnects on a real ASP.NET Core pipeline (test server): a request whose client went away ends as 499,
/// not as an error that reaches the request log and the error page; a cancellation of the server's own still does.
/// </summary>
public sealed class ClientDisconnectsTests
{
    private sealed record Outcome(int StatusCode, Exception? Escaped);

    private static async Task<(WebApplication App, Task<Outcome> Outcome)> StartAsync(RequestDelegate endpoint)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        var outcome = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Stands where the request log is: sees what ClientDisconnects lets out.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
                outcome.TrySetResult(new Outcome(context.Response.StatusCode, null));
            }
            catch (Exception e)
            {
                outcome.TrySetResult(new Outcome(context.Response.StatusCode, e));
                throw;
            }
        });
        app.UseClientDisconnects();
        app.Run(endpoint);
        await app.StartAsync();
        return (app, outcome.Task);
    }

    [Fact]
    public async Task A_request_whose_client_went_away_ends_as_499_and_nothing_escapes_to_the_log_as_an_error()
    {
        var (app, outcome) = await StartAsync(async context =>
            // As a database call does when the request is aborted.
            await Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var _ = app;
        using var client = app.GetTestClient();
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/list", gone.Token));

        var result = await outcome.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(result.Escaped);
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, result.StatusCode);
    }

    [Fact]
    public async Task A_cancellation_of_the_servers_own_while_the_client_waits_is_still_an_error()
    {
        var (app, outcome) = await StartAsync(async _ =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            await Task.Delay(Timeout.Infinite, timeout.Token);
        });
        await using var _ = app;
        using var client = app.GetTestClient();

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("/list"));

        var result = await outcome.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsAssignableFrom<OperationCanceledException>(result.Escaped);
        Assert.NotEqual(StatusCodes.Status499ClientClosedRequest, result.StatusCode);
    }
}
