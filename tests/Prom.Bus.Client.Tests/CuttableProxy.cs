using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Client.Tests;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the gateway whose connections the test can cut at any moment (both sockets
/// reset at once): a publish whose PUBLISH reached the server but whose OK was lost on the way back looks to the client
/// exactly like a network failure.
/// </summary>
internal sealed class CuttableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

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

    /// <summary>Resets every relayed connection.</summary>
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
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
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
}
