namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Left joins (GroupJoin + SelectMany(… DefaultIfEmpty()), in query syntax <c>join … into g from x in g.DefaultIfEmpty()</c>)
/// and group joins read by aggregates (<c>g.Count()</c>): the missing right row is null, its members read through
/// <c>x == null ? … : …</c> as LINQ-to-Objects reads them, and <c>(int?)x.Id</c> reads null. Compared with LINQ-to-Objects over
/// the rows read with plain Npgsql.
/// </summary>
[Collection("joins")]
public sealed class LeftJoinTests(JoinFixture f)
{
    [Fact]
    public Task Missing_rows_read_through_null_checks() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join p in s.Posts on u.Id equals p.AuthorId into g
             from p in g.DefaultIfEmpty()
             select new { u.Id, Title = p == null ? null : p.Title, Content = p == null ? "none" : p.Content, Post = p == null ? 0 : p.Id, Published = p != null && p.Published },
        x => $"{x.Id}|{x.Title ?? "∅"}|{x.Content ?? "∅"}|{x.Post}|{x.Published}");

    [Fact]
    public Task Lifted_member_of_a_missing_row_is_null() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join p in s.Posts on u.Id equals p.AuthorId into g
             from p in g.DefaultIfEmpty()
             select new { u.Id, Post = (int?)p!.Id, Created = (DateTime?)p.CreatedAt },
        x => $"{x.Id}|{x.Post}|{x.Created:O}",
        // LINQ-to-Objects throws on p.Id of a missing p; the guarded form is what the lifted read means.
        expected: s => from u in s.Users
                       join p in s.Posts on u.Id equals p.AuthorId into g
                       from p in g.DefaultIfEmpty()
                       select new { u.Id, Post = p == null ? null : (int?)p.Id, Created = p == null ? null : (DateTime?)p.CreatedAt });

    [Fact]
    public Task Missing_entity_is_null() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join pr in s.Profiles on u.Id equals pr.UserId into g
             from pr in g.DefaultIfEmpty()
             select new { User = u, Profile = pr },
        x => $"{x.User.Id}|{x.User.Email}|{(x.Profile is null ? "null" : $"{x.Profile.Id}|{x.Profile.Bio ?? "∅"}|{x.Profile.Handle ?? "∅"}|{x.Profile.UserId}")}");

    [Fact]
    public Task Method_syntax() => JoinCheck.SameSetAsync(f,
        s => s.Users.GroupJoin(s.Posts, u => u.Id, p => p.AuthorId, (u, g) => new { u, g })
            .SelectMany(x => x.g.DefaultIfEmpty(), (x, p) => new { x.u.Email, Post = p == null ? -1 : p.Id }),
        x => $"{x.Email}|{x.Post}");

    [Fact]
    public Task Anti_join_keeps_rows_without_a_match() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users join p in s.Posts on u.Id equals p.AuthorId into g from p in g.DefaultIfEmpty() where p == null select u.Email,
        x => x);

    [Fact]
    public Task Where_on_the_right_side_after_the_join() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join pr in s.Profiles on u.Id equals pr.UserId into g
             from pr in g.DefaultIfEmpty()
             where pr == null || pr.Bio != null
             select new { u.Id, Bio = pr == null ? "-" : pr.Bio },
        x => $"{x.Id}|{x.Bio}");

    [Fact]
    public Task Null_keys_leave_the_right_side_missing() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join pr in s.Profiles on u.Name equals pr.Handle into g
             from pr in g.DefaultIfEmpty()
             select new { u.Id, Profile = pr == null ? (int?)null : pr.Id },
        x => $"{x.Id}|{x.Profile}");

    [Fact]
    public Task Filter_of_the_right_side_before_DefaultIfEmpty() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join p in s.Posts on u.Id equals p.AuthorId into g
             from p in g.Where(p => p.Published).DefaultIfEmpty()
             select new { u.Id, Post = p == null ? 0 : p.Id },
        x => $"{x.Id}|{x.Post}");

    [Fact]
    public Task Filtered_inner_table() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join p in s.Posts.Where(p => p.Content != null) on u.Id equals p.AuthorId into g
             from p in g.DefaultIfEmpty()
             select new { u.Id, Post = p == null ? 0 : p.Id },
        x => $"{x.Id}|{x.Post}");

    [Fact]
    public Task Ordered_and_paged() => JoinCheck.SameAsync(f,
        s => (from u in s.Users
              join p in s.Posts on u.Id equals p.AuthorId into g
              from p in g.DefaultIfEmpty()
              orderby u.Id, (p == null ? 0 : p.Id) descending
              select new { u.Id, Post = p == null ? 0 : p.Id }).Skip(2).Take(6),
        x => $"{x.Id}|{x.Post}");

    [Fact]
    public Task Two_left_joins() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join p in s.Posts on u.Id equals p.AuthorId into posts
             from p in posts.DefaultIfEmpty()
             join pr in s.Profiles on u.Id equals pr.UserId into profiles
             from pr in profiles.DefaultIfEmpty()
             select new { u.Id, Post = p == null ? 0 : p.Id, Profile = pr == null ? 0 : pr.Id },
        x => $"{x.Id}|{x.Post}|{x.Profile}");

    [Fact]
    public Task Group_join_read_by_aggregates() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join p in s.Posts on u.Id equals p.AuthorId into g
             select new { u.Id, Count = g.Count(), Published = g.Count(p => p.Published), Any = g.Any(p => p.Content == null), Sum = g.Sum(p => p.Id) },
        x => $"{x.Id}|{x.Count}|{x.Published}|{x.Any}|{x.Sum}");

    [Fact]
    public Task Group_join_filtered_by_its_count() => JoinCheck.SameSetAsync(f,
        s => s.Users.GroupJoin(s.Posts, u => u.Id, p => p.AuthorId, (u, g) => new { u.Email, Count = g.Count() }).Where(x => x.Count > 1),
        x => $"{x.Email}|{x.Count}");

    [Fact]
    public Task Group_join_on_nullable_keys_counts_no_null_matches() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users join pr in s.Profiles on u.Name equals pr.Handle into g select new { u.Id, Count = g.Count() },
        x => $"{x.Id}|{x.Count}");

    [Fact]
    public async Task Aggregates_over_a_left_join()
    {
        IQueryable<int> Posts(JoinSources s) => from u in s.Users join p in s.Posts on u.Id equals p.AuthorId into g from p in g.DefaultIfEmpty() select p == null ? 0 : p.Id;
        QueryCheck.Equal("Count", Posts(f.Objects).Count(), await Posts(f.Database).CountAsync(), QueryCheck.Sql(Posts(f.Database)));
        QueryCheck.Equal("Count(missing)", Posts(f.Objects).Count(p => p == 0), await Posts(f.Database).CountAsync(p => p == 0));
        QueryCheck.Equal("Sum", Posts(f.Objects).Sum(), await Posts(f.Database).SumAsync());
    }

    [Fact]
    public async Task Bare_value_member_of_a_missing_row_throws_as_in_memory()
    {
        // LINQ-to-Objects throws NullReferenceException on p.Id of a missing p; the read of NULL into an int throws too.
        var query = from u in f.Db.Users from p in u.Posts.DefaultIfEmpty() select p.Id;
        Assert.Throws<NullReferenceException>(() => (from u in f.Users from p in u.Posts.DefaultIfEmpty() select p.Id).ToList());
        await Assert.ThrowsAnyAsync<InvalidCastException>(() => query.ToListAsync());
    }

    [Fact]
    public void The_group_itself_is_refused_with_advice()
    {
        var ex = Assert.Throws<QueryTranslationException>(() =>
            (from u in f.Db.Users join p in f.Db.Posts on u.Id equals p.AuthorId into g select new { u.Id, Posts = g.ToList() }).ToSql());
        Assert.Contains("g.Count()", ex.Message);
        Assert.Contains("DefaultIfEmpty", ex.Message);
    }
}
