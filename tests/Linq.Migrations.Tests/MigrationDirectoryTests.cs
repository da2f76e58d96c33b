using System.Text;
using Linq.Migrations.History;
using Linq.Migrations.Tests.Infrastructure;

namespace Linq.Migrations.Tests;

public sealed class MigrationDirectoryTests
{
    [Fact]
    public async Task Creates_and_reads_migrations_in_order()
    {
        using var folder = new TempDirectory();
        var directory = new MigrationDirectory(Path.Combine(folder.Path, "migrations"));
        Assert.Empty(await directory.LoadAsync());

        var second = await directory.CreateAsync("add_name", "ALTER TABLE t ADD COLUMN n text;\n", new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));
        var first = await directory.CreateAsync("init", "CREATE TABLE t (id int);\n", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        File.WriteAllText(Path.Combine(directory.Path, "migration_lock.toml"), "ignored");
        Directory.CreateDirectory(Path.Combine(directory.Path, ".hidden"));

        var loaded = await directory.LoadAsync();

        Assert.Equal(["20250101000000_init", "20250304030607_add_name"], loaded.Select(m => m.Name));
        Assert.Equal(first.Checksum, loaded[0].Checksum);
        Assert.Equal(Path.Combine(directory.Path, "20250304030607_add_name", "migration.sql"), second.FilePath);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("CREATE TABLE t (id int);\n"))), first.Checksum);
        await Assert.ThrowsAsync<MigrationDirectoryException>(() => directory.CreateAsync("init", "", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        await Assert.ThrowsAsync<MigrationDirectoryException>(() => directory.CreateAsync("bad name", ""));
        await Assert.ThrowsAsync<MigrationDirectoryException>(() => directory.CreateAsync("../escape", ""));
    }

    [Fact]
    public async Task Malformed_folders_are_errors()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "2025_bad"));
        var error = await Assert.ThrowsAsync<MigrationDirectoryException>(() => new MigrationDirectory(folder.Path).LoadAsync());
        Assert.Contains("2025_bad", error.Message, StringComparison.Ordinal);

        Directory.Delete(Path.Combine(folder.Path, "2025_bad"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "20250101000000_empty"));
        error = await Assert.ThrowsAsync<MigrationDirectoryException>(() => new MigrationDirectory(folder.Path).LoadAsync());
        Assert.Contains("migration.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_no_transaction_marker_must_be_the_first_line()
    {
        Assert.False(Migration.FromBytes("20250101000000_a", Encoding.UTF8.GetBytes("-- linq:no-transaction\r\nCREATE INDEX CONCURRENTLY i ON t (a);")).RunsInTransaction);
        Assert.False(Migration.FromBytes("20250101000000_a", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("-- linq:no-transaction  \n")]).RunsInTransaction);
        Assert.True(Migration.FromBytes("20250101000000_a", Encoding.UTF8.GetBytes("\n-- linq:no-transaction\n")).RunsInTransaction);
        Assert.True(Migration.FromBytes("20250101000000_a", Encoding.UTF8.GetBytes("-- linq:no-transactions\n")).RunsInTransaction);
        Assert.Throws<MigrationDirectoryException>(() => Migration.FromBytes("20250101000000_a", [0xC3, 0x28]));
        Assert.Throws<MigrationDirectoryException>(() => Migration.FromBytes("2025_a", []));
    }
}
