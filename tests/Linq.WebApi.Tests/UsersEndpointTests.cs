using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linq.WebApi.Tests.Infrastructure;
using WebApi;

namespace Linq.WebApi.Tests;

/// <summary>Users through HTTP: nested create, keyset pages with posts, get, delete, and their problem details.</summary>
public sealed class UsersEndpointTests(WebApiFixture fixture) : IClassFixture<WebApiFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task Nested_create_stores_user_profile_and_posts_and_a_taken_email_is_409_P2002()
    {
        var email = Unique("nested");
        var response = await fixture.Client.PostAsJsonAsync("/users", new CreateUserRequest(email, "Nina", "Hello", [new("First", "Body", true), new("Second", null, false)]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<UserResponse>(Json))!;
        Assert.Equal($"/users/{created.Id}", response.Headers.Location?.OriginalString);

        var posts = await Plain.ReadAsync(fixture.ConnectionString,
            "SELECT p.\"Id\", p.\"Title\", p.\"Content\", p.\"Published\" FROM \"Post\" p WHERE p.\"AuthorId\" = $1 ORDER BY p.\"Id\"",
            r => (Id: r.GetInt32(0), Title: r.GetString(1), Content: r.IsDBNull(2) ? null : r.GetString(2), Published: r.GetBoolean(3)), created.Id);
        Assert.Equal([("First", (string?)"Body", true), ("Second", null, false)], posts.Select(p => (p.Title, p.Content, p.Published)).ToList());
        Assert.Equal(posts.Select(p => p.Id), created.Posts.Select(p => p.Id));
        Assert.Equal("Hello", await Plain.ScalarAsync<string>(fixture.ConnectionString, "SELECT \"Bio\" FROM \"Profile\" WHERE \"UserId\" = $1", created.Id));
        Assert.Equal((email, "Nina", Role.User, "Hello"), (created.Email, created.Name, created.Role, created.Bio));

        var again = await fixture.Client.PostAsJsonAsync("/users", new CreateUserRequest(email, "Other", null, [new("Never stored", null, false)]));
        var problem = await AssertProblemAsync(again, HttpStatusCode.Conflict, "P2002");
        Assert.Equal("User", problem.GetProperty("model").GetString());
        Assert.Equal(["Email"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ToList());
        Assert.DoesNotContain(email, problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1L, await Plain.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM \"User\" WHERE \"Email\" = $1", email));
        Assert.Equal(0L, await Plain.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM \"Post\" WHERE \"Title\" = 'Never stored'"));
    }

    [Fact]
    public async Task Pages_of_users_with_their_posts_follow_the_tokens_to_the_end()
    {
        for (var i = 0; i < 5; i++)
        {
            var posts = Enumerable.Range(0, i % 3).Select(n => new CreatePostRequest($"p{i}-{n}", null, n % 2 == 0)).ToList();
            Assert.Equal(HttpStatusCode.Created, (await fixture.Client.PostAsJsonAsync("/users", new CreateUserRequest(Unique("page" + i), null, null, posts))).StatusCode);
        }

        // Expected: every user (other tests' too) in id order, each with their posts in id order, read with plain Npgsql.
        var users = await Plain.ReadAsync(fixture.ConnectionString, "SELECT \"Id\", \"Email\" FROM \"User\"", r => (Id: r.GetInt32(0), Email: r.GetString(1)));
        var allPosts = await Plain.ReadAsync(fixture.ConnectionString, "SELECT \"Id\", \"AuthorId\", \"Title\" FROM \"Post\"",
            r => (Id: r.GetInt32(0), AuthorId: r.GetInt32(1), Title: r.GetString(2)));
        var expected = users.OrderBy(u => u.Id)
            .Select(u => (u.Id, u.Email, Posts: string.Join(",", allPosts.Where(p => p.AuthorId == u.Id).OrderBy(p => p.Id).Select(p => p.Title))))
            .ToList();

        var seen = new List<(int, string, string)>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = (await fixture.Client.GetFromJsonAsync<UserPage>($"/users?pageSize=2{(token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token))}", Json))!;
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(u => (u.Id, u.Email, string.Join(",", u.Posts.Select(p => p.Title)))));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 100);

        // The tests of a class run one at a time, so nothing is created meanwhile.
        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 1) / 2, pages);
    }

    [Fact]
    public async Task A_tampered_page_token_is_400_and_a_bad_page_size_too()
    {
        await fixture.Client.PostAsJsonAsync("/users", new CreateUserRequest(Unique("tok1"), null, null, null));
        await fixture.Client.PostAsJsonAsync("/users", new CreateUserRequest(Unique("tok2"), null, null, null));
        var page = (await fixture.Client.GetFromJsonAsync<UserPage>("/users?pageSize=1", Json))!;
        Assert.NotNull(page.NextPageToken);
        var tampered = page.NextPageToken![..^2] + (page.NextPageToken[^2] == 'A' ? "B" : "A") + page.NextPageToken[^1];

        var problem = await AssertProblemAsync(await fixture.Client.GetAsync("/users?pageSize=1&pageToken=" + Uri.EscapeDataString(tampered)), HttpStatusCode.BadRequest, code: null);
        Assert.Equal("Invalid page token", problem.GetProperty("title").GetString());
        await AssertProblemAsync(await fixture.Client.GetAsync("/users?pageToken=not-a-token"), HttpStatusCode.BadRequest, code: null);
        await AssertProblemAsync(await fixture.Client.GetAsync("/users?pageSize=0"), HttpStatusCode.BadRequest, code: null);
    }

    [Fact]
    public async Task Get_by_id_returns_the_user_with_posts_and_delete_of_a_missing_user_is_404_P2025()
    {
        var created = (await (await fixture.Client.PostAsJsonAsync("/users", new CreateUserRequest(Unique("get"), "Gil", null, [new("Only", null, true)])))
            .Content.ReadFromJsonAsync<UserResponse>(Json))!;
        var read = (await fixture.Client.GetFromJsonAsync<UserResponse>($"/users/{created.Id}", Json))!;
        var stored = (await Plain.ReadAsync(fixture.ConnectionString, "SELECT \"Email\", \"Name\" FROM \"User\" WHERE \"Id\" = $1",
            r => (Email: r.GetString(0), Name: r.GetString(1)), created.Id)).Single();
        Assert.Equal((stored.Email, (string?)stored.Name), (read.Email, read.Name));
        Assert.Equal(["Only"], read.Posts.Select(p => p.Title));

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Client.DeleteAsync($"/users/{created.Id}")).StatusCode);
        Assert.Equal(0L, await Plain.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM \"User\" WHERE \"Id\" = $1", created.Id));
        await AssertProblemAsync(await fixture.Client.GetAsync($"/users/{created.Id}"), HttpStatusCode.NotFound, code: null);
        var problem = await AssertProblemAsync(await fixture.Client.DeleteAsync($"/users/{created.Id}"), HttpStatusCode.NotFound, "P2025");
        Assert.Equal("User", problem.GetProperty("model").GetString());
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        return problem;
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}@x.io";
}
