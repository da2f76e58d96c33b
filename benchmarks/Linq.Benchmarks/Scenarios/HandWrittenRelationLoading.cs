using System.Buffers;
using System.Text.Json;
using Blog.Model;
using Npgsql;
using NpgsqlTypes;

namespace Linq.Benchmarks.Scenarios;

/// <summary>
/// Hand-written Npgsql code loading users with their posts (and optionally the posts' comments) in four ways,
/// for comparison with <c>Include</c>. Every way returns the same objects in the same order: users by id, posts
/// by id within a user, comments by id within a post.
/// </summary>
/// <remarks>
/// The user filter is the same in every statement: <c>ORDER BY "Id" LIMIT $1</c>, optionally after
/// <c>WHERE "Id" &gt;= $2</c>. Commands are not prepared (nor are Linq's). The one-statement variants run on the
/// data source like Linq does (<c>NpgsqlDataSource.CreateCommand</c>); the two-queries variant opens one
/// connection for its statements.
/// </remarks>
public sealed class HandWrittenRelationLoading
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _comments;
    private readonly int _take;
    private readonly int? _firstUserId;

    /// <param name="dataSource">The pool (the client's, so enums are mapped).</param>
    /// <param name="comments">Whether posts come with their comments.</param>
    /// <param name="take">How many users (by id).</param>
    /// <param name="firstUserId">The lowest user id, or null for no filter.</param>
    public HandWrittenRelationLoading(NpgsqlDataSource dataSource, bool comments, int take, int? firstUserId)
    {
        _dataSource = dataSource;
        _comments = comments;
        _take = take;
        _firstUserId = firstUserId;

        var where = firstUserId is null ? "" : """WHERE u."Id" >= $2 """;
        JsonSql = BuildJsonSql(where, comments);
        ArraysSql = BuildArraysSql(where, comments);
        UsersSql = $"""SELECT u."Id", u."Email", u."Name", u."Role" FROM "User" AS u {where}ORDER BY u."Id" LIMIT $1""";
        FlatJoinSql = BuildFlatJoinSql(where, comments);
    }

    /// <summary>One statement, related rows aggregated to JSON in laterals (the shape Include uses).</summary>
    public string JsonSql { get; }

    /// <summary>One statement, related rows aggregated to one PostgreSQL array per column in laterals.</summary>
    public string ArraysSql { get; }

    /// <summary>The first of the two-queries statements (the others are <see cref="PostsByAuthorsSql"/> and <see cref="CommentsByPostsSql"/>).</summary>
    public string UsersSql { get; }

    /// <summary>The posts of many users at once.</summary>
    public const string PostsByAuthorsSql =
        """SELECT p."Id", p."Title", p."Content", p."Published", p."AuthorId", p."CreatedAt" FROM "Post" AS p WHERE p."AuthorId" = ANY($1) ORDER BY p."Id" """;

    /// <summary>The comments of many posts at once.</summary>
    public const string CommentsByPostsSql =
        """SELECT c."Id", c."Text", c.post_id, c."CreatedAt" FROM comments AS c WHERE c.post_id = ANY($1) ORDER BY c."Id" """;

    /// <summary>One statement, one row per (user, post, comment): the cartesian product, deduplicated while reading.</summary>
    public string FlatJoinSql { get; }

    // ---- JSON: json_agg(json_build_array(...)) laterals, read with Utf8JsonReader from the column's bytes ----

    /// <summary>One statement; each user's posts (with their comments nested) arrive as one JSON array.</summary>
    public async Task<List<User>> JsonAsync()
    {
        await using var command = CreateCommand(JsonSql);
        await using var reader = await command.ExecuteReaderAsync();
        var users = new List<User>(_take);
        while (await reader.ReadAsync())
        {
            var user = ReadUser(reader);
            user.Posts = ReadPostsJson(reader, 4, _comments);
            users.Add(user);
        }

        return users;
    }

    private static string BuildJsonSql(string where, bool comments)
    {
        var commentsValue = comments ? ", c.value" : "";
        var commentsLateral = comments
            ? """

                      LEFT JOIN LATERAL (
                          SELECT COALESCE(json_agg(json_build_array(c."Id", c."Text", c.post_id, c."CreatedAt") ORDER BY c."Id"), '[]'::json) AS value
                          FROM comments AS c
                          WHERE c.post_id = p."Id"
                      ) AS c ON TRUE
              """
            : "";
        return $"""
            SELECT u."Id", u."Email", u."Name", u."Role", p.value
            FROM "User" AS u
            LEFT JOIN LATERAL (
                SELECT COALESCE(json_agg(json_build_array(p."Id", p."Title", p."Content", p."Published", p."AuthorId", p."CreatedAt"{commentsValue}) ORDER BY p."Id"), '[]'::json) AS value
                FROM "Post" AS p{commentsLateral}
                WHERE p."AuthorId" = u."Id"
            ) AS p ON TRUE
            {where}ORDER BY u."Id"
            LIMIT $1
            """;
    }

    private static List<Post> ReadPostsJson(NpgsqlDataReader reader, int ordinal, bool comments)
    {
        // The json column in binary is its UTF-8 text: copy the bytes once into a pooled buffer and parse them in place.
        using var stream = reader.GetStream(ordinal);
        var length = checked((int)stream.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            stream.ReadExactly(buffer, 0, length);
            var json = new Utf8JsonReader(buffer.AsSpan(0, length));
            json.Read();
            return ReadPostArray(ref json, comments);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // [[id, title, content, published, authorId, createdAt(, [[comment], …])], …] at StartArray.
    private static List<Post> ReadPostArray(ref Utf8JsonReader json, bool comments)
    {
        var posts = new List<Post>();
        while (json.Read() && json.TokenType == JsonTokenType.StartArray)
        {
            json.Read();
            var id = json.GetInt32();
            json.Read();
            var title = json.GetString()!;
            json.Read();
            var content = json.TokenType == JsonTokenType.Null ? null : json.GetString();
            json.Read();
            var published = json.GetBoolean();
            json.Read();
            var authorId = json.GetInt32();
            json.Read();
            var createdAt = ReadTimestamp(ref json);
            var post = new Post { Id = id, Title = title, Content = content, Published = published, AuthorId = authorId, CreatedAt = createdAt };
            if (comments)
            {
                json.Read();
                post.Comments = ReadCommentArray(ref json);
            }

            json.Read(); // EndArray of the post
            posts.Add(post);
        }

        return posts;
    }

    private static List<Comment> ReadCommentArray(ref Utf8JsonReader json)
    {
        var comments = new List<Comment>();
        while (json.Read() && json.TokenType == JsonTokenType.StartArray)
        {
            json.Read();
            var id = json.GetInt32();
            json.Read();
            var text = json.GetString()!;
            json.Read();
            var postId = json.GetInt32();
            json.Read();
            var createdAt = ReadTimestamp(ref json);
            json.Read(); // EndArray of the comment
            comments.Add(new Comment { Id = id, Text = text, PostId = postId, CreatedAt = createdAt });
        }

        return comments;
    }

    // PostgreSQL writes timestamptz in JSON as ISO 8601 with the session's offset ("2025-01-01T00:00:01.001234+00:00").
    private static DateTime ReadTimestamp(ref Utf8JsonReader json) => json.GetDateTimeOffset().UtcDateTime;

    // ---- Arrays: array_agg per column in laterals, read as typed arrays in binary ----

    /// <summary>
    /// One statement; each user's posts arrive as one array per column (<c>int[]</c>, <c>text[]</c>, <c>bool[]</c>,
    /// <c>timestamptz[]</c>) and their comments, flattened per user and ordered by (post, id), as another set of arrays.
    /// </summary>
    /// <remarks>
    /// Why arrays per column rather than <c>array_agg(ROW(…)::"Post")</c>: columns of a fixed-size type travel as
    /// packed binary values (4 bytes for an int, 8 for a timestamp) that Npgsql copies straight into a typed array,
    /// with no server-side formatting to text, no escaping and no client parsing; an array of composites carries
    /// a type OID and length per field per element, needs a composite type mapped on the data source (with a CLR
    /// type Npgsql fills by reflection-built accessors), and cannot nest the comments; an anonymous record
    /// (<c>array_agg(ROW(…))</c>) reads back as boxed <c>object[]</c>s.
    /// </remarks>
    public async Task<List<User>> ArraysAsync()
    {
        await using var command = CreateCommand(ArraysSql);
        await using var reader = await command.ExecuteReaderAsync();
        var users = new List<User>(_take);
        while (await reader.ReadAsync())
        {
            var user = ReadUser(reader);
            if (!reader.IsDBNull(4))
            {
                var ids = reader.GetFieldValue<int[]>(4);
                var titles = reader.GetFieldValue<string[]>(5);
                var contents = reader.GetFieldValue<string?[]>(6);
                var published = reader.GetFieldValue<bool[]>(7);
                var authorIds = reader.GetFieldValue<int[]>(8);
                var created = reader.GetFieldValue<DateTime[]>(9);
                var posts = new List<Post>(ids.Length);
                for (var i = 0; i < ids.Length; i++)
                {
                    posts.Add(new Post
                    {
                        Id = ids[i], Title = titles[i], Content = contents[i], Published = published[i], AuthorId = authorIds[i], CreatedAt = created[i],
                    });
                }

                if (_comments && !reader.IsDBNull(10))
                {
                    StitchComments(posts, reader.GetFieldValue<int[]>(10), reader.GetFieldValue<string[]>(11),
                        reader.GetFieldValue<int[]>(12), reader.GetFieldValue<DateTime[]>(13));
                }

                user.Posts = posts;
            }

            users.Add(user);
        }

        return users;
    }

    private static string BuildArraysSql(string where, bool comments)
    {
        // One sort per lateral: the rows are ordered in a sub-select and aggregated in that order (PostgreSQL feeds
        // an aggregate in its input's order when nothing else happens at that level; an ORDER BY inside each of the
        // array_agg calls would sort once per column on PostgreSQL before 16).
        var commentsColumns = comments ? ", c.ids, c.texts, c.post_ids, c.created" : "";
        var commentsLateral = comments
            ? """

              LEFT JOIN LATERAL (
                  SELECT array_agg(c."Id") AS ids, array_agg(c."Text") AS texts, array_agg(c.post_id) AS post_ids, array_agg(c."CreatedAt") AS created
                  FROM (
                      SELECT c."Id", c."Text", c.post_id, c."CreatedAt"
                      FROM "Post" AS p
                      JOIN comments AS c ON c.post_id = p."Id"
                      WHERE p."AuthorId" = u."Id"
                      ORDER BY c.post_id, c."Id"
                  ) AS c
              ) AS c ON TRUE
              """
            : "";
        return $"""
            SELECT u."Id", u."Email", u."Name", u."Role", p.ids, p.titles, p.contents, p.published, p.author_ids, p.created{commentsColumns}
            FROM "User" AS u
            LEFT JOIN LATERAL (
                SELECT array_agg(p."Id") AS ids, array_agg(p."Title") AS titles, array_agg(p."Content") AS contents,
                       array_agg(p."Published") AS published, array_agg(p."AuthorId") AS author_ids, array_agg(p."CreatedAt") AS created
                FROM (
                    SELECT p."Id", p."Title", p."Content", p."Published", p."AuthorId", p."CreatedAt"
                    FROM "Post" AS p
                    WHERE p."AuthorId" = u."Id"
                    ORDER BY p."Id"
                ) AS p
            ) AS p ON TRUE{commentsLateral}
            {where}ORDER BY u."Id"
            LIMIT $1
            """;
    }

    // Posts are ordered by id and comments by (post id, id): a merge walk attaches each comment to its post.
    private static void StitchComments(List<Post> posts, int[] ids, string[] texts, int[] postIds, DateTime[] created)
    {
        var p = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            while (posts[p].Id != postIds[i])
            {
                p++;
            }

            posts[p].Comments.Add(new Comment { Id = ids[i], Text = texts[i], PostId = postIds[i], CreatedAt = created[i] });
        }
    }

    // ---- Two queries: users, then WHERE fk = ANY($keys) per relation level, stitched in memory ----

    /// <summary>Users, then their posts (<c>"AuthorId" = ANY($1)</c>), then those posts' comments: one round trip per level.</summary>
    public async Task<List<User>> TwoQueriesAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var users = new List<User>(_take);
        var byId = new Dictionary<int, User>(_take);
        await using (var command = new NpgsqlCommand(UsersSql, connection))
        {
            AddUserParameters(command);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var user = ReadUser(reader);
                users.Add(user);
                byId.Add(user.Id, user);
            }
        }

        if (users.Count == 0)
        {
            return users;
        }

        var posts = new Dictionary<int, Post>();
        await using (var command = new NpgsqlCommand(PostsByAuthorsSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. byId.Keys], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var post = ReadPost(reader, 0);
                byId[post.AuthorId].Posts.Add(post);
                posts.Add(post.Id, post);
            }
        }

        if (!_comments || posts.Count == 0)
        {
            return users;
        }

        await using (var command = new NpgsqlCommand(CommentsByPostsSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. posts.Keys], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var comment = ReadComment(reader, 0);
                posts[comment.PostId].Comments.Add(comment);
            }
        }

        return users;
    }

    // ---- Flat join: the cartesian rows, deduplicated while reading ----

    /// <summary>One statement with plain LEFT JOINs: each user repeated per post (per comment), folded back while reading.</summary>
    public async Task<List<User>> FlatJoinAsync()
    {
        await using var command = CreateCommand(FlatJoinSql);
        await using var reader = await command.ExecuteReaderAsync();
        var users = new List<User>(_take);
        User? user = null;
        Post? post = null;
        while (await reader.ReadAsync())
        {
            // Rows come ordered by user, post, comment: a change of id starts a new object.
            var userId = reader.GetInt32(0);
            if (user is null || user.Id != userId)
            {
                user = ReadUser(reader);
                users.Add(user);
                post = null;
            }

            if (reader.IsDBNull(4))
            {
                continue; // a user without posts
            }

            var postId = reader.GetInt32(4);
            if (post is null || post.Id != postId)
            {
                post = ReadPost(reader, 4);
                user.Posts.Add(post);
            }

            if (_comments && !reader.IsDBNull(10))
            {
                post.Comments.Add(ReadComment(reader, 10));
            }
        }

        return users;
    }

    private static string BuildFlatJoinSql(string where, bool comments)
    {
        var commentsColumns = comments ? """, c."Id", c."Text", c.post_id, c."CreatedAt" """ : "";
        var commentsJoin = comments ? """ LEFT JOIN comments AS c ON c.post_id = p."Id" """ : "";
        var commentsOrder = comments ? """, c."Id" """ : "";
        return $"""
            SELECT u."Id", u."Email", u."Name", u."Role", p."Id", p."Title", p."Content", p."Published", p."AuthorId", p."CreatedAt"{commentsColumns}
            FROM (SELECT u."Id", u."Email", u."Name", u."Role" FROM "User" AS u {where}ORDER BY u."Id" LIMIT $1) AS u
            LEFT JOIN "Post" AS p ON p."AuthorId" = u."Id"{commentsJoin}
            ORDER BY u."Id", p."Id"{commentsOrder}
            """;
    }

    // ---- shared ----

    private NpgsqlCommand CreateCommand(string sql)
    {
        var command = _dataSource.CreateCommand(sql);
        AddUserParameters(command);
        return command;
    }

    private void AddUserParameters(NpgsqlCommand command)
    {
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _take });
        if (_firstUserId is { } first)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = first });
        }
    }

    private static User ReadUser(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetInt32(0),
        Email = reader.GetString(1),
        Name = reader.IsDBNull(2) ? null : reader.GetString(2),
        Role = reader.GetFieldValue<Role>(3),
    };

    private static Post ReadPost(NpgsqlDataReader reader, int first) => new()
    {
        Id = reader.GetInt32(first),
        Title = reader.GetString(first + 1),
        Content = reader.IsDBNull(first + 2) ? null : reader.GetString(first + 2),
        Published = reader.GetBoolean(first + 3),
        AuthorId = reader.GetInt32(first + 4),
        CreatedAt = reader.GetFieldValue<DateTime>(first + 5),
    };

    private static Comment ReadComment(NpgsqlDataReader reader, int first) => new()
    {
        Id = reader.GetInt32(first),
        Text = reader.GetString(first + 1),
        PostId = reader.GetInt32(first + 2),
        CreatedAt = reader.GetFieldValue<DateTime>(first + 3),
    };
}
