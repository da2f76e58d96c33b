using System.Data.Common;
using System.Text;
using Linq.Hosting;
using Xunit.Abstractions;

namespace Linq.Provider.Tests;

/// <summary>
/// Generated URLs with a recognisable secret in every position (user, password, host, port, database, query value,
/// fragment, and a password without the '@'), raw or percent-encoded, with the characters that move URL boundaries
/// inside it: parsing either fails with a message that quotes no piece of any secret (nor of the password), or no
/// piece of the password is in any field but Password, where it arrives whole.
/// </summary>
public sealed class ConnectionStringFuzzTests(ITestOutputHelper output)
{
    private const int Count = 3000;

    private const int Seed = 1404;

    private static readonly char[] Specials = ['@', ':', '/', '?', '#', '%', '[', ']', '&', '=', ';', ',', ' ', '+'];

    private static readonly string[] Hosts = ["db.example.com", "localhost", "10.0.0.7", "[::1]", "[2001:db8::5]", "pg-1_a"];

    private static readonly string[] QueryParameters =
        ["schema=tenant_1", "sslmode=require", "application_name=svc", "connection_limit=5", "connect_timeout=9", "options=-c%20x%3D1"];

    private static readonly string[] QueryValueKeys = ["schema", "application_name", "options", "host", "user", "dbname"];

    private enum Position
    {
        User,
        Password,
        PasswordWithoutAt,
        Host,
        Port,
        Path,
        QueryValue,
        Fragment,
    }

    [Fact]
    public void A_secret_anywhere_never_leaks_into_another_field_or_a_message()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var outcomes = new Dictionary<(Position, bool Parsed), int>();
        for (var i = 0; i < Count; i++)
        {
            var position = (Position)(i % Enum.GetValues<Position>().Length);
            var encoded = random.Next(2) == 0;
            var secret = Secret(random);
            var password = position is Position.Password or Position.PasswordWithoutAt ? secret : Secret(random);
            var url = Url(random, position, secret, encoded, password);

            var problem = Check(url, position, secret, password, out var parsed);
            outcomes[(position, parsed)] = outcomes.GetValueOrDefault((position, parsed)) + 1;
            if (problem is not null)
            {
                failures.Add($"#{i} {position} {(encoded ? "encoded" : "raw")}: {problem}\n    {url}");
            }
        }

        foreach (var position in Enum.GetValues<Position>())
        {
            output.WriteLine($"{position}: {outcomes.GetValueOrDefault((position, true))} parsed, {outcomes.GetValueOrDefault((position, false))} refused");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Count} URLs break the rule:\n" + string.Join("\n", failures.Take(20)));

        // Not vacuous: every position is exercised, and both outcomes occur.
        foreach (var position in Enum.GetValues<Position>())
        {
            Assert.True(outcomes.GetValueOrDefault((position, true)) + outcomes.GetValueOrDefault((position, false)) >= Count / 10);
        }

        Assert.True(outcomes.Where(o => o.Key.Parsed).Sum(o => o.Value) >= Count / 4, "too few URLs parsed");
        Assert.True(outcomes.Where(o => !o.Key.Parsed).Sum(o => o.Value) >= Count / 10, "too few URLs refused");
        Assert.True(outcomes.GetValueOrDefault((Position.Password, true)) > 0, "no raw or encoded password parsed");
        Assert.Equal(0, outcomes.GetValueOrDefault((Position.PasswordWithoutAt, true)));
        Assert.Equal(0, outcomes.GetValueOrDefault((Position.Fragment, true)));
    }

    private static string? Check(string url, Position position, string secret, string password, out bool parsed)
    {
        string keywordForm;
        try
        {
            keywordForm = ConnectionStringParser.ToKeywordForm(url);
            parsed = true;
        }
        catch (ArgumentException error)
        {
            parsed = false;
            var text = error.ToString();
            var leaked = Pieces(secret).Concat(Pieces(password)).FirstOrDefault(p => text.Contains(p, StringComparison.Ordinal));
            return leaked is null ? null : $"the message quotes '{leaked}': {error.Message}";
        }

        var fields = new DbConnectionStringBuilder { ConnectionString = keywordForm };
        foreach (string key in fields.Keys)
        {
            var value = fields[key]?.ToString() ?? "";
            if (string.Equals(key, "Password", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var leaked = Pieces(password).FirstOrDefault(p => value.Contains(p, StringComparison.Ordinal));
            if (leaked is not null)
            {
                return $"a piece of the password ('{leaked}') is in {key}: {keywordForm}";
            }
        }

        var actual = fields.TryGetValue("Password", out var p) ? p?.ToString() : null;
        if (position == Position.PasswordWithoutAt)
        {
            return $"a URL without '@' parsed: {keywordForm}";
        }

        // After the authority, nothing can move the end of the user info: the password arrives whole. A secret in the
        // user name, a host or a port, unencoded, may move it ("u:pw@h:x@y" has the password "pw@h:x"): the password
        // then arrives with more, or (after a '#') not at all, but still nowhere else.
        var whole = position is Position.Password or Position.Path or Position.QueryValue or Position.Fragment;
        if (whole ? actual != password : actual is not null && !actual.Contains(password, StringComparison.Ordinal))
        {
            return $"Password is '{actual}', not the password: {keywordForm}";
        }

        // A '#' is refused: a connection URL has no fragment, and it is most likely a password's character.
        return position == Position.Fragment ? $"a URL with a fragment parsed: {keywordForm}" : null;
    }

    private static string Url(Random random, Position position, string secret, bool encoded, string password)
    {
        string Put(string value) => encoded ? Uri.EscapeDataString(value) : value;

        var url = new StringBuilder(random.Next(3) switch { 0 => "postgresql://", 1 => "postgres://", _ => "POSTGRESQL://" });
        var user = position == Position.User ? Put(secret) : "app";
        // Without '@' the password is encoded: a raw '@' in it would be the '@' of a valid URL ("u:pw@host").
        var passwordText = position == Position.Password ? Put(password) : Uri.EscapeDataString(password);
        url.Append(user).Append(':').Append(passwordText);
        if (position != Position.PasswordWithoutAt)
        {
            url.Append('@');
        }

        var hostCount = random.Next(1, 4);
        var secretHost = random.Next(hostCount);
        for (var h = 0; h < hostCount; h++)
        {
            if (h > 0)
            {
                url.Append(',');
            }

            url.Append(position == Position.Host && h == secretHost ? Put(secret) : Hosts[random.Next(Hosts.Length)]);
            if (position == Position.Port && h == secretHost)
            {
                url.Append(':').Append(Put(secret));
            }
            else if (random.Next(2) == 0)
            {
                url.Append(':').Append(random.Next(1, 65536));
            }
        }

        if (position == Position.Path)
        {
            url.Append('/').Append(Put(secret));
        }
        else if (random.Next(3) > 0)
        {
            url.Append(random.Next(2) == 0 ? "/app" : "/my%20db");
        }

        var parameters = Enumerable.Range(0, random.Next(0, 3)).Select(_ => QueryParameters[random.Next(QueryParameters.Length)]).ToList();
        if (position == Position.QueryValue)
        {
            parameters.Insert(random.Next(parameters.Count + 1), QueryValueKeys[random.Next(QueryValueKeys.Length)] + "=" + Put(secret));
        }

        if (parameters.Count > 0)
        {
            url.Append('?').Append(string.Join('&', parameters));
        }

        if (position == Position.Fragment)
        {
            url.Append('#').Append(Put(secret));
        }

        return url.ToString();
    }

    // Two to four tokens of 6 upper-case letters and digits (starting with two letters, so never a number and never
    // part of the lower-case URL around them), joined by characters that move URL boundaries.
    private static string Secret(Random random)
    {
        var secret = new StringBuilder();
        var tokens = random.Next(2, 5);
        for (var t = 0; t < tokens; t++)
        {
            if (t > 0)
            {
                secret.Append(Specials[random.Next(Specials.Length)]);
            }

            secret.Append((char)('G' + random.Next(20))).Append((char)('G' + random.Next(20)));
            for (var c = 0; c < 4; c++)
            {
                secret.Append("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[random.Next(36)]);
            }
        }

        return secret.ToString();
    }

    private static IEnumerable<string> Pieces(string secret) => secret.Split(Specials);
}
