namespace Linq.Aot.Tests;

/// <summary>
/// A fact that needs the native toolchain NativeAOT links with (clang or gcc, and zlib). Without it the test is skipped,
/// unless <c>CI</c> is set: on CI it always runs (and fails if the toolchain is missing; <c>.ci/run</c> installs it).
/// </summary>
public sealed class NativeAotFactAttribute : FactAttribute
{
    public NativeAotFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && NativeToolchain.Missing() is { } missing)
        {
            Skip = $"No {missing} for NativeAOT on this machine (.ci/run installs clang and zlib1g-dev; with CI set this test always runs).";
        }
    }
}

/// <summary>What NativeAOT needs from the machine on Linux: a C compiler driver to link with and zlib.</summary>
internal static class NativeToolchain
{
    public static string? Missing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Linux toolchain (the test publishes for linux-x64)";
        }

        if (!OnPath("clang") && !OnPath("gcc"))
        {
            return "clang";
        }

        string[] libraries = ["/usr/lib/x86_64-linux-gnu/libz.so", "/usr/lib/x86_64-linux-gnu/libz.a", "/usr/lib64/libz.so", "/usr/lib/libz.so", "/lib/x86_64-linux-gnu/libz.so"];
        return libraries.Any(File.Exists) ? null : "zlib (libz.so)";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
