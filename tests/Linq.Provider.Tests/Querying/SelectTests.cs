using System.Linq.Expressions;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Querying;

public sealed record UserDto(int Id, string Email, string? Name);

public sealed class UserCard
{
    public int Id { get; set; }
    public string Label { get; set; } = "";
    public bool HasName { get; set; }

    public override string ToString() => $"{{ Id = {Id}, Label = {Label}, HasName = {HasName} }}";
}

/// <summary>
/// <c>Select</c>: each named selector runs over rows ordered by id, in PostgreSQL and in LINQ-to-Objects, and the
/// projected values are compared in order (anonymous types and records compare by value).
/// </summary>
public sealed class SelectTests(QueryFixture fixture) : IClassFixture<QueryFixture>
{
    private static readonly Dictionary<string, Func<QueryFixture, Task>> Cases = Build();

    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Cases.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(Names))]
    public Task Select(string name) => Cases[name](fixture);

    private static string Shout(string text) => text.ToUpperInvariant() + "!";

    private static int Twice(int value) => value * 2;

    private static async Task Users<TResult>(QueryFixture f, string name, Expression<Func<User, TResult>> selector, Func<TResult, object?>? key = null)
    {
        var expected = f.Users.OrderBy(u => u.Id).Select(selector.Compile()).ToList();
        var query = f.Db.Users.OrderBy(u => u.Id).Select(selector);
        var actual = await QueryCheck.ListAsync(query);
        Compare(name, selector, expected, actual, key, QueryCheck.Sql(query));
    }

    private static async Task Posts<TResult>(QueryFixture f, string name, Expression<Func<Post, TResult>> selector)
    {
        var expected = f.Posts.OrderBy(p => p.Id).Select(selector.Compile()).ToList();
        var query = f.Db.Posts.OrderBy(p => p.Id).Select(selector);
        Compare(name, selector, expected, await QueryCheck.ListAsync(query), null, QueryCheck.Sql(query));
    }

    private static async Task Comments<TResult>(QueryFixture f, string name, Expression<Func<Comment, TResult>> selector)
    {
        var expected = f.Comments.OrderBy(c => c.Id).Select(selector.Compile()).ToList();
        var query = f.Db.Comments.OrderBy(c => c.Id).Select(selector);
        Compare(name, selector, expected, await QueryCheck.ListAsync(query), null, QueryCheck.Sql(query));
    }

    private static async Task Accounts<TResult>(QueryFixture f, string name, Expression<Func<Account, TResult>> selector)
    {
        var expected = f.Accounts.OrderBy(a => a.Id).Select(selector.Compile()).ToList();
        var query = f.Db.Accounts.OrderBy(a => a.Id).Select(selector);
        Compare(name, selector, expected, await QueryCheck.ListAsync(query), null, QueryCheck.Sql(query));
    }

    private static async Task Samples<TResult>(QueryFixture f, string name, Expression<Func<TypeSample, TResult>> selector)
    {
        var expected = f.TypeSamples.OrderBy(t => t.Id).Select(selector.Compile()).ToList();
        var query = f.Db.TypeSamples.OrderBy(t => t.Id).Select(selector);
        Compare(name, selector, expected, await QueryCheck.ListAsync(query), null, QueryCheck.Sql(query));
    }

    private static void Compare<TResult>(string name, LambdaExpression selector, List<TResult> expected, List<TResult> actual, Func<TResult, object?>? key, string sql)
    {
        if (key is null)
        {
            QueryCheck.Same("Select(" + name + ")  [" + selector + "]", expected, actual, sql);
        }
        else
        {
            QueryCheck.Same("Select(" + name + ")  [" + selector + "]", expected.Select(key), actual.Select(key), sql);
        }
    }

    private static Dictionary<string, Func<QueryFixture, Task>> Build()
    {
        var tag = "tag'\"";
        var factor = new { Value = 3 };
        return new Dictionary<string, Func<QueryFixture, Task>>(StringComparer.Ordinal)
        {
            // scalars and computed values
            ["id"] = f => Users(f, "id", u => u.Id),
            ["email"] = f => Users(f, "email", u => u.Email),
            ["name (nullable)"] = f => Users(f, "name (nullable)", u => u.Name),
            ["role"] = f => Users(f, "role", u => u.Role),
            ["id * 2"] = f => Users(f, "id * 2", u => u.Id * 2),
            ["id / 3 and id % 4"] = f => Users(f, "id / 3 and id % 4", u => new { Div = u.Id / 3, Mod = u.Id % 4 }),
            ["-id + 0.5 (double)"] = f => Users(f, "-id + 0.5 (double)", u => -u.Id + 0.5),
            ["id * captured closure member"] = f => Users(f, "id * captured closure member", u => u.Id * factor.Value),
            ["email + \"!\""] = f => Users(f, "email + \"!\"", u => u.Email + "!"),
            ["\"<\" + email + \">\""] = f => Users(f, "\"<\" + email + \">\"", u => "<" + u.Email + ">"),
            ["name + \"!\" (null + \"!\" is \"!\")"] = f => Users(f, "name + \"!\" (null + \"!\" is \"!\")", u => u.Name + "!"),
            ["name + email (both sides, one nullable)"] = f => Users(f, "name + email (both sides, one nullable)", u => u.Name + u.Email),
            ["string.Concat(name, \"-\", email)"] = f => Users(f, "string.Concat(name, \"-\", email)", u => string.Concat(u.Name, "-", u.Email)),
            ["email + id (string + int)"] = f => Users(f, "email + id (string + int)", u => u.Email + u.Id),
            ["email.ToUpper()"] = f => Users(f, "email.ToUpper()", u => u.Email.ToUpper()),
            ["email.Length"] = f => Users(f, "email.Length", u => u.Email.Length),
            ["email.Substring(0, 3)"] = f => Users(f, "email.Substring(0, 3)", u => u.Email.Substring(0, 3)),
            ["name ?? \"(none)\""] = f => Users(f, "name ?? \"(none)\"", u => u.Name ?? "(none)"),
            ["name == null ? \"none\" : name"] = f => Users(f, "name == null ? \"none\" : name", u => u.Name == null ? "none" : u.Name),
            ["role == Admin ? \"admin\" : \"user\""] = f => Users(f, "role == Admin ? \"admin\" : \"user\"", u => u.Role == Role.Admin ? "admin" : "user"),
            ["name == null (bool)"] = f => Users(f, "name == null (bool)", u => u.Name == null),
            ["name == \"Ann\" (bool, false for NULL)"] = f => Users(f, "name == \"Ann\" (bool, false for NULL)", u => u.Name == "Ann"),
            ["name != \"Ann\" (bool, true for NULL)"] = f => Users(f, "name != \"Ann\" (bool, true for NULL)", u => u.Name != "Ann"),
            ["string.IsNullOrEmpty(name) (bool)"] = f => Users(f, "string.IsNullOrEmpty(name) (bool)", u => string.IsNullOrEmpty(u.Name)),
            ["email contains \"%\" (bool)"] = f => Users(f, "email contains \"%\" (bool)", u => u.Email.Contains("%")),
            ["captured constant"] = f => Users(f, "captured constant", u => tag),

            // anonymous types, records, classes
            ["new { Id, Email }"] = f => Users(f, "new { Id, Email }", u => new { u.Id, u.Email }),
            ["new { Id, Upper, IsAdmin, Next }"] = f => Users(f, "new { Id, Upper, IsAdmin, Next }",
                u => new { u.Id, Upper = u.Email.ToUpper(), IsAdmin = u.Role == Role.Admin, Next = u.Id + 1 }),
            ["nested anonymous"] = f => Users(f, "nested anonymous", u => new { u.Id, Inner = new { u.Name, u.Role } }),
            ["anonymous with captured value"] = f => Users(f, "anonymous with captured value", u => new { u.Id, Tag = tag }),
            ["record via constructor"] = f => Users(f, "record via constructor", u => new UserDto(u.Id, u.Email, u.Name)),
            ["class via object initializer"] = f => Users(f, "class via object initializer",
                u => new UserCard { Id = u.Id, Label = u.Email + "!", HasName = u.Name != null }, c => c.ToString()),
            ["value tuple"] = f => Users(f, "value tuple", u => ValueTuple.Create(u.Id, u.Name)),
            ["whole entity in anonymous"] = f => Users(f, "whole entity in anonymous", u => new { u.Id, User = u }, x => x.Id + "|" + x.User.Email + "|" + x.User.Name + "|" + x.User.Role),

            // client-side code in the final projection
            ["local method on a column"] = f => Users(f, "local method on a column", u => Shout(u.Email)),
            ["local method inside anonymous"] = f => Users(f, "local method inside anonymous", u => new { u.Id, Shouted = Shout(u.Email), Double = Twice(u.Id) }),
            ["local method on a computed value"] = f => Users(f, "local method on a computed value", u => Shout(u.Name ?? "-")),
            ["ToString() of int"] = f => Users(f, "ToString() of int", u => u.Id.ToString()),

            // relations in projections
            ["posts.Count()"] = f => Users(f, "posts.Count()", u => u.Posts.Count()),
            ["posts.Count (List.Count)"] = f => Users(f, "posts.Count (List.Count)", u => u.Posts.Count),
            ["posts.Count(published)"] = f => Users(f, "posts.Count(published)", u => new { u.Id, Published = u.Posts.Count(p => p.Published) }),
            ["posts.Any()"] = f => Users(f, "posts.Any()", u => u.Posts.Any()),
            ["posts.All(published) (true without posts)"] = f => Users(f, "posts.All(published) (true without posts)", u => u.Posts.All(p => p.Published)),
            ["posts.Sum(id) (0 without posts)"] = f => Users(f, "posts.Sum(id) (0 without posts)", u => u.Posts.Sum(p => p.Id)),
            ["posts.Max((int?)id) (null without posts)"] = f => Users(f, "posts.Max((int?)id) (null without posts)", u => u.Posts.Max(p => (int?)p.Id)),
            ["profile != null"] = f => Users(f, "profile != null", u => u.Profile != null),
            ["profile == null ? \"none\" : profile.Bio"] = f => Users(f, "profile == null ? \"none\" : profile.Bio", u => u.Profile == null ? "none" : u.Profile.Bio),
            ["post: author.Email"] = f => Posts(f, "post: author.Email", p => p.Author!.Email),
            ["post: new { Id, author.Name, author.Role }"] = f => Posts(f, "post: new { Id, author.Name, author.Role }", p => new { p.Id, p.Author!.Name, p.Author.Role }),
            ["post: author.Profile != null"] = f => Posts(f, "post: author.Profile != null", p => p.Author!.Profile != null),
            ["post: comments.Count()"] = f => Posts(f, "post: comments.Count()", p => p.Comments.Count()),
            ["post: author.Posts.Count()"] = f => Posts(f, "post: author.Posts.Count()", p => p.Author!.Posts.Count()),
            ["post: author.Profile == null ? \"-\" : author.Profile.Bio"] = f => Posts(f, "post: author.Profile == null ? \"-\" : author.Profile.Bio",
                p => p.Author!.Profile == null ? "-" : p.Author.Profile.Bio),
            ["post: new { Id, HasComments = comments.Any(), Nice = comments.Count(c => c.Text == \"nice\") }"] = f => Posts(f, "post: comments.Any()/Count(pred)",
                p => new { p.Id, HasComments = p.Comments.Any(), Nice = p.Comments.Count(c => c.Text == "nice") }),
            ["comment: post.Author.Email"] = f => Comments(f, "comment: post.Author.Email", c => c.Post!.Author!.Email),
            ["comment: new { Id, post.Title, post.Author.Name }"] = f => Comments(f, "comment: new { Id, post.Title, post.Author.Name }", c => new { c.Id, c.Post!.Title, c.Post.Author!.Name }),

            // other column types
            ["post: createdAt"] = f => Posts(f, "post: createdAt", p => p.CreatedAt),
            ["post: createdAt.Year, Month, Day, Hour"] = f => Posts(f, "post: createdAt.Year, Month, Day, Hour",
                p => new { p.CreatedAt.Year, p.CreatedAt.Month, p.CreatedAt.Day, p.CreatedAt.Hour }),
            ["post: createdAt.Second"] = f => Posts(f, "post: createdAt.Second", p => p.CreatedAt.Second),
            ["post: createdAt.Date"] = f => Posts(f, "post: createdAt.Date", p => p.CreatedAt.Date),
            ["post: content (nullable)"] = f => Posts(f, "post: content (nullable)", p => p.Content),
            ["post: published ? 1 : 0"] = f => Posts(f, "post: published ? 1 : 0", p => p.Published ? 1 : 0),
            ["post: !published"] = f => Posts(f, "post: !published", p => !p.Published),
            ["account: balance"] = f => Accounts(f, "account: balance", a => a.Balance),
            ["account: balance * 2 + 1"] = f => Accounts(f, "account: balance * 2 + 1", a => a.Balance * 2 + 1),
            ["account: balance > 0"] = f => Accounts(f, "account: balance > 0", a => a.Balance > 0),
            ["sample: intN"] = f => Samples(f, "sample: intN", t => t.IntN),
            ["sample: intN + 1"] = f => Samples(f, "sample: intN + 1", t => t.IntN + 1),
            ["sample: intN ?? -1"] = f => Samples(f, "sample: intN ?? -1", t => t.IntN ?? -1),
            ["sample: intN > 3 (bool, false for NULL)"] = f => Samples(f, "sample: intN > 3 (bool, false for NULL)", t => t.IntN > 3),
            ["sample: intN.HasValue"] = f => Samples(f, "sample: intN.HasValue", t => t.IntN.HasValue),
            ["sample: boolN, moodN, doubleN, decimalN"] = f => Samples(f, "sample: boolN, moodN, doubleN, decimalN", t => new { t.BoolN, t.MoodN, t.DoubleN, t.DecimalN }),
            ["sample: boolN == true (bool)"] = f => Samples(f, "sample: boolN == true (bool)", t => t.BoolN == true),
            ["sample: guid, date, time"] = f => Samples(f, "sample: guid, date, time", t => new { t.Guid, t.Date, t.Time, t.GuidN, t.DateN, t.TimeN }),
            ["sample: long * 2, short + 1"] = f => Samples(f, "sample: long * 2, short + 1", t => new { L = t.Long * 2, S = t.Short + 1 }),
            ["sample: float, double"] = f => Samples(f, "sample: float, double", t => new { t.Float, t.Double, t.FloatN }),

            // composition after a projection
            ["Select then Where on the projection"] = async f =>
            {
                var expected = f.Users.Select(u => new { u.Id, u.Name }).Where(x => x.Name != null && x.Name.StartsWith("a")).Select(x => x.Id).Order().ToList();
                var query = f.Db.Users.Select(u => new { u.Id, u.Name }).Where(x => x.Name != null && x.Name.StartsWith("a"));
                QueryCheck.Same("Select then Where", expected, (await QueryCheck.ListAsync(query)).Select(x => x.Id).Order(), QueryCheck.Sql(query));
            },
            ["Select then OrderBy projected member"] = async f =>
            {
                var expected = f.Users.Select(u => new { u.Id, Twice = u.Id * 2 }).OrderByDescending(x => x.Twice).Select(x => x.Id).ToList();
                var query = f.Db.Users.Select(u => new { u.Id, Twice = u.Id * 2 }).OrderByDescending(x => x.Twice);
                QueryCheck.Same("Select then OrderBy", expected, (await QueryCheck.ListAsync(query)).Select(x => x.Id), QueryCheck.Sql(query));
            },
            ["Select with navigation then Where on it"] = async f =>
            {
                var expected = f.Posts.Select(p => new { p.Id, p.Author!.Email }).Where(x => x.Email.StartsWith("a")).Select(x => x.Id).Order().ToList();
                var query = f.Db.Posts.Select(p => new { p.Id, p.Author!.Email }).Where(x => x.Email.StartsWith("a"));
                QueryCheck.Same("Select(new { Id, author.Email }).Where(Email starts with a)", expected, (await QueryCheck.ListAsync(query)).Select(x => x.Id).Order(), QueryCheck.Sql(query));
            },
            ["Distinct then Where"] = async f =>
            {
                var expected = f.Posts.Select(p => p.AuthorId).Distinct().Where(a => a % 2 == 0).Order().ToList();
                var query = f.Db.Posts.Select(p => p.AuthorId).Distinct().Where(a => a % 2 == 0);
                QueryCheck.Same("Select(authorId).Distinct().Where(even)", expected, (await QueryCheck.ListAsync(query)).Order(), QueryCheck.Sql(query));
            },
            ["Select then Select"] = async f =>
            {
                var expected = f.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.Email }).Select(x => x.Email + "#" + x.Id).ToList();
                var query = f.Db.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.Email }).Select(x => x.Email + "#" + x.Id);
                QueryCheck.Same("Select then Select", expected, await QueryCheck.ListAsync(query), QueryCheck.Sql(query));
            },
            ["navigation Select of the whole author"] = async f =>
            {
                var expected = f.Posts.OrderBy(p => p.Id).Select(p => p.Author!.Id).ToList();
                var query = f.Db.Posts.OrderBy(p => p.Id).Select(p => p.Author!);
                QueryCheck.Same("Select(p => p.Author)", expected, (await QueryCheck.ListAsync(query)).Select(u => u.Id), QueryCheck.Sql(query));
            },
        };
    }
}
