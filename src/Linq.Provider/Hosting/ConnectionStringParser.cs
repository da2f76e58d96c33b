using System.Globalization;
using Npgsql;

namespace Linq.Hosting;

/// <summary>
/// Turns <c>DATABASE_URL</c>-style URLs (<c>postgresql://user:pass@host:port/db?schema=…</c>) and Npgsql keyword
/// strings into a validated keyword string. Error messages never contain the password, nor any part of the
/// string that might be one: a malformed string can split a password into pieces that parsers echo back.
/// </summary>
internal static class ConnectionStringParser
{
    public static string ToKeywordForm(string connectionString)
    {
        var trimmed = connectionString.Trim();
        var builder = trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(trimmed)
            : FromKeywords(trimmed);
        return builder.ConnectionString;
    }

    private static NpgsqlConnectionStringBuilder FromKeywords(string text)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // Deliberately no inner exception: its message may quote a piece of the password.
            throw new ArgumentException("The connection string is not a valid Npgsql keyword string or postgresql:// URL. Check its keywords and values.");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var builder = new NpgsqlConnectionStringBuilder();

        // The user info ends at the last '@', so an unencoded '/' or '@' in a password cannot shift the other parts.
        var at = rest.LastIndexOf('@');
        var userInfo = at >= 0 ? rest[..at] : null;
        rest = at >= 0 ? rest[(at + 1)..] : rest;

        var queryStart = rest.IndexOf('?');
        var query = queryStart >= 0 ? rest[(queryStart + 1)..] : "";
        rest = queryStart >= 0 ? rest[..queryStart] : rest;

        var pathStart = rest.IndexOf('/');
        var authority = pathStart >= 0 ? rest[..pathStart] : rest;
        var database = pathStart >= 0 ? rest[(pathStart + 1)..] : "";

        if (userInfo is not null)
        {
            var colon = userInfo.IndexOf(':');
            builder.Username = Decode(colon >= 0 ? userInfo[..colon] : userInfo, "user name");
            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..], "password");
            }
        }

        if (authority.Length > 0)
        {
            SetHosts(builder, authority);
        }

        if (database.Length > 0)
        {
            builder.Database = Decode(database, "database name");
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Decode(eq >= 0 ? pair[..eq] : pair, "query parameter");
            var value = eq >= 0 ? Decode(pair[(eq + 1)..], $"value of '{key}'") : "";
            ApplyParameter(builder, key, value);
        }

        return builder;
    }

    // host[:port][,host[:port]…]; IPv6 hosts in brackets. Npgsql takes a comma-separated host list with ports.
    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string authority)
    {
        var hosts = new List<string>();
        foreach (var part in authority.Split(','))
        {
            string host;
            string? port = null;
            if (part.StartsWith('['))
            {
                var close = part.IndexOf(']');
                if (close < 0)
                {
                    throw new ArgumentException("The connection URL has an IPv6 host without a closing ']'.");
                }

                host = part[1..close];
                if (close + 1 < part.Length && part[close + 1] == ':')
                {
                    port = part[(close + 2)..];
                }
            }
            else
            {
                var colon = part.LastIndexOf(':');
                host = colon >= 0 ? part[..colon] : part;
                port = colon >= 0 ? part[(colon + 1)..] : null;
            }

            if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535))
            {
                throw new ArgumentException("The connection URL has an invalid port: it must be a number from 1 to 65535.");
            }

            hosts.Add(port is null ? Decode(host, "host") : Decode(host, "host") + ":" + port);
        }

        builder.Host = string.Join(',', hosts);
    }

    private static void ApplyParameter(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        switch (key.ToLowerInvariant())
        {
            case "schema":
                builder.SearchPath = value;
                break;
            case "sslmode":
                builder.SslMode = value.ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new ArgumentException("The connection URL has an unknown sslmode (use disable, allow, prefer, require, verify-ca or verify-full)."),
                };
                break;
            case "connection_limit":
                builder.MaxPoolSize = Integer(key, value);
                break;
            case "connect_timeout":
                builder.Timeout = Integer(key, value);
                break;
            case "socket_timeout":
            case "statement_timeout":
                builder.CommandTimeout = Integer(key, value);
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "host":
                builder.Host = value;
                break;
            case "port":
                builder.Port = Integer(key, value);
                break;
            case "options":
                builder.Options = value;
                break;
            case "pool_timeout":
            case "pgbouncer":
            case "statement_cache_size":
                // Prisma engine settings with no Npgsql counterpart; accepted so a Prisma DATABASE_URL works unchanged.
                break;
            default:
                throw new ArgumentException($"The connection URL has an unknown parameter '{key}'. Known: schema, sslmode, connection_limit, connect_timeout, socket_timeout, application_name, host, port, options.");
        }
    }

    private static int Integer(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"The connection URL parameter '{key}' must be a whole number.");

    private static string Decode(string text, string what)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            throw new ArgumentException($"The connection URL has a badly percent-encoded {what}.");
        }
    }
}
