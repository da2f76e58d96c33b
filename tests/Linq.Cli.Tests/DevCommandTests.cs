using System.Text.RegularExpressions;
using Linq.Cli.Tests.Infrastructure;
using Npgsql;

namespace Linq.Cli.Tests;

/// <summary>linq dev / dev status / dev stop: a real persistent cluster in .linq/dev of a project folder.</summary>
public sealed partial class DevCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linq_cli_dev_" + Guid.NewGuid().ToString("N")[..10]);
    private static readonly Dictionary<string, string?> NoUrls = new();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        // Whatever happened, leave no server running.
        await Tool.RunAsync(_folder, NoUrls, "dev", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Dev_creates_starts_stops_and_restarts_a_cluster_that_keeps_its_data_and_port()
    {
        var none = await Tool.RunAsync(_folder, NoUrls, "dev", "status");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("not created", none.Output, StringComparison.Ordinal);

        var start = await Tool.RunAsync(_folder, NoUrls, "dev");
        Assert.True(start.ExitCode == 0, start.ToString());
        var url = UrlIn(start.Output);
        var port = PortIn(start.Output);
        Assert.Contains($"@127.0.0.1:{port}/dev", url, StringComparison.Ordinal);
        Assert.Equal("*", File.ReadAllLines(Path.Combine(_folder, ".linq", ".gitignore")).Last());

        // The printed URL works: write a row with plain Npgsql.
        var connectionString = new LinqDatabaseOptions().UseNpgsql(url).ConnectionString!;
        await ExecuteAsync(connectionString, "CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (42)");

        var running = await Tool.RunAsync(_folder, NoUrls, "dev", "status");
        Assert.True(running.ExitCode == 0, running.ToString());
        Assert.Contains($"running on port {port}", running.Output, StringComparison.Ordinal);
        var again = await Tool.RunAsync(_folder, NoUrls, "dev");
        Assert.Contains("already running", again.Output, StringComparison.Ordinal);

        var stop = await Tool.RunAsync(_folder, NoUrls, "dev", "stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var stopped = await Tool.RunAsync(_folder, NoUrls, "dev", "status");
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("stopped", stopped.Output, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(connectionString, "SELECT 1"));

        var restart = await Tool.RunAsync(_folder, NoUrls, "dev");
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.Contains("data kept", restart.Output, StringComparison.Ordinal);
        Assert.Equal(url, UrlIn(restart.Output));
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("SELECT id FROM kept");
        Assert.Equal(42, (int)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Dev_never_prints_a_url_from_the_environment()
    {
        var environment = new Dictionary<string, string?> { ["DATABASE_URL"] = "postgresql://app:prod-s3cret@db.example.com/app" };
        var status = await Tool.RunAsync(_folder, environment, "dev", "status");
        Assert.DoesNotContain("prod-s3cret", status.All, StringComparison.Ordinal);
        var stop = await Tool.RunAsync(_folder, environment, "dev", "stop");
        Assert.Equal(0, stop.ExitCode);
        Assert.Contains("not running", stop.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("prod-s3cret", stop.All, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string UrlIn(string output) => DatabaseUrl().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("No DATABASE_URL in:\n" + output);

    private static int PortIn(string output) => int.Parse(Port().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^DATABASE_URL=\"([^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex DatabaseUrl();

    [GeneratedRegex(@"on port (\d+)")]
    private static partial Regex Port();
}
