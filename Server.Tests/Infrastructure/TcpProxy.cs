using System.Net;
using System.Net.Sockets;

namespace MiniOAuth.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a port of its own in front of a database server: <see cref="Stop"/> cuts every
/// connection and refuses new ones, as a database that went down; <see cref="Start"/> brings it back
/// on the same port, as the database after its restart.
/// </summary>
public sealed class TcpProxy(IPEndPoint target) : IDisposable
{
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;

    public int Port { get; private set; }

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener);
    }

    public void Stop()
    {
        _listener?.Stop();
        lock (_open)
        {
            _open.ForEach(c => c.Dispose());
            _open.Clear();
        }
    }

    public void Dispose() => Stop();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            await outbound.ConnectAsync(target);
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = RelayAsync(inbound, outbound);
            _ = RelayAsync(outbound, inbound);
        }
    }

    private static async Task RelayAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }

        from.Dispose();
        to.Dispose();
    }
}
