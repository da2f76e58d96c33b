using Linq.Benchmarks.Competitors;
using Dap = Linq.Benchmarks.Competitors.Dapper;
using Ef = Linq.Benchmarks.Competitors.EfCore;
using L2 = Linq.Benchmarks.Competitors.Linq2Db;
using M = Blog.Model;

namespace Linq.Benchmarks.Comparison;

/// <summary><see cref="Digest"/>s of each library's result types: the same columns in the same order for every library.</summary>
public static class Digests
{
    // ---- one user ----

    public static Digest Of(M.User? u) => u is null ? default : new DigestBuilder().Row(u.Id, u.Email, u.Name, u.Role).Build();

    public static Digest Of(Dap.User? u) => u is null ? default : new DigestBuilder().Row(u.Id, u.Email, u.Name, u.Role).Build();

    public static Digest Of(Ef.User? u) => u is null ? default : new DigestBuilder().Row(u.Id, u.Email, u.Name, u.Role).Build();

    public static Digest Of(L2.User? u) => u is null ? default : new DigestBuilder().Row(u.Id, u.Email, u.Name, u.Role).Build();

    // ---- projections ----

    public static Digest Of(List<UserSummary> rows)
    {
        var digest = new DigestBuilder();
        foreach (var r in rows)
        {
            digest.Row(r.Id, r.Email, r.Name);
        }

        return digest.Build();
    }

    public static Digest Of(List<UserTitles> rows) => Titles(rows, r => r.Name, r => r.Titles);

    public static Digest Of(List<Dap.UserTitlesRow> rows) => Titles(rows, r => r.Name, r => r.Titles);

    private static Digest Titles<T>(List<T> rows, Func<T, string?> name, Func<T, IReadOnlyList<string>> titles)
    {
        var digest = new DigestBuilder();
        foreach (var row in rows)
        {
            var list = titles(row);
            digest.Row(name(row), list.Count, string.Join('\n', list)); // titles in order (ordered by post id)
            foreach (var title in list)
            {
                digest.Child(title);
            }
        }

        return digest.Build();
    }

    // ---- users with posts (and comments) ----

    public static Digest Of(List<M.User> users) => Users(users,
        u => [u.Id, u.Email, u.Name, u.Role], u => u.Posts,
        p => [p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt], p => p.Comments,
        c => [c.Id, c.Text, c.PostId, c.CreatedAt]);

    public static Digest Of(List<Dap.User> users) => Users(users,
        u => [u.Id, u.Email, u.Name, u.Role], u => u.Posts,
        p => [p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt], p => p.Comments,
        c => [c.Id, c.Text, c.PostId, c.CreatedAt]);

    public static Digest Of(List<Ef.User> users) => Users(users,
        u => [u.Id, u.Email, u.Name, u.Role], u => u.Posts,
        p => [p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt], p => p.Comments,
        c => [c.Id, c.Text, c.PostId, c.CreatedAt]);

    public static Digest Of(List<L2.User> users) => Users(users,
        u => [u.Id, u.Email, u.Name, u.Role], u => u.Posts,
        p => [p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt], p => p.Comments,
        c => [c.Id, c.Text, c.PostId, c.CreatedAt]);

    private static Digest Users<TUser, TPost, TComment>(
        List<TUser> users,
        Func<TUser, object?[]> user, Func<TUser, IEnumerable<TPost>> posts,
        Func<TPost, object?[]> post, Func<TPost, IEnumerable<TComment>> comments,
        Func<TComment, object?[]> comment)
    {
        var digest = new DigestBuilder();
        foreach (var u in users)
        {
            digest.Row(user(u));
            foreach (var p in posts(u))
            {
                digest.Child(post(p));
                foreach (var c in comments(p))
                {
                    digest.Grandchild(comment(c));
                }
            }
        }

        return digest.Build();
    }

    // ---- pages of posts ----

    public static Digest Of(List<M.Post> posts) => Posts(posts, p => [p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt]);

    public static Digest Of(List<Dap.Post> posts) => Posts(posts, p => [p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt]);

    public static Digest Of(List<Ef.Post> posts) => Posts(posts, p => [p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt]);

    public static Digest Of(List<L2.Post> posts) => Posts(posts, p => [p.Id, p.Title, p.Content, p.Published, p.AuthorId, p.CreatedAt]);

    public static Digest Of(PageWithCount<M.Post> page) => WithTotal(Of(page.Items), page.Total);

    public static Digest Of(PageWithCount<Dap.Post> page) => WithTotal(Of(page.Items), page.Total);

    public static Digest Of(PageWithCount<Ef.Post> page) => WithTotal(Of(page.Items), page.Total);

    public static Digest Of(PageWithCount<L2.Post> page) => WithTotal(Of(page.Items), page.Total);

    private static Digest Posts<T>(List<T> posts, Func<T, object?[]> post)
    {
        var digest = new DigestBuilder();
        foreach (var p in posts)
        {
            digest.Row(post(p));
        }

        return digest.Build();
    }

    private static Digest WithTotal(Digest items, int total) => items with { Children = total };
}
