using Npgsql;

namespace Linq.LocalPostgres.Tests;

/// <summary>The environment-variable URL conversion (internal, visible to this assembly).</summary>
public sealed class DatabaseUrlConverterTests
{
    [Theory]
    [InlineData("postgresql://us%40er:p%3Ass%2Fw@db.example:6543/my%20db?sslmode=require", "us@er", "p:ss/w", "db.example", 6543, "my db")]
    [InlineData("postgres://bob:secret@[::1]:5433/app", "bob", "secret", "::1", 5433, "app")]
    [InlineData("postgres://bob:secret@localhost", "bob", "secret", "localhost", 5432, "postgres")]
    public void Urls_become_keyword_connection_strings(string url, string user, string password, string host, int port, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrlConverter.ToConnectionString(url, "X"));

        Assert.Equal(user, builder.Username);
        Assert.Equal(password, builder.Password);
        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal(database, builder.Database);
    }

    [Fact]
    public void Errors_do_not_reveal_the_password()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => DatabaseUrlConverter.ToConnectionString("postgres://bob:hunter2@host:notaport/db", "LINQ_TEST_DATABASE_URL"));

        Assert.Contains("LINQ_TEST_DATABASE_URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
