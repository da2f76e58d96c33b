using System.Net;
using System.Net.Http.Json;
using Linq.WebApi.Tests.Infrastructure;
using Npgsql;
using WebApi;

namespace Linq.WebApi.Tests;

/// <summary>The idempotent account delivery (upsert) and transfers in an interactive serializable transaction, through HTTP.</summary>
public sealed class AccountsAndTransfersTests(WebApiFixture fixture) : IClassFixture<WebApiFixture>
{
    [Fact]
    public async Task Delivering_the_same_account_message_twice_or_at_once_stores_one_row()
    {
        var email = Unique("deliver");
        var first = await PutAsync(email, 10m);
        var again = await PutAsync(email, 10m);
        Assert.Equal(first, again);

        // Concurrent deliveries of one message: still one row, and every delivery sees it.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PutAsync(email, 25m)));
        Assert.All(concurrent, a => Assert.Equal(first.Id, a.Id));

        var stored = await Plain.ReadAsync(fixture.ConnectionString, "SELECT \"Id\", \"Balance\" FROM \"Account\" WHERE \"Email\" = $1",
            r => (Id: r.GetInt32(0), Balance: r.GetDecimal(1)), email);
        Assert.Equal([(first.Id, 25m)], stored);
    }

    [Fact]
    public async Task A_transfer_moves_the_money_and_an_overdraft_is_422_and_changes_nothing()
    {
        var (alice, bob) = (Unique("alice"), Unique("bob"));
        await PutAsync(alice, 100m);
        await PutAsync(bob, 5m);

        var response = await fixture.Client.PostAsJsonAsync("/transfers", new TransferRequest(alice, bob, 30m));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new TransferResponse(70m, 35m), await response.Content.ReadFromJsonAsync<TransferResponse>());
        Assert.Equal([70m, 35m], await BalancesAsync(alice, bob));

        var overdraft = await fixture.Client.PostAsJsonAsync("/transfers", new TransferRequest(alice, bob, 1000m));
        await UsersEndpointTests.AssertProblemAsync(overdraft, HttpStatusCode.UnprocessableEntity, code: null);
        Assert.Equal([70m, 35m], await BalancesAsync(alice, bob));

        var missing = await fixture.Client.PostAsJsonAsync("/transfers", new TransferRequest(alice, Unique("nobody"), 1m));
        await UsersEndpointTests.AssertProblemAsync(missing, HttpStatusCode.NotFound, "P2025");
        Assert.Equal([70m, 35m], await BalancesAsync(alice, bob));
    }

    [Fact]
    public async Task A_serialization_conflict_is_503_P2034_with_Retry_After_and_the_transfer_is_rolled_back()
    {
        var (alice, bob) = (Unique("alice"), Unique("bob"));
        await PutAsync(alice, 100m);
        await PutAsync(bob, 0m);

        // A concurrent transaction (plain Npgsql) changes bob's row and holds its lock: the service's transfer takes its
        // snapshot at its first UPDATE (alice), then waits on bob's row; when the other transaction commits, updating the
        // row changed after its snapshot fails with SQLSTATE 40001.
        await using var other = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var connection = await other.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE \"Account\" SET \"Balance\" = \"Balance\" + 1 WHERE \"Email\" = $1", connection, transaction))
        {
            update.Parameters.Add(new() { Value = bob });
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var transfer = fixture.Client.PostAsJsonAsync("/transfers", new TransferRequest(alice, bob, 30m));
        await WaitForLockWaitAsync(bob);
        await transaction.CommitAsync();

        var response = await transfer;
        await UsersEndpointTests.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "P2034");
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal([100m, 1m], await BalancesAsync(alice, bob));
    }

    private async Task WaitForLockWaitAsync(string email)
    {
        // The service's transaction waits on a row lock: pg_stat_activity shows it (bounded wait, then fail the test).
        for (var i = 0; i < 200; i++)
        {
            var waiting = await Plain.ScalarAsync<long>(fixture.ConnectionString,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE \"Account\"%'");
            if (waiting > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The transfer never waited on {email}'s row lock.");
    }

    private async Task<AccountResponse> PutAsync(string email, decimal balance)
    {
        var response = await fixture.Client.PutAsJsonAsync($"/accounts/{Uri.EscapeDataString(email)}", new AccountRequest(balance));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AccountResponse>())!;
    }

    private async Task<List<decimal>> BalancesAsync(params string[] emails)
    {
        var rows = await Plain.ReadAsync(fixture.ConnectionString, "SELECT \"Email\", \"Balance\" FROM \"Account\"", r => (Email: r.GetString(0), Balance: r.GetDecimal(1)));
        return [.. emails.Select(e => rows.Single(r => r.Email == e).Balance)];
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}@x.io";
}
