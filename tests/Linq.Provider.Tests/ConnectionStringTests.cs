using Linq.Hosting;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests;

/// <summary>DATABASE_URL and keyword forms, and the rule that a password never shows up in a message.</summary>
public sealed class ConnectionStringTests
{
    private const string Secret = "s3cr;et/p@ss?w=rd";

    [Fact]
    public void Url_form_maps_every_part()
    {
        var keyword = ConnectionStringParser.ToKeywordForm(
            "postgresql://j%C3%B6rg:p%40ss%3Aword@db.example.com:6543/my%20db?schema=tenant_1&sslmode=require&connection_limit=7&connect_timeout=9&application_name=api");
        var b = new NpgsqlConnectionStringBuilder(keyword);
        Assert.Equal("jörg", b.Username);
        Assert.Equal("p@ss:word", b.Password);
        Assert.Equal("db.example.com", b.Host);
        Assert.Equal(6543, b.Port);
        Assert.Equal("my db", b.Database);
        Assert.Equal("tenant_1", b.SearchPath);
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal(7, b.MaxPoolSize);
        Assert.Equal(9, b.Timeout);
        Assert.Equal("api", b.ApplicationName);
    }

    // One host goes to Host and Port (an IPv6 address without brackets); several stay Npgsql's "host:port,…" list,
    // where an IPv6 address keeps its brackets so that Npgsql can tell its port from it.
    [Theory]
    [InlineData("postgres://u@localhost/db", "localhost", 5432, "db")]
    [InlineData("postgresql://u:p@[::1]:5433/db", "::1", 5433, "db")]
    [InlineData("postgresql://u:p@[::1]/db", "::1", 5432, "db")]
    [InlineData("postgresql://u:p@h1:5432,h2:5433/db", "h1:5432,h2:5433", 5432, "db")]
    [InlineData("postgresql://u:p@[::1]:5433,h2,[2001:db8::5]/db", "[::1]:5433,h2,[2001:db8::5]", 5432, "db")]
    [InlineData("postgresql://u:p@host", "host", 5432, null)]
    [InlineData("postgresql://u:p@host:/db", "host", 5432, "db")]
    [InlineData("postgresql://u:p@%2Fvar%2Frun%2Fpostgresql/db", "/var/run/postgresql", 5432, "db")]
    // From Linq.LocalPostgres's converter tests, which now use this parser.
    [InlineData("postgresql://us%40er:p%3Ass%2Fw@db.example:6543/my%20db?sslmode=require", "db.example", 6543, "my db")]
    [InlineData("postgres://bob:secret@[::1]:5433/app", "::1", 5433, "app")]
    public void Url_hosts_and_databases(string url, string host, int port, string? database)
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionStringParser.ToKeywordForm(url));
        Assert.Equal(host, b.Host);
        Assert.Equal(port, b.Port);
        Assert.Equal(database, b.Database);
    }

    [Fact]
    public void Url_user_info_is_percent_decoded()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionStringParser.ToKeywordForm(
            "postgresql://us%40er:p%3Ass%2Fw@db.example:6543/my%20db?sslmode=require"));
        Assert.Equal("us@er", b.Username);
        Assert.Equal("p:ss/w", b.Password);
        Assert.Equal(SslMode.Require, b.SslMode);
    }

    [Fact]
    public void An_at_sign_in_a_query_value_does_not_end_the_user_info()
    {
        // The user info ends at the last '@' of the authority, not of the whole string: before, this connected to
        // host "prod" with the password "pw@db:5432/app?application_name=svc".
        var b = new NpgsqlConnectionStringBuilder(ConnectionStringParser.ToKeywordForm(
            "postgresql://u:pw@db:5432/app?application_name=svc@prod"));
        Assert.Equal("u", b.Username);
        Assert.Equal("pw", b.Password);
        Assert.Equal("db", b.Host);
        Assert.Equal(5432, b.Port);
        Assert.Equal("app", b.Database);
        Assert.Equal("svc@prod", b.ApplicationName);
    }

    [Fact]
    public void A_password_without_an_at_sign_never_becomes_the_host()
    {
        // Without '@' there is no user info: "u" is the host and "PW127.0.0.1" its port, which is refused. Before, the
        // password went into Host, where DataSource.ConnectionString and Npgsql's logs show it.
        const string url = "postgresql://u:PW127.0.0.1/app";
        var error = Assert.Throws<ArgumentException>(() => ConnectionStringParser.ToKeywordForm(url));
        Assert.Contains("port", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PW", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("127", error.ToString(), StringComparison.Ordinal);

        var viaOptions = Assert.ThrowsAny<ArgumentException>(() => new LinqDatabaseOptions().UseNpgsql(url));
        Assert.DoesNotContain("PW127", viaOptions.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Libpq_query_parameters_for_user_password_and_database_are_taken()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionStringParser.ToKeywordForm(
            "postgresql://host/?user=u%26v&password=p%40ss&dbname=d%2Fb&port=6000&socket_timeout=3&options=-c%20x%3D1"));
        Assert.Equal("u&v", b.Username);
        Assert.Equal("p@ss", b.Password);
        Assert.Equal("d/b", b.Database);
        Assert.Equal(6000, b.Port);
        Assert.Equal(3, b.CommandTimeout);
        Assert.Equal("-c x=1", b.Options);
    }

    [Theory]
    [InlineData("postgresql://u:p%ZZ@host/db", "percent-encoded password")]
    [InlineData("postgresql://u:p%C3@host/db", "not UTF-8")]
    [InlineData("postgresql://u:p@host/d%4", "percent-encoded database")]
    [InlineData("postgresql://u:p@host/db/more", "database name")]
    [InlineData("postgresql://u:p@host/db#fragment", "'#'")]
    [InlineData("postgresql://u:p#w@host/db", "'#'")]
    [InlineData("postgresql://u:p@host/d@b", "database name")]
    [InlineData("postgresql://u:p@host:0/db", "port")]
    [InlineData("postgresql://u:p@host:65536/db", "port")]
    [InlineData("postgresql://u:p@host:54a/db", "port")]
    [InlineData("postgresql://u:p@host:1:2/db", "port")]
    [InlineData("postgresql://u:p@::1/db", "brackets")]
    [InlineData("postgresql://u:p@[::1/db", "closing ']'")]
    [InlineData("postgresql://u:p@[::1]x/db", "after an IPv6 host")]
    [InlineData("postgresql://u:p@[not-an-address]/db", "not an IPv6 address")]
    [InlineData("postgresql://u:p@h1,,h2/db", "empty host")]
    [InlineData("postgresql://u:p@ho st/db", "host name cannot have")]
    [InlineData("postgresql://u:p@h%2Co/db", "decodes to ','")]
    [InlineData("postgresql://u:p@host/db?port=abc", "port")]
    [InlineData("postgresql://u:p@host/db?schema=s&bogus=1", "unknown query parameter (number 2 of the query)")]
    public void Ambiguous_urls_are_refused_with_a_reason(string url, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => ConnectionStringParser.ToKeywordForm(url));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyword_form_is_accepted()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionStringParser.ToKeywordForm("Host=h;Port=5433;Username=u;Password=p;Database=d"));
        Assert.Equal("h", b.Host);
        Assert.Equal(5433, b.Port);
        Assert.Equal("p", b.Password);
    }

    [Theory]
    [InlineData("postgresql://user:" + Secret + "@host:notaport/db")]
    [InlineData("postgresql://user:" + Secret + "@host/db?sslmode=" + Secret)]
    [InlineData("postgresql://user:" + Secret + "@host/db?bogus=1")]
    [InlineData("postgresql://user:" + Secret + "@host/db?connection_limit=" + Secret)]
    [InlineData("postgresql://user:" + Secret + "@[::1/db")]
    [InlineData("Host=h;Password=" + Secret + ";Bogus Keyword=1")]
    [InlineData("Host=h;Password=se;cret;Port=abc")]
    public void Errors_never_contain_the_password(string connectionString)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new LinqDatabaseOptions().UseNpgsql(connectionString));
        foreach (var piece in new[] { Secret, "s3cr", "w=rd", "cret", "%ZZ" })
        {
            Assert.DoesNotContain(piece, error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_password_fails_without_echoing_it()
    {
        var (server, template) = await TestServer.GetAsync();
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(template)) { Password = Secret, Pooling = false };
        await using var db = new TestDb(builder.ConnectionString);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.Users.CountAsync());
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_connection_string_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new TestDb(new LinqDatabaseOptions()));
        Assert.Contains("UseNpgsql", error.Message);
    }
}
