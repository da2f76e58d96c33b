using Npgsql;

namespace Linq.LocalPostgres;

/// <summary>
/// Turns the value of a database environment variable into an Npgsql keyword connection string. Accepts
/// <c>postgresql://user:pass@host:port/db?sslmode=...</c> and <c>postgres://...</c> URLs, or a keyword
/// connection string as is. Error messages never contain the value, since it may hold a password.
/// </summary>
/// <remarks>
/// This is a deliberately small converter for test infrastructure; the product's own URL parser lives in
/// Linq.Provider.
/// </remarks>
internal static class DatabaseUrlConverter
{
    private const string DefaultDatabase = "postgres";

    /// <summary>Converts <paramref name="value"/>; <paramref name="variableName"/> is only used in error messages.</summary>
    public static string ToConnectionString(string value, string variableName)
    {
        var trimmed = value.Trim();
        var builder = IsUrl(trimmed) ? FromUrl(trimmed, variableName) : FromKeywords(trimmed, variableName);
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = DefaultDatabase;
        }

        return builder.ConnectionString;
    }

    private static bool IsUrl(string value) =>
        value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromKeywords(string value, string variableName)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException)
        {
            // The inner exception may quote the value, so it is not attached.
            throw Invalid(variableName, "it is neither a postgres:// URL nor a valid keyword connection string");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url, string variableName)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];

        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var query = string.Empty;
        var questionMark = rest.IndexOf('?');
        if (questionMark >= 0)
        {
            query = rest[(questionMark + 1)..];
            rest = rest[..questionMark];
        }

        var path = string.Empty;
        var slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            path = rest[(slash + 1)..];
            rest = rest[..slash];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            var user = colon >= 0 ? userInfo[..colon] : userInfo;
            if (user.Length > 0)
            {
                builder.Username = Decode(user, variableName);
            }

            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..], variableName);
            }
        }

        ApplyHostAndPort(builder, rest, variableName);

        if (path.Length > 0)
        {
            builder.Database = Decode(path, variableName);
        }

        ApplyQuery(builder, query, variableName);
        return builder;
    }

    private static void ApplyHostAndPort(NpgsqlConnectionStringBuilder builder, string hostPort, string variableName)
    {
        if (hostPort.Length == 0)
        {
            return;
        }

        if (hostPort.Contains(','))
        {
            // Several hosts: Npgsql accepts "host1:port1,host2:port2" in Host as is.
            builder.Host = Decode(hostPort, variableName);
            return;
        }

        string host;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']');
            if (close < 0)
            {
                throw Invalid(variableName, "an IPv6 host is missing its closing ']'");
            }

            host = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.StartsWith(':'))
            {
                port = after[1..];
            }
            else if (after.Length > 0)
            {
                throw Invalid(variableName, "unexpected text after the IPv6 host");
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon >= 0 ? hostPort[..colon] : hostPort;
            port = colon >= 0 ? hostPort[(colon + 1)..] : null;
        }

        if (host.Length > 0)
        {
            builder.Host = Decode(host, variableName);
        }

        if (!string.IsNullOrEmpty(port))
        {
            builder.Port = ParsePort(port, variableName);
        }
    }

    private static void ApplyQuery(NpgsqlConnectionStringBuilder builder, string query, string variableName)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Decode(equals >= 0 ? pair[..equals] : pair, variableName).ToLowerInvariant();
            var value = equals >= 0 ? Decode(pair[(equals + 1)..], variableName) : string.Empty;
            switch (key)
            {
                case "user":
                    builder.Username = value;
                    break;
                case "password":
                    builder.Password = value;
                    break;
                case "host":
                    builder.Host = value;
                    break;
                case "port":
                    builder.Port = ParsePort(value, variableName);
                    break;
                case "dbname":
                    builder.Database = value;
                    break;
                case "sslmode":
                    builder.SslMode = ParseSslMode(value, variableName);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout" when int.TryParse(value, out var seconds) && seconds > 0:
                    builder.Timeout = seconds;
                    break;
                default:
                    // Other libpq parameters have no bearing on a test server and are ignored.
                    break;
            }
        }
    }

    private static SslMode ParseSslMode(string value, string variableName) => value.ToLowerInvariant() switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw Invalid(variableName, $"sslmode '{value}' is not known"),
    };

    private static int ParsePort(string value, string variableName)
    {
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535)
        {
            return port;
        }

        throw Invalid(variableName, "the port is not a number between 1 and 65535");
    }

    private static string Decode(string value, string variableName)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            throw Invalid(variableName, "it contains a malformed percent escape");
        }
    }

    private static InvalidOperationException Invalid(string variableName, string reason) =>
        new($"The environment variable {variableName} does not hold a usable PostgreSQL connection: {reason}.");
}
