using System.Diagnostics;
using Linq.Cli.Tests.Infrastructure;

namespace Linq.Cli.Tests;

/// <summary>migrate deploy, status, resolve and reset: no project build, only a migrations folder and a database.</summary>
public sealed class DeployTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linq_cli_deploy_" + Guid.NewGuid().ToString("N")[..10]);

    public DeployTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Four_concurrent_deploys_all_succeed_and_apply_each_migration_once()
    {
        Write("20250101000000_init", "CREATE TABLE \"item\" (\"id\" integer PRIMARY KEY, \"name\" text);\nSELECT pg_sleep(0.5);\n");
        Write("20250102000000_seed", "INSERT INTO \"item\" VALUES (1, 'one');\n");
        Write("20250103000000_more", "ALTER TABLE \"item\" ADD COLUMN \"price\" numeric;\nUPDATE \"item\" SET \"price\" = 1;\n");
        await using var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string?> { ["DIRECT_URL"] = db.Url, ["DATABASE_URL"] = "postgresql://pooler.invalid:6543/never" };

        var pending = await Tool.RunAsync(_folder, env, "migrate", "status", "--skip-drift-check");
        Assert.Equal(1, pending.ExitCode);
        Assert.Contains("Pending (run 'linq migrate deploy'): 3", pending.Output, StringComparison.Ordinal);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Tool.RunAsync(_folder, env, "migrate", "deploy")));
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(3, runs.Sum(r => r.Output.Split('\n').Count(l => l.StartsWith("Applied ", StringComparison.Ordinal))));
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT count(*) FROM \"_linq_migrations\""));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM \"item\""));

        var status = await Tool.RunAsync(_folder, env, "migrate", "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("Applied: 3", status.Output, StringComparison.Ordinal);
        Assert.Contains("No drift", status.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await TestServer.ShadowCountAsync());
    }

    [Fact]
    public async Task A_failed_migration_blocks_deploy_until_resolved_and_a_changed_one_is_refused()
    {
        Write("20250101000000_init", "CREATE TABLE \"item\" (\"id\" integer PRIMARY KEY);\n");
        Write("20250102000000_broken", "INSERT INTO \"item\" VALUES (1);\nINSERT INTO \"item\" VALUES (1);\n");
        await using var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };

        var failed = await Tool.RunAsync(_folder, env, "migrate", "deploy");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("20250102000000_broken", failed.Error, StringComparison.Ordinal);
        Assert.Contains("23505", failed.Error, StringComparison.Ordinal);
        Assert.Single(failed.Error.Trim().Split('\n'));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM \"item\""));

        var blocked = await Tool.RunAsync(_folder, env, "migrate", "deploy");
        Assert.Equal(1, blocked.ExitCode);
        Assert.Contains("migrate resolve", blocked.Error, StringComparison.Ordinal);
        var status = await Tool.RunAsync(_folder, env, "migrate", "status", "--skip-drift-check");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("1 failed", status.Error, StringComparison.Ordinal);

        Write("20250102000000_broken", "INSERT INTO \"item\" VALUES (1);\n");
        var resolved = await Tool.RunAsync(_folder, env, "migrate", "resolve", "--rolled-back", "20250102000000_broken");
        Assert.True(resolved.ExitCode == 0, resolved.ToString());
        var deployed = await Tool.RunAsync(_folder, env, "migrate", "deploy");
        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        Assert.Contains("Applied 20250102000000_broken", deployed.Output, StringComparison.Ordinal);

        File.AppendAllText(Path.Combine(_folder, "migrations", "20250101000000_init", "migration.sql"), "-- changed\n");
        var modified = await Tool.RunAsync(_folder, env, "migrate", "deploy");
        Assert.Equal(1, modified.ExitCode);
        Assert.Contains("20250101000000_init' was modified after it was applied", modified.Error, StringComparison.Ordinal);

        var both = await Tool.RunAsync(_folder, env, "migrate", "resolve", "--applied", "a", "--rolled-back", "b");
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Reset_refuses_without_force_when_not_run_from_a_terminal()
    {
        Write("20250101000000_init", "CREATE TABLE \"item\" (\"id\" integer PRIMARY KEY);\n");
        await using var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };
        Assert.Equal(0, (await Tool.RunAsync(_folder, env, "migrate", "deploy")).ExitCode);
        await db.ExecuteAsync("INSERT INTO \"item\" VALUES (1), (2)");

        var refused = await Tool.RunAsync(_folder, env, "migrate", "reset");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("needs --force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM \"item\""));

        File.WriteAllText(Path.Combine(_folder, "linq.config.json"), """{ "seed": "echo seeded-by-config" }""");
        var reset = await Tool.RunAsync(_folder, env, "migrate", "reset", "--force");
        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains("Applied 20250101000000_init", reset.Output, StringComparison.Ordinal);
        Assert.Contains("seeded-by-config", reset.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM \"item\""));

        var seed = await Tool.RunAsync(_folder, env, "db", "seed");
        Assert.True(seed.ExitCode == 0, seed.ToString());
        Assert.Contains("seeded-by-config", seed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shadow_database_is_dropped_after_a_failure_and_after_sigint()
    {
        using var project = new FixtureProject("""
            using Linq;
            namespace Tiny;
            [Model] public partial class Note { [Id] public int Id { get; set; } }
            [Database] public partial class TinyDb : LinqDatabase;
            """);
        await using var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string?> { ["DATABASE_URL"] = db.Url };
        var migrations = project.MigrationsDirectory;

        // A history that does not apply to an empty database fails on the shadow database.
        Directory.CreateDirectory(Path.Combine(migrations, "20250101000000_broken"));
        File.WriteAllText(Path.Combine(migrations, "20250101000000_broken", "migration.sql"), "ALTER TABLE \"missing\" ADD COLUMN \"x\" text;\n");
        var failed = await Tool.RunAsync(project.Directory, env, "migrate", "dev", "--name", "next");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("do not apply to an empty database", failed.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await TestServer.ShadowCountAsync());

        // Ctrl+C while the history replays on the shadow database.
        File.WriteAllText(Path.Combine(migrations, "20250101000000_broken", "migration.sql"), "SELECT pg_sleep(60);\n");
        using var process = Tool.Start(project.Directory, env, "migrate", "dev", "--name", "next", "--no-build");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (await TestServer.ShadowCountAsync() == 0)
        {
            // (Messages are built only on failure: awaiting the output waits for the process to end.)
            if (process.HasExited || waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                Assert.Fail("No shadow database appeared in " + await TestServer.DatabasesAsync() + ":\n" + (process.HasExited ? await output + await error : "(still running)"));
            }

            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        if (process.HasExited)
        {
            Assert.Fail("The tool exited early:\n" + await output + await error);
        }

        Assert.Equal(1L, await TestServer.ShadowCountAsync());
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{await output}\n{await error}");
        Assert.Contains("cancelled", await error, StringComparison.Ordinal);
        Assert.Equal(0L, await TestServer.ShadowCountAsync());
    }

    private void Write(string name, string sql)
    {
        var folder = Path.Combine(_folder, "migrations", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "migration.sql"), sql);
    }
}
