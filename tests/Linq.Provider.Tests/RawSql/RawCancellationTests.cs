using Linq.Provider.Tests.Infrastructure;

namespace Linq.Provider.Tests.RawSql;

using Linq.RawSql;

/// <summary>A cancelled token stops a raw statement on the server, not only the wait on the client.</summary>
public sealed class RawCancellationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public Task Cancelling_a_blocked_raw_query_cancels_it_on_the_server() =>
        CancelBlocked("raw-cancel-query", (marker, token) => fixture.Db.QueryRawAsync<int>($"SELECT \"Id\" FROM \"User\" WHERE \"Email\" = {"blocked@x.io"} {Sql.RawUnsafe(marker)}", token));

    [Fact]
    public Task Cancelling_a_blocked_raw_statement_cancels_it_on_the_server() =>
        CancelBlocked("raw-cancel-execute", (marker, token) => fixture.Db.ExecuteRawAsync($"UPDATE \"User\" SET \"Name\" = {"x"} WHERE \"Email\" = {"blocked@x.io"} {Sql.RawUnsafe(marker)}", token));

    [Fact]
    public Task Cancelling_a_blocked_unsafe_query_cancels_it_on_the_server() =>
        CancelBlocked("raw-cancel-unsafe", (marker, token) => fixture.Db.QueryRawUnsafeAsync<int>("SELECT \"Id\" FROM \"User\" WHERE \"Email\" = $1 " + marker, token, "blocked@x.io"));

    // The marker comment names the statement in pg_stat_activity.
    private Task CancelBlocked(string name, Func<string, CancellationToken, Task> run) =>
        ServerCancellation.AssertCancelsOnServerAsync(fixture.ConnectionString, "%/* " + name + " */%", token => run("/* " + name + " */", token));
}
