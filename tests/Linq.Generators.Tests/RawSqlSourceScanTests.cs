namespace Linq.Generators.Tests;

/// <summary>
/// Raw SQL results are read by generated code found through a static generic slot: the runtime half and the
/// emitted code neither discover members nor invoke anything dynamically (stricter than the library-wide scan,
/// which the LINQ compiler's expression trees need). Asking a Type for its array element or Nullable
/// underlying type, to check a column's server type, is all they do with types.
/// </summary>
public class RawSqlSourceScanTests
{
    private static readonly string[] Forbidden =
    [
        "System.Reflection", "GetProperties", "GetProperty(", "GetField(", "GetFields(", "GetMethod", "GetConstructor", "GetCustomAttribute", "MakeGenericMethod",
        "MakeGenericType", "Activator", "PropertyInfo", "FieldInfo", "MethodInfo", ".Invoke(", ".SetValue(", "Expression.Lambda", ".Compile(",
    ];

    [Fact]
    public void Raw_sql_runtime_and_emitter_use_no_reflection()
    {
        var root = SourceScanTests.FindRepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src", "Linq.Provider", "RawSql"), "*.cs")
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src", "Linq.Provider", "Contract"), "SqlResult*.cs"))
            .Append(Path.Combine(root, "src", "Linq.Provider", "Public", "LinqDatabase.RawSql.cs"))
            .Append(Path.Combine(root, "src", "Linq.Generators", "SqlResultEmitter.cs"))
            .ToList();
        Assert.True(files.Count > 10, string.Join(", ", files));
        Assert.All(files, f => Assert.True(File.Exists(f), f));

        var offences = files.SelectMany(file => Forbidden
                .Where(word => File.ReadAllText(file).Contains(word, StringComparison.Ordinal))
                .Select(word => Path.GetRelativePath(root, file) + ": " + word))
            .ToList();
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }
}
