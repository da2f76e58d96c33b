using System.Diagnostics;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Linq.Provider.Tests.Diagnostics;

/// <summary>
/// Spans through the OpenTelemetry SDK and its in-memory exporter: the database semantic conventions, one span per
/// operation, a transaction (and a query with LoadStrategy.Query follow-ups) as the parent of its statements.
/// </summary>
public sealed class TracingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private string Database => new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!;

    // Spans of this class's database only: other test classes run in parallel under the same source.
    private async Task<List<Activity>> TraceAsync(Func<Task> work)
    {
        var exported = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddLinqInstrumentation().AddInMemoryExporter(exported).Build())
        {
            await work();
        }

        return [.. exported.Where(a => a.GetTagItem("db.namespace") as string == Database)];
    }

    [Fact]
    public async Task A_find_is_one_client_span_with_the_conventions_attributes()
    {
        var user = await fixture.Db.Users.CreateAsync(new() { Email = "traced-secret@x.io", Name = "Traced" });
        var spans = await TraceAsync(() => fixture.Db.Users.FindFirstAsync(u => u.Email == "traced-secret@x.io"));

        var span = Assert.Single(spans);
        var builder = new NpgsqlConnectionStringBuilder(fixture.ConnectionString);
        Assert.Equal("FindFirst User", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("postgresql", span.GetTagItem("db.system.name"));
        Assert.Equal(Database, span.GetTagItem("db.namespace"));
        Assert.Equal("User", span.GetTagItem("db.collection.name"));
        Assert.Equal("FindFirst", span.GetTagItem("db.operation.name"));
        Assert.Equal(1, span.GetTagItem("db.response.returned_rows"));
        Assert.Equal(builder.Host!.Split(',')[0], span.GetTagItem("server.address"));
        Assert.Equal(builder.Port, span.GetTagItem("server.port"));
        var text = Assert.IsType<string>(span.GetTagItem("db.query.text"));
        Assert.Contains("$1", text);
        Assert.DoesNotContain("traced-secret", text);
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("traced-secret", StringComparison.Ordinal) == true);
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.NotNull(user);
    }

    [Fact]
    public async Task A_nested_create_is_one_span_whose_commit_is_its_child()
    {
        var spans = await TraceAsync(() => fixture.Db.Users.CreateAsync(new()
        {
            Email = "nested-span@x.io",
            Posts = new() { Create = [new() { Title = "One" }, new() { Title = "Two" }] },
        }));

        var operation = Assert.Single(spans, s => s.GetTagItem("db.operation.name") as string == "Create");
        Assert.Equal("Create User", operation.DisplayName);
        Assert.All(spans.Where(s => s != operation), s => Assert.Equal(operation.SpanId, s.ParentSpanId));
        Assert.All(spans.Where(s => s != operation), s => Assert.Equal("COMMIT", s.DisplayName));
        var posts = await PlainRows.ScalarAsync<long>(fixture.ConnectionString,
            "SELECT count(*) FROM \"Post\" p JOIN \"User\" u ON u.\"Id\" = p.\"AuthorId\" WHERE u.\"Email\" = 'nested-span@x.io'");
        Assert.Equal(2, posts);
    }

    [Fact]
    public async Task A_transaction_is_the_parent_span_of_its_statements()
    {
        var spans = await TraceAsync(() => fixture.Db.TransactionAsync(async tx =>
        {
            var user = await tx.Users.CreateAsync(new() { Email = "tx-span@x.io" });
            await tx.Posts.CreateAsync(new() { Title = "In tx", AuthorId = user.Id });
        }));

        var transaction = Assert.Single(spans, s => s.GetTagItem("db.operation.name") as string == "Transaction");
        Assert.Equal("Transaction " + Database, transaction.DisplayName);
        Assert.Null(transaction.GetTagItem("db.query.text"));
        var children = spans.Where(s => s != transaction).ToList();
        Assert.Equal(["Create User", "Create Post", "COMMIT"], children.Select(s => s.DisplayName));
        Assert.All(children, s => Assert.Equal(transaction.SpanId, s.ParentSpanId));
        Assert.All(children, s => Assert.Equal(transaction.TraceId, s.TraceId));
    }

    [Fact]
    public async Task Follow_up_queries_of_load_strategy_query_belong_to_their_query_span()
    {
        var author = await fixture.Db.Users.CreateAsync(new() { Email = "followup-span@x.io", Posts = new() { Create = [new() { Title = "F" }] } });
        List<User> loaded = [];
        var spans = await TraceAsync(async () => loaded = await fixture.Db.Users.Where(u => u.Id == author.Id).Include(u => u.Posts)
            .RelationLoadStrategy(LoadStrategy.Query).ToListAsync());

        var query = Assert.Single(spans, s => s.ParentSpanId == default || spans.All(p => p.SpanId != s.ParentSpanId));
        Assert.Equal("FindMany User", query.DisplayName);
        var statements = spans.Where(s => s != query).ToList();
        Assert.Equal(2, statements.Count(s => s.GetTagItem("db.query.text") is string));
        Assert.All(statements, s => Assert.Equal(query.SpanId, s.ParentSpanId));
        Assert.Contains(statements, s => s.GetTagItem("db.collection.name") as string == "Post");
        Assert.Single(Assert.Single(loaded).Posts);
    }

    [Fact]
    public async Task A_failed_operation_carries_error_type_and_the_error_status()
    {
        await fixture.Db.Users.CreateAsync(new() { Email = "span-dup@x.io" });
        var spans = await TraceAsync(() => Assert.ThrowsAsync<UniqueConstraintViolationException>(
            () => fixture.Db.Users.CreateAsync(new() { Email = "span-dup@x.io" })));

        var span = Assert.Single(spans, s => s.GetTagItem("db.operation.name") as string == "Create");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("23505", span.GetTagItem("error.type"));
        Assert.Equal("23505", span.GetTagItem("db.response.status_code"));
        Assert.Equal("P2002", span.GetTagItem("linq.error.code"));
    }

    [Fact]
    public async Task A_batch_transaction_is_one_span()
    {
        var spans = await TraceAsync(() => fixture.Db.TransactionAsync(
            Batch.Create(fixture.Db.Users, new UserCreateInput { Email = "batch-span-1@x.io" }),
            Batch.Count(fixture.Db.Users.Where(u => u.Email.StartsWith("batch-span-")))));

        var span = Assert.Single(spans);
        Assert.Equal("Transaction", span.GetTagItem("db.operation.name"));
        Assert.Contains("COMMIT", Assert.IsType<string>(span.GetTagItem("db.query.text")));
    }
}
