using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Linq.Provider.Tests.Diagnostics;

/// <summary>The structured query log: one event per statement, values only on request, slow and failed statements.</summary>
public sealed class QueryLogTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDb Client(LogCapture capture, Action<LinqDatabaseOptions>? configure = null)
    {
        var options = new LinqDatabaseOptions { LoggerFactory = capture.CreateFactory() }.UseNpgsql(fixture.ConnectionString);
        configure?.Invoke(options);
        return new TestDb(options);
    }

    [Fact]
    public async Task One_event_per_statement_with_operation_model_rows_round_trips_and_placeholders()
    {
        var capture = new LogCapture();
        await using var db = Client(capture);
        var user = await db.Users.CreateAsync(new() { Email = "log-one@x.io", Name = "Log" });
        var found = await db.Users.FindFirstAsync(u => u.Id == user.Id);
        var named = await db.Users.Where(u => u.Name == "Log").ToListAsync();
        var expected = await PlainRows.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM \"User\" WHERE \"Name\" = 'Log'");

        var executed = capture.Entries.Where(e => e.EventId == LinqEventIds.StatementExecuted).ToList();
        Assert.Equal(3, executed.Count);
        Assert.All(executed, e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.All(executed, e => Assert.Equal("Linq.Database", e.Category));
        Assert.All(executed, e => Assert.Equal("User", e.State["Model"]));
        Assert.Equal(["Create", "FindFirst", "FindMany"], executed.Select(e => e.State["Operation"]));
        Assert.Equal(["1", "1", expected.ToString()], executed.Select(e => e.State["Rows"]));
        Assert.All(executed, e => Assert.Equal("1", e.State["RoundTrips"]));
        Assert.All(executed, e => Assert.Contains("$1", e.State["Sql"]));
        Assert.All(executed, e => Assert.True(double.Parse(e.State["ElapsedMs"]!, System.Globalization.CultureInfo.CurrentCulture) >= 0));
        Assert.NotNull(found);
        Assert.Equal(expected, named.Count);
    }

    [Fact]
    public async Task A_secret_value_appears_in_no_log_line_by_default()
    {
        const string secret = "s3cr3t-value-7f1c";
        var capture = new LogCapture();
        await using var db = Client(capture);
        var user = await db.Users.CreateAsync(new() { Email = secret + "@x.io", Name = secret });
        await db.Users.FindUniqueAsync(u => u.Email == secret + "@x.io");
        await db.Users.Where(u => u.Name == secret).Include(u => u.Posts).ToListAsync();
        await db.Users.Where(u => u.Name == secret).Include(u => u.Posts).RelationLoadStrategy(LoadStrategy.Query).ToListAsync();
        await db.Users.UpdateAsync(u => u.Id == user.Id, new() { Name = secret + "2" });
        await db.QueryRawAsync<int>($"SELECT count(*)::int FROM \"User\" WHERE \"Name\" = {secret + "2"}");
        // A failure (unique violation on the secret) is logged too, and must not carry it either.
        await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => db.Users.CreateAsync(new() { Email = secret + "@x.io" }));
        await db.TransactionAsync(async tx => await tx.Users.FindUniqueAsync(u => u.Email == secret + "@x.io"));

        Assert.Contains(capture.Entries, e => e.EventId == LinqEventIds.StatementFailed);
        Assert.True(capture.Entries.Count(e => e.EventId == LinqEventIds.StatementExecuted) >= 7);
        Assert.DoesNotContain(capture.AllText(), line => line.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogParameterValues_adds_the_values()
    {
        var capture = new LogCapture();
        await using var db = Client(capture, o => o.LogParameterValues = true);
        await db.Users.Where(u => u.Email == "shown-value@x.io").CountAsync();
        var entry = Assert.Single(capture.Entries, e => e.EventId == LinqEventIds.StatementExecutedWithParameters);
        Assert.Contains("$1=shown-value@x.io", entry.State["Parameters"]);
        Assert.Equal("Count", entry.State["Operation"]);
    }

    [Fact]
    public async Task A_statement_over_the_threshold_logs_a_warning_and_one_under_does_not()
    {
        var capture = new LogCapture();
        await using (var db = Client(capture, o => o.SlowStatementThreshold = TimeSpan.FromMilliseconds(10)))
        {
            await db.ExecuteRawAsync($"SELECT pg_sleep(0.05)");
        }

        var slow = Assert.Single(capture.Entries, e => e.EventId == LinqEventIds.SlowStatement);
        Assert.Equal(LogLevel.Warning, slow.Level);
        Assert.Equal("ExecuteRaw", slow.State["Operation"]);
        Assert.Contains("pg_sleep", slow.State["Sql"]);
        Assert.True(double.Parse(slow.State["ElapsedMs"]!, System.Globalization.CultureInfo.CurrentCulture) >= 50);

        var quiet = new LogCapture();
        await using (var db = Client(quiet, o => o.SlowStatementThreshold = TimeSpan.FromHours(1)))
        {
            await db.ExecuteRawAsync($"SELECT pg_sleep(0.05)");
        }

        Assert.DoesNotContain(quiet.Entries, e => e.EventId == LinqEventIds.SlowStatement);
        Assert.Single(quiet.Entries, e => e.EventId == LinqEventIds.StatementExecuted);
    }

    [Fact]
    public async Task A_server_error_is_logged_once_at_error_level_with_its_code()
    {
        var capture = new LogCapture();
        await using var db = Client(capture);
        await db.Users.CreateAsync(new() { Email = "twice-logged@x.io" });
        var error = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => db.Users.CreateAsync(new() { Email = "twice-logged@x.io" }));

        var failed = Assert.Single(capture.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(LinqEventIds.StatementFailed, failed.EventId);
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Equal("P2002", failed.State["Code"]);
        Assert.Equal(error.Code, failed.State["Code"]);
        Assert.Equal("Create", failed.State["Operation"]);
        Assert.Contains(nameof(UniqueConstraintViolationException), failed.Exception);
        Assert.Contains("P2002", failed.Message);
    }

    [Fact]
    public async Task A_cancelled_statement_is_not_logged_as_an_error()
    {
        var capture = new LogCapture();
        await using var db = Client(capture);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => db.ExecuteRawAsync($"SELECT pg_sleep(5)", cancel.Token));

        Assert.DoesNotContain(capture.Entries, e => e.Level >= LogLevel.Warning);
        var cancelled = Assert.Single(capture.Entries, e => e.EventId == LinqEventIds.StatementCancelled);
        Assert.Equal(LogLevel.Debug, cancelled.Level);
    }

    [Fact]
    public async Task Nothing_is_logged_when_the_level_is_off()
    {
        var capture = new LogCapture();
        var options = new LinqDatabaseOptions
        {
            LoggerFactory = LoggerFactory.Create(b => b.AddProvider(capture).AddFilter("Linq", LogLevel.None)),
        }.UseNpgsql(fixture.ConnectionString);
        await using var db = new TestDb(options);
        await db.Users.CreateAsync(new() { Email = "off-level@x.io" });
        await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => db.Users.CreateAsync(new() { Email = "off-level@x.io" }));
        Assert.Empty(capture.Entries);
    }

    [Fact]
    public async Task The_raw_error_of_an_unmapped_server_error_keeps_its_sqlstate_as_the_code()
    {
        var capture = new LogCapture();
        await using var db = Client(capture);
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteRawAsync($"SELECT * FROM no_such_table_for_logs"));
        var failed = Assert.Single(capture.Entries, e => e.EventId == LinqEventIds.StatementFailed);
        Assert.Equal("42P01", failed.State["Code"]);
        Assert.Equal("(no model)", failed.State["Model"]);
    }
}
