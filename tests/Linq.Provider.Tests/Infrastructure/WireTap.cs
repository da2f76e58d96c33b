using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Linq.Provider.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of the test server that reads the PostgreSQL wire protocol the client sends: the
/// round trips (a client write after the server has answered starts one) and the statements (every simple query and
/// every extended-protocol Execute, with the text of its Parse). What the client really sends, not what it reports.
/// Use <see cref="ConnectionString"/> for a client of its own (its own pool), then <see cref="Reset"/> before the calls counted.
/// </summary>
public sealed class WireTap : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<string> _statements = [];
    private readonly List<Task> _pumps = [];
    private int _roundTrips;

    public WireTap(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _host = builder.Host!.Split(',')[0];
        _port = builder.Port;
        _listener.Start();
        builder.Host = "127.0.0.1";
        builder.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        builder.SslMode = SslMode.Disable;
        builder.GssEncryptionMode = GssEncryptionMode.Disable;
        builder.ApplicationName = "wiretap";
        ConnectionString = builder.ConnectionString;
        _pumps.Add(AcceptAsync());
    }

    /// <summary>The connection string that goes through the tap.</summary>
    public string ConnectionString { get; }

    /// <summary>Round trips since <see cref="Reset"/>: each time the client writes after the server answered.</summary>
    public int RoundTrips
    {
        get
        {
            lock (_lock)
            {
                return _roundTrips;
            }
        }
    }

    /// <summary>The statements executed since <see cref="Reset"/>, in order (a simple query's whole text counts as one).</summary>
    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_lock)
            {
                return [.. _statements];
            }
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _roundTrips = 0;
            _statements.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(_host, _port, _stop.Token);
                client.NoDelay = server.NoDelay = true;
                var connection = new TappedConnection(this);
                lock (_lock)
                {
                    _pumps.Add(PumpAsync(client, server, connection, fromClient: true));
                    _pumps.Add(PumpAsync(server, client, connection, fromClient: false));
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, TappedConnection connection, bool fromClient)
    {
        var buffer = new byte[65536];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var read = await input.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                // Noted before forwarding: the answer cannot arrive before the request is counted.
                connection.Saw(buffer.AsSpan(0, read), fromClient);
                await output.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other side closed: so does this one.
        }
        finally
        {
            from.Close();
            to.Close();
        }
    }

    /// <summary>Stops the tap: dispose the clients using it first (their pools close their connections).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] pumps;
        lock (_lock)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }

    // One client connection: the client's bytes parsed into messages, and which side spoke last.
    private sealed class TappedConnection(WireTap tap)
    {
        private readonly List<byte> _pending = [];
        private bool _started;
        private bool _serverSpokeLast = true;
        private readonly Dictionary<string, string> _prepared = [];
        private string? _unnamed;
        private string? _bound;

        public void Saw(ReadOnlySpan<byte> bytes, bool fromClient)
        {
            lock (tap._lock)
            {
                if (!fromClient)
                {
                    _serverSpokeLast = true;
                    return;
                }

                if (_serverSpokeLast && _started)
                {
                    tap._roundTrips++;
                }

                _serverSpokeLast = false;
                _pending.AddRange(bytes.ToArray());
                Parse();
            }
        }

        private void Parse()
        {
            while (true)
            {
                var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
                if (!_started)
                {
                    // Untyped: the startup message (or an encryption request, refused since the tap turns encryption off).
                    if (span.Length < 4)
                    {
                        return;
                    }

                    var untyped = BinaryPrimitives.ReadInt32BigEndian(span);
                    if (span.Length < untyped)
                    {
                        return;
                    }

                    var code = BinaryPrimitives.ReadInt32BigEndian(span[4..]);
                    _started = code is not (80877103 or 80877104);
                    _pending.RemoveRange(0, untyped);
                    continue;
                }

                if (span.Length < 5)
                {
                    return;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(span[1..]);
                if (span.Length < 1 + length)
                {
                    return;
                }

                var type = (char)span[0];
                var body = span.Slice(5, length - 4);
                switch (type)
                {
                    case 'Q':
                        tap._statements.Add(CString(body, out _));
                        break;
                    case 'P':
                    {
                        var name = CString(body, out var used);
                        var sql = CString(body[used..], out _);
                        if (name.Length == 0)
                        {
                            _unnamed = sql;
                        }
                        else
                        {
                            _prepared[name] = sql;
                        }

                        break;
                    }

                    case 'B':
                    {
                        CString(body, out var used);
                        var statement = CString(body[used..], out _);
                        _bound = statement.Length == 0 ? _unnamed : _prepared.GetValueOrDefault(statement, "prepared " + statement);
                        break;
                    }

                    case 'E':
                        tap._statements.Add(_bound ?? "?");
                        break;
                }

                _pending.RemoveRange(0, 1 + length);
            }
        }

        private static string CString(ReadOnlySpan<byte> bytes, out int used)
        {
            var end = bytes.IndexOf((byte)0);
            used = end + 1;
            return Encoding.UTF8.GetString(bytes[..end]);
        }
    }
}
