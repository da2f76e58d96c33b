using Npgsql;

namespace Linq.LocalPostgres.Tests;

/// <summary>
/// The environment-variable conversion (internal, visible to this assembly): Linq.Provider's parser, whose URL cases
/// are in Linq.Provider.Tests' ConnectionStringTests, plus the default database and the variable's name in errors.
/// </summary>
public sealed class DatabaseUrlConverterTests
{
    [Theory]
    [InlineData("postgres://bob:secret@localhost", "bob", "secret", "localhost", 5432, "postgres")]
    [InlineData("postgres://bob:secret@[::1]:5433/app", "bob", "secret", "::1", 5433, "app")]
    [InlineData("Host=h;Port=5433;Username=u;Password=p", "u", "p", "h", 5433, "postgres")]
    public void Values_become_keyword_connection_strings(string value, string user, string password, string host, int port, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrlConverter.ToConnectionString(value, "X"));

        Assert.Equal(user, builder.Username);
        Assert.Equal(password, builder.Password);
        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal(database, builder.Database);
    }

    [Theory]
    [InlineData("postgres://bob:hunter2@host:notaport/db")]
    [InlineData("postgres://bob:hunter2127.0.0.1/db")]
    [InlineData("postgres://bob:hunter2@host/db?hunter2=1")]
    [InlineData("Host=h;Password=hunter2;Bogus Keyword=1")]
    public void Errors_do_not_reveal_the_password(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseUrlConverter.ToConnectionString(value, "LINQ_TEST_DATABASE_URL"));

        Assert.Contains("LINQ_TEST_DATABASE_URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }
}
