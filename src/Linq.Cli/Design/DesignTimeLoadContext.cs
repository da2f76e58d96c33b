using System.Reflection;
using System.Runtime.Loader;

namespace Linq.Cli.Design;

/// <summary>
/// Loads the user's built assembly and its dependencies (resolved through its <c>.deps.json</c>) beside the tool. The
/// assemblies the tool ships itself (Linq.*, Npgsql, System.*) are shared with the tool, so the schema model the
/// generated entry point returns is the tool's own <c>SchemaDefinition</c> type.
/// </summary>
internal sealed class DesignTimeLoadContext(string mainAssemblyPath) : AssemblyLoadContext("linq-design-time")
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    /// <summary>Whether the tool ships an assembly of this name (then it is shared, not loaded again).</summary>
    public static bool IsShared(AssemblyName name) =>
        name.Name is { } simple && File.Exists(Path.Combine(AppContext.BaseDirectory, simple + ".dll"));

    /// <summary>Whether the user's deps.json knows the assembly (so it is the user's, not the framework's).</summary>
    public bool CanResolve(AssemblyName name) => _resolver.ResolveAssemblyToPath(name) is not null;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
