using Linq.Provider.Tests.Infrastructure;

namespace Linq.Provider.Tests;

/// <summary>A cancelled token stops the statement on the server, not only the wait on the client.</summary>
public sealed class CancellationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public Task Cancelling_a_blocked_query_cancels_it_on_the_server() =>
        ServerCancellation.AssertCancelsOnServerAsync(fixture.ConnectionString, "%\"Email\" = $1%",
            token => fixture.Db.Users.Where(u => u.Email == "blocked@x.io").ToListAsync(token));
}
