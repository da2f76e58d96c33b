namespace Linq.Provider.Tests.Querying;

/// <summary>
/// SelectMany: over a collection navigation (with and without a result selector, filtered inside), as a cross join
/// of two tables with a filter, several <c>from</c>s in query syntax, and a left join over a navigation
/// (<c>from p in u.Posts.DefaultIfEmpty()</c>): each one statement, compared with LINQ-to-Objects over the rows read
/// with plain Npgsql.
/// </summary>
[Collection("joins")]
public sealed class SelectManyTests(JoinFixture f)
{
    [Fact]
    public Task Over_a_navigation() => JoinCheck.SameSetAsync(f,
        s => s.Users.SelectMany(u => u.Posts),
        p => $"{p.Id}|{p.Title}|{p.Content ?? "∅"}|{p.Published}|{p.AuthorId}|{p.CreatedAt:O}");

    [Fact]
    public Task With_a_result_selector() => JoinCheck.SameSetAsync(f,
        s => s.Users.Where(u => u.Name != "Cid").SelectMany(u => u.Posts, (u, p) => new { u.Email, p.Id, p.Title }),
        x => $"{x.Email}|{x.Id}|{x.Title}");

    [Fact]
    public Task With_a_filter_inside() => JoinCheck.SameSetAsync(f,
        s => s.Users.SelectMany(u => u.Posts.Where(p => p.Published && p.Content != null), (u, p) => new { u.Id, Post = p.Id }),
        x => $"{x.Id}|{x.Post}");

    [Fact]
    public Task Filter_inside_reads_the_outer_row() => JoinCheck.SameSetAsync(f,
        s => s.Users.SelectMany(u => u.Posts.Where(p => p.Title != u.Name), (u, p) => new { u.Id, Post = p.Id }),
        x => $"{x.Id}|{x.Post}");

    [Fact]
    public Task Cross_join_with_a_filter() => JoinCheck.SameSetAsync(f,
        s => from a in s.Accounts from u in s.Users where a.Email == u.Email select new { a.Balance, u.Name },
        x => $"{x.Balance}|{x.Name ?? "∅"}");

    [Fact]
    public Task Cross_join_with_an_inequality() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users from pr in s.Profiles where pr.UserId < u.Id && pr.Handle != null select new { u.Id, Profile = pr.Id },
        x => $"{x.Id}|{x.Profile}");

    [Fact]
    public Task Filtered_table_reading_the_outer_row() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users from a in s.Accounts.Where(a => a.Email.StartsWith(u.Email)) select new { u.Id, a.Balance },
        x => $"{x.Id}|{x.Balance}");

    [Fact]
    public Task Several_froms_down_the_navigations() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             from p in u.Posts
             from c in p.Comments
             where c.Text != "" && u.Name != null
             select new { u.Email, Post = p.Id, c.Text },
        x => $"{x.Email}|{x.Post}|{x.Text}");

    [Fact]
    public Task Left_join_over_a_navigation() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users from p in u.Posts.DefaultIfEmpty() select new { u.Id, Title = p == null ? "none" : p.Title, Post = (int?)p!.Id },
        x => $"{x.Id}|{x.Title}|{x.Post}",
        expected: s => from u in s.Users from p in u.Posts.DefaultIfEmpty() select new { u.Id, Title = p == null ? "none" : p.Title, Post = p == null ? null : (int?)p.Id });

    [Fact]
    public Task Left_join_over_a_filtered_navigation() => JoinCheck.SameSetAsync(f,
        s => from p in s.Posts from c in p.Comments.Where(c => c.Text == "x").DefaultIfEmpty() select new { p.Id, Comment = c == null ? 0 : c.Id },
        x => $"{x.Id}|{x.Comment}");

    [Fact]
    public Task Two_levels_with_a_left_join_below() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users from p in u.Posts from c in p.Comments.DefaultIfEmpty() select new { u.Id, Post = p.Id, Comment = c == null ? (int?)null : c.Id },
        x => $"{x.Id}|{x.Post}|{x.Comment}");

    [Fact]
    public Task Navigation_of_the_collected_row() => JoinCheck.SameSetAsync(f,
        s => from pr in s.Profiles from p in pr.User!.Posts where p.Author!.Name == "Ann" || pr.Bio == null select new { Profile = pr.Id, p.Id },
        x => $"{x.Profile}|{x.Id}");

    [Fact]
    public Task Ordered_and_paged() => JoinCheck.SameAsync(f,
        s => s.Users.SelectMany(u => u.Posts, (u, p) => new { u, p }).OrderBy(x => x.u.Id).ThenByDescending(x => x.p.Id).Skip(1).Take(5)
            .Select(x => new { x.u.Email, x.p.Id }),
        x => $"{x.Email}|{x.Id}");

    [Fact]
    public Task Distinct() => JoinCheck.SameSetAsync(f,
        s => s.Users.SelectMany(u => u.Posts, (u, p) => new { u.Id, p.Title }).Distinct(),
        x => $"{x.Id}|{x.Title}");

    [Fact]
    public async Task Aggregates()
    {
        IQueryable<Comment> Comments(JoinSources s) => s.Users.Where(u => u.Name == "Ann" || u.Name == "Hal").SelectMany(u => u.Posts).SelectMany(p => p.Comments);
        QueryCheck.Equal("Count", Comments(f.Objects).Count(), await Comments(f.Database).CountAsync(), QueryCheck.Sql(Comments(f.Database)));
        QueryCheck.Equal("Distinct", Comments(f.Objects).Select(c => c.Text).Distinct().Count(), await Comments(f.Database).Select(c => c.Text).Distinct().CountAsync());
        QueryCheck.Equal("Min", Comments(f.Objects).Min(c => c.Id), await Comments(f.Database).MinAsync(c => c.Id));
        QueryCheck.Equal("Any", Comments(f.Objects).Any(c => c.Text == "v"), await Comments(f.Database).AnyAsync(c => c.Text == "v"));
        Assert.NotEqual(0, Comments(f.Objects).Count());
    }
}
