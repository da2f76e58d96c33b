namespace Linq.Cli.Output;

/// <summary>An expected failure: the tool prints its one-line message (no stack trace) and exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>An expected failure (bad input, refused change, database error, not up to date); the reason is on stderr.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C / SIGINT), after cleaning up.</summary>
    public const int Cancelled = 130;
}
