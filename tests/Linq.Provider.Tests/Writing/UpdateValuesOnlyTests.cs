using System.Linq.Expressions;
using Linq.Contract;
using Linq.Execution;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Sql.Rendering;
using Linq.Sql.Syntax;
using Linq.Writing;
using Linq.Writing.Caching;
using Npgsql;

namespace Linq.Provider.Tests.Writing;

/// <summary>
/// An update by key records its values without building the SQL tree (a cached shape needs only them): those values
/// must be exactly the parameters of the full statement, in its order, and typed (no box the driver must resolve).
/// Checked against the full writer's rendered statement, and end to end against the rows read with plain Npgsql.
/// </summary>
public sealed class UpdateValuesOnlyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static (NpgsqlParameter[] ValuesOnly, NpgsqlParameter[] Full, string Key, string FullKey) Both<T>(IUpdateInput<T> data, Expression<Func<T, bool>> where)
        where T : class, IModel<T>
    {
        var shape = new WriteShape('U');
        data.WriteTo(new UpdateValueWriter("t", T.Metadata, shape, valuesOnly: true));
        KeyPredicate.BuildChecked(T.Metadata, where, "t", out _, out _, shape);

        var fullShape = new WriteShape('U');
        var writer = new UpdateValueWriter("t", T.Metadata, fullShape);
        data.WriteTo(writer);
        var condition = KeyPredicate.BuildChecked(T.Metadata, where, "t", out _, out _, fullShape);
        var rendered = PostgresRenderer.Render(new SqlUpdateStatement { Table = new SqlTableReference(T.Metadata.TableName, "t"), Set = writer.Assignments, Where = condition });
        return (ParameterBinder.Bind(shape.Parameters, null), ParameterBinder.Bind(rendered.Parameters, null), shape.Key.ToString(), fullShape.Key.ToString());
    }

    private static void Same(NpgsqlParameter[] expected, NpgsqlParameter[] actual)
    {
        Assert.Equal(expected.Select(p => p.GetType()), actual.Select(p => p.GetType()));
        Assert.Equal(expected.Select(p => p.Value), actual.Select(p => p.Value));
        Assert.Equal(expected.Select(p => p.NpgsqlDbType), actual.Select(p => p.NpgsqlDbType));
    }

    [Fact]
    public void Values_only_bind_the_full_statements_parameters_in_order_and_typed()
    {
        var (valuesOnly, full, key, fullKey) = Both<Account>(new AccountUpdateInput { Balance = Op.Decrement(2.5m) }, a => a.Email == "x@bank.io");
        Assert.Equal(fullKey, key);
        Same(full, valuesOnly);
        Assert.Collection(valuesOnly,
            p => Assert.Equal(2.5m, Assert.IsType<NpgsqlParameter<decimal>>(p).TypedValue),
            // The decimal range guard's bound is a literal of the text, not a parameter.
            p => Assert.Equal("x@bank.io", Assert.IsType<NpgsqlParameter<string>>(p).TypedValue));

        // Set, NULL, several number operations, a key with a concurrency token (and the version bump, which has no parameter).
        var id = 42;
        var version = 3;
        var (journalValues, journalFull, journalKey, journalFullKey) = Both<Journal>(
            new JournalUpdateInput { Label = "l", Rate = null, Amount = Op.Multiply(2), ClosesAt = null },
            j => j.Id == id && j.Version == version);
        Assert.Equal(journalFullKey, journalKey);
        Same(journalFull, journalValues);
        Assert.Contains(journalValues, p => p is NpgsqlParameter<int> { TypedValue: 42 });
        Assert.Contains(journalValues, p => p is NpgsqlParameter<int> { TypedValue: 3 });
        Assert.Contains(journalValues, p => p is NpgsqlParameter<decimal> { TypedValue: 2m });
    }

    [Fact]
    public async Task Updates_served_from_the_cache_write_what_plain_Npgsql_reads_back()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var accounts = new List<Account>();
        for (var i = 0; i < 4; i++)
        {
            accounts.Add(await fixture.Db.Accounts.CreateAsync(new() { Email = $"{tag}-{i}@bank.io", Balance = 10 * i }));
        }

        // The same shape again and again (served from the cache after the first), by e-mail and by id, in and out of a transaction.
        var returned = new List<Account>();
        foreach (var account in accounts)
        {
            returned.Add(await fixture.Db.Accounts.UpdateAsync(a => a.Email == account.Email, new() { Balance = Op.Increment(1.25m) }));
        }

        await fixture.Db.TransactionAsync(async tx =>
        {
            foreach (var account in accounts)
            {
                returned.Add(await tx.Accounts.UpdateAsync(a => a.Id == account.Id, new() { Balance = Op.Multiply(2) }));
            }
        });
        await Assert.ThrowsAsync<RecordNotFoundException>(() => fixture.Db.Accounts.UpdateAsync(a => a.Email == $"{tag}-none", new() { Balance = Op.Increment(1.25m) }));

        var stored = await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Id\", \"Balance\" FROM \"Account\" WHERE \"Email\" LIKE '{tag}-%' ORDER BY \"Id\"", r => (Id: r.Get<int>("Id"), Balance: r.Get<decimal>("Balance")));
        var expected = accounts.Select((a, i) => (a.Id, Balance: (10 * i + 1.25m) * 2)).ToList();
        Assert.Equal(expected, stored);
        Assert.Equal(expected, returned.Skip(4).Select(a => (a.Id, a.Balance)).ToList());
        Assert.Equal(accounts.Select((a, i) => 10 * i + 1.25m), returned.Take(4).Select(a => a.Balance));
    }
}
