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
        Assert.Equal("db.example.com:6543", b.Host);
        Assert.Equal("my db", b.Database);
        Assert.Equal("tenant_1", b.SearchPath);
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal(7, b.MaxPoolSize);
        Assert.Equal(9, b.Timeout);
        Assert.Equal("api", b.ApplicationName);
    }

    [Theory]
    [InlineData("postgres://u@localhost/db", "localhost", "db")]
    [InlineData("postgresql://u:p@[::1]:5433/db", "::1:5433", "db")]
    [InlineData("postgresql://u:p@h1:5432,h2:5433/db", "h1:5432,h2:5433", "db")]
    [InlineData("postgresql://u:p@host", "host", null)]
    public void Url_hosts_and_databases(string url, string host, string? database)
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionStringParser.ToKeywordForm(url));
        Assert.Equal(host, b.Host);
        Assert.Equal(database, b.Database);
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
