using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Linq.Hosting;

/// <summary>
/// Turns <c>DATABASE_URL</c>-style URLs (<c>postgresql://user:pass@host:port/db?schema=…</c>) and Npgsql keyword
/// strings into a validated keyword string. The one parser of both forms: <see cref="LinqDatabaseOptions.UseNpgsql"/>
/// uses it, and so does Linq.LocalPostgres (through <c>UseNpgsql</c>) for its URL environment variables.
/// </summary>
/// <remarks>
/// <para>
/// A URL is split by its grammar (RFC 3986), never by searching the whole string: the authority runs from <c>//</c>
/// to the first <c>/</c> or <c>?</c>; the user info ends at the last <c>@</c> inside the authority, the user name at
/// its first <c>:</c>. So an <c>@</c> in a query value stays there, and a password with an unencoded <c>/</c> or
/// <c>?</c> makes the URL invalid (its first part reads as a non-numeric port, or an <c>@</c> follows in the
/// database name) instead of moving into the host or the database. A <c>#</c> is refused: a connection URL has no
/// fragment, and one is almost always a password's unencoded character.
/// </para>
/// <para>
/// User, password, host, database and query names and values are percent-decoded strictly (two hex digits, UTF-8).
/// Hosts are host names (letters, digits, <c>-._~</c>, percent-encoded bytes such as <c>%2F</c> for a Unix socket
/// directory) or bracketed IPv6 addresses, several separated by commas, each with an optional port from 1 to 65535.
/// What is ambiguous is refused with an <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// Error messages never quote the input, not even a query parameter's name: a malformed URL can put a piece of the
/// password anywhere, and messages end up in logs.
/// </para>
/// </remarks>
internal static class ConnectionStringParser
{
    private const string KnownParameters =
        "schema, sslmode, connection_limit, connect_timeout, socket_timeout, statement_timeout, application_name, host, port, options, user, password, dbname";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ToKeywordForm(string connectionString)
    {
        var trimmed = connectionString.Trim();
        var builder = trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(trimmed)
            : FromKeywords(trimmed);
        return builder.ConnectionString;
    }

    /// <summary>True for a URL whose query says <c>pgbouncer=true</c> (Prisma's flag for a transaction-mode pooler).</summary>
    public static bool RequestsPgBouncerMode(string connectionString)
    {
        var trimmed = connectionString.Trim();
        var query = trimmed.IndexOf('?');
        if (query < 0 || !(trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return trimmed[(query + 1)..].Split('&').Any(pair => string.Equals(pair, "pgbouncer=true", StringComparison.OrdinalIgnoreCase));
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

        // RFC 3986 §3.5 would end the URL at the first '#' and drop the rest as a fragment, but a connection URL has
        // no use for one: a '#' is an unencoded character of a password ("u:p#w@host"), and dropping from there
        // would make the password's first part the host.
        if (rest.Contains('#'))
        {
            throw Invalid("a '#': a connection URL has no fragment (percent-encode a '#' in a password or name as %23)");
        }

        // §3.2: the authority ends at the first '/' or '?'; then the path, then the query.
        var authorityEnd = rest.IndexOfAny(['/', '?']);
        var authority = authorityEnd >= 0 ? rest[..authorityEnd] : rest;
        var tail = authorityEnd >= 0 ? rest[authorityEnd..] : "";
        var queryStart = tail.IndexOf('?');
        var path = queryStart >= 0 ? tail[..queryStart] : tail;
        var query = queryStart >= 0 ? tail[(queryStart + 1)..] : "";

        var builder = new NpgsqlConnectionStringBuilder();

        // §3.2.1: the user info ends at the last '@' of the authority, so an unencoded '@' in a password stays in it.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            SetUserInfo(builder, authority[..at]);
            authority = authority[(at + 1)..];
        }

        if (authority.Length > 0)
        {
            SetHosts(builder, authority);
        }

        if (path.Length > 1)
        {
            SetDatabase(builder, path[1..]);
        }

        SetQuery(builder, query);
        return builder;
    }

    private static void SetUserInfo(NpgsqlConnectionStringBuilder builder, string userInfo)
    {
        var colon = userInfo.IndexOf(':');
        var user = Decode(colon >= 0 ? userInfo[..colon] : userInfo, "user name");
        if (user.Length > 0)
        {
            builder.Username = user;
        }

        if (colon >= 0)
        {
            var password = Decode(userInfo[(colon + 1)..], "password");
            if (password.Length > 0)
            {
                builder.Password = password;
            }
        }
    }

    // host[:port][,host[:port]…]. One host goes to Host and Port; several become Npgsql's "host:port,…" list, IPv6
    // addresses in brackets there so that Npgsql can tell the port from the address.
    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string authority)
    {
        var hosts = authority.Split(',').Select(ParseHost).ToList();
        if (hosts.Count == 1)
        {
            builder.Host = hosts[0].Host;
            if (hosts[0].Port is { } port)
            {
                builder.Port = port;
            }

            return;
        }

        builder.Host = string.Join(',', hosts.Select(h =>
            (h.IsIPv6 ? "[" + h.Host + "]" : h.Host) + (h.Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "")));
    }

    private static (string Host, int? Port, bool IsIPv6) ParseHost(string entry)
    {
        string host;
        string? port = null;
        var isIPv6 = entry.StartsWith('[');
        if (isIPv6)
        {
            var close = entry.IndexOf(']');
            if (close < 0)
            {
                throw Invalid("an IPv6 host without its closing ']'");
            }

            host = Decode(entry[1..close], "IPv6 host");
            if (!IPAddress.TryParse(host, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw Invalid("a host in brackets that is not an IPv6 address");
            }

            var after = entry[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    throw Invalid("text after an IPv6 host that is not a ':' and a port");
                }

                port = after[1..];
            }
        }
        else
        {
            var colon = entry.IndexOf(':');
            var raw = colon >= 0 ? entry[..colon] : entry;
            port = colon >= 0 ? entry[(colon + 1)..] : null;
            if (raw.Length == 0)
            {
                throw Invalid("an empty host (an IPv6 address needs brackets: [::1])");
            }

            if (!raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '%'))
            {
                throw Invalid("a host with characters a host name cannot have (percent-encode them)");
            }

            host = Decode(raw, "host");
            if (host.Any(c => c is ',' or ':' || char.IsControl(c)))
            {
                throw Invalid("a percent-encoded host that decodes to ',', ':' or a control character");
            }
        }

        // An empty port ("host:") is the default port (RFC 3986 §3.2.3).
        return (host, string.IsNullOrEmpty(port) ? null : Port(port), isIPv6);
    }

    private static void SetDatabase(NpgsqlConnectionStringBuilder builder, string raw)
    {
        // Both are legal in a URL path, but in a database name they are far more likely a password's unencoded
        // characters that ended the authority early ("u:123/x@host"), which must not become the database.
        if (raw.Contains('/') || raw.Contains('@'))
        {
            throw Invalid("a database name with an unencoded '/' or '@' (percent-encode them as %2F and %40)");
        }

        var database = Decode(raw, "database name");
        if (database.Length > 0)
        {
            builder.Database = database;
        }
    }

    private static void SetQuery(NpgsqlConnectionStringBuilder builder, string query)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pairs.Length; i++)
        {
            var pair = pairs[i];
            var eq = pair.IndexOf('=');
            var key = Decode(eq >= 0 ? pair[..eq] : pair, "query parameter name");
            var value = eq >= 0 ? Decode(pair[(eq + 1)..], "query parameter value") : "";
            ApplyParameter(builder, key, value, i + 1);
        }
    }

    private static void ApplyParameter(NpgsqlConnectionStringBuilder builder, string key, string value, int position)
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
                    _ => throw Invalid("an unknown sslmode (use disable, allow, prefer, require, verify-ca or verify-full)"),
                };
                break;
            case "connection_limit":
                builder.MaxPoolSize = Integer("connection_limit", value);
                break;
            case "connect_timeout":
                builder.Timeout = Integer("connect_timeout", value);
                break;
            case "socket_timeout":
                builder.CommandTimeout = Integer("socket_timeout", value);
                break;
            case "statement_timeout":
                builder.CommandTimeout = Integer("statement_timeout", value);
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "host":
                builder.Host = value;
                break;
            case "port":
                builder.Port = Port(value);
                break;
            case "options":
                builder.Options = value;
                break;
            case "user":
                builder.Username = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "dbname":
                builder.Database = value;
                break;
            case "pool_timeout":
            case "pgbouncer":
            case "statement_cache_size":
                // Prisma engine settings with no Npgsql counterpart; accepted so a Prisma DATABASE_URL works unchanged.
                break;
            default:
                // The name is not quoted: in a malformed URL it may be a piece of the password.
                throw Invalid($"an unknown query parameter (number {position.ToString(CultureInfo.InvariantCulture)} of the query). Known: {KnownParameters}");
        }
    }

    private static int Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? number
            : throw Invalid("an invalid port: it must be a number from 1 to 65535");

    // The name is one of the known parameters, never the input.
    private static int Integer(string knownName, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"The connection URL parameter '{knownName}' must be a whole number.");

    // Strict percent-decoding: '%' must start two hex digits, and the bytes must be UTF-8. Uri.UnescapeDataString
    // leaves a malformed escape as it is, which would let "%ZZ" through as text.
    private static string Decode(string text, string what)
    {
        if (!text.Contains('%'))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    throw Invalid($"a badly percent-encoded {what}");
                }

                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                // A pair is one code point; a lone surrogate cannot be UTF-8.
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    throw Invalid($"a badly encoded {what}");
                }

                bytes.AddRange(utf8[..Encoding.UTF8.GetBytes(text.AsSpan(i, 2), utf8)].ToArray());
                i++;
                continue;
            }

            bytes.AddRange(utf8[..Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8)].ToArray());
        }

        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (ArgumentException)
        {
            // DecoderFallbackException: the escapes are not UTF-8. Its message may quote the bytes, so it is not attached.
            throw Invalid($"a percent-encoded {what} that is not UTF-8");
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static ArgumentException Invalid(string what) => new("The connection URL has " + what + ".");
}
