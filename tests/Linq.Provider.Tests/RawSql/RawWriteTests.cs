using System.Text;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Provider.Tests.Querying;

namespace Linq.Provider.Tests.RawSql;

using Linq.RawSql;

/// <summary>
/// ExecuteRawAsync and the unsafe doors on a database of their own: affected-row counts, hostile values written
/// and read back, hostile identifiers as real table, schema and column names, and PostgreSQL errors mapped to
/// the typed exceptions.
/// </summary>
public sealed class RawWriteTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private readonly TestDb _db = fixture.Db;

    public static TheoryData<int, string> Values => InjectionTests.Values;

    [Theory, MemberData(nameof(Values))]
    public async Task ExecuteRawAsync_writes_hostile_values_verbatim(int index, string display)
    {
        var value = InjectionTests.Corpus[index];
        var marker = "/* raw-exec " + index + " */";
        await _db.ExecuteRawAsync($"CREATE TABLE IF NOT EXISTS raw_echo (k int PRIMARY KEY, v text)");
        using var sent = new StatementCounter(marker);

        Assert.Equal(1, await _db.ExecuteRawAsync($"INSERT INTO raw_echo (k, v) VALUES ({index}, {value}) {Sql.RawUnsafe(marker)}"));
        Assert.Equal([value], await _db.QueryRawAsync<string>($"SELECT v FROM raw_echo WHERE k = {index}"));
        Assert.Equal(1, await _db.ExecuteRawAsync($"UPDATE raw_echo SET v = {value} || {"!"} WHERE v = {value} {Sql.RawUnsafe(marker)}"));
        Assert.Equal([value + "!"], await _db.QueryRawAsync<string>($"SELECT v FROM raw_echo WHERE k = {index}"));
        Assert.Equal(1, await _db.ExecuteRawAsync($"DELETE FROM raw_echo WHERE k = {index} AND v = {value + "!"} {Sql.RawUnsafe(marker)}"));

        Assert.Equal(
            [
                "INSERT INTO raw_echo (k, v) VALUES ($1, $2) " + marker,
                "UPDATE raw_echo SET v = $1 || $2 WHERE v = $3 " + marker,
                "DELETE FROM raw_echo WHERE k = $1 AND v = $2 " + marker,
            ],
            sent.Statements);
        _ = display;
    }

    public static TheoryData<int, string> IdentifierValues
    {
        get
        {
            // PostgreSQL names hold at most 63 bytes (longer ones are truncated) and no NUL.
            var data = new TheoryData<int, string>();
            foreach (var row in InjectionTests.Values)
            {
                var name = InjectionTests.Corpus[(int)row[0]];
                if (Encoding.UTF8.GetByteCount(name) is > 0 and <= 60)
                {
                    data.Add((int)row[0], (string)row[1]);
                }
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(IdentifierValues))]
    public async Task Identifier_quotes_hostile_names_of_real_tables_and_columns(int index, string display)
    {
        var name = InjectionTests.Corpus[index];
        var table = Sql.Identifier(name);
        var column = Sql.Identifier(name + "c");
        await _db.ExecuteRawAsync($"CREATE TABLE {table} ({column} text, n int)");
        try
        {
            Assert.Equal(1, await _db.ExecuteRawAsync($"INSERT INTO {table} ({column}, n) VALUES ({name}, {index})"));
            var row = Assert.Single(await _db.QueryRawAsync<IReadOnlyDictionary<string, object?>>($"SELECT {column}, n FROM {table}"));
            Assert.Equal(name, row[name + "c"]);
            Assert.Equal(index, row["n"]);

            // The catalog holds exactly that name, so the quoting neither lost nor added a character.
            Assert.Equal([name], await _db.QueryRawAsync<string>($"SELECT relname::text FROM pg_class WHERE relname = {name} AND relkind = 'r'"));
            Assert.Equal([name + "c"], await _db.QueryRawAsync<string>($"SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass({Sql.Identifier("public", name).ToString()}) AND attnum = 1"));
        }
        finally
        {
            await _db.ExecuteRawAsync($"DROP TABLE {table}");
        }

        // The hostile names did nothing else: the model tables are still there.
        Assert.Equal(1, Assert.Single(await _db.QueryRawAsync<int>($"SELECT count(*)::int FROM pg_class WHERE relname = 'User' AND relkind = 'r'")));
        _ = display;
    }

    [Fact]
    public async Task Schema_qualified_identifiers_quote_both_parts()
    {
        var schema = "we\"ird; DROP SCHEMA public --";
        var table = "t\"\"x";
        await _db.ExecuteRawAsync($"CREATE SCHEMA {Sql.Identifier(schema)}");
        try
        {
            await _db.ExecuteRawAsync($"CREATE TABLE {Sql.Identifier(schema, table)} (id int)");
            Assert.Equal(2, await _db.ExecuteRawAsync($"INSERT INTO {Sql.Identifier(schema, table)} (id) VALUES (1), (2)"));
            Assert.Equal([3L], await _db.QueryRawAsync<long>($"SELECT sum(id) FROM {Sql.Identifier(schema, table)}"));
            Assert.Equal([table], await _db.QueryRawAsync<string>($"SELECT table_name::text FROM information_schema.tables WHERE table_schema = {schema}"));
        }
        finally
        {
            await _db.ExecuteRawAsync($"DROP SCHEMA {Sql.Identifier(schema)} CASCADE");
        }

        Assert.Equal("\"a\"\"b\".\"c\"", Sql.Identifier("a\"b", "c").ToString());
    }

    [Fact]
    public void Identifier_rejects_empty_names_and_NUL()
    {
        Assert.Throws<ArgumentException>(() => Sql.Identifier(""));
        Assert.Throws<ArgumentException>(() => Sql.Identifier("a\0b"));
        Assert.Throws<ArgumentException>(() => Sql.Identifier("public", "\0"));
        Assert.Throws<ArgumentNullException>(() => Sql.Identifier(null!));
    }

    [Fact]
    public async Task ExecuteRawAsync_returns_affected_rows()
    {
        await _db.ExecuteRawAsync($"CREATE TABLE raw_counts (id int PRIMARY KEY, flag boolean NOT NULL DEFAULT false)");
        Assert.Equal(5, await _db.ExecuteRawAsync($"INSERT INTO raw_counts (id) SELECT generate_series(1, {5})"));
        Assert.Equal(3, await _db.ExecuteRawAsync($"UPDATE raw_counts SET flag = {true} WHERE id > {2}"));
        Assert.Equal(0, await _db.ExecuteRawAsync($"UPDATE raw_counts SET flag = {true} WHERE id > {100}"));
        Assert.Equal(2, await _db.ExecuteRawAsync($"DELETE FROM raw_counts WHERE NOT flag"));
        Assert.Equal([3, 4, 5], await _db.QueryRawAsync<int>($"SELECT id FROM raw_counts ORDER BY id"));
        Assert.Equal(3, await _db.ExecuteRawUnsafeAsync("UPDATE raw_counts SET flag = $1", false));
        Assert.Equal(1, await _db.ExecuteRawUnsafeAsync("DELETE FROM raw_counts WHERE id = $1", CancellationToken.None, 3));
        Assert.Equal(2, await _db.ExecuteRawUnsafeAsync("DELETE FROM raw_counts WHERE id = ANY($1) AND $2::int IS NULL", new[] { 4, 5 }, null));
    }

    [Fact]
    public async Task Holes_of_every_type_bind_typed_parameters_and_null_as_NULL()
    {
        string? noText = null;
        int? noNumber = null;
        object? nothing = null;
        var at = new DateTime(2024, 2, 29, 12, 30, 0, DateTimeKind.Utc);
        Assert.Equal([true], await _db.QueryRawAsync<bool>($"SELECT {noText} IS NULL AND {noNumber} IS NULL AND {nothing}::int IS NULL AND {DBNull.Value}::text IS NULL"));
        Assert.Equal(["text", "integer", "bigint", "numeric", "timestamp with time zone", "uuid", "boolean", "bytea", "integer[]", "text[]", "\"Role\"", "date"],
            await _db.QueryRawAsync<string>($"""
                SELECT unnest(ARRAY[pg_typeof({noText})::text, pg_typeof({noNumber})::text, pg_typeof({5L})::text, pg_typeof({1.5m})::text,
                    pg_typeof({at})::text, pg_typeof({Guid.Empty})::text, pg_typeof({true})::text, pg_typeof({new byte[] { 1 }})::text,
                    pg_typeof({new List<int> { 1 }})::text, pg_typeof({new[] { "a" }})::text, pg_typeof({Role.Admin})::text, pg_typeof({new DateOnly(2024, 1, 1)})::text])
                """));
        var row = Assert.Single(await _db.QueryRawAsync<IReadOnlyDictionary<string, object?>>($"SELECT {at} AS at, {123.456m} AS d, {Role.Admin} AS r, {new byte[] { 0, 255 }} AS b"));
        Assert.Equal(at, row["at"]);
        Assert.Equal(123.456m, row["d"]);
        Assert.Equal(Role.Admin, row["r"]);
        Assert.Equal(new byte[] { 0, 255 }, row["b"]);
    }

    [Fact]
    public async Task Fragments_are_numbered_where_they_are_spliced_and_reusable()
    {
        var pair = Sql.Fragment($"{1} + {2}");
        Assert.Equal("$1 + $2", pair.ToString());
        // One fragment twice is one set of parameters: its nodes are numbered once, where the text first uses them.
        Assert.Equal("SELECT $1 + $2 + $3 + $1 + $2", RawSqlText.Render($"SELECT {pair} + {3} + {pair}").Sql);
        Assert.Equal([9], await _db.QueryRawAsync<int>($"SELECT {pair} + {3} + {pair}"));

        // One fragment in many concurrent statements: each gets its own parameters.
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => _db.QueryRawAsync<int>($"SELECT {i} + {pair}")));
        Assert.Equal(Enumerable.Range(3, 16), results.Select(r => Assert.Single(r)));

        var conditions = new[] { Sql.Fragment($"x > {1}"), Sql.Fragment($"x < {4}"), Sql.Fragment($"x <> {2}") };
        var where = Sql.Join(Sql.Fragment($" AND "), conditions);
        Assert.Equal("x > $1 AND x < $2 AND x <> $3", where.ToString());
        Assert.Equal([3], await _db.QueryRawAsync<int>($"SELECT x FROM generate_series(1, 5) AS x WHERE {where} ORDER BY x"));
        Assert.True(Sql.Join(Sql.Fragment($", "), []).IsEmpty);
        Assert.True(Sql.Empty.IsEmpty);
        Assert.Equal("SELECT 1 ", RawSqlText.Render($"SELECT 1 {Sql.Empty}").Sql);
        Assert.Equal("SELECT x FROM t ORDER BY x DESC", RawSqlText.Render($"SELECT x FROM t {Sql.RawUnsafe("ORDER BY x DESC")}").Sql);
    }

    [Fact]
    public async Task Join_of_nothing_renders_NULL_and_matches_nothing()
    {
        var none = Sql.Join(Array.Empty<int>());
        Assert.Equal("NULL", none.ToString());
        Assert.Empty(await _db.QueryRawAsync<int>($"SELECT x FROM generate_series(1, 3) AS x WHERE x IN ({none})"));
        Assert.Equal([1, 3], await _db.QueryRawAsync<int>($"SELECT x FROM generate_series(1, 3) AS x WHERE x IN ({Sql.Join(new[] { 1, 3 })}) ORDER BY x"));

        // The documented alternative for lists that may be empty: an array hole.
        int[] empty = [];
        Assert.Empty(await _db.QueryRawAsync<int>($"SELECT x FROM generate_series(1, 3) AS x WHERE x = ANY({empty})"));
        Assert.Equal([1, 2, 3], await _db.QueryRawAsync<int>($"SELECT x FROM generate_series(1, 3) AS x WHERE x <> ALL({empty}) ORDER BY x"));
    }

    [Fact]
    public async Task An_interpolated_statement_is_used_once()
    {
        SqlInterpolatedStringHandler sql = $"SELECT {1}";
        Assert.Equal([1], await _db.QueryRawAsync<int>(sql));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _db.QueryRawAsync<int>(sql));
        Assert.Contains("already been used", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => RawSqlText.Render($"SELECT {(SqlFragment)null!}"));
    }

    [Fact]
    public async Task Unsafe_methods_take_positional_values_and_refuse_a_misplaced_token()
    {
        var email = "unsafe-" + Guid.NewGuid() + "@x.io";
        Assert.Equal(1, await _db.ExecuteRawUnsafeAsync("INSERT INTO \"User\" (\"Email\", \"Name\") VALUES ($1, $2)", email, null));
        var user = Assert.Single(await _db.QueryRawUnsafeAsync<User>("SELECT * FROM \"User\" WHERE \"Email\" = $1", email));
        Assert.Null(user.Name);
        Assert.Equal(Role.User, user.Role);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _db.QueryRawUnsafeAsync<int>("SELECT $1::int", 1, CancellationToken.None));
        Assert.Contains("$2 is a CancellationToken", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => _db.ExecuteRawUnsafeAsync("SELECT $1", Sql.Empty));
        Assert.Equal([1, 2], await _db.QueryRawUnsafeAsync<int>("SELECT 1 UNION ALL SELECT 2 ORDER BY 1"));
    }

    [Fact]
    public async Task Database_errors_become_the_typed_exceptions()
    {
        var email = "dup-" + Guid.NewGuid() + "@x.io";
        await _db.ExecuteRawAsync($"INSERT INTO \"User\" (\"Email\") VALUES ({email})");
        var duplicate = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => _db.ExecuteRawAsync($"INSERT INTO \"User\" (\"Email\") VALUES ({email})"));
        Assert.Equal("User", duplicate.Model);
        Assert.Equal(["Email"], duplicate.Fields);

        var missing = await Assert.ThrowsAsync<ForeignKeyViolationException>(() =>
            _db.QueryRawAsync<int>($"INSERT INTO \"Post\" (\"Title\", \"AuthorId\") VALUES ({"t"}, {-1}) RETURNING \"Id\""));
        Assert.Equal("Post", missing.Model);

        var syntax = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => _db.QueryRawAsync<int>($"SELEC {1}"));
        Assert.Equal("42601", syntax.SqlState);
    }
}
