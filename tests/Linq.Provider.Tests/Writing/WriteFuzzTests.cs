using System.Globalization;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Writing.Fuzz;
using Npgsql;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// A generative differential test of writes (<see cref="WriteFuzzer"/>): seeded random sequences of creates, nested
/// writes three levels deep, updates, upserts, deletes, number operations at the edges of their types, writes that
/// must fail, interactive and batch transactions; after each step the tables, read with plain Npgsql, must equal the
/// in-memory model, and a failing write must throw its typed error and change nothing. Small key pools make the same
/// shapes repeat, so cached statements run as often as first renders. Fixed seeds in CI; explore locally with
/// <c>LINQ_FUZZ_SEED</c> (first seed), <c>LINQ_FUZZ_SEEDS</c> (how many) and <c>LINQ_FUZZ_COUNT</c> (steps per seed).
/// </summary>
public sealed class WriteFuzzTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<int> Seeds => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_seeded_write_sequence_keeps_the_database_equal_to_the_model(int seed)
    {
        var first = Env("LINQ_FUZZ_SEED", seed);
        var seeds = Env("LINQ_FUZZ_SEEDS", 1);
        var count = Env("LINQ_FUZZ_COUNT", 150);
        var failures = 0;
        for (var s = first; s < first + seeds; s++)
        {
            await TruncateAsync();
            var fuzzer = new WriteFuzzer(s, fixture.ConnectionString);
            var divergence = await fuzzer.RunAsync(fixture.Db, count);
            Assert.True(divergence is null, divergence);
            failures += fuzzer.Failures;
        }

        // The run tested refusals, not only successes.
        Assert.True(failures > count / 20, $"only {failures} of {count} steps expected an error");
    }

    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private async Task TruncateAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("TRUNCATE \"FuzzPart\", \"FuzzItem\", \"FuzzOwner\" RESTART IDENTITY", connection);
        await command.ExecuteNonQueryAsync();
    }
}
