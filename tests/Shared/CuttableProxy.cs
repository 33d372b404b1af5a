using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Testing.Network;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the gateway (linked source: compiled into each test project that cuts connections) whose connections the test can cut at any moment (both sockets
/// reset at once): a publish whose PUBLISH reached the server but whose OK was lost on the way back looks to the client
/// exactly like a network failure. <see cref="HoldReplies"/> makes that moment deterministic: bytes from the server stop
/// being relayed (requests still reach it), so every request sent meanwhile is done by the server and its reply is lost
/// at the next <see cref="Cut"/>.
/// </summary>
internal sealed class CuttableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private volatile TaskCompletionSource _repliesFlow = Open();

    public CuttableProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accept = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/bus");

    /// <summary>How many times <see cref="Cut"/> closed at least one connection.</summary>
    public int Cuts { get; private set; }

    /// <summary>Stops relaying what the servers send to the clients until the next <see cref="Cut"/>.</summary>
    public void HoldReplies() => _repliesFlow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Resets every relayed connection; connections opened afterwards relay both ways again.</summary>
    public void Cut()
    {
        bool any = false;
        foreach (Socket s in _open.Keys)
        {
            any = true;
            try
            {
                s.LingerState = new LingerOption(true, 0); // reset, not a polite close
                s.Close();
            }
            catch (ObjectDisposedException)
            {
                // Its pump closed it a moment ago.
            }

            _open.TryRemove(s, out _);
        }

        if (any)
        {
            Cuts++;
        }

        _repliesFlow.TrySetResult(); // held bytes of the cut connections are dropped with their sockets
        _repliesFlow = Open();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accept;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client = await _listener.AcceptSocketAsync(_stop.Token);
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            _open[client] = 0;
            _open[server] = 0;
            _ = PumpAsync(client, server, toClient: false);
            _ = PumpAsync(server, client, toClient: true);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool toClient)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    break;
                }

                if (toClient)
                {
                    await _repliesFlow.Task.WaitAsync(_stop.Token);
                    if (!_open.ContainsKey(to))
                    {
                        break; // cut while held: what it held is dropped
                    }
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Cut, or the other side closed.
        }
        finally
        {
            from.Close();
            to.Close();
            _open.TryRemove(from, out _);
            _open.TryRemove(to, out _);
        }
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
