using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Linq.Diagnostics;

/// <summary>
/// The calling code of a statement: the first stack frame outside Linq's own assemblies, the framework and Npgsql.
/// Taken only when the N+1 detector reports (never per statement). Uses <see cref="DiagnosticMethodInfo"/>, which is
/// NativeAOT-safe: where method metadata or stack traces are stripped, it says <c>unknown</c> instead.
/// </summary>
internal static partial class CallerLocation
{
    private static readonly string[] OwnAssemblies = ["Linq.Provider", "Linq.Sql", "Linq.Migrations", "Linq.OpenTelemetry"];
    private static readonly string[] FrameworkPrefixes = ["System.", "Microsoft.", "Npgsql", "xunit.", "mscorlib", "netstandard"];

    public static string Find()
    {
        try
        {
            foreach (var frame in new StackTrace(1, fNeedFileInfo: true).GetFrames())
            {
                if (DiagnosticMethodInfo.Create(frame) is not { } method || IsLibrary(method.DeclaringAssemblyName))
                {
                    continue;
                }

                var name = Describe(method.DeclaringTypeName, method.Name);
                return frame.GetFileName() is { } file
                    ? $"{name} ({Path.GetFileName(file)}:{frame.GetFileLineNumber()})"
                    : name;
            }
        }
        catch (Exception error) when (error is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // No stack trace in this runtime: the report still names the shape and the count.
        }

        return "unknown";
    }

    private static bool IsLibrary(string? assembly)
    {
        if (string.IsNullOrEmpty(assembly))
        {
            return true;
        }

        var comma = assembly.IndexOf(',', StringComparison.Ordinal);
        var name = comma < 0 ? assembly : assembly[..comma];
        return OwnAssemblies.Contains(name, StringComparer.Ordinal)
            || name is "System" or "mscorlib" or "netstandard" or "System.Private.CoreLib"
            || FrameworkPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    // An async method runs in its state machine's MoveNext: name the method the user wrote.
    private static string Describe(string? type, string method)
    {
        if (type is null)
        {
            return method;
        }

        return StateMachine().Match(type) is { Success: true } m
            ? m.Groups[1].Value.Replace('+', '.') + "." + m.Groups[2].Value
            : type.Replace('+', '.') + "." + method;
    }

    [GeneratedRegex(@"^(.+)\+<([^>]+)>d__\d+$")]
    private static partial Regex StateMachine();
}
