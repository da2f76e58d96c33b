using System.Buffers.Text;
using System.Security.Cryptography;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Linq.Querying.Paging;

namespace Linq.Provider.Tests.Reliability;

/// <summary>Page tokens are signed with a keyed MAC; every decoded value is checked against its column's type.</summary>
public sealed class PageTokenSecurityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string KeyA = "a-page-token-key-of-at-least-32-characters-A";
    private const string KeyB = "a-page-token-key-of-at-least-32-characters-B";

    public async Task InitializeAsync()
    {
        if (await fixture.Db.Users.CountAsync() > 0)
        {
            return;
        }

        for (var i = 0; i < 6; i++)
        {
            await fixture.Db.Users.CreateAsync(new() { Email = $"token-{i}@x.io", Role = i % 2 == 0 ? Role.User : Role.Admin });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private TestDb Client(string? key) => new(new LinqDatabaseOptions { PageTokenKey = key }.UseNpgsql(fixture.ConnectionString));

    private static IQueryable<User> Tokens(TestDb db) => db.Users.Where(u => u.Email.StartsWith("token-")).OrderBy(u => u.Role).ThenBy(u => u.Id);

    [Fact]
    public async Task A_token_is_accepted_by_every_client_with_the_same_key_and_only_by_those()
    {
        await using var a1 = Client(KeyA);
        await using var a2 = Client(KeyA);
        await using var b = Client(KeyB);
        await using var random = Client(null);

        var first = await Tokens(a1).ToPageAsync(2);
        var second = await Tokens(a2).ToPageAsync(2, first.NextCursor);
        var expected = (await Tokens(a1).Select(u => u.Id).ToListAsync()).Skip(2).Take(2).ToList();
        Assert.Equal(expected, second.Items.Select(u => u.Id).ToList());

        await Assert.ThrowsAsync<ArgumentException>(() => Tokens(b).ToPageAsync(2, first.NextCursor));
        await Assert.ThrowsAsync<ArgumentException>(() => Tokens(random).ToPageAsync(2, first.NextCursor));
    }

    [Fact]
    public async Task A_token_with_an_unkeyed_checksum_is_refused()
    {
        await using var db = Client(KeyA);
        var page = await Tokens(db).ToPageAsync(2);
        var bytes = Base64Url.DecodeFromChars(page.NextCursor!);
        var payload = bytes.AsSpan(16).ToArray();

        // What a forger without the key can compute: a plain hash over the payload, in the tag's place.
        var forged = Base64Url.EncodeToString([.. SHA256.HashData(payload)[..16], .. payload]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Tokens(db).ToPageAsync(2, forged));
        Assert.Equal("after", error.ParamName);
    }

    [Theory]
    [InlineData("[\"12\",\"1\"]")]
    [InlineData("[\"User,Admin\",\"1\"]")]
    [InlineData("[\"Nobody\",\"1\"]")]
    [InlineData("[\"User\",1]")]
    [InlineData("[\"User\",\"99999999999\"]")]
    [InlineData("[\"User\",\"1.5\"]")]
    [InlineData("[\"User\"]")]
    [InlineData("[\"User\",\"1\",\"2\"]")]
    [InlineData("{\"a\":1}")]
    public async Task Validly_signed_tokens_with_values_outside_the_column_types_are_argument_errors(string payload)
    {
        // Signed with the client's own key (as with a leaked key): the values are still checked before any SQL.
        await using var db = Client(KeyA);
        var codec = CursorToken.For(db.Options);
        var page = await Tokens(db).ToPageAsync(2);
        var signature = "User|Role asc,Id asc";
        Assert.NotNull(codec.Decode(page.NextCursor!, signature, [typeof(Role), typeof(int)]));
        var forged = Forge(codec, signature, payload);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Tokens(db).ToPageAsync(2, forged));
        Assert.Equal("after", error.ParamName);
    }

    [Fact]
    public async Task Text_keys_with_nul_or_lone_surrogates_are_argument_errors()
    {
        await using var db = Client(KeyA);
        var codec = CursorToken.For(db.Options);
        var query = db.Users.Where(u => u.Email.StartsWith("token-")).OrderBy(u => u.Email);
        var page = await query.ToPageAsync(2);
        Assert.NotNull(codec.Decode(page.NextCursor!, "User|Email asc", [typeof(string)]));

        foreach (var bad in new[] { "[\"a\\u0000b\"]", "[\"a\\ud800b\"]", "[\"\\udc00\"]" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => query.ToPageAsync(2, Forge(codec, "User|Email asc", bad)));
        }

        Assert.Equal(2, (await query.ToPageAsync(2, Forge(codec, "User|Email asc", "[\"token-1@x.io\"]"))).Items.Count);
    }

    [Fact]
    public void A_short_key_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => Client("short-secret-123"));
        Assert.DoesNotContain("short-secret-123", error.Message);
        Assert.Contains("PageTokenKey", error.Message);
    }

    // Re-signs a hand-written payload with the codec's key and the same tag layout as the codec's own tokens.
    private static string Forge(CursorToken codec, string signature, string payloadJson)
    {
        var payload = System.Text.Encoding.UTF8.GetBytes(payloadJson);
        return Base64Url.EncodeToString([.. codec.Tag(signature, payload), .. payload]);
    }
}
