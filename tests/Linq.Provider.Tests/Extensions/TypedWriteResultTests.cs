using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;

namespace Linq.Provider.Tests.Extensions;

/// <summary>
/// Typed write results: <c>AsResult()</c> turns P2002, P2003, P2025 and L2001 into cases of <see cref="WriteResult{T}"/>
/// (one per write kind), leaves other errors thrown, and the database is checked with plain Npgsql after each write.
/// The compile-time exhaustiveness of Match is tested in Linq.Generators.Tests (WriteResultCompileTests).
/// </summary>
public sealed class TypedWriteResultTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static string Email() => $"tr-{Guid.NewGuid():N}"[..20] + "@x.io";

    private static string Describe<T>(WriteResult<T> result) => result.Match(
        ok: value => "ok",
        uniqueViolation: v => "unique:" + v.Model + ":" + string.Join(",", v.Fields),
        foreignKeyViolation: v => "fk:" + v.Model + ":" + string.Join(",", v.Fields),
        notFound: v => "missing:" + v.Model,
        concurrencyConflict: v => "conflict:" + string.Join(",", v.Fields));

    private Task<long> CountAsync(string sql) => PlainRows.ScalarAsync<long>(fixture.ConnectionString, sql);

    [Fact]
    public async Task Create_returns_ok_with_the_row_or_the_unique_violation()
    {
        var email = Email();
        var created = await fixture.Db.Users.CreateAsync(new() { Email = email, Name = "A" }).AsResult();
        Assert.True(created.IsOk);
        Assert.Equal(WriteOutcome.Ok, created.Outcome);
        Assert.Equal(email, created.Value.Email);
        Assert.Equal("ok", Describe(created));

        var duplicate = await fixture.Db.Users.CreateAsync(new() { Email = email, Name = "B" }).AsResult();
        Assert.Equal(WriteOutcome.UniqueViolation, duplicate.Outcome);
        Assert.Equal("unique:User:Email", Describe(duplicate));
        Assert.Equal("P2002", duplicate.Error!.Code);
        Assert.False(duplicate.TryGetValue(out _));
        Assert.Same(duplicate.Error, Assert.Throws<UniqueConstraintViolationException>(() => duplicate.Value));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM \"User\" WHERE \"Email\" = '{email}'"));
    }

    [Fact]
    public async Task A_missing_parent_is_the_foreign_key_violation()
    {
        var missing = await fixture.Db.Posts.CreateAsync(new() { Title = "orphan", AuthorId = int.MaxValue }).AsResult();
        Assert.Equal("fk:Post:AuthorId", Describe(missing));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM \"Post\" WHERE \"AuthorId\" = {int.MaxValue}"));
    }

    [Fact]
    public async Task Update_and_delete_of_a_missing_row_are_not_found_and_of_an_existing_row_ok()
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = Email() });
        var updated = await fixture.Db.Users.UpdateAsync(u => u.Id == user.Id, new() { Name = "new" }).AsResult();
        Assert.Equal("new", updated.Value.Name);
        Assert.Equal("missing:User", Describe(await fixture.Db.Users.UpdateAsync(u => u.Id == -5, new() { Name = "x" }).AsResult()));

        Assert.Equal(user.Id, (await fixture.Db.Users.DeleteAsync(u => u.Id == user.Id).AsResult()).Value.Id);
        Assert.Equal("missing:User", Describe(await fixture.Db.Users.DeleteAsync(u => u.Id == user.Id).AsResult()));
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM \"User\" WHERE \"Id\" = {user.Id}"));
    }

    [Fact]
    public async Task Counts_of_many_writes_and_upserts_are_results_too()
    {
        var email = Email();
        var upserted = await fixture.Db.Users.UpsertAsync(u => u.Email == email, new() { Email = email, Name = "c" }, new() { Name = "u" }).AsResult();
        Assert.Equal("c", upserted.Value.Name);
        var many = await fixture.Db.Users.UpdateManyAsync(u => u.Email == email, new() { Name = "m" }).AsResult();
        Assert.Equal(1, many.Value);
        var taken = await fixture.Db.Users.UpdateManyAsync(u => u.Email == email, new() { Email = "taken-" + email }).AsResult();
        Assert.Equal(1, taken.Value);
        await fixture.Db.Users.CreateAsync(new() { Email = email });
        var clash = await fixture.Db.Users.UpdateManyAsync(u => u.Email == email, new() { Email = "taken-" + email }).AsResult();
        Assert.Equal("unique:User:Email", Describe(clash));
    }

    [Fact]
    public async Task Deleting_a_row_still_referenced_is_the_foreign_key_violation()
    {
        // comments.post_id references "Post" ON DELETE RESTRICT: the post stays, and the refusal is a case, not an exception.
        var user = await fixture.Db.Users.CreateAsync(new() { Email = Email() });
        var post = await fixture.Db.Posts.CreateAsync(new() { Title = "p", AuthorId = user.Id });
        await fixture.Db.Comments.CreateAsync(new() { Text = "c", PostId = post.Id });
        var result = await fixture.Db.Posts.DeleteAsync(p => p.Id == post.Id).AsResult();
        Assert.Equal(WriteOutcome.ForeignKeyViolation, result.Outcome);
        Assert.Equal("P2003", result.Error!.Code);
        Assert.StartsWith("fk:", Describe(result), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM \"Post\" WHERE \"Id\" = {post.Id}"));
    }

    [Fact]
    public async Task A_stale_concurrency_token_is_its_own_case()
    {
        var code = Guid.NewGuid().ToString("N")[..12];
        var journal = await fixture.Db.Journals.CreateAsync(new() { Code = code, OpensAt = new DateTime(2024, 1, 1), BookedAt = DateTime.UtcNow });
        var first = await fixture.Db.Journals.UpdateAsync(j => j.Id == journal.Id && j.Version == 0, new() { Label = "first" }).AsResult();
        Assert.Equal(1, first.Value.Version);
        var stale = await fixture.Db.Journals.UpdateAsync(j => j.Id == journal.Id && j.Version == 0, new() { Label = "lost" }).AsResult();
        Assert.Equal("conflict:Version", Describe(stale));
        Assert.Equal("L2001", stale.Error!.Code);
        Assert.Equal("first", (await PlainRows.ReadAsync(fixture.ConnectionString, $"SELECT \"Label\" FROM \"Journal\" WHERE \"Id\" = {journal.Id}", r => r.Get<string>("Label")))[0]);
    }

    [Fact]
    public async Task Unexpected_errors_still_throw()
    {
        // A value longer than its column (P2000) is a bug in the caller, not an expected outcome: it is not a case.
        var tooLong = new string('x', 13);
        await Assert.ThrowsAsync<ValueTooLongException>(() =>
            fixture.Db.Journals.CreateAsync(new() { Code = tooLong, OpensAt = new DateTime(2024, 1, 1), BookedAt = DateTime.UtcNow }).AsResult());
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM \"Journal\" WHERE \"Code\" LIKE 'xxxxxxxxxxx%'"));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Db.Users.CreateAsync(new() { Email = Email() }, cancelled.Token).AsResult());
        await Assert.ThrowsAsync<ArgumentNullException>(() => WriteResultExtensions.AsResult<User>(null!));
    }

    [Fact]
    public async Task A_default_result_is_refused()
    {
        var none = default(WriteResult<int>);
        Assert.Equal(WriteOutcome.None, none.Outcome);
        Assert.Throws<InvalidOperationException>(() => Describe(none));
        Assert.Throws<InvalidOperationException>(() => none.Value);
        await Task.CompletedTask;
    }
}
