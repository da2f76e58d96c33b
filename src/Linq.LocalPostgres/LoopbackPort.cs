using System.Net;
using System.Net.Sockets;

namespace Linq.LocalPostgres;

/// <summary>A TCP port on the loopback interface that nothing listens on right now (the system picks it).</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
