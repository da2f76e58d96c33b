using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.RawSql;
using Npgsql;

namespace Linq.Provider.Tests.Columns;

/// <summary>
/// <c>[DbEnum]</c> members with <c>[Map("label")]</c> (<see cref="MpaaRating"/>, <see cref="WorkStage"/>) end to end:
/// every write stores the label and every read turns the label back into the member, checked against rows written
/// and read with plain Npgsql as text. <see cref="WorkStage.Waiting"/> and <see cref="WorkStage.Blocked"/> carry each
/// other's names as labels, so a path that used member names would give the other member rather than fail.
/// </summary>
public sealed class EnumLabelTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly Dictionary<MpaaRating, string> RatingLabels = new()
    {
        [MpaaRating.G] = "G", [MpaaRating.PG] = "PG", [MpaaRating.Pg13] = "PG-13", [MpaaRating.R] = "R", [MpaaRating.Nc17] = "NC-17",
    };

    private static readonly Dictionary<WorkStage, string> StageLabels = new()
    {
        [WorkStage.InProgress] = "in progress", [WorkStage.Done] = "it's done", [WorkStage.TwoFactor] = "2fa", [WorkStage.Class] = "class",
        [WorkStage.Waiting] = "Blocked", [WorkStage.Blocked] = "Waiting", [WorkStage.Empty] = "", [WorkStage.Long] = "a label of exactly sixty-three bytes, which PostgreSQL still ta",
    };

    private static readonly MpaaRating[] Ratings = Enum.GetValues<MpaaRating>();
    private static readonly WorkStage[] Stages = Enum.GetValues<WorkStage>();

    private TestDb Db => fixture.Db;

    [Fact]
    public async Task The_schema_holds_the_labels_in_declaration_order()
    {
        Assert.Equal(["G", "PG", "PG-13", "R", "NC-17"], await Labels("mpaa_rating"));
        Assert.Equal(Stages.Select(s => StageLabels[s]), await Labels("work stage"));
        Assert.Equal(63, System.Text.Encoding.UTF8.GetByteCount(StageLabels[WorkStage.Long]));

        // [Default(MpaaRating.Pg13)] and [Default(WorkStage.Waiting)] are the labels, as literals of the types.
        var defaults = await PlainRows.ReadAsync(fixture.ConnectionString,
            "SELECT table_name, column_default FROM information_schema.columns WHERE column_name IN ('Rating', 'Stage') AND table_name IN ('films', 'film_studios') AND column_default IS NOT NULL ORDER BY table_name",
            r => (r.Get<string>("table_name"), r.Get<string>("column_default")));
        Assert.Equal([("film_studios", "'Blocked'::\"work stage\""), ("films", "'PG-13'::mpaa_rating")], defaults);
    }

    [Fact]
    public async Task Created_rows_store_labels_and_read_back_as_the_members()
    {
        var prefix = Prefix();
        var created = new List<Film>();
        for (var i = 0; i < Stages.Length; i++)
        {
            created.Add(await Db.Films.CreateAsync(new()
            {
                Title = $"{prefix}{i}", Rating = Ratings[i % Ratings.Length], Stage = Stages[i], Allowed = [Ratings[(i + 2) % Ratings.Length], MpaaRating.Nc17],
            }));
        }

        created.Add(await Db.Films.CreateAsync(new() { Title = prefix + "default" }));
        Assert.Equal(MpaaRating.Pg13, created[^1].Rating);
        Assert.Null(created[^1].Stage);

        var stored = await Stored(prefix);
        Assert.Equal(created.Select(Expected), stored);

        var read = await Db.Films.Where(f => f.Title.StartsWith(prefix)).OrderBy(f => f.Id).ToListAsync();
        Assert.Equal(created.Select(f => (f.Title, f.Rating, f.Stage, Allowed: string.Join(",", f.Allowed ?? []))),
            read.Select(f => (f.Title, f.Rating, f.Stage, Allowed: string.Join(",", f.Allowed ?? []))));
    }

    [Fact]
    public async Task Rows_written_with_plain_Npgsql_labels_are_read_filtered_ordered_and_grouped()
    {
        var prefix = Prefix();
        var rows = Enumerable.Range(0, 21).Select(i => (Title: $"{prefix}{i:00}", Rating: Ratings[i * 3 % Ratings.Length], Stage: i % 10 == 9 ? (WorkStage?)null : Stages[i % Stages.Length])).ToList();
        await using (var source = NpgsqlDataSource.Create(fixture.ConnectionString))
        {
            foreach (var row in rows)
            {
                await using var insert = source.CreateCommand("INSERT INTO films (\"Title\", \"Rating\", \"Stage\") VALUES ($1, $2::text::mpaa_rating, $3::text::\"work stage\")");
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Title });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RatingLabels[row.Rating] });
                insert.Parameters.Add(new NpgsqlParameter { Value = row.Stage is { } s ? StageLabels[s] : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                await insert.ExecuteNonQueryAsync();
            }
        }

        var mine = Db.Films.Where(f => f.Title.StartsWith(prefix));
        Assert.Equal(rows.Select(r => (r.Title, r.Rating, r.Stage)), (await mine.OrderBy(f => f.Title).ToListAsync()).Select(f => (f.Title, f.Rating, f.Stage)));

        // Filters send the label of the member compared with (Waiting is stored as 'Blocked').
        foreach (var stage in Stages)
        {
            var expected = rows.Where(r => r.Stage == stage).Select(r => r.Title).ToList();
            Assert.Equal(expected, await mine.Where(f => f.Stage == stage).OrderBy(f => f.Title).Select(f => f.Title).ToListAsync());
        }

        var wanted = new[] { WorkStage.Waiting, WorkStage.TwoFactor, WorkStage.Long };
        Assert.Equal(rows.Where(r => r.Stage is { } s && wanted.Contains(s)).Select(r => r.Title),
            await mine.Where(f => f.Stage != null && wanted.Contains(f.Stage.Value)).OrderBy(f => f.Title).Select(f => f.Title).ToListAsync());
        Assert.Equal(rows.Count(r => r.Rating == MpaaRating.Nc17), await mine.CountAsync(f => f.Rating == MpaaRating.Nc17));
        Assert.Equal(rows.Count(r => (int)r.Rating >= 2), await mine.CountAsync(f => (int)f.Rating >= 2));

        // PostgreSQL orders an enum by its labels' declaration order, the members' numeric order here.
        Assert.Equal(rows.OrderBy(r => r.Rating).ThenBy(r => r.Title).Select(r => r.Title),
            await mine.OrderBy(f => f.Rating).ThenBy(f => f.Title).Select(f => f.Title).ToListAsync());

        var groups = await mine.GroupBy(f => f.Stage).Select(g => new { Stage = g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(rows.GroupBy(r => r.Stage).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key),
            groups.Select(g => (g.Stage, g.Count)).OrderBy(g => g.Stage));
    }

    [Fact]
    public async Task CreateMany_by_unnest_and_by_COPY_stores_the_labels()
    {
        foreach (var count in new[] { 40, 1200 })
        {
            var prefix = Prefix();
            var inputs = Enumerable.Range(0, count).Select(i => new FilmCreateInput
            {
                Title = $"{prefix}{i:0000}", Rating = Ratings[i % Ratings.Length], Stage = i % 9 == 8 ? null : Stages[i % Stages.Length],
                Allowed = i % 5 == 0 ? null : [Ratings[(i + 1) % Ratings.Length]],
            }).ToList();
            Assert.Equal(count, await Db.Films.CreateManyAsync(inputs));

            var stored = await Stored(prefix);
            Assert.Equal(inputs.Select(i => (i.Title, RatingLabels[i.Rating!.Value], i.Stage is { } s ? StageLabels[s] : null, i.Allowed is { } a ? string.Join(",", a.Select(r => RatingLabels[r])) : null)),
                stored);
        }
    }

    [Fact]
    public async Task Updates_upserts_and_nested_creates_store_labels_and_related_rows_read_them_from_JSON()
    {
        var prefix = Prefix();
        var studio = await Db.FilmStudios.CreateAsync(new()
        {
            Name = prefix + "studio",
            Films = new() { Create = [new() { Title = prefix + "a", Stage = WorkStage.Blocked, Rating = MpaaRating.Nc17 }, new() { Title = prefix + "b", Stage = WorkStage.Done }] },
        });
        Assert.Equal(WorkStage.Waiting, studio.Stage);

        var film = await Db.Films.UpdateAsync(f => f.Title == prefix + "b", new() { Stage = WorkStage.Waiting, Rating = MpaaRating.R });
        Assert.Equal((WorkStage?)WorkStage.Waiting, film.Stage);
        await Db.Films.UpsertAsync(f => f.Title == prefix + "c", create: new() { Title = prefix + "c", Stage = WorkStage.Class, StudioId = studio.Id }, update: new() { Stage = WorkStage.Long });
        await Db.Films.UpsertAsync(f => f.Title == prefix + "a", create: new() { Title = prefix + "a" }, update: new() { Stage = WorkStage.TwoFactor });
        await Db.FilmStudios.UpdateAsync(s => s.Id == studio.Id, new() { Stage = WorkStage.InProgress });

        Assert.Equal([(prefix + "a", "NC-17", "2fa", null), (prefix + "b", "R", "Blocked", null), (prefix + "c", "PG-13", "class", null)], await Stored(prefix));
        Assert.Equal("in progress", await PlainRows.ScalarAsync<string>(fixture.ConnectionString, $"SELECT \"Stage\"::text FROM film_studios WHERE \"Id\" = {studio.Id}"));

        // Related rows arrive as JSON with the labels as text.
        var loaded = await Db.FilmStudios.Where(s => s.Id == studio.Id).Include(s => s.Films.OrderBy(f => f.Title)).SingleAsync();
        Assert.Equal(WorkStage.InProgress, loaded.Stage);
        Assert.Equal([(MpaaRating.Nc17, (WorkStage?)WorkStage.TwoFactor), (MpaaRating.R, WorkStage.Waiting), (MpaaRating.Pg13, WorkStage.Class)], loaded.Films.Select(f => (f.Rating, f.Stage)));

        var projected = await Db.FilmStudios.Where(s => s.Id == studio.Id)
            .Select(s => new { Stages = s.Films.OrderBy(f => f.Title).Select(f => f.Stage).ToList(), Max = s.Films.Max(f => f.Rating), Parent = s.Films.Select(f => f.Studio!.Stage).First() })
            .SingleAsync();
        Assert.Equal([WorkStage.TwoFactor, WorkStage.Waiting, WorkStage.Class], projected.Stages);
        Assert.Equal(MpaaRating.Nc17, projected.Max);
        Assert.Equal(WorkStage.InProgress, projected.Parent);

        var withStudio = await Db.Films.Where(f => f.Title == prefix + "b").Include(f => f.Studio).SingleAsync();
        Assert.Equal(WorkStage.InProgress, withStudio.Studio!.Stage);
    }

    [Fact]
    public async Task ToString_in_a_query_gives_the_member_name_as_CSharp_does_not_the_label()
    {
        var prefix = Prefix();
        foreach (var (stage, i) in Stages.Select((s, i) => (s, i)))
        {
            await Db.Films.CreateAsync(new() { Title = $"{prefix}{i}", Stage = stage, Rating = Ratings[i % Ratings.Length] });
        }

        await Db.Films.CreateAsync(new() { Title = prefix + "none" });
        var mine = Db.Films.Where(f => f.Title.StartsWith(prefix)).OrderBy(f => f.Title);
        var rows = await mine.ToListAsync();
        var texts = await mine.Select(f => new { Rating = f.Rating.ToString(), Stage = f.Stage.ToString(), Joined = f.Title + ":" + f.Rating }).ToListAsync();
        Assert.Equal(rows.Select(f => (f.Rating.ToString(), f.Stage.ToString(), f.Title + ":" + f.Rating)), texts.Select(t => (t.Rating, t.Stage, t.Joined)));
        Assert.Contains(texts, t => t.Rating == "Pg13");
        Assert.Contains(texts, t => t.Stage == "");

        // Compared as C# writes it: the name matches, the label does not.
        Assert.Equal(rows.Count(f => f.Rating == MpaaRating.Pg13), await mine.CountAsync(f => f.Rating.ToString() == "Pg13"));
        Assert.Equal(0, await mine.CountAsync(f => f.Rating.ToString() == "PG-13"));
        Assert.Equal([prefix + "4"], await mine.Where(f => f.Stage.ToString() == "Waiting").Select(f => f.Title).ToListAsync());
        Assert.Equal([prefix + "4"], await mine.Where(f => f.Stage.ToString()!.StartsWith("Wait")).Select(f => f.Title).ToListAsync());
    }

    [Fact]
    public async Task Raw_SQL_sends_and_reads_labels()
    {
        var prefix = Prefix();
        await Db.Films.CreateAsync(new() { Title = prefix + "w", Stage = WorkStage.Waiting, Rating = MpaaRating.Nc17 });
        await Db.Films.CreateAsync(new() { Title = prefix + "b", Stage = WorkStage.Blocked });
        var like = prefix + "%";

        var waiting = await Db.QueryRawAsync<Film>($"SELECT * FROM films WHERE \"Title\" LIKE {like} AND \"Stage\" = {WorkStage.Waiting}");
        Assert.Equal([(prefix + "w", MpaaRating.Nc17, (WorkStage?)WorkStage.Waiting)], waiting.Select(f => (f.Title, f.Rating, f.Stage)));

        var rows = await Db.QueryRawAsync<FilmLabelRow>($"SELECT \"Title\" AS title, \"Rating\" AS rating, \"Stage\" AS stage, \"Stage\"::text AS label FROM films WHERE \"Title\" LIKE {like} ORDER BY \"Title\"");
        Assert.Equal([new FilmLabelRow(prefix + "b", MpaaRating.Pg13, WorkStage.Blocked, "Waiting"), new FilmLabelRow(prefix + "w", MpaaRating.Nc17, WorkStage.Waiting, "Blocked")], rows);

        var stages = await Db.QueryRawAsync<WorkStage>($"SELECT unnest(enum_range(NULL::\"work stage\"))");
        Assert.Equal(Stages, stages);

        Assert.Equal(1, await Db.ExecuteRawAsync($"UPDATE films SET \"Stage\" = {WorkStage.Done} WHERE \"Title\" = {prefix + "b"}"));
        Assert.Equal("it's done", await PlainRows.ScalarAsync<string>(fixture.ConnectionString, $"SELECT \"Stage\"::text FROM films WHERE \"Title\" = '{prefix}b'"));
    }

    private static string Prefix() => "el-" + Guid.NewGuid().ToString("N")[..8] + "-";

    private static (string, string, string?, string?) Expected(Film f) =>
        (f.Title, RatingLabels[f.Rating], f.Stage is { } s ? StageLabels[s] : null, f.Allowed is { } a ? string.Join(",", a.Select(r => RatingLabels[r])) : null);

    private async Task<List<string>> Labels(string type) =>
        await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT enumlabel FROM pg_enum WHERE enumtypid = '\"{type}\"'::regtype ORDER BY enumsortorder", r => r.Get<string>("enumlabel"));

    // Title, rating, stage and the allowed ratings as PostgreSQL's text, read with plain Npgsql.
    private async Task<List<(string, string, string?, string?)>> Stored(string prefix) =>
        await PlainRows.ReadAsync(fixture.ConnectionString,
            $"SELECT \"Title\" AS title, \"Rating\"::text AS rating, \"Stage\"::text AS stage, array_to_string(\"Allowed\", ',') AS allowed FROM films WHERE \"Title\" LIKE '{prefix}%' ORDER BY \"Title\"",
            r => (r.Get<string>("title"), r.Get<string>("rating"), r.Ref<string>("stage"), r.Ref<string>("allowed")));
}

/// <summary>A raw row with mapped enums and one label read as text.</summary>
[SqlResult]
public sealed record FilmLabelRow(string Title, MpaaRating Rating, WorkStage? Stage, string? Label);
