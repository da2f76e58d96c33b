using System.Net.Sockets;
using System.Text;

namespace Linq.LocalPostgres;

/// <summary>
/// Answers quickly whether a Docker engine is reachable, so that Testcontainers is only tried when it can
/// work. Checks DOCKER_HOST, else the usual unix sockets, and sends <c>GET /_ping</c>; never waits longer
/// than the given timeout.
/// </summary>
internal static class DockerProbe
{
    private static bool? _cached;

    /// <summary>
    /// True when a Docker engine answered the ping within <paramref name="timeout"/>. The answer is kept
    /// for the life of the process, so only the first server start pays for a probe that times out.
    /// </summary>
    public static async Task<bool> IsAvailableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_cached is { } known)
        {
            return known;
        }

        var available = await ProbeAsync(timeout, cancellationToken).ConfigureAwait(false);
        _cached = available;
        return available;
    }

    private static async Task<bool> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            foreach (var endpoint in Endpoints())
            {
                if (await PingAsync(endpoint, timeoutSource.Token).ConfigureAwait(false))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: treat as no engine.
        }

        return false;
    }

    private static IEnumerable<Endpoint> Endpoints()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            if (dockerHost.StartsWith("unix://", StringComparison.OrdinalIgnoreCase))
            {
                yield return new Endpoint(dockerHost["unix://".Length..], null, 0);
            }
            else if (Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri)
                && (uri.Scheme is "tcp" or "http" or "https"))
            {
                yield return new Endpoint(null, uri.Host, uri.Port > 0 ? uri.Port : 2375);
            }

            // Other schemes (npipe, ssh) are not probed; DOCKER_HOST was set explicitly, so nothing else is tried.
            yield break;
        }

        if (OperatingSystem.IsWindows())
        {
            yield break;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var runtimeDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var sockets = new List<string> { "/var/run/docker.sock" };
        if (!string.IsNullOrEmpty(runtimeDirectory))
        {
            sockets.Add(Path.Combine(runtimeDirectory, "docker.sock"));
        }

        if (!string.IsNullOrEmpty(home))
        {
            sockets.Add(Path.Combine(home, ".docker", "run", "docker.sock"));
        }

        foreach (var socket in sockets.Where(File.Exists))
        {
            yield return new Endpoint(socket, null, 0);
        }
    }

    private static async Task<bool> PingAsync(Endpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var socket = endpoint.UnixPath is not null
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);

            if (endpoint.UnixPath is not null)
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.UnixPath), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(endpoint.Host!, endpoint.Port, cancellationToken).ConfigureAwait(false);
                if (endpoint.Port == 2376 || Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY") is { Length: > 0 })
                {
                    // A TLS endpoint cannot be pinged in plain HTTP; an accepted connection has to do.
                    return true;
                }
            }

            var request = Encoding.ASCII.GetBytes("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);

            var buffer = new byte[256];
            var received = 0;
            while (received < buffer.Length)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                received += read;
                if (Array.IndexOf(buffer, (byte)'\n', 0, received) >= 0)
                {
                    break;
                }
            }

            var statusLine = Encoding.ASCII.GetString(buffer, 0, received);
            return statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) && statusLine.Contains(" 200", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private sealed record Endpoint(string? UnixPath, string? Host, int Port);
}
