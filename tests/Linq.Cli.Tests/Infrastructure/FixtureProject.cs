namespace Linq.Cli.Tests.Infrastructure;

/// <summary>
/// A small project with a [Database] class in a temp folder, compiled against the Linq assemblies the tool was built
/// with (no project references, so building it compiles only its own files), removed at the end.
/// </summary>
internal sealed class FixtureProject : IDisposable
{
    private static readonly string[] References =
    [
        "Linq.Provider.dll", "Linq.Sql.dll", "Linq.Migrations.dll", "Npgsql.dll", "Microsoft.Extensions.Logging.Abstractions.dll",
    ];

    public FixtureProject(string modelSource)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // Stop MSBuild from looking for Directory.Build.props or Directory.Packages.props above the temp folder.
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Directory, "Fixture.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
            {string.Concat(References.Select(r => $"    <Reference Include=\"{Path.Combine(Tool.BinDirectory, r)}\" />\n"))}    <Analyzer Include="{Tool.GeneratorPath}" />
              </ItemGroup>
            </Project>
            """);
        WriteModel(modelSource);
    }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "linq_cli_fixture_" + Guid.NewGuid().ToString("N")[..10]);

    public string MigrationsDirectory => Path.Combine(Directory, "migrations");

    public void WriteModel(string source) => File.WriteAllText(Path.Combine(Directory, "Model.cs"), source);

    /// <summary>The migration folders, in order.</summary>
    public IReadOnlyList<string> Migrations() =>
        System.IO.Directory.Exists(MigrationsDirectory)
            ? System.IO.Directory.GetDirectories(MigrationsDirectory).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList()
            : [];

    public string MigrationSql(string folder) => File.ReadAllText(Path.Combine(MigrationsDirectory, folder, "migration.sql"));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
