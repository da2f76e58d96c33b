using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// A stored numeric that decimal cannot hold at its kept scale (a whole number with a place, beyond 10^28) makes
/// Npgsql's reader fail with an IndexOutOfRangeException rather than an OverflowException: found by the write fuzzer
/// after an upsert's <c>Op.Multiply(1.5m)</c>. Every read path must report it as the typed P2023 naming the column, as
/// for any other value beyond the property's type, never as a bare crash from inside Npgsql.
/// </summary>
public sealed class UnreadableNumberReadTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("59421121885698253195157962752.0")]
    [InlineData("79228162514264337593543950001.5")]
    public async Task A_number_beyond_decimal_at_its_scale_is_a_typed_error_on_every_read(string stored)
    {
        var name = "unreadable-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            // The range check refuses such a value from every writer now; a database without it (made by older versions'
            // migrations, which checked the magnitude only, or by hand) may hold one: simulated by dropping the check.
            await using var insert = new NpgsqlCommand(
                "ALTER TABLE \"FuzzOwner\" DROP CONSTRAINT IF EXISTS \"FuzzOwner_Budget_range\";"
                + $"INSERT INTO \"FuzzOwner\" (\"Name\", \"Kind\", \"Budget\", \"CreatedAt\") VALUES ('{name}', 'Happy', {stored}, now())", connection);
            await insert.ExecuteNonQueryAsync();
        }

        var db = fixture.Db;
        var find = await Assert.ThrowsAsync<InconsistentColumnDataException>(() => db.FuzzOwners.FindUniqueAsync(o => o.Name == name));
        Assert.Equal("P2023", find.Code);
        Assert.Contains("\"Budget\"", find.Message);
        var list = await Assert.ThrowsAsync<InconsistentColumnDataException>(() => db.FuzzOwners.Where(o => o.Name == name).ToListAsync());
        Assert.Contains("\"Budget\"", list.Message);
        var update = await Assert.ThrowsAsync<InconsistentColumnDataException>(() => db.FuzzOwners.UpdateAsync(o => o.Name == name, new() { Note = "n" }));
        Assert.Contains("\"Budget\"", update.Message);

        // The stored value is what was inserted: nothing rounded it on the way.
        Assert.Equal(stored, await PlainRows.ScalarAsync<string>(fixture.ConnectionString, $"SELECT \"Budget\"::text FROM \"FuzzOwner\" WHERE \"Name\" = '{name}'"));
    }
}
