using Linq.Cli.Tests.Infrastructure;

namespace Linq.Cli.Tests;

/// <summary>Help, usage errors, init and the configuration file: no database needed.</summary>
public sealed class ConfigAndHelpTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "linq_cli_config_" + Guid.NewGuid().ToString("N")[..10]);

    public ConfigAndHelpTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Help_explains_the_commands_and_mistakes_give_one_line_and_a_non_zero_exit()
    {
        var help = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "init", "migrate", "db" })
        {
            Assert.Contains(command, help.Output, StringComparison.Ordinal);
        }

        var migrateHelp = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "migrate", "--help");
        foreach (var command in new[] { "dev", "deploy", "status", "reset", "resolve", "diff" })
        {
            Assert.Contains("  " + command + " ", migrateHelp.Output, StringComparison.Ordinal);
        }

        var noUrl = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "migrate", "deploy");
        Assert.Equal(1, noUrl.ExitCode);
        Assert.Equal("error: No database given: set DATABASE_URL (or DIRECT_URL for a direct connection when DATABASE_URL goes through a pooler), or pass --url.",
            noUrl.Error.Trim());

        var badUrl = await Tool.RunAsync(_folder, new Dictionary<string, string?> { ["DATABASE_URL"] = "postgresql://u:s3cret#x@host/db" }, "migrate", "status");
        Assert.Equal(1, badUrl.ExitCode);
        Assert.DoesNotContain("s3cret", badUrl.All, StringComparison.Ordinal);
        Assert.Single(badUrl.Error.Trim().Split('\n'));

        var noProject = await Tool.RunAsync(_folder, new Dictionary<string, string?> { ["DATABASE_URL"] = "postgresql://u@localhost/db" }, "db", "push");
        Assert.Equal(1, noProject.ExitCode);
        Assert.Contains("No .csproj", noProject.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", noProject.All, StringComparison.Ordinal);

        var unknown = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "migrate", "sideways");
        Assert.NotEqual(0, unknown.ExitCode);
    }

    [Fact]
    public async Task Init_writes_the_configuration_and_a_literal_password_in_it_is_refused()
    {
        var init = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "init");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(Directory.Exists(Path.Combine(_folder, "migrations")));
        var config = File.ReadAllText(Path.Combine(_folder, "linq.config.json"));
        Assert.Contains("\"databaseUrl\": \"DATABASE_URL\"", config, StringComparison.Ordinal);
        var twice = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "init");
        Assert.Equal(1, twice.ExitCode);

        File.WriteAllText(Path.Combine(_folder, "linq.config.json"), """{ "env": { "databaseUrl": "postgresql://app:hunter2@db.example.com/app" } }""");
        var refused = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "migrate", "status");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("\"env.databaseUrl\" contains a password", refused.Error, StringComparison.Ordinal);
        Assert.Contains("environment variable", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refused.All, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_folder, "linq.config.json"), """{ "seed": "psql 'Host=x;Password=hunter2' -f seed.sql" }""");
        var inSeed = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "db", "seed");
        Assert.Equal(1, inSeed.ExitCode);
        Assert.Contains("\"seed\" contains a password", inSeed.Error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_folder, "linq.config.json"), """{ "env": { "databaseUrl": "postgresql://localhost/app" } }""");
        var notAName = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "migrate", "status");
        Assert.Equal(1, notAName.ExitCode);
        Assert.Contains("must be the name of an environment variable", notAName.Error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_folder, "linq.config.json"), """{ "migratons": "x" }""");
        var typo = await Tool.RunAsync(_folder, new Dictionary<string, string?>(), "migrate", "status");
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("unknown key \"migratons\"", typo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configuration_names_the_variables_and_the_migrations_folder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "db", "history", "20250101000000_init"));
        File.WriteAllText(Path.Combine(_folder, "db", "history", "20250101000000_init", "migration.sql"), "CREATE TABLE \"t\" (\"id\" integer PRIMARY KEY);\n");
        File.WriteAllText(Path.Combine(_folder, "linq.config.json"), """{ "migrations": "db/history", "env": { "databaseUrl": "APP_DB" } }""");
        await using var db = await TestDatabase.CreateAsync();
        var deploy = await Tool.RunAsync(_folder, new Dictionary<string, string?> { ["APP_DB"] = db.Url }, "migrate", "deploy");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("Applied 20250101000000_init", deploy.Output, StringComparison.Ordinal);
    }
}
