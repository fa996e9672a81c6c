using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ZhiPingQuan.Web.Tests.Notifications;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer library) on a free loopback port: it keeps every message it accepts,
/// and a test may make it refuse a message with a reply of its choice or hold a message until released.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The messages accepted, in order.</summary>
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>How many messages were offered (accepted or refused).</summary>
    public int Offered => _offered;

    private int _offered;

    /// <summary>The reply to the next message; null accepts. Set by a test to make the server refuse (e.g. 554).</summary>
    public SmtpResponse? Refuse { get; set; }

    /// <summary>When set, the first message offered waits here (inside DATA) until the test completes it.</summary>
    public TaskCompletionSource? HoldFirst { get; set; }

    /// <summary>Completed once the held message has arrived.</summary>
    public TaskCompletionSource FirstArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<TestSmtpServer> StartAsync(int? port = null)
    {
        var server = new TestSmtpServer(port ?? FreePort());
        // The listener starts in the background: wait until it accepts connections.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException("the test SMTP server did not start");
    }

    /// <summary>A loopback port nothing listens on (connections to it are refused).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        HoldFirst?.TrySetResult();
        _stop.Cancel();
        _server.Shutdown();
        await Task.WhenAny(_running, Task.Delay(5000));
        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref owner._offered) == 1 && owner.HoldFirst is { } hold)
            {
                owner.FirstArrived.TrySetResult();
                await hold.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            if (owner.Refuse is { } refusal)
            {
                return refusal;
            }
            await using var stream = new MemoryStream(buffer.ToArray());
            owner.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
