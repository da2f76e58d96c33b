using Blog.Model;
using Npgsql;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// Hand-written Npgsql code for the batched per-level shape: one <see cref="NpgsqlBatch"/> (one round trip) with one flat
/// statement per level, each selecting its parents' keys itself (<c>fk = ANY(ARRAY(SELECT id FROM … same filter, order,
/// limit …))</c>), read into dictionaries and stitched by key. This is Dapper's <c>QueryMultiple</c> shape without Dapper,
/// and what <c>LoadStrategy.Query</c> generates.
/// </summary>
public sealed class HandWrittenBatchLoading
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _take;
    private readonly int _firstUserId;
    private readonly bool _comments;
    private readonly bool _commentPost;
    private readonly string[] _sql;

    /// <param name="dataSource">The pool.</param>
    /// <param name="take">Users, by id, from <paramref name="firstUserId"/> on.</param>
    /// <param name="firstUserId">The lowest user id.</param>
    /// <param name="comments">Whether posts come with their comments.</param>
    /// <param name="commentPost">Whether each comment comes with its post (a to-one third level).</param>
    public HandWrittenBatchLoading(NpgsqlDataSource dataSource, int take, int firstUserId, bool comments, bool commentPost)
    {
        _dataSource = dataSource;
        _take = take;
        _firstUserId = firstUserId;
        _comments = comments;
        _commentPost = commentPost;
        const string userKeys = """ARRAY(SELECT u."Id" FROM "User" AS u WHERE u."Id" >= $1 ORDER BY u."Id" LIMIT $2)""";
        const string postKeys = $"""ARRAY(SELECT p."Id" FROM "Post" AS p WHERE p."AuthorId" = ANY({userKeys}))""";
        const string commentPostKeys = $"""ARRAY(SELECT c.post_id FROM comments AS c WHERE c.post_id = ANY({postKeys}))""";
        List<string> sql =
        [
            """SELECT u."Id", u."Email", u."Name", u."Role" FROM "User" AS u WHERE u."Id" >= $1 ORDER BY u."Id" LIMIT $2""",
            $"""SELECT p."Id", p."Title", p."Content", p."Published", p."AuthorId", p."CreatedAt" FROM "Post" AS p WHERE p."AuthorId" = ANY({userKeys}) ORDER BY p."AuthorId", p."Id" """,
        ];
        if (comments)
        {
            sql.Add($"""SELECT c."Id", c."Text", c.post_id, c."CreatedAt" FROM comments AS c WHERE c.post_id = ANY({postKeys}) ORDER BY c.post_id, c."Id" """);
        }

        if (commentPost)
        {
            sql.Add($"""SELECT p."Id", p."Title", p."Content", p."Published", p."AuthorId", p."CreatedAt" FROM "Post" AS p WHERE p."Id" = ANY({commentPostKeys}) ORDER BY p."Id" """);
        }

        _sql = [.. sql];
    }

    /// <summary>The statements of the batch, for the report.</summary>
    public IReadOnlyList<string> Sql => _sql;

    /// <summary>One round trip: every level's statement in one batch, stitched by key.</summary>
    public async Task<List<User>> LoadAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in _sql)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _firstUserId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _take });
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync();
        var users = new List<User>(_take);
        var usersById = new Dictionary<int, User>(_take);
        while (await reader.ReadAsync())
        {
            var user = new User { Id = reader.GetInt32(0), Email = reader.GetString(1), Name = reader.IsDBNull(2) ? null : reader.GetString(2), Role = reader.GetFieldValue<Role>(3) };
            users.Add(user);
            usersById.Add(user.Id, user);
        }

        await reader.NextResultAsync();
        var postsById = new Dictionary<int, Post>();
        while (await reader.ReadAsync())
        {
            var post = ReadPost(reader);
            usersById[post.AuthorId].Posts.Add(post);
            postsById.Add(post.Id, post);
        }

        var comments = new List<Comment>();
        if (_comments)
        {
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                var comment = new Comment { Id = reader.GetInt32(0), Text = reader.GetString(1), PostId = reader.GetInt32(2), CreatedAt = reader.GetDateTime(3) };
                postsById[comment.PostId].Comments.Add(comment);
                comments.Add(comment);
            }
        }

        if (_commentPost)
        {
            await reader.NextResultAsync();
            var commentPosts = new Dictionary<int, Post>();
            while (await reader.ReadAsync())
            {
                var post = ReadPost(reader);
                commentPosts.Add(post.Id, post);
            }

            foreach (var comment in comments)
            {
                comment.Post = commentPosts[comment.PostId];
            }
        }

        return users;
    }

    private static Post ReadPost(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetInt32(0), Title = reader.GetString(1), Content = reader.IsDBNull(2) ? null : reader.GetString(2), Published = reader.GetBoolean(3),
        AuthorId = reader.GetInt32(4), CreatedAt = reader.GetDateTime(5),
    };
}
