using System.Net;
using Linq.WebApi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Linq.WebApi.Tests;

/// <summary>An exhausted pool (one connection, held elsewhere) is P2024 → 503 with Retry-After, and the service recovers.</summary>
public sealed class PoolTimeoutTests(TinyPoolFixture fixture) : IClassFixture<TinyPoolFixture>
{
    [Fact]
    public async Task A_request_that_cannot_get_a_connection_is_503_P2024_and_the_next_one_succeeds()
    {
        var db = fixture.Factory.Services.GetRequiredService<BlogDb>();
        await using (var held = await db.DataSource.OpenConnectionAsync())
        {
            var response = await fixture.Client.GetAsync("/users/1");
            await UsersEndpointTests.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "P2024");
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);

            // The health check goes through the same pool: unhealthy while it is exhausted.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await fixture.Client.GetAsync("/health")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync("/users/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/health")).StatusCode);
    }
}
