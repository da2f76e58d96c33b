namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Inner joins (Join, in method and query syntax) on scalar keys (nullable ones too: a null key matches nothing) and
/// on composite anonymous keys (null members match null members), projecting both sides, followed by
/// Where/OrderBy/Skip/Take/Distinct and aggregates: each one statement, compared with LINQ-to-Objects over the rows
/// read with plain Npgsql.
/// </summary>
[Collection("joins")]
public sealed class JoinTests(JoinFixture f)
{
    [Fact]
    public Task Method_syntax_projects_both_sides() => JoinCheck.SameSetAsync(f,
        s => s.Posts.Join(s.Users, p => p.AuthorId, u => u.Id, (p, u) => new { p.Id, p.Title, u.Email, u.Name }),
        x => $"{x.Id}|{x.Title}|{x.Email}|{x.Name ?? "∅"}");

    [Fact]
    public Task Query_syntax_with_where_order_and_page() => JoinCheck.SameAsync(f,
        s => (from p in s.Posts
              join u in s.Users on p.AuthorId equals u.Id
              where u.Name != null && p.Content != null
              orderby u.Id descending, p.Id
              select new { p.Id, u.Name, p.Content }).Skip(1).Take(4),
        x => $"{x.Id}|{x.Name}|{x.Content}");

    [Fact]
    public Task Entities_of_both_sides() => JoinCheck.SameSetAsync(f,
        s => from p in s.Posts join u in s.Users on p.AuthorId equals u.Id select new { Post = p, Author = u },
        x => $"{x.Post.Id}|{x.Post.Title}|{x.Post.Content ?? "∅"}|{x.Post.Published}|{x.Post.CreatedAt:O}|{x.Author.Id}|{x.Author.Email}|{x.Author.Name ?? "∅"}");

    [Fact]
    public Task Selecting_the_joined_entity() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users join p in s.Posts on u.Id equals p.AuthorId where u.Name == "Ann" select p,
        p => $"{p.Id}|{p.Title}|{p.AuthorId}");

    [Fact]
    public Task Null_scalar_keys_match_nothing() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users join pr in s.Profiles on u.Name equals pr.Handle select new { User = u.Id, Profile = pr.Id, pr.Handle },
        x => $"{x.User}|{x.Profile}|{x.Handle}");

    [Fact]
    public Task Composite_keys_match_null_members() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join pr in s.Profiles on new { N = u.Name, I = u.Id } equals new { N = pr.Handle, I = pr.UserId }
             select new { u.Id, u.Name, pr.Bio },
        x => $"{x.Id}|{x.Name ?? "∅"}|{x.Bio ?? "∅"}");

    [Fact]
    public Task One_member_composite_key_differs_from_the_scalar_key() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users join pr in s.Profiles on new { N = u.Name } equals new { N = pr.Handle } select new { User = u.Id, Profile = pr.Id },
        x => $"{x.User}|{x.Profile}");

    [Fact]
    public Task Composite_keys_of_columns() => JoinCheck.SameSetAsync(f,
        s => from p in s.Posts
             join c in s.Comments on new { p.Id, Flag = p.Content == null } equals new { Id = c.PostId, Flag = c.Text == "x" }
             select new { Post = p.Id, Comment = c.Id },
        x => $"{x.Post}|{x.Comment}");

    [Fact]
    public Task Filtered_inner_sequence() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users join p in s.Posts.Where(p => p.Published && p.Content != null) on u.Id equals p.AuthorId select new { u.Email, p.Id },
        x => $"{x.Email}|{x.Id}");

    [Fact]
    public Task Three_tables() => JoinCheck.SameSetAsync(f,
        s => from c in s.Comments
             join p in s.Posts on c.PostId equals p.Id
             join u in s.Users on p.AuthorId equals u.Id
             where c.Text == "x"
             select new { c.Id, p.Title, u.Email },
        x => $"{x.Id}|{x.Title}|{x.Email}");

    [Fact]
    public Task Key_over_a_navigation_of_the_joined_row() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users join c in s.Comments on u.Id equals c.Post!.AuthorId select new { u.Email, c.Text },
        x => $"{x.Email}|{x.Text}");

    [Fact]
    public Task Distinct_projection() => JoinCheck.SameSetAsync(f,
        s => (from u in s.Users join p in s.Posts on u.Id equals p.AuthorId select u.Email).Distinct(),
        x => x);

    [Fact]
    public Task Page_then_project() => JoinCheck.SameAsync(f,
        s => s.Posts.Join(s.Users, p => p.AuthorId, u => u.Id, (p, u) => new { p, u }).OrderBy(x => x.p.Id).Skip(2).Take(5).Select(x => new { x.p.Id, x.u.Email }),
        x => $"{x.Id}|{x.Email}");

    [Fact]
    public Task Join_after_paging_the_outer_rows() => JoinCheck.SameSetAsync(f,
        s => s.Users.OrderBy(u => u.Id).Take(3).Join(s.Posts, u => u.Id, p => p.AuthorId, (u, p) => new { u.Id, Post = p.Id }),
        x => $"{x.Id}|{x.Post}");

    [Fact]
    public Task Grouped_after_the_join() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join p in s.Posts on u.Id equals p.AuthorId
             group p by u.Email into g
             select new { g.Key, Count = g.Count(), Last = g.Max(p => p.Id), Published = g.Count(p => p.Published) },
        x => $"{x.Key}|{x.Count}|{x.Last}|{x.Published}");

    [Fact]
    public Task Grouped_after_a_left_join_counting_the_present_rows() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             from p in u.Posts.DefaultIfEmpty()
             group p by u.Id into g
             where g.Count() < 3
             select new { g.Key, Rows = g.Count(), Posts = g.Count(p => p != null) },
        x => $"{x.Key}|{x.Rows}|{x.Posts}");

    [Fact]
    public async Task Aggregates()
    {
        IQueryable<Post> Joined(JoinSources s) => from u in s.Users join p in s.Posts on u.Id equals p.AuthorId where u.Name == "Ann" select p;
        IQueryable<decimal> Balances(JoinSources s) => from a in s.Accounts join u in s.Users on a.Email equals u.Email select a.Balance;
        var db = f.Database;
        var objects = f.Objects;
        QueryCheck.Equal("Count", Joined(objects).Count(), await Joined(db).CountAsync(), QueryCheck.Sql(Joined(db)));
        QueryCheck.Equal("Count(pred)", Joined(objects).Count(p => p.Published), await Joined(db).CountAsync(p => p.Published));
        QueryCheck.Equal("Any", Joined(objects).Any(p => p.Content == null), await Joined(db).AnyAsync(p => p.Content == null));
        QueryCheck.Equal("Max", Joined(objects).Max(p => p.Id), await Joined(db).MaxAsync(p => p.Id));
        QueryCheck.Equal("Sum", Balances(objects).Sum(), await Balances(db).SumAsync());
        QueryCheck.Equal("Distinct count", Joined(objects).Select(p => p.Title).Distinct().Count(), await Joined(db).Select(p => p.Title).Distinct().CountAsync());
        QueryCheck.Equal("First", Joined(objects).OrderByDescending(p => p.Id).First().Id, (await Joined(db).OrderByDescending(p => p.Id).FirstAsync()).Id);
        Assert.NotEqual(0, Joined(objects).Count());
    }
}
