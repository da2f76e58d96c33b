namespace Linq.Provider.Tests.Querying;

/// <summary>
/// Joins combined with the rest: Include on the selected entity (the query's own row, or the row a SelectMany reaches)
/// under both load strategies, before and after paging; and what is refused before any SQL, with its advice: keyset
/// paging over a join, Include on a left join's missing rows, operators after Skip/Take over a join, a join after
/// GroupBy, and inner sequences that are not (filtered) tables.
/// </summary>
[Collection("joins")]
public sealed class JoinCombinationTests(JoinFixture f)
{
    public static TheoryData<LoadStrategy> Strategies => [LoadStrategy.Join, LoadStrategy.Query];

    private static string ShowUser(User u) => $"{u.Id}|{u.Email}|posts:{string.Join(",", u.Posts.Select(p => p.Id).Order())}";

    private static string ShowPost(Post p) => $"{p.Id}|{p.Title}|comments:{string.Join(",", p.Comments.Select(c => c.Id).Order())}|author:{p.Author?.Email ?? "-"}";

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Include_on_the_root_row_of_a_join(LoadStrategy strategy)
    {
        var query = (from u in f.Db.Users join pr in f.Db.Profiles on u.Id equals pr.UserId where pr.Bio != null select u)
            .Include(u => u.Posts).RelationLoadStrategy(strategy);
        var expected = from u in f.Users join pr in f.Profiles on u.Id equals pr.UserId where pr.Bio != null select u;
        QueryCheck.SameSet("include", expected.Select(ShowUser), (await QueryCheck.ListAsync(query)).Select(ShowUser), QueryCheck.Sql(query));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Include_on_the_rows_of_a_SelectMany(LoadStrategy strategy)
    {
        var query = f.Db.Users.Where(u => u.Name != null).SelectMany(u => u.Posts).Include(p => p.Comments).Include(p => p.Author).RelationLoadStrategy(strategy);
        var expected = f.Users.Where(u => u.Name != null).SelectMany(u => u.Posts);
        QueryCheck.SameSet("include", expected.Select(ShowPost), (await QueryCheck.ListAsync(query)).Select(ShowPost), QueryCheck.Sql(query));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Include_on_a_page_of_a_join(LoadStrategy strategy)
    {
        var query = (from c in f.Db.Comments join p in f.Db.Posts on c.PostId equals p.Id orderby c.Id descending select p)
            .Skip(1).Take(4).Include(p => p.Comments).Include(p => p.Author).RelationLoadStrategy(strategy);
        var expected = (from c in f.Comments join p in f.Posts on c.PostId equals p.Id orderby c.Id descending select p).Skip(1).Take(4);
        QueryCheck.Same("include", expected.Select(ShowPost), (await QueryCheck.ListAsync(query)).Select(ShowPost), QueryCheck.Sql(query));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Join_on_a_page_with_includes(LoadStrategy strategy)
    {
        var query = f.Db.Users.OrderBy(u => u.Id).Skip(1).Take(4).Include(u => u.Posts).RelationLoadStrategy(strategy)
            .Join(f.Db.Profiles, u => u.Id, pr => pr.UserId, (u, pr) => u);
        var expected = f.Users.OrderBy(u => u.Id).Skip(1).Take(4).Join(f.Profiles, u => u.Id, pr => pr.UserId, (u, pr) => u);
        QueryCheck.SameSet("include", expected.Select(ShowUser), (await QueryCheck.ListAsync(query)).Select(ShowUser), QueryCheck.Sql(query));
    }

    [Fact]
    public Task Related_rows_of_the_joined_row_in_the_projection() => JoinCheck.SameSetAsync(f,
        s => from u in s.Users
             join p in s.Posts on u.Id equals p.AuthorId
             where u.Name != null
             select new { u.Email, p.Id, Comments = p.Comments.Where(c => c.Text != "").Select(c => c.Id).ToList(), Author = p.Author!.Name },
        x => $"{x.Email}|{x.Id}|{string.Join(",", x.Comments.Order())}|{x.Author}");

    [Fact]
    public Task Navigation_of_a_missing_row_reads_through_a_null_check() => JoinCheck.SameSetAsync(f,
        s => from pr in s.Profiles
             from p in s.Posts.Where(p => p.AuthorId == pr.UserId && p.Published).DefaultIfEmpty()
             select new { pr.Id, Author = p == null ? "-" : p.Author!.Email, Comments = p == null ? -1 : p.Comments.Count() },
        x => $"{x.Id}|{x.Author}|{x.Comments}");

    [Fact]
    public async Task Captured_table_joins_and_a_captured_query_is_refused()
    {
        // The same query shape: first over a captured table, then over a captured query, which must not reuse the table's plan.
        IQueryable<int> Matches(IQueryable<User> users) => from a in f.Db.Accounts from u in users where a.Email == u.Email select a.Id;
        var expected = from a in f.Accounts from u in f.Users where a.Email == u.Email select a.Id;
        QueryCheck.SameSet("captured table", expected, await Matches(f.Db.Users).ToListAsync(), QueryCheck.Sql(Matches(f.Db.Users)));
        var ex = Assert.Throws<QueryTranslationException>(() => Matches(f.Db.Users.Where(u => u.Name == "Hal")).ToList());
        Assert.Contains("captured query variable", ex.Message);
    }

    [Fact]
    public async Task Keyset_paging_over_a_join_is_refused()
    {
        var joined = from u in f.Db.Users join p in f.Db.Posts on u.Id equals p.AuthorId orderby p.Id select p;
        var page = await Assert.ThrowsAsync<QueryTranslationException>(() => joined.ToPageAsync(3));
        Assert.Contains("nested Select", page.Message);
        var cursor = Assert.Throws<QueryTranslationException>(() => f.Db.Users.SelectMany(u => u.Posts).OrderBy(p => p.Id).Cursor(p => p.Id, 0).Take(3).ToSql());
        Assert.Contains("keyset paging", cursor.Message);
    }

    [Fact]
    public void Include_on_rows_a_left_join_may_leave_missing_is_refused()
    {
        var query = (from u in f.Db.Users from p in u.Posts.DefaultIfEmpty() select p).Include(p => p!.Comments);
        var ex = Assert.Throws<QueryTranslationException>(() => query.ToSql());
        Assert.Contains("without DefaultIfEmpty()", ex.Message);
    }

    [Fact]
    public void Operators_after_paging_a_join_are_refused()
    {
        var query = f.Db.Users.Join(f.Db.Posts, u => u.Id, p => p.AuthorId, (u, p) => p).OrderBy(p => p.Id).Take(3).Where(p => p.Published);
        var ex = Assert.Throws<QueryTranslationException>(() => query.ToSql());
        Assert.Contains("before Skip/Take", ex.Message);
    }

    [Fact]
    public void Join_after_GroupBy_is_refused()
    {
        var query = f.Db.Posts.GroupBy(p => p.AuthorId).Join(f.Db.Users, g => g.Key, u => u.Id, (g, u) => new { u.Email, Count = g.Count() });
        var ex = Assert.Throws<QueryTranslationException>(() => query.ToSql());
        Assert.Contains("Join before grouping", ex.Message);
    }

    [Fact]
    public void Inner_sequence_must_be_a_filtered_table()
    {
        var ordered = Assert.Throws<QueryTranslationException>(() =>
            f.Db.Users.Join(f.Db.Posts.OrderBy(p => p.Id).Take(2), u => u.Id, p => p.AuthorId, (u, p) => p.Id).ToSql());
        Assert.Contains("must be a table", ordered.Message);
        var projected = Assert.Throws<QueryTranslationException>(() =>
            f.Db.Users.SelectMany(u => u.Posts.OrderBy(p => p.Id).Take(1), (u, p) => p.Id).ToSql());
        Assert.Contains("Select, order and page after the SelectMany", projected.Message);
    }

    [Fact]
    public void Rows_as_join_keys_are_refused()
    {
        var ex = Assert.Throws<QueryTranslationException>(() =>
            f.Db.Posts.Join(f.Db.Users, p => p.Author, u => u, (p, u) => p.Id).ToSql());
        Assert.Contains("key properties", ex.Message);
    }

    [Fact]
    public void Left_join_reading_a_navigation_of_the_joined_row_in_its_condition_is_refused()
    {
        var ex = Assert.Throws<QueryTranslationException>(() =>
            (from u in f.Db.Users from c in f.Db.Comments.Where(c => c.Post!.AuthorId == u.Id).DefaultIfEmpty() select c == null ? 0 : c.Id).ToSql());
        Assert.Contains("foreign key", ex.Message);
    }

    [Fact]
    public void LeftJoin_operator_gets_advice()
    {
        var ex = Assert.Throws<QueryTranslationException>(() =>
            f.Db.Users.LeftJoin(f.Db.Posts, u => u.Id, p => p.AuthorId, (u, p) => u.Id).ToSql());
        Assert.Contains("DefaultIfEmpty", ex.Message);
    }
}
