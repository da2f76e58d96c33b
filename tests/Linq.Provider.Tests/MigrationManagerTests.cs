using System.Text;
using Linq.Migrations;
using Linq.Provider.Tests.Infrastructure;
using Linq.Provider.Tests.Models;
using Npgsql;

namespace Linq.Provider.Tests;

/// <summary>db.Schema.PushAsync as a diff, and db.Migrations for services that migrate at start-up.</summary>
public sealed partial class MigrationManagerTests
{
    [Fact]
    public async Task Push_changes_only_what_differs_and_refuses_data_loss_unless_accepted()
    {
        await using var scope = await EmptyDatabase.CreateAsync();
        await using var db = new TestDb(scope.ConnectionString);
        Assert.NotEmpty(await db.Schema.PushAsync());
        await db.Users.CreateAsync(new() { Email = "a@x.io" });

        // A column the model does not have: pushing would drop it with its values.
        await scope.ExecuteAsync("ALTER TABLE \"User\" ADD COLUMN \"Nickname\" text; UPDATE \"User\" SET \"Nickname\" = 'ax';");
        var refused = await Assert.ThrowsAsync<DataLossException>(() => db.Schema.PushAsync());
        Assert.Contains("drop column \"User\".\"Nickname\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains("(1 non-null values)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await scope.ScalarAsync<long>("SELECT count(\"Nickname\") FROM \"User\""));

        var applied = await db.Schema.PushAsync(acceptDataLoss: true);
        Assert.Single(applied);
        Assert.Empty(await db.Schema.PushAsync());
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Deploy_applies_pending_migrations_once_and_status_reports_them()
    {
        await using var scope = await EmptyDatabase.CreateAsync();
        var folder = Path.Combine(Path.GetTempPath(), "linq_mm_" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var creator = new TestDb(scope.ConnectionString);
            Write(folder, "20250101000000_init", creator.Schema.CreateSql());
            await using var db = new TestDb(new LinqDatabaseOptions { MigrationsDirectory = folder }.UseNpgsql(scope.ConnectionString));

            var before = await db.Migrations.StatusAsync();
            Assert.Equal(["20250101000000_init"], before.Pending);
            Assert.False(before.IsUpToDate);

            var deployed = await db.Migrations.DeployAsync();
            Assert.Equal(["20250101000000_init"], deployed.Applied);

            // The enum types the migration created work at once (the type cache was reloaded).
            var admin = await db.Users.CreateAsync(new() { Email = "admin@x.io", Role = Role.Admin });
            Assert.Equal(Role.Admin, admin.Role);

            Write(folder, "20250102000000_nickname", "ALTER TABLE \"User\" ADD COLUMN \"Nickname\" text;\nUPDATE \"User\" SET \"Nickname\" = 'n';\n");
            Assert.Equal(["20250102000000_nickname"], (await db.Migrations.DeployAsync(folder)).Applied);
            Assert.Empty((await db.Migrations.DeployAsync()).Applied);
            Assert.True((await db.Migrations.StatusAsync()).IsUpToDate);
            Assert.Equal(2L, await scope.ScalarAsync<long>("SELECT count(*) FROM \"_linq_migrations\" WHERE status = 'applied'"));

            // A changed applied migration is refused, naming the file.
            File.AppendAllText(Path.Combine(folder, "20250102000000_nickname", "migration.sql"), "-- edited\n");
            var modified = await Assert.ThrowsAsync<MigrationModifiedException>(() => db.Migrations.DeployAsync());
            Assert.Contains("20250102000000_nickname", modified.Message, StringComparison.Ordinal);
            Assert.Equal(["20250102000000_nickname"], (await db.Migrations.StatusAsync()).Modified);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Deploy_reads_embedded_migrations_and_refuses_a_missing_folder()
    {
        await using var scope = await EmptyDatabase.CreateAsync();
        await using var missing = new TestDb(new LinqDatabaseOptions { MigrationsDirectory = "no_such_folder" }.UseNpgsql(scope.ConnectionString));
        var error = await Assert.ThrowsAsync<MigrationDirectoryException>(() => missing.Migrations.DeployAsync());
        Assert.Contains("no_such_folder", error.Message, StringComparison.Ordinal);

        // This test assembly embeds migrations/20250101000000_embedded/migration.sql.
        await using var db = new TestDb(new LinqDatabaseOptions { MigrationsAssembly = typeof(MigrationManagerTests).Assembly }.UseNpgsql(scope.ConnectionString));
        Assert.Equal(["20250101000000_embedded"], (await db.Migrations.DeployAsync()).Applied);
        Assert.Equal(1L, await scope.ScalarAsync<long>("SELECT count(*) FROM \"embedded_check\""));
        Assert.True((await db.Migrations.StatusAsync()).IsUpToDate);
    }

    [Fact]
    public async Task The_sample_migrations_produce_the_shared_model()
    {
        // samples/Blog/migrations must keep up with samples/Blog.Model: after a model change, run
        // 'linq migrate dev --project samples/Blog --name what_changed' and commit the migration.
        await using var scope = await EmptyDatabase.CreateAsync();
        var folder = Path.Combine(RepositoryRoot(), "samples", "Blog", "migrations");
        await using var db = new BlogDb(scope.ConnectionString);
        Assert.NotEmpty((await db.Migrations.DeployAsync(folder)).Applied);
        var missing = await db.Schema.PushAsync();
        Assert.True(missing.Count == 0, "samples/Blog/migrations lack: " + string.Join("; ", missing.Select(m => m.Operation.Description)));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Linq.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Linq.sln above " + AppContext.BaseDirectory);
    }

    private static void Write(string folder, string name, string sql)
    {
        Directory.CreateDirectory(Path.Combine(folder, name));
        File.WriteAllText(Path.Combine(folder, name, "migration.sql"), sql, new UTF8Encoding(false));
    }

    private sealed class EmptyDatabase : IAsyncDisposable
    {
        private EmptyDatabase(string name, string connectionString)
        {
            Name = name;
            ConnectionString = connectionString;
        }

        public string Name { get; }

        public string ConnectionString { get; }

        public static async Task<EmptyDatabase> CreateAsync()
        {
            var (server, _) = await TestServer.GetAsync();
            var name = "linq_mm_" + Guid.NewGuid().ToString("N")[..8];
            return new EmptyDatabase(name, await server.CreateDatabaseAsync(name));
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async Task<T> ScalarAsync<T>(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return (T)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            var (server, _) = await TestServer.GetAsync();
            await server.DropDatabaseAsync(Name);
        }
    }
}
