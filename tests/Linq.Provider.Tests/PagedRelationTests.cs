using Linq.Provider.Tests.Infrastructure;
using Npgsql;

namespace Linq.Provider.Tests;

/// <summary>
/// Keyset paging (ToPageAsync and Cursor) combined with relations (Include, Include+ThenInclude, filtered include,
/// nested Select), with both load strategies, ascending and descending, the include placed before and after the
/// paging operators: paging through the whole set gives the expected rows with their relations, computed with
/// LINQ-to-Objects over rows read back with plain Npgsql.
/// </summary>
public sealed class PagedRelationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const int PageSize = 4;
    private readonly List<int> _authors = [];

    public enum Paging { ToPage, Cursor }

    public enum Shape { Include, ThenInclude, FilteredInclude, NestedSelect }

    public async Task InitializeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var start = new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var a = 0; a < 3; a++)
        {
            _authors.Add((await fixture.Db.Users.CreateAsync(new() { Email = $"pr-{tag}-{a}@x.io", Name = "A" + a })).Id);
        }

        for (var i = 0; i < 14; i++)
        {
            // Groups of three share a timestamp (the primary key breaks the ties); authors and comment counts vary.
            var post = await fixture.Db.Posts.CreateAsync(new() { Title = $"P{i}", AuthorId = _authors[(i * 7) % 3], CreatedAt = start.AddHours(i / 3), Published = i % 2 == 0 });
            for (var c = 0; c < i % 4; c++)
            {
                await fixture.Db.Comments.CreateAsync(new() { Text = $"P{i}-c{c}", PostId = post.Id });
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<Paging, Shape, LoadStrategy, bool, bool> Matrix()
    {
        var data = new TheoryData<Paging, Shape, LoadStrategy, bool, bool>();
        foreach (var paging in Enum.GetValues<Paging>())
        {
            foreach (var shape in Enum.GetValues<Shape>())
            {
                foreach (var strategy in new[] { LoadStrategy.Join, LoadStrategy.Query })
                {
                    foreach (var descending in new[] { false, true })
                    {
                        // Where the relation is named: before the ordering and paging, or after them (a nested Select always comes last).
                        foreach (var relationsFirst in shape == Shape.NestedSelect ? [false] : new[] { false, true })
                        {
                            data.Add(paging, shape, strategy, descending, relationsFirst);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Paging_through_relations_gives_every_row_once_with_its_relations(Paging paging, Shape shape, LoadStrategy strategy, bool descending, bool relationsFirst)
    {
        var expected = await ExpectedAsync(shape, descending);
        var seen = new List<string>();
        var pages = 0;
        if (paging == Paging.ToPage)
        {
            string? cursor = null;
            do
            {
                var (items, next) = await ToPageAsync(shape, strategy, descending, relationsFirst, cursor);
                seen.AddRange(items);
                cursor = next;
                pages++;
            }
            while (cursor is not null && pages < 50);
        }
        else
        {
            // A position before every row in the chosen direction (the primary key is appended ascending).
            var after = (CreatedAt: descending ? new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc) : new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), Id: 0);
            while (pages < 50)
            {
                var items = await CursorPageAsync(shape, strategy, descending, relationsFirst, after.CreatedAt, after.Id);
                pages++;
                seen.AddRange(items.Select(i => i.Row));
                if (items.Count < PageSize)
                {
                    break;
                }

                after = (items[^1].CreatedAt, items[^1].Id);
            }
        }

        Assert.Equal(expected, seen);
        Assert.Equal(paging == Paging.ToPage ? (int)Math.Ceiling(14.0 / PageSize) : 14 / PageSize + 1, pages);
    }

    private IQueryable<Post> Mine => fixture.Db.Posts.Where(p => _authors.Contains(p.AuthorId));

    private static IQueryable<Post> Ordered(IQueryable<Post> q, bool descending) => descending ? q.OrderByDescending(p => p.CreatedAt) : q.OrderBy(p => p.CreatedAt);

    private static IQueryable<Post> Strategy(IQueryable<Post> q, LoadStrategy strategy) =>
        strategy == LoadStrategy.Join ? q : q.RelationLoadStrategy(strategy);

    private static IQueryable<Post> Relations(IQueryable<Post> q, Shape shape) => shape switch
    {
        Shape.Include => q.Include(p => p.Comments),
        Shape.ThenInclude => q.Include(p => p.Comments).Include(p => p.Author).ThenInclude(a => a!.Posts),
        Shape.FilteredInclude => q.Include(p => p.Comments.Where(c => c.Text.EndsWith("c0") || c.Text.EndsWith("c2")).OrderByDescending(c => c.Id)),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private async Task<(List<string> Items, string? Next)> ToPageAsync(Shape shape, LoadStrategy strategy, bool descending, bool relationsFirst, string? cursor)
    {
        if (shape == Shape.NestedSelect)
        {
            var page = await Strategy(Ordered(Mine, descending), strategy).Select(p => new
            {
                p.Id, p.Title, p.CreatedAt,
                Comments = p.Comments.OrderBy(c => c.Id).Select(c => c.Text).ToList(),
                Author = p.Author!.Email,
            }).ToPageAsync(PageSize, cursor);
            return ([.. page.Items.Select(p => Nested(p.Id, p.Title, p.CreatedAt, p.Comments, p.Author))], page.NextCursor);
        }

        var query = relationsFirst ? Ordered(Relations(Mine, shape), descending) : Relations(Ordered(Mine, descending), shape);
        var rows = await Strategy(query, strategy).ToPageAsync(PageSize, cursor);
        return ([.. rows.Items.Select(p => Describe(p, shape))], rows.NextCursor);
    }

    private async Task<List<(DateTime CreatedAt, int Id, string Row)>> CursorPageAsync(Shape shape, LoadStrategy strategy, bool descending, bool relationsFirst, DateTime createdAt, int id)
    {
        var after = new { CreatedAt = createdAt, Id = id };
        if (shape == Shape.NestedSelect)
        {
            var rows = await Strategy(Ordered(Mine, descending), strategy).Cursor(p => new { p.CreatedAt, p.Id }, after).Take(PageSize).Select(p => new
            {
                p.Id, p.Title, p.CreatedAt,
                Comments = p.Comments.OrderBy(c => c.Id).Select(c => c.Text).ToList(),
                Author = p.Author!.Email,
            }).ToListAsync();
            return [.. rows.Select(p => (p.CreatedAt, p.Id, Nested(p.Id, p.Title, p.CreatedAt, p.Comments, p.Author)))];
        }

        var query = relationsFirst
            ? Ordered(Relations(Mine, shape), descending).Cursor(p => new { p.CreatedAt, p.Id }, after).Take(PageSize)
            : Relations(Ordered(Mine, descending).Cursor(p => new { p.CreatedAt, p.Id }, after).Take(PageSize), shape);
        var posts = await Strategy(query, strategy).ToListAsync();
        return [.. posts.Select(p => (p.CreatedAt, p.Id, Describe(p, shape)))];
    }

    private static string Nested(int id, string title, DateTime createdAt, List<string> comments, string author) =>
        $"{id}|{title}|{createdAt:O}|comments [{string.Join(",", comments)}]|author {author}";

    private static string Describe(Post p, Shape shape)
    {
        var row = $"{p.Id}|{p.Title}|{p.CreatedAt:O}|comments [{string.Join(",", p.Comments.Select(c => $"{c.Id}:{c.Text}:{c.PostId}"))}]";
        return shape == Shape.ThenInclude
            ? row + $"|author {p.Author?.Id}:{p.Author?.Email} [{string.Join(",", p.Author?.Posts.Select(x => $"{x.Id}:{x.Title}") ?? [])}]"
            : row;
    }

    // The expected pages, from the tables read with plain Npgsql (not through the provider).
    private async Task<List<string>> ExpectedAsync(Shape shape, bool descending)
    {
        var posts = new List<(int Id, string Title, int AuthorId, DateTime CreatedAt)>();
        var comments = new List<(int Id, string Text, int PostId)>();
        var users = new Dictionary<int, string>();
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Title\", \"AuthorId\", \"CreatedAt\" FROM \"Post\"", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    posts.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTime>(3)));
                }
            }

            await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Text\", \"post_id\" FROM \"comments\"", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    comments.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2)));
                }
            }

            await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Email\" FROM \"User\"", connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    users.Add(reader.GetInt32(0), reader.GetString(1));
                }
            }
        }

        var mine = posts.Where(p => _authors.Contains(p.AuthorId)).ToList();
        Assert.Equal(14, mine.Count);
        var ordered = descending ? mine.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id) : mine.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id);
        return [.. ordered.Select(p =>
        {
            var own = comments.Where(c => c.PostId == p.Id).OrderBy(c => c.Id).ToList();
            return shape switch
            {
                Shape.NestedSelect => Nested(p.Id, p.Title, p.CreatedAt, [.. own.Select(c => c.Text)], users[p.AuthorId]),
                Shape.FilteredInclude => Row(p, own.Where(c => c.Text.EndsWith("c0", StringComparison.Ordinal) || c.Text.EndsWith("c2", StringComparison.Ordinal)).OrderByDescending(c => c.Id)),
                Shape.ThenInclude => Row(p, own) + $"|author {p.AuthorId}:{users[p.AuthorId]} [{string.Join(",", posts.Where(x => x.AuthorId == p.AuthorId).OrderBy(x => x.Id).Select(x => $"{x.Id}:{x.Title}"))}]",
                _ => Row(p, own),
            };
        })];

        static string Row((int Id, string Title, int AuthorId, DateTime CreatedAt) p, IEnumerable<(int Id, string Text, int PostId)> own) =>
            $"{p.Id}|{p.Title}|{p.CreatedAt:O}|comments [{string.Join(",", own.Select(c => $"{c.Id}:{c.Text}:{c.PostId}"))}]";
    }
}
