using System.Collections;
using System.Text.Json;
using Linq.Provider.Tests.Models;
using Linq.Provider.Tests.Querying;

namespace Linq.Provider.Tests.RawSql;

using Linq.RawSql;

/// <summary>
/// Rows of raw queries read as models (columns in any order), [SqlResult] records, classes and structs
/// (snake_case columns), scalars and dictionaries, against the seeded query database (read only).
/// </summary>
public sealed class RawMappingTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private readonly QueryFixture _f = fixture;

    [Fact]
    public async Task Models_read_columns_by_name_in_any_order()
    {
        var users = await _f.Db.QueryRawAsync<User>($"SELECT \"Role\", \"Name\", \"Email\", \"Id\" FROM \"User\" ORDER BY \"Id\"");
        Assert.Equal(_f.Users.Count, users.Count);
        Assert.True(users.Count > 5);
        for (var i = 0; i < users.Count; i++)
        {
            Assert.Equal((_f.Users[i].Id, _f.Users[i].Email, _f.Users[i].Name, _f.Users[i].Role), (users[i].Id, users[i].Email, users[i].Name, users[i].Role));
            Assert.Empty(users[i].Posts);
        }

        Assert.Contains(users, u => u.Role == Role.Admin);
        Assert.Contains(users, u => u.Name is null);
    }

    [Fact]
    public async Task Models_match_mapped_column_names_and_lower_case_aliases()
    {
        // Comment.PostId is [Map("post_id")]; unquoted aliases come back lower case and match ignoring case.
        var comments = await _f.Db.QueryRawAsync<Comment>($"SELECT post_id, \"CreatedAt\" AS createdat, \"Text\" AS text, \"Id\" AS id FROM comments ORDER BY \"Id\"");
        Assert.Equal(_f.Comments.Select(c => (c.Id, c.PostId, c.Text, c.CreatedAt)), comments.Select(c => (c.Id, c.PostId, c.Text, c.CreatedAt)));
        Assert.NotEmpty(comments);
    }

    [Fact]
    public async Task Every_mapped_type_reads_into_a_model_with_columns_reversed()
    {
        var columns = _f.Db.TypeSamples.Metadata.Columns;
        var list = Sql.Join(Sql.Fragment($", "), columns.Reverse().Select(c => Sql.Identifier(c.ColumnName)));
        var samples = await _f.Db.QueryRawAsync<TypeSample>($"SELECT {list} FROM \"TypeSample\" ORDER BY \"Id\"");

        Assert.Equal(_f.TypeSamples.Count, samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            foreach (var column in columns)
            {
                var expected = column.Getter!(_f.TypeSamples[i]);
                var actual = column.Getter!(samples[i]);
                Assert.True(Same(expected, actual), $"sample {i}, {column.PropertyName}: expected {Show(expected)}, got {Show(actual)}");
            }
        }
    }

    [Fact]
    public async Task A_model_needs_every_column()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.QueryRawAsync<User>($"SELECT \"Id\", \"Email\", \"Role\" FROM \"User\""));
        Assert.Contains("User.Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Id', 'Email', 'Role'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_positional_record_reads_snake_case_columns()
    {
        var rows = await _f.Db.QueryRawAsync<PostSummary>($"""
            SELECT count(c."Id") AS comment_count, p."AuthorId" AS author_id, p."CreatedAt" AS created_at, p."Title" AS title, p."Id" AS id
            FROM "Post" p LEFT JOIN comments c ON c.post_id = p."Id"
            GROUP BY p."Id" ORDER BY p."Id"
            """);
        var expected = _f.Posts.Select(p => new PostSummary(p.Id, p.Title, p.CreatedAt, p.AuthorId, p.Comments.Count)).ToList();
        Assert.Equal(expected, rows);
        Assert.Contains(rows, r => r.CommentCount > 1);
    }

    [Fact]
    public async Task A_record_reads_an_enum_and_nulls()
    {
        var rows = await _f.Db.QueryRawAsync<UserRow>($"SELECT * FROM \"User\" ORDER BY \"Id\"");
        Assert.Equal(_f.Users.Select(u => new UserRow(u.Id, u.Email, u.Name, u.Role)), rows);
    }

    [Fact]
    public async Task A_class_gets_its_constructor_required_init_and_set_properties()
    {
        var rows = await _f.Db.QueryRawAsync<PostEntry>($"SELECT \"Content\" AS content, \"CreatedAt\" AS created_at, \"Title\" AS title, \"Id\" AS id FROM \"Post\" ORDER BY \"Id\"");
        Assert.Equal(_f.Posts.Select(p => (p.Id, p.Title, p.CreatedAt, p.Content)), rows.Select(r => (r.Id, r.Title, r.CreatedAt, r.Content)));
        Assert.All(rows, r => Assert.Equal("kept", r.Note));

        var small = _f.Accounts.Where(a => Math.Abs(a.Balance) < 1000).ToList();
        var totals = Assert.Single(await _f.Db.QueryRawAsync<Totals>($"SELECT count(*) AS count, sum(\"Balance\") AS sum, 'small' AS label FROM \"Account\" WHERE abs(\"Balance\") < {1000}"));
        Assert.True(small.Count > 2);
        Assert.Equal(small.Count, totals.Count);
        Assert.Equal(small.Sum(a => a.Balance), totals.Sum);
        Assert.Equal("small", totals.Label);
    }

    [Fact]
    public async Task A_record_struct_uses_map_names_and_parameter_defaults()
    {
        var rows = await _f.Db.QueryRawAsync<LabelRow>($"SELECT 1 AS id, 'one' AS label_text UNION ALL SELECT 2, 'two' ORDER BY 1");
        Assert.Equal([new LabelRow(1, "one"), new LabelRow(2, "two")], rows);
        Assert.Equal("none", rows[0].Suffix);

        var withSuffix = await _f.Db.QueryRawAsync<LabelRow>($"SELECT 3 AS id, 'three' AS label_text, '!' AS suffix");
        Assert.Equal([new LabelRow(3, "three", "!")], withSuffix);
    }

    [Fact]
    public async Task Nullable_members_accept_null()
    {
        var row = Assert.Single(await _f.Db.QueryRawAsync<NullableRow>($"SELECT NULL::int AS count, NULL::text AS name, NULL::timestamptz AS at"));
        Assert.Equal(new NullableRow(null, null, null), row);
        var full = Assert.Single(await _f.Db.QueryRawAsync<NullableRow>($"SELECT 4 AS count, 'x' AS name, timestamptz '2024-01-02 03:04:05Z' AS at"));
        Assert.Equal(new NullableRow(4, "x", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)), full);
    }

    [Fact]
    public async Task Null_in_a_non_nullable_member_names_the_column()
    {
        var value = await Assert.ThrowsAsync<InvalidCastException>(() => _f.Db.QueryRawAsync<CountRow>($"SELECT 1 AS count UNION ALL SELECT NULL"));
        Assert.Contains("Column 'count'", value.Message, StringComparison.Ordinal);
        Assert.Contains("NULL", value.Message, StringComparison.Ordinal);
        Assert.Contains("CountRow.Count", value.Message, StringComparison.Ordinal);
        Assert.Contains("int", value.Message, StringComparison.Ordinal);

        var reference = await Assert.ThrowsAsync<InvalidCastException>(() => _f.Db.QueryRawAsync<NameRow>($"SELECT NULL::text AS name"));
        Assert.Contains("Column 'name'", reference.Message, StringComparison.Ordinal);
        Assert.Contains("NameRow.Name", reference.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_mismatch_names_column_member_type_and_server_type()
    {
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _f.Db.QueryRawAsync<WrongTypeRow>($"SELECT \"Id\" AS id, \"Email\" AS email FROM \"User\""));
        Assert.Contains("Column 'email'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);
        Assert.Contains("as int", error.Message, StringComparison.Ordinal);
        Assert.Contains("WrongTypeRow.Email", error.Message, StringComparison.Ordinal);

        // Found before any row is read: an empty result passes, a row fails even when the value would not matter.
        Assert.Empty(await _f.Db.QueryRawAsync<WrongTypeRow>($"SELECT 1 AS id, 'x'::text AS email WHERE false"));
    }

    [Fact]
    public async Task A_type_mismatch_Npgsql_finds_while_reading_is_reported_the_same_way()
    {
        // Enums are not in the up-front table: the enum member meets a text column and Npgsql refuses it while reading.
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _f.Db.QueryRawAsync<UserRow>($"SELECT 1 AS id, 'a' AS email, 'b' AS name, 'Admin'::text AS role"));
        Assert.Contains("Column 'role'", error.Message, StringComparison.Ordinal);
        Assert.Contains("UserRow.Role", error.Message, StringComparison.Ordinal);
        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task A_missing_column_names_the_member_and_the_columns_there_are()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.QueryRawAsync<PostSummary>($"SELECT 1 AS id, 'x' AS title, now() AS created_at, 2 AS author_id"));
        Assert.Contains("PostSummary.CommentCount", error.Message, StringComparison.Ordinal);
        Assert.Contains("'CommentCount'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id', 'title', 'created_at', 'author_id'", error.Message, StringComparison.Ordinal);

        var required = await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.QueryRawAsync<PostEntry>($"SELECT 1 AS id"));
        Assert.Contains("PostEntry.Title", required.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_columns_matching_one_member_are_an_error_but_an_exact_name_wins()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.QueryRawAsync<CreatedRow>($"SELECT now() AS created_at, now() AS \"CREATED_AT\""));
        Assert.Contains("'created_at', 'CREATED_AT'", error.Message, StringComparison.Ordinal);

        var exact = Assert.Single(await _f.Db.QueryRawAsync<CountRow>($"SELECT 1 AS count, 2 AS \"Count\""));
        Assert.Equal(2, exact.Count);
    }

    [Fact]
    public async Task A_type_without_a_reader_is_refused_before_the_query()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => _f.Db.QueryRawAsync<UnmarkedRow>($"SELECT 1 AS id"));
        Assert.Contains("UnmarkedRow", error.Message, StringComparison.Ordinal);
        Assert.Contains("[SqlResult]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_of_every_kind_read_their_columns()
    {
        var row = Assert.Single(await _f.Db.QueryRawAsync<TypedRow>($$"""
            SELECT 9000000000::bigint AS long, 7::smallint AS short, 12.5::numeric AS decimal, 0.25::float8 AS double, 1.5::real AS float,
                   true AS flag, '00000000-0000-0000-0000-000000000001'::uuid AS guid, timestamptz '2024-02-29 12:00:00Z' AS at,
                   timestamptz '2024-02-29 12:00:00Z' AS offset, date '2024-02-29' AS day, time '23:59:58' AS time,
                   interval '1 hour 2 minutes' AS span, '\x0102'::bytea AS bytes, ARRAY[1, 2, 3] AS numbers, ARRAY['a', 'b'] AS tags,
                   'Sad'::mood AS mood, NULL::mood AS no_mood, '{"a": 1}'::jsonb AS json
            """));
        Assert.Equal(9_000_000_000L, row.Long);
        Assert.Equal((short)7, row.Short);
        Assert.Equal(12.5m, row.Decimal);
        Assert.Equal(0.25, row.Double);
        Assert.Equal(1.5f, row.Float);
        Assert.True(row.Flag);
        Assert.Equal(new Guid("00000000-0000-0000-0000-000000000001"), row.Guid);
        Assert.Equal(new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc), row.At);
        Assert.Equal(DateTimeKind.Utc, row.At.Kind);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero), row.Offset);
        Assert.Equal(new DateOnly(2024, 2, 29), row.Day);
        Assert.Equal(new TimeOnly(23, 59, 58), row.Time);
        Assert.Equal(TimeSpan.FromMinutes(62), row.Span);
        Assert.Equal([1, 2], row.Bytes);
        Assert.Equal([1, 2, 3], row.Numbers);
        Assert.Equal(["a", "b"], row.Tags);
        Assert.Equal(Mood.Sad, row.Mood);
        Assert.Null(row.NoMood);
        Assert.Equal(1, row.Json.RootElement.GetProperty("a").GetInt32());
    }

    [Fact]
    public async Task Scalars_read_the_first_column()
    {
        Assert.Equal([1, 2, 3, 4], await _f.Db.QueryRawAsync<int>($"SELECT generate_series(1, {4})"));
        Assert.Equal(_f.Users.Count, Assert.Single(await _f.Db.QueryRawAsync<long>($"SELECT count(*), 'ignored' FROM \"User\"")));
        Assert.Equal(_f.Users.OrderBy(u => u.Id).Select(u => u.Email), await _f.Db.QueryRawAsync<string>($"SELECT \"Email\" FROM \"User\" ORDER BY \"Id\""));
        Assert.Equal([12.25m], await _f.Db.QueryRawAsync<decimal>($"SELECT 12.25::numeric"));
        Assert.Equal([0.5], await _f.Db.QueryRawAsync<double>($"SELECT 0.5::float8"));
        Assert.Equal([true, false], await _f.Db.QueryRawAsync<bool>($"SELECT true UNION ALL SELECT false"));
        var guid = Guid.NewGuid();
        Assert.Equal([guid], await _f.Db.QueryRawAsync<Guid>($"SELECT {guid}"));
        Assert.Equal([new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)], await _f.Db.QueryRawAsync<DateTime>($"SELECT timestamptz '2024-05-06 07:08:09Z'"));
        Assert.Equal([new DateOnly(2024, 5, 6)], await _f.Db.QueryRawAsync<DateOnly>($"SELECT date '2024-05-06'"));
        Assert.Equal([Role.Admin, Role.User], await _f.Db.QueryRawAsync<Role>($"SELECT 'Admin'::\"Role\" UNION ALL SELECT 'User'::\"Role\""));
        Assert.Equal([[3, 4]], await _f.Db.QueryRawAsync<int[]>($"SELECT ARRAY[3, 4]"));
    }

    [Fact]
    public async Task Nullable_scalars_read_null_and_non_nullable_ones_refuse_it()
    {
        Assert.Equal([5, null], await _f.Db.QueryRawAsync<int?>($"SELECT 5 UNION ALL SELECT NULL ORDER BY 1"));
        Assert.Equal([null], await _f.Db.QueryRawAsync<Guid?>($"SELECT NULL::uuid"));
        Assert.Equal(["a", null], await _f.Db.QueryRawAsync<string?>($"SELECT 'a' AS v UNION ALL SELECT NULL ORDER BY 1"));
        Assert.Equal([null], await _f.Db.QueryRawAsync<DateTime?>($"SELECT NULL::timestamptz"));

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _f.Db.QueryRawAsync<int>($"SELECT NULL::int AS total"));
        Assert.Contains("Column 'total'", error.Message, StringComparison.Ordinal);
        Assert.Contains("NULL", error.Message, StringComparison.Ordinal);
        Assert.Contains("QueryRawAsync<int>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scalar_type_mismatch_names_the_column_and_types()
    {
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _f.Db.QueryRawAsync<int>($"SELECT 'x'::text AS label"));
        Assert.Contains("Column 'label'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);
        Assert.Contains("as int", error.Message, StringComparison.Ordinal);

        var overflow = await Assert.ThrowsAsync<InvalidCastException>(() => _f.Db.QueryRawAsync<int>($"SELECT 5000000000::bigint AS big"));
        Assert.Contains("column 'big'", overflow.Message, StringComparison.Ordinal);
        Assert.Contains("does not fit int", overflow.Message, StringComparison.Ordinal);
        Assert.IsType<OverflowException>(overflow.InnerException);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.QueryRawAsync<int>($"SELECT"));
    }

    [Fact]
    public async Task Dictionaries_hold_every_column_with_null_for_NULL()
    {
        var rows = await _f.Db.QueryRawAsync<IReadOnlyDictionary<string, object?>>($"SELECT 1 AS a, NULL::text AS b, 'x' AS c, ARRAY[1, 2] AS d, {Role.Admin} AS e");
        var row = Assert.Single(rows);
        Assert.Equal(["a", "b", "c", "d", "e"], row.Keys);
        Assert.Equal(1, row["a"]);
        Assert.Null(row["b"]);
        Assert.Equal("x", row["c"]);
        Assert.Equal(new[] { 1, 2 }, row["d"]);
        Assert.Equal(Role.Admin, row["e"]);

        var users = await _f.Db.QueryRawAsync<Dictionary<string, object?>>($"SELECT \"Id\", \"Name\" FROM \"User\" ORDER BY \"Id\"");
        Assert.Equal(_f.Users.Select(u => (object?)u.Id), users.Select(u => u["Id"]));
        Assert.Equal(_f.Users.Select(u => (object?)u.Name), users.Select(u => u["Name"]));

        var duplicate = await Assert.ThrowsAsync<InvalidOperationException>(() => _f.Db.QueryRawAsync<IReadOnlyDictionary<string, object?>>($"SELECT 1 AS id, 2 AS id"));
        Assert.Contains("'id'", duplicate.Message, StringComparison.Ordinal);
    }

    private static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (JsonDocument a, JsonDocument b) => a.RootElement.GetRawText() == b.RootElement.GetRawText(),
        (JsonElement a, JsonElement b) => a.GetRawText() == b.GetRawText(),
        (string a, string b) => a == b,
        (IEnumerable a, IEnumerable b) => a.Cast<object?>().SequenceEqual(b.Cast<object?>()),
        _ => Equals(expected, actual),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        JsonDocument d => d.RootElement.GetRawText(),
        JsonElement e => e.GetRawText(),
        string s => s,
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>()) + "]",
        _ => value.ToString() ?? "",
    };
}
