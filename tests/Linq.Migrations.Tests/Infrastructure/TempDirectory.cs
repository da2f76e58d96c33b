namespace Linq.Migrations.Tests.Infrastructure;

/// <summary>A migrations folder in the temp directory, removed at the end.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "linq_mig_" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Writes <c>&lt;name&gt;/migration.sql</c>.</summary>
    public string Write(string name, string sql)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, "migration.sql");
        File.WriteAllText(file, sql);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
